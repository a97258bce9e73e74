"""persons.yaml's comments survive import (issue 36): generate's heading stays, in the deck's language; a trainer's
comment above a person stays with that person; an import adds where the persons came from, once."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from datadialoog_print.cli import cli
from datadialoog_print.trainer.personsfile import persons_text


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def generated(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    run("generate", "g", "--seed", "123456789")
    return tmp_path / "decks" / "g"


def test_generate_writes_its_heading_in_the_decks_language(generated: Path, tmp_path: Path):
    lines = (generated / "persons.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Nieuwe fictieve personen, gemaakt met `datadialoog-print generate --seed 123456789")
    assert lines[1].startswith("# Namen: een voorletter en een veelvoorkomende achternaam")
    run("generate", "e", "--seed", "5", "--from", "default-en")
    english = (tmp_path / "decks" / "e" / "persons.yaml").read_text(encoding="utf-8")
    assert english.startswith("# Fresh fictional persons, made by `datadialoog-print generate --seed 5")


def test_import_keeps_the_heading_and_each_persons_comment(generated: Path, tmp_path: Path):
    path = generated / "persons.yaml"
    text = path.read_text(encoding="utf-8")
    first, second = (p["name"] for p in yaml.safe_load(text)["persons"][:2])
    text = text.replace(f"- name: {second}\n", f"# nagekeken met het dossier\n- name: {second}\n", 1)
    path.write_text(text, encoding="utf-8")
    heading = text.splitlines()[:2]
    sheet = tmp_path / "personen.xlsx"
    run("export", "g", str(sheet))
    book = openpyxl.load_workbook(sheet)
    rows = book.worksheets[0]
    rows["C2"] = int(rows["C2"].value) + 1  # the first person one year older
    book.save(sheet)
    for _ in range(2):  # twice: the note of where the persons came from is not repeated
        run("import", "g", str(sheet), "--replace")
        saved = path.read_text(encoding="utf-8").splitlines()
        assert saved[:4] == [*heading, "# Ingelezen uit personen.xlsx.", "persons:"]
        assert saved[saved.index(f"- name: {second}") - 1] == "# nagekeken met het dossier"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["persons"][0]["name"] == first


def test_comments_that_cannot_be_placed_leave_the_persons_exact():
    """Whatever the old file holds, the new one reads back as exactly the persons."""
    old = "# kop\npersons:\n  - {name: A. B, series: 1}  # flow style\n  # tussen\n  - name: C. D\n    series: 2\n# eind\n"
    persons = [{"name": "C. D", "series": 2, "x": "a: b # c"}, {"name": "E. F", "series": 1}]
    for by_row in (False, True):
        text = persons_text(persons, "nieuw", old, by_row=by_row)
        assert yaml.safe_load(text) == {"persons": persons}
        assert text.startswith("# kop\n") and text.rstrip().endswith("# eind")
