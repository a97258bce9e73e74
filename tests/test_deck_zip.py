"""A deck as a zip and back (the workspace and its web edition): the same deck comes back, and a hostile zip is
refused with one message, writing nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from datadialoog_print.assemble.decks import load_deck
from datadialoog_print.deck.locate import shipped_dir
from datadialoog_print.trainer.deckzip import MAX_ENTRIES, open_deck_zip, read_deck_zip

from .serveclient import signed_in


@pytest.fixture
def client(tmp_path, monkeypatch):
    return signed_in(tmp_path, monkeypatch)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_a_shipped_deck_goes_out_and_comes_back_the_same(client):
    """default-en takes its persons from default: its zip stands alone, and opened again it is the same deck."""
    r = client.get("/decks/default-en/deck.zip")
    assert r.status_code == 200 and r.headers["content-disposition"] == 'attachment; filename="default-en-deck.zip"'
    assert client.get("/decks/default-en/deck.zip").content == r.content  # the same bytes each time
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert "default-en/persons.yaml" in names and "default-en/deck.yaml" in names
    opened = client.post("/decks/open", files={"file": ("deck.zip", r.content, "application/zip")}, data={"name": ""})
    assert opened.status_code == 200 and "default-en is geopend" in opened.text  # sent on to the decks page, said once
    again = load_deck(Path("decks") / "default-en")
    shipped = load_deck(shipped_dir() / "default-en")
    assert again.persons == shipped.persons and again.title == shipped.title and again.texts == shipped.texts
    named = client.post("/decks/open", files={"file": ("d.zip", r.content)}, data={"name": "voor-collega"})
    assert named.status_code == 200 and (Path("decks") / "voor-collega" / "deck.yaml").is_file()
    twice = client.post("/decks/open", files={"file": ("d.zip", r.content)}, data={"name": "voor-collega"})
    assert twice.status_code == 422  # at the name's field, in the page's language
    assert 'id="deckzip-name-error">er is al een kaartspel met de korte naam voor-collega' in twice.text
    bad = client.post("/decks/open", files={"file": ("d.zip", r.content)}, data={"name": "../elders"})
    assert bad.status_code == 422 and 'id="deckzip-name-error">‘../elders’ kan geen korte naam zijn' in bad.text
    empty = client.post("/decks/open", files={"file": ("d.zip", b"")}, data={"name": ""})
    assert empty.status_code == 422 and 'id="deckzip-file-error">Kies eerst een zip-bestand' in empty.text


def deck_files() -> dict[str, bytes]:
    folder = shipped_dir() / "default"
    return {name: (folder / name).read_bytes() for name in ("deck.yaml", "persons.yaml", "answers.yaml", "texts.yaml")}


HOSTILE = {
    "not a zip": b"PK\x03\x04 not really",
    "a path above": _zip({"../deck.yaml": b"x", "x/persons.yaml": b"y"}),
    "deep": _zip({f"a/b/{n}": d for n, d in deck_files().items()}),
    "two decks": _zip({**{f"a/{n}": d for n, d in deck_files().items()}, "b/deck.yaml": b"title: x"}),
    "twice": _zip({"a/deck.yaml": deck_files()["deck.yaml"], "b/deck.yaml": deck_files()["deck.yaml"]}),
    "no deck.yaml": _zip({"a/persons.yaml": b"[]"}),
    "too many": _zip({f"a/readme-{i}.txt": b"" for i in range(MAX_ENTRIES + 1)}),
    "a broken deck": _zip({"a/deck.yaml": b"title: [unclosed"}),
    "a bomb": _zip({"a/deck.yaml": b"#" * (21 * 1024 * 1024)}),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_zip_is_refused_writing_nothing(client, case):
    r = client.post("/decks/open", files={"file": ("deck.zip", HOSTILE[case], "application/zip")}, data={"name": "x"})
    assert r.status_code == 422 and 'id="deckzip-file-error">Dit bestand is geen zip van één kaartspel' in r.text
    assert "Traceback" not in r.text and "the zip" not in r.text and "not a zip" not in r.text  # no English
    assert not (Path("decks") / "x").exists() and not (Path("decks") / "a").exists()


def test_the_zips_bounds_at_max_and_max_plus_one(tmp_path):
    at_max = _zip(
        {**{f"a/{n}": d for n, d in deck_files().items()}, **{f"a/r{i}.txt": b"" for i in range(MAX_ENTRIES - 4)}}
    )
    assert read_deck_zip(at_max)[0] == "a"
    over = _zip(
        {**{f"a/{n}": d for n, d in deck_files().items()}, **{f"a/r{i}.txt": b"" for i in range(MAX_ENTRIES - 3)}}
    )
    with pytest.raises(Exception, match="entries"):
        read_deck_zip(over)
    assert open_deck_zip(at_max, "b", decks_dir=tmp_path).name == "b"
