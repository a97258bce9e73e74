"""Every build its own (issue 32): a result page, its thumbnails, its downloads and its zip come from that build's
set only, whatever was built since; builds are found again after a refresh or a restart, kept to a bound, removable,
and a build that is gone says so in words, never with another build's file."""

from __future__ import annotations

import io
import json
import re
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from starlette.testclient import TestClient

from datadialoog_print.cli import cli
from datadialoog_print.serve import history
from datadialoog_print.serve.app import create_app

from .serveclient import BASE, PORT, TOKEN, signed_in


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    return signed_in(tmp_path, monkeypatch)


def builder(client: TestClient):
    """The app's one build thread (the guard wraps the Starlette app)."""
    return client.app.app.state.builder


@pytest.fixture
def held(client: TestClient):
    """A function: the build thread kept busy until the event it returns is set, so a build asked for now waits (as
    behind another tab's); set in the end whatever happens, so a failing test does not keep the thread."""
    events = []

    def hold() -> threading.Event:
        events.append(threading.Event())
        builder(client)._pool.submit(events[-1].wait)
        return events[-1]

    yield hold
    for event in events:
        event.set()


def follow(client: TestClient, answer) -> str:
    """An htmx build answer followed to its end (its progress stream); the build's page address."""
    events = answer.text.split('data-events="')[1].split('"')[0]
    with client.stream("GET", events) as stream:
        assert "event: done" in "".join(stream.iter_text())
    return events.removesuffix("/events")


def card_pages(client: TestClient, base: str) -> list:
    """The first series' card file as that build's page hands it out, read as a printer would."""
    data = client.get(f"{base}/files/kaarten-reeks-1-groen.pdf").content
    return PdfReader(io.BytesIO(data)).pages


def size_mm(page) -> tuple[float, float]:
    return tuple(round(float(v) * 25.4 / 72, 1) for v in page.mediabox[2:])


def set_letters(pages) -> set[str]:
    return set(re.findall(r"set ([A-Z])\b", " ".join(p.extract_text() for p in pages[::2])))


def test_two_tabs_building_different_options_at_once_each_get_their_own_bytes(client, held):
    """A4 with one set in one tab, Letter with two in the other, posted while the first waits: each result page
    names its own options and hands out its own card file (page size and set letters), whatever came after."""
    release = held()
    a4 = client.post("/decks/default/build", data={"paper": "a4", "only": ["cards"]}, headers={"hx-request": "true"})
    letter = client.post(
        "/decks/default/build", data={"paper": "letter", "sets": "2", "only": ["cards"]}, headers={"hx-request": "true"}
    )
    release.set()
    first, second = follow(client, a4), follow(client, letter)
    assert first != second and a4.headers["hx-push-url"] == first  # a refresh finds the build
    pages = card_pages(client, first)
    assert size_mm(pages[0]) == (210.0, 297.0) and set_letters(pages) == set()  # one set prints no letter
    pages = card_pages(client, second)
    assert size_mm(pages[0]) == (215.9, 279.4) and set_letters(pages) == {"A", "B"}
    shown = client.get(first).text
    assert "<dd>A4</dd>" in shown and "Letter" not in shown.split('id="facts-title"')[1].split("</dl>")[0]
    assert "<dd>Letter</dd>" in client.get(second).text
    with zipfile.ZipFile(io.BytesIO(client.get(f"{first}/set.zip").content)) as z:
        manifest = json.loads(z.read("default/manifest.json"))
        assert manifest["options"]["paper"] == "a4" and manifest["options"]["sets"] == 1


def test_an_old_result_page_after_a_newer_build_still_hands_out_its_own(client, tmp_path):
    """The newest set is also where the CLI writes it; an older build's page and files stay its own, and both
    folders pass verify."""
    old = client.post(
        "/decks/default/build", data={"paper": "a4", "only": ["cards", "answers"]}, follow_redirects=False
    )
    old = old.headers["location"]
    before = client.get(f"{old}/files/kaarten-reeks-1-groen.pdf").content
    new = client.post("/decks/default/build", data={"paper": "letter", "only": ["cards"]}, follow_redirects=False)
    new = new.headers["location"]
    assert client.get(f"{old}/files/kaarten-reeks-1-groen.pdf").content == before
    assert size_mm(card_pages(client, old)[0]) == (210.0, 297.0)
    assert size_mm(card_pages(client, new)[0]) == (215.9, 279.4)
    assert "antwoordblad.pdf" in client.get(old).text and "antwoordblad.pdf" not in client.get(new).text
    png = client.get(f"{old}/pages/kaarten-reeks-1-groen.pdf/1.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    cli_folder = tmp_path / "output" / "default"
    newest = json.loads((cli_folder / "manifest.json").read_text(encoding="utf-8"))
    assert newest["options"]["paper"] == "letter"
    assert (cli_folder / "kaarten-reeks-1-groen.pdf").read_bytes() == client.get(
        f"{new}/files/kaarten-reeks-1-groen.pdf"
    ).content
    for folder in (
        cli_folder,
        *(tmp_path / "output" / ".builds" / "default" / u.rsplit("/", 1)[1] for u in (old, new)),
    ):
        result = CliRunner().invoke(cli, ["verify", str(folder)], catch_exceptions=False)
        assert result.exit_code == 0, (folder, result.output)
        assert "not from a build" not in result.output  # the CLI's folder holds nothing of the workspace's


def test_the_page_of_a_running_build_comes_back_after_a_refresh_or_a_restart(client, held):
    """While it waits its page shows it running (so do the print form and the decks page); once done, its result;
    a new start of the workspace finds it from its folder alone."""
    release = held()
    answer = client.post("/decks/default/build", data={"only": ["answers"]}, headers={"hx-request": "true"})
    url = answer.headers["hx-push-url"]
    running = client.get(url)
    assert (
        running.status_code == 200 and "data-events=" in running.text and "Wacht op de vorige opdracht" in running.text
    )
    assert f'href="{url}"' in client.get("/decks/default/print").text
    assert 'href="/decks/default/builds">Wordt nu gemaakt' in client.get("/").text
    release.set()
    follow(client, answer)
    assert "antwoordblad.pdf" in client.get(url).text
    assert f'href="{url}"' in client.get("/").text  # the decks page leads to the deck's last result
    again = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    again.get(f"/?token={TOKEN}")
    page = again.get(url)
    assert page.status_code == 200 and "antwoordblad.pdf" in page.text and "Gevraagd op" in page.text


def test_the_result_page_names_what_was_asked_and_when(client):
    """Paper, sets, printer and its offset, shop, documents, and the time it was asked, as data (BuildFacts)."""
    client.post("/printers", data={"name": "Kantoor 2e", "duplex": "short", "x": "1,5", "y": "-1"})
    url = client.post(
        "/decks/default/build", data={"printer": "Kantoor 2e", "sets": "2", "only": ["cards"]}, follow_redirects=False
    ).headers["location"]
    name, build_id = url.split("/")[2], url.split("/")[4]
    facts = history.read_build(name, build_id)
    assert (facts.paper, facts.sets, facts.printer, facts.back_offset, facts.duplex) == (
        "a4",
        2,
        "Kantoor 2e",
        (1.5, -1.0),
        "short",
    )
    assert facts.documents == ("cards",) and facts.shop == "" and facts.asked.strftime("%Y%m%d-%H%M%S") == build_id[:15]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(url).text))
    assert "Printer Kantoor 2e" in text and "Verschuiving achterkant 1,5, -1 mm" in text and "Kaartsets 2" in text
    assert f"Gevraagd op {facts.asked.day} december" in text or "Gevraagd op" in text
    english = client.get(url, headers={"accept-language": "en"}).text
    assert "What was asked" in english and "1.5, -1 mm" in english


def test_a_removed_build_says_so_in_words_and_serves_nothing(client):
    """Removed from the list: its page answers in the page's language, its files, thumbnails and zip are 404, and the
    build made after it is untouched."""
    first = client.post("/decks/default/build", data={"only": ["answers"]}, follow_redirects=False).headers["location"]
    second = client.post("/decks/default/build", data={"only": ["answers"]}, follow_redirects=False).headers["location"]
    listed = client.get("/decks/default/builds").text
    assert listed.count("Verwijderen</button>") == 2
    removed = client.post(f"{first}/remove", follow_redirects=False)
    assert removed.status_code == 303 and removed.headers["location"].startswith("/decks/default/builds")
    gone = client.get(first)
    assert gone.status_code == 404 and "Dit resultaat is er niet meer" in gone.text
    assert "This result is no longer here" in client.get(first, headers={"accept-language": "en"}).text
    for path in ("/files/antwoordblad.pdf", "/pages/antwoordblad.pdf/1.png", "/set.zip", "/files/manifest.json"):
        assert client.get(first + path).status_code == 404, path
    assert client.get(f"{second}/files/antwoordblad.pdf").status_code == 200
    assert client.post(f"{first}/remove").status_code == 404
    assert client.get("/decks/default/builds/20000101-000000-0000").status_code == 404  # never made


def test_builds_are_kept_to_a_bound(client, monkeypatch):
    """Past the bound the oldest go when a build is done; their pages say so."""
    monkeypatch.setattr(history, "KEEP", 2)
    made = [
        client.post("/decks/default/build", data={"only": ["answers"]}, follow_redirects=False).headers["location"]
        for _ in range(3)
    ]
    assert client.get(made[0]).status_code == 404
    assert [client.get(u).status_code for u in made[1:]] == [200, 200]
    assert len(history.list_builds("default")) == 2


def test_a_failed_build_leaves_nothing_in_the_history(client, tmp_path):
    """A card size the texts cannot fit: the CLI's message, and no half set kept."""
    r = client.post("/decks/default/build", data={"card_size": "30x40"})
    assert r.status_code == 422
    folder = tmp_path / "output" / ".builds" / "default"
    assert not folder.exists() or not any(folder.iterdir())


def test_a_damaged_pdf_gives_a_page_in_words(client, tmp_path):
    """A thumbnail of a file damaged on disk since: a page that says so (422), not a server error."""
    url = client.post("/decks/default/build", data={"only": ["answers"]}, follow_redirects=False).headers["location"]
    kept = tmp_path / "output" / ".builds" / "default" / url.rsplit("/", 1)[1] / "antwoordblad.pdf"
    kept.write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    r = client.get(f"{url}/pages/antwoordblad.pdf/1.png")
    assert r.status_code == 422 and "beschadigd" in r.text


@pytest.mark.parametrize("build_id", ["../default", "20261207-143012-9f3a/../../x", "x" * 20, "20261207-143012-9F3A"])
def test_a_build_id_is_never_a_path(client, build_id):
    assert client.get(f"/decks/default/builds/{build_id}/files/manifest.json").status_code == 404
