"""The trainer's path: new → export → edit in a spreadsheet → import → check → build, and previews."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from datadialoog_print import load_deck
from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_through_a_spreadsheet_loses_nothing(tmp_path: Path, suffix: str, monkeypatch):
    """new → export → import --replace gives the same persons, values and types."""
    monkeypatch.chdir(tmp_path)
    deck = tmp_path / "decks" / "mijn-deck"
    run("new", "mijn-deck")
    sheet = tmp_path / f"personen{suffix}"
    assert "Wrote 20 persons" in run("export", str(deck), str(sheet))
    out = run("import", str(deck), str(sheet), "--replace")
    assert "Imported 20 persons" in out and "backups/persons-1.yaml" in out
    # the same persons; a line further down, below the kept heading and the note of the file read (issue 36)
    assert [(p.name, p.series, p.values) for p in load_deck(deck).persons] == [
        (p.name, p.series, p.values) for p in load_deck(DEFAULT_DECK).persons
    ]
    run("check", str(deck))


def test_edit_in_a_spreadsheet_then_build(tmp_path: Path, monkeypatch):
    """A trainer changes an age and adds a person in the spreadsheet; the build shows both."""
    monkeypatch.chdir(tmp_path)
    deck = tmp_path / "decks" / "mijn-deck"
    run("new", "mijn-deck")
    sheet = tmp_path / "p.xlsx"
    run("export", str(deck), str(sheet))
    frame = pd.read_excel(sheet, dtype=str)
    frame.loc[frame["Naam"] == "B. Bos", "Leeftijd"] = "35"
    extra = frame.iloc[0].copy()
    extra["Naam"] = "Z. Zwart"
    frame = pd.concat([frame, extra.to_frame().T], ignore_index=True)
    frame.to_excel(sheet, index=False)
    run("import", str(deck), str(sheet), "--replace")
    persons = {p.name: p for p in load_deck(deck).persons}
    assert persons["B. Bos"].values["leeftijd"] == 35 and "Z. Zwart" in persons
    out = tmp_path / "out"
    run("build", str(deck), "-o", str(out), "-q")
    assert len(list(out.glob("*.pdf"))) == 10


def test_append_adds_persons_and_keeps_a_backup(tmp_path: Path, monkeypatch):
    """--append adds the rows; the previous persons.yaml is kept in backups/."""
    monkeypatch.chdir(tmp_path)
    deck = tmp_path / "decks" / "d"
    run("new", "d")
    before = (deck / "persons.yaml").read_text(encoding="utf-8")
    csv = tmp_path / "extra.csv"
    csv.write_text(
        "naam;reeks;leeftijd;opleiding;migratieachtergrond;studieschuld;sector;ziekenhuisbezoeken;maanden_uitkering;interventies;postcode;geslacht\n"
        "Z. Nieuw;Reeks 2;44;MBO;Turks;0;horeca;2;13,0;1;3531;man\n",
        encoding="utf-8",
    )
    run("import", str(deck), str(csv), "--append")
    persons = yaml.safe_load((deck / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    assert len(persons) == 21 and persons[-1]["name"] == "Z. Nieuw" and persons[-1]["series"] == 2
    assert persons[-1]["postcode"] == "3531" and persons[-1]["maanden_uitkering"] == 13
    assert (deck / "backups" / "persons-1.yaml").read_text(encoding="utf-8") == before
    for name in ("deck.yaml", "answers.yaml", "texts.yaml"):
        assert (deck / name).read_bytes() == (DEFAULT_DECK / name).read_bytes()


def test_new_refuses_to_overwrite(tmp_path: Path, monkeypatch):
    """A second `new` with the same name fails and changes nothing."""
    monkeypatch.chdir(tmp_path)
    deck = tmp_path / "decks" / "d"
    run("new", "d")
    (deck / "persons.yaml").write_text("# mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["new", "d"])
    assert result.exit_code == 2 and "already exists" in result.output
    assert (deck / "persons.yaml").read_text(encoding="utf-8") == "# mine\n"


def test_new_rejects_a_bad_name(tmp_path: Path, monkeypatch):
    """Names become folders: spaces and capitals are refused with advice."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "Mijn Deck"])
    assert result.exit_code == 2 and "is not a deck name" in result.output and "mijn-deck" in result.output


def test_preview_writes_first_pages_and_contact_sheets(tmp_path: Path):
    """preview: a PNG per document and a contact sheet per card series."""
    from PIL import Image

    out = tmp_path / "out"
    text = run("preview", "-o", str(out))
    pngs = sorted(p.name for p in (out / "preview").glob("*.png"))
    assert "kaarten-reeks-1-groen-contact.png" in pngs and "gespreksleider-a5.png" in pngs
    assert len(pngs) == 12 and "12 previews" in text
    contact = Image.open(out / "preview" / "kaarten-reeks-1-groen-contact.png")
    assert contact.size[0] > contact.size[1] / 2
