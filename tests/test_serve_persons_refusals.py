"""The persons page as the workbook (issue 36): a Gepseudonimiseerd column, so a pseudonymised person can be renamed;
the loader's own refusals of the deck these rows make, said in the deck's language at their row and column (never a
file, a line or a YAML path); persons.yaml's comments kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from datadialoog_print.assemble.decks import load_deck

from .serveclient import posting_versions, signed_in
from .test_serve_persons import form, state, table

DECK = Path("decks/mine")
POSITIONS = ("deck.yaml", "texts.yaml", "persons.yaml", "series[", "persons[", "part1", "pseudonymised[")
"""What a trainer must never read on the page: a file, or a YAML path."""


@pytest.fixture
def client(tmp_path: Path, monkeypatch):
    return posting_versions(signed_in(tmp_path, monkeypatch, new_deck="mine"))


def renamed(fields, old: str, new: str):
    return [(k, new if k == "name" and v == old else v) for k, v in fields]


def row_of(deck, name: str) -> int:
    return next(i for i, p in enumerate(deck.persons) if p.name == name)


def message(html: str, row: int) -> str:
    return html.split(f'id="msg-{row}"', 1)[1].split(">", 1)[1].split("</span>", 1)[0]


def test_each_pseudonymised_person_has_a_ticked_box(client):
    deck = load_deck(DECK)
    html = client.get("/decks/mine/persons").text
    assert "Gepseudonimiseerd" in html and html.count('type="checkbox" name="pseudonymised"') == len(deck.persons)
    ticked = [i for i in range(len(deck.persons)) if f'name="pseudonymised" value="{i}" checked' in html]
    assert [deck.persons[i].name for i in ticked] == ["K. Bouzid", "G. Pinas", "H. Verbeek"]


def test_renaming_a_pseudonymised_person_works_as_in_the_workbook(client):
    """K. Bouzid becomes Z. Nieuw: saved, still pseudonymised under the new name; deck.yaml otherwise as it was."""
    deck = load_deck(DECK)
    before = (DECK / "deck.yaml").read_text(encoding="utf-8")
    r = client.post("/decks/mine/persons", data=form(renamed(table(deck), "K. Bouzid", "Z. Nieuw")))
    assert r.status_code == 200 and "Bewaard" in r.text, r.text[-2000:]
    saved = load_deck(DECK)
    assert saved.series[1].pseudonymised == ("Z. Nieuw", "G. Pinas", "H. Verbeek")
    after = (DECK / "deck.yaml").read_text(encoding="utf-8")
    assert after == before.replace("[K. Bouzid,", "[Z. Nieuw,")  # its comment and every other line kept
    assert (DECK / "backups" / "deck-1.yaml").read_text(encoding="utf-8") == before


def test_untick_and_tick_a_box(client):
    """H. Verbeek unticked: off the list; G. Pinas stays; a person of series 1 ticked joins series 1's list."""
    deck = load_deck(DECK)
    fields = [f for f in table(deck) if f != ("pseudonymised", str(row_of(deck, "H. Verbeek")))]
    fields.append(("pseudonymised", str(row_of(deck, "A. Yıldız"))))
    r = client.post("/decks/mine/persons", data=form(fields))
    assert r.status_code == 200, r.text[-2000:]
    saved = load_deck(DECK)
    assert saved.series[1].pseudonymised == ("K. Bouzid", "G. Pinas")
    assert saved.series[0].pseudonymised == ("A. Yıldız",)


def test_a_form_without_the_boxes_leaves_the_lists_alone(client):
    """A page from before the column posts no boxes: deck.yaml is not touched (as import with a file without it)."""
    deck = load_deck(DECK)
    fields = [f for f in table(deck) if f[0] not in ("boxes", "pseudonymised")]
    before = (DECK / "deck.yaml").read_bytes()
    assert client.post("/decks/mine/persons", data=form(fields)).status_code == 200
    assert (DECK / "deck.yaml").read_bytes() == before


def test_renaming_the_person_the_texts_name_is_said_at_that_row(client):
    """B. Bos (the texts' example) renamed: refused in Dutch at row 1's name, why and what to do; nothing saved."""
    deck = load_deck(DECK)
    files = state(DECK)
    fields = renamed(table(deck), "B. Bos", "I. Groen")
    for url in ("/decks/mine/persons/figures", "/decks/mine/persons"):
        r = client.post(url, data=form(fields))
        assert r.status_code == 422
        row = row_of(deck, "B. Bos")
        assert message(r.text, row).startswith("Naam: de teksten van dit kaartspel noemen B. Bos")
        assert f"Rij {row + 1}, Naam: de teksten van dit kaartspel noemen B. Bos" in r.text
        shown = re.sub(r"<[^>]+>", " ", r.text.split("<main", 1)[-1])  # what a person reads, not the form's version
        assert not [p for p in POSITIONS if p in shown], shown
        assert "names '" not in r.text and "no person" not in r.text
    assert state(DECK) == files


def test_pseudonymising_the_person_the_texts_name_is_said_at_the_box(client):
    deck = load_deck(DECK)
    row = row_of(deck, "B. Bos")
    r = client.post("/decks/mine/persons/figures", data=form([*table(deck), ("pseudonymised", str(row))]))
    assert r.status_code == 422
    assert message(r.text, row).startswith("Gepseudonimiseerd: de teksten van dit kaartspel noemen B. Bos")
    assert "Haal het vinkje weg" in r.text
    client.cookies.set("datadialoog_lang", "en")  # the deck's language, whatever the page's
    r = client.post("/decks/mine/persons/figures", data=form([*table(deck), ("pseudonymised", str(row))]))
    assert message(r.text, row).startswith("Gepseudonimiseerd: de teksten van dit kaartspel noemen B. Bos")


def test_a_series_left_without_persons_is_said_above_the_table(client):
    deck = load_deck(DECK)
    fields = [(k, "1" if k == "series" else v) for k, v in table(deck)]
    fields = [f for f in fields if f[0] != "pseudonymised"]  # series 2's list would name persons now in series 1
    r = client.post("/decks/mine/persons/figures", data=form(fields))
    assert r.status_code == 422 and "Reeks 2 heeft geen personen meer; zet minstens één persoon in Reeks 2." in r.text
    assert not [p for p in POSITIONS if p in r.text], r.text


def test_the_comments_of_persons_yaml_are_kept(client):
    """The heading and a comment above a person stay through a save; a renamed row keeps its person's comment."""
    path = DECK / "persons.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  - name: L. de Graaf\n", "  # de oudste van reeks 1, met de klant nagekeken\n  - name: L. de Graaf\n"
    )
    text = text.replace("    leeftijd: 34\n", "    leeftijd: 34  # uit het dossier\n", 1)
    path.write_text(text, encoding="utf-8")
    deck = load_deck(DECK)
    r = client.post("/decks/mine/persons", data=form(renamed(table(deck), "L. de Graaf", "L. de Groot")))
    assert r.status_code == 200, r.text[-2000:]
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("# De 20 fictieve personen van het standaarddeck")
    assert "# de oudste van reeks 1, met de klant nagekeken\n- name: L. de Groot\n" in saved
    assert "leeftijd: 34  # uit het dossier\n" in saved
    assert yaml.safe_load(saved)["persons"][row_of(deck, "L. de Graaf")]["name"] == "L. de Groot"
