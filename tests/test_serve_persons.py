"""The workspace's persons page in-process: edits shown as figures at once, saved as import saves, and its refusals."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from datadialoog_print.assemble.decks import load_deck
from datadialoog_print.cli import cli

from .serveclient import PORT, shown_version, signed_in


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    """A browser on the workspace started in a folder with a local deck ``mine`` made from the default deck."""
    return signed_in(tmp_path, monkeypatch, new_deck="mine")


def table(deck) -> list[tuple[str, str]]:
    """The persons as the page's form posts them: one field per cell, row by row, and each ticked Gepseudonimiseerd
    box with its row's number (the hidden 'boxes' field says the table has them)."""
    hidden = {n for s in deck.series for n in s.pseudonymised}
    fields = [("boxes", "pseudonymised")]
    for i, p in enumerate(deck.persons):
        fields += [("name", p.name), ("series", p.series)]
        fields += [("pseudonymised", str(i))] if p.name in hidden else []
        fields += [(a.key, str(p.values[a.key])) for a in deck.attributes]
    return fields


def aged(deck, years: int) -> list[tuple[str, str]]:
    """The table with every person of the first series ``years`` older: the age row's lesson turns round."""
    first = {p.name for p in deck.persons_in(deck.series[0])}
    out, name = [], ""
    for key, value in table(deck):
        name = value if key == "name" else name
        out.append((key, str(int(value) + years)) if key == "leeftijd" and name in first else (key, value))
    return out


def form(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The fields as a form body: each name's values in row order."""
    out: dict[str, list[str]] = {}
    for key, value in fields:
        out.setdefault(key, []).append(value)
    return out


def version(client) -> str:
    """The version the persons page's form posts back (a browser's save always carries it)."""
    return shown_version(client, "/decks/mine/persons")


def state(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def test_page_lists_every_person_with_dropdowns(client):
    deck = load_deck(Path("decks/mine"))
    html = client.get("/decks/mine/persons").text
    assert html.count('name="name"') == len(deck.persons)
    category = next(a for a in deck.attributes if a.kind.name == "CATEGORY")
    assert f'<select name="{category.key}"' in html
    assert all(c in html for c in category.categories)
    assert "Reeks 1" in html and "Het antwoordblad met deze personen" in html
    assert 'href="/decks/mine/persons"' in client.get("/").text


def test_figures_follow_the_edit_and_the_verdict_breaks(client):
    """Ageing series 1 by 16 years moves the age row's figure and turns its verdict into a broken one, in Dutch."""
    deck = load_deck(Path("decks/mine"))
    files = state(Path("decks/mine"))
    before = client.post("/decks/mine/persons/figures", data=form(table(deck)))
    assert before.status_code == 200 and 'role="alert"' not in before.text
    assert '<li class="error">' not in before.text and "Waarschuwingen bij deze personen" not in before.text
    after = client.post("/decks/mine/persons/figures", data=form(aged(deck, 16)))
    assert after.status_code == 200
    broken = [li for li in after.text.split("<li") if li.startswith(' class="error">')]
    assert len(broken) == 1 and "Leeftijd" in after.text, broken
    assert "Waarschuwingen bij deze personen" in after.text
    warnings = after.text.split("Waarschuwingen bij deze personen", 1)[1]
    assert "de les vraagt" in warnings  # the verdict's words, not the YAML's position of unsaved rows
    assert "comparisons[" not in warnings and "answers.yaml:" not in warnings
    assert state(Path("decks/mine")) == files  # the figures write nothing


def test_bad_value_shows_its_message_in_its_row_and_nothing_is_saved(client):
    deck = load_deck(Path("decks/mine"))
    age = next(a for a in deck.attributes if a.key == "leeftijd")
    fields = table(deck)
    at = [i for i, (k, _) in enumerate(fields) if k == "leeftijd"][2]
    fields[at] = ("leeftijd", str(int(age.maximum) + 1))
    before = state(Path("decks/mine"))
    r = client.post("/decks/mine/persons/figures", data=form(fields))
    assert r.status_code == 422
    assert (  # the column's header first (issue 36): the message names where it is, in the deck's language
        '<span class="error" id="msg-2" hx-swap-oob="true">'
        + f"Leeftijd: {int(age.maximum) + 1} is hoger dan het maximum"
        in r.text
    )
    assert f"Rij 3, Leeftijd: {int(age.maximum) + 1} is hoger dan het maximum 120" in r.text  # above, by row
    assert '<span class="error" id="msg-1" hx-swap-oob="true"></span>' in r.text
    fields[at] = ("leeftijd", str(int(age.maximum)))  # the bound itself is taken
    assert client.post("/decks/mine/persons/figures", data=form(fields)).status_code == 200
    fields[at] = ("leeftijd", "36,5")  # a decimal in a whole-number attribute
    r = client.post("/decks/mine/persons", data=form(fields))
    assert r.status_code == 422 and "36,5 is geen heel getal; Leeftijd neemt alleen hele getallen" in r.text
    fields[at] = ("leeftijd", "veertig")
    r = client.post("/decks/mine/persons", data=form(fields))
    assert r.status_code == 422 and 'aria-invalid="true"' in r.text and "veertig is geen getal" in r.text
    assert state(Path("decks/mine")) == before


def test_cell_messages_are_in_the_decks_language_never_the_loaders_english(client):
    """A Dutch deck's bad cells in Dutch, also when the trainer reads the workspace in English (as the lesson's
    verdicts are); an English deck's in English."""
    deck = load_deck(Path("decks/mine"))
    fields = table(deck)
    ages = [i for i, (k, _) in enumerate(fields) if k == "leeftijd"]
    names = [i for i, (k, _) in enumerate(fields) if k == "name"]
    fields[ages[0]] = ("leeftijd", "")
    fields[names[1]] = ("name", fields[names[0]][1])
    fields[names[1] + 1] = ("series", "9")
    nl = client.post("/decks/mine/persons/figures", data=form(fields)).text
    assert "mag niet leeg zijn" in nl and "staat al in een andere rij" in nl and "9 is geen reeks" in nl
    assert "must not" not in nl and "duplicate" not in nl and "unknown series" not in nl
    client.cookies.set(f"datadialoog_lang_{PORT}", "en")
    assert "mag niet leeg zijn" in client.post("/decks/mine/persons/figures", data=form(fields)).text
    assert CliRunner().invoke(cli, ["new", "mine-en", "--from", "default-en"]).exit_code == 0
    english = load_deck(Path("decks/mine-en"))
    fields = table(english)
    fields[2] = ("series", "9")  # fields[0] is the boxes marker, [1] the first name
    en = client.post("/decks/mine-en/persons/figures", data=form(fields)).text
    assert "9 is not a series of this deck" in en and "geen reeks" not in en


def test_save_writes_persons_yaml_and_keeps_a_backup(client):
    deck = load_deck(Path("decks/mine"))
    old = Path("decks/mine/persons.yaml").read_bytes()
    r = client.post("/decks/mine/persons", data={**form(aged(deck, 16)), "version": version(client)})
    assert r.status_code == 200 and "Bewaard" in r.text
    saved = load_deck(Path("decks/mine"))
    first = deck.persons_in(deck.series[0])[0]
    assert next(p for p in saved.persons if p.name == first.name).values["leeftijd"] == first.values["leeftijd"] + 16
    assert Path("decks/mine/backups/persons-1.yaml").read_bytes() == old


def test_a_save_that_fails_changes_nothing(client, monkeypatch):
    """A full disk while writing: the message on the page, persons.yaml as it was, no backup left behind."""
    import os

    deck = load_deck(Path("decks/mine"))
    before = state(Path("decks/mine"))
    real = os.replace

    def full(src, dst):
        if str(dst).endswith("persons.yaml") and "backups" not in str(dst):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    read = version(client)
    monkeypatch.setattr(os, "replace", full)
    r = client.post("/decks/mine/persons", data={**form(aged(deck, 16)), "version": read})
    assert r.status_code == 422 and "the disk is full" in r.text
    assert state(Path("decks/mine")) == before


def test_a_save_while_an_import_holds_the_deck_waits_then_says_so(client, monkeypatch):
    """The deck locked by another writer (an import) past the wait: its message on the page, nothing written."""
    from datadialoog_print import folderlock
    from datadialoog_print.trainer.deckwrite import edit_deck

    monkeypatch.setattr(folderlock, "LOCK_WAIT_S", 0.2)
    deck = load_deck(Path("decks/mine"))
    read = version(client)
    with edit_deck(Path("decks/mine")):
        before = state(Path("decks/mine"))
        r = client.post("/decks/mine/persons", data={**form(aged(deck, 16)), "version": read})
        assert state(Path("decks/mine")) == before
    assert r.status_code == 422 and "is changing the deck decks/mine (waited 0.2 s)" in r.text, r.text


def test_shipped_deck_is_shown_but_never_saved(client):
    from datadialoog_print.deck.locate import shipped_dir

    deck = load_deck(shipped_dir() / "default")
    before = state(shipped_dir() / "default")
    page = client.get("/decks/default/persons")
    assert (
        page.status_code == 200
        and "is een voorbeeld en wordt hier niet veranderd" in page.text
        and "De personen bewaren" not in page.text
    )
    r = client.post("/decks/default/persons", data=form(aged(deck, 16)))
    assert r.status_code == 403 and "is een voorbeeld en wordt hier niet veranderd" in r.text
    assert state(shipped_dir() / "default") == before


@pytest.mark.parametrize("name", ["..", "%2e%2e", "..%2fdefault", "decks%2fmine", "%2ftmp", "nosuchdeck"])
def test_a_path_as_deck_name_is_404(client, name):
    assert client.get(f"/decks/{name}/persons").status_code == 404
    assert client.post(f"/decks/{name}/persons", data={"name": "x"}).status_code == 404
    assert client.post(f"/decks/{name}/persons/figures", data={"name": "x"}).status_code == 404


def test_an_incomplete_table_is_refused(client):
    r = client.post("/decks/mine/persons/figures", data={"name": "A", "series": "1"})
    assert r.status_code == 422 and "onvolledig" in r.text


def test_english_words(client):
    client.cookies.set(f"datadialoog_lang_{PORT}", "en")
    assert "Persons of mine" in client.get("/decks/mine/persons").text
