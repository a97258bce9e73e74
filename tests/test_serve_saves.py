"""A save is one the page meant (issue 32, second pass): a save that names no version of the deck is refused in
words at its form, what was typed kept (it could undo any change made since); a save that lands sends the browser
on (Post/Redirect/Get, 303), so a refresh asks for the page again and never posts the save a second time."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from .serveclient import PORT, shown_version, signed_in
from .test_serve_stale import MINE, field, table, text, texts_form


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    return signed_in(tmp_path, monkeypatch, new_deck="mine")


def state(folder: Path) -> dict:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("version", [None, "", "   "])
def test_a_persons_save_without_a_version_is_refused_at_its_form(client, version):
    before = state(MINE)
    data = {**table("Zonder Versie"), **({} if version is None else {"version": version})}
    refused = client.post("/decks/mine/persons", data=data)
    assert refused.status_code == 409 and state(MINE) == before
    said = text(refused.text)
    assert "Niet bewaard: deze opdracht zei niet van welke versie van het kaartspel zij uitging" in said
    assert "Zonder die versie kan de werkplaats niet zien" in said and "Traceback" not in said
    assert "doe het dan nog eens" in said and "de andere verandering te zien" not in said  # none is known
    assert 'value="Zonder Versie"' in refused.text  # typed, kept
    again = client.post("/decks/mine/persons", data={**data, "anyway": field(refused.text, "anyway")})
    assert again.status_code == 200 and "Zonder Versie" in (MINE / "persons.yaml").read_text(encoding="utf-8")


def test_a_texts_save_without_a_version_is_refused_in_the_decks_language(client):
    client.cookies.set(f"datadialoog_lang_{PORT}", "en")  # the page in English, the refusal in the deck's Dutch
    typed = texts_form(client.get("/decks/mine/texts").text, **{"deck.yaml__title": "Geen versie"})
    before = state(MINE)
    for version in (None, ""):
        form = {k: v for k, v in typed.items() if k != "version"} | ({} if version is None else {"version": version})
        refused = client.post("/decks/mine/texts", data=form)
        assert refused.status_code == 409 and state(MINE) == before
        assert "Niet bewaard: deze opdracht zei niet van welke versie" in text(refused.text)
        assert "Geen versie" in refused.text


def test_an_import_without_a_version_is_refused(client):
    csv = client.get("/decks/mine/persons.csv").content
    before = state(MINE)
    for data in ({"mode": "replace"}, {"mode": "replace", "version": ""}):
        refused = client.post("/decks/mine/import", files={"file": ("p.csv", csv, "text/csv")}, data=data)
        assert refused.status_code == 409 and state(MINE) == before
        assert "deze opdracht zei niet van welke versie" in text(refused.text)


def test_a_persons_save_sends_the_browser_on_and_says_saved_once(client):
    """303 to the persons page; it says *Bewaard* once; a refresh shows the page without it and writes nothing."""
    saved = client.post(
        "/decks/mine/persons",
        data={**table("Een Keer"), "version": shown_version(client, "/decks/mine/persons")},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/decks/mine/persons"
    after = state(MINE)
    shown = client.get("/decks/mine/persons")
    assert "Bewaard" in shown.text and 'value="Een Keer"' in shown.text
    again = client.get("/decks/mine/persons")
    assert "Bewaard" not in again.text and state(MINE) == after


def test_a_texts_save_sends_the_browser_on(client):
    typed = texts_form(client.get("/decks/mine/texts").text, **{"deck.yaml__title": "Doorgestuurd"})
    saved = client.post("/decks/mine/texts", data=typed, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/decks/mine/texts"
    assert "Bewaard" in client.get("/decks/mine/texts").text
    assert "Bewaard" not in client.get("/decks/mine/texts").text
    unchanged = client.post("/decks/mine/texts", data=texts_form(client.get("/decks/mine/texts").text))
    assert unchanged.status_code == 200 and "Bewaard" not in unchanged.text  # nothing changed, nothing said


def test_an_import_sends_the_browser_on_to_the_decks_page(client):
    csv = client.get("/decks/mine/persons.csv").content
    version = shown_version(client, "/", "/decks/mine/import")
    done = client.post(
        "/decks/mine/import",
        files={"file": ("p.csv", csv, "text/csv")},
        data={"mode": "replace", "version": version},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert "Ingelezen uit p.csv: 20 personen" in text(client.get("/").text)
    assert "Ingelezen uit" not in text(client.get("/").text)


def test_a_note_is_for_its_own_page_only(client):
    """The note a save leaves names its page: another page does not say *Bewaard*, nor does a forged note."""
    version = shown_version(client, "/decks/mine/persons")
    client.post("/decks/mine/persons", data={**table("Een Keer"), "version": version}, follow_redirects=False)
    assert "Bewaard" not in client.get("/decks/mine/texts").text
    client.cookies.set(f"datadialoog_note_{PORT}", "/decks/mine/texts|imported:x:1:<b>")
    assert "<b>" not in client.get("/").text
