"""A kept build that is odd on disk (issue 32, second pass): a manifest with values this version does not know, a
folder that is a symbolic link, a file gone or made a link, two builds asked for in one second. Each gets a page in
words, never a server error, another folder's files, or a zip that looks whole without a file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from datadialoog_print.errors import OutputError
from datadialoog_print.serve import history

from .serveclient import signed_in
from .test_serve_stale import text


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    return signed_in(tmp_path, monkeypatch)


def built(client: TestClient) -> tuple[str, Path]:
    """A build of the answer sheet: its page's address and its folder."""
    url = client.post("/decks/default/build", data={"only": ["answers"]}, follow_redirects=False).headers["location"]
    return url, Path("output/.builds/default") / url.rsplit("/", 1)[1]


ODD = {
    "paper": lambda o: o | {"paper": "a3x"},
    "duplex": lambda o: o | {"duplex": "sideways"},
    "shop": lambda o: o | {"shop": "elders"},
    "offset": lambda o: o | {"back_offset_mm": "links"},
    "card size": lambda o: o | {"card_size": {"name": 5}},
    "only": lambda o: o | {"only": "answers"},
    "sets": lambda o: o | {"sets": "veel"},
    "no options": lambda o: [],
}
FILES = {
    "a file entry that is text": lambda f: "antwoordblad",
    "pages that are no number": lambda f: f | {"pages": "veel"},
    "cards that are a list": lambda f: f | {"cards": [1]},
}


@pytest.mark.parametrize("odd", [*ODD, *FILES])
def test_a_manifest_with_values_this_version_does_not_know_is_a_page_in_words(client, odd):
    """The result page says it cannot be read (422); the list, the decks page and the print form still show, the set
    serves nothing, and it can be removed."""
    url, folder = built(client)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    if odd in FILES:
        manifest["files"]["antwoordblad.pdf"] = FILES[odd](manifest["files"]["antwoordblad.pdf"])
    else:
        manifest["options"] = ODD[odd](manifest["options"])
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    page = client.get(url)
    assert page.status_code == 422 and "Dit resultaat kan niet gelezen worden" in text(page.text)
    listed = client.get("/decks/default/builds")
    assert listed.status_code == 200 and "kan niet gelezen worden; verwijder het" in text(listed.text)
    assert client.get("/").status_code == 200 and client.get("/decks/default/print").status_code == 200
    for path in ("/files/antwoordblad.pdf", "/pages/antwoordblad.pdf/1.png", "/set.zip"):
        assert client.get(url + path).status_code == 404, path
    assert client.post(f"{url}/remove", follow_redirects=False).status_code == 303
    assert not folder.exists() and client.get(url).status_code == 404


def test_a_build_folder_that_is_a_link_serves_nothing_and_goes_as_a_link(client, tmp_path):
    url, folder = built(client)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder, elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)
    assert client.get(url).status_code == 422
    assert client.get(f"{url}/files/antwoordblad.pdf").status_code == 404
    assert client.get(f"{url}/set.zip").status_code == 404
    assert "kan niet gelezen worden" in text(client.get("/decks/default/builds").text)
    assert client.post(f"{url}/remove", follow_redirects=False).status_code == 303
    assert not folder.is_symlink() and (elsewhere / "antwoordblad.pdf").is_file()  # the link went, not its target


def test_a_builds_folder_that_is_a_link_is_never_written_through(client, tmp_path):
    url, folder = built(client)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder.parent, elsewhere)
    folder.parent.symlink_to(elsewhere, target_is_directory=True)
    before = sorted(p.name for p in elsewhere.iterdir())
    assert client.get(url).status_code == 404 and client.get(f"{url}/files/antwoordblad.pdf").status_code == 404
    refused = client.post("/decks/default/build", data={"only": ["answers"]}, follow_redirects=False)
    assert refused.status_code == 422 and "symbolic link" in text(refused.text)
    assert sorted(p.name for p in elsewhere.iterdir()) == before


@pytest.mark.parametrize("how", ["missing", "link"])
def test_the_zip_refuses_a_set_without_one_of_its_files(client, tmp_path, how):
    url, folder = built(client)
    (folder / "antwoordblad.pdf").unlink()
    if how == "link":
        (tmp_path / "other.pdf").write_bytes(b"%PDF-1.4 not this set's")
        (folder / "antwoordblad.pdf").symlink_to(tmp_path / "other.pdf")
    refused = client.get(f"{url}/set.zip")
    assert refused.status_code == 409 and refused.headers["content-type"].startswith("text/html")
    assert "De zip wordt niet gemaakt: het bestand antwoordblad.pdf van deze set ontbreekt" in text(refused.text)
    english = client.get(f"{url}/set.zip", headers={"accept-language": "en"})
    assert "The zip is not made: the file antwoordblad.pdf" in text(english.text)


def test_no_two_builds_share_an_id(client, monkeypatch):
    """Two builds asked for in the same second drawing the same random digits: the second gets another id; where
    none is free the build is refused, never given a folder that is another's."""
    drawn = iter(["20261207-143012-aaaa", "20261207-143012-aaaa", "20261207-143012-bbbb"])
    monkeypatch.setattr(history, "new_build_id", lambda now=None: next(drawn))
    assert (history.reserve("default"), history.reserve("default")) == ("20261207-143012-aaaa", "20261207-143012-bbbb")
    monkeypatch.setattr(history, "new_build_id", lambda now=None: "20261207-143012-aaaa")
    with pytest.raises(OutputError):
        history.reserve("default")
