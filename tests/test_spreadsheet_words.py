"""What the spreadsheets say to a trainer: the postcode's form in words, a CSV that Dutch Excel opens in
columns, an explanation sheet whose command runs in a clone, problems headed as the spreadsheet's."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from odf.namespaces import TABLENS
from odf.opendocument import load
from odf.table import ContentValidation

from datadialoog_print.cli import cli
from datadialoog_print.trainer.columns import digit_code

from .conftest import DEFAULT_DECK, ROOT, DeckFolder


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("[1-9][0-9]{3}", (4, 1000, 9999)),
        ("[0-9]{4}", (4, 0, 9999)),
        ("[1-9]\\d\\d", (3, 100, 999)),
        ("7", (1, 7, 7)),
        ("[1-9][0-9]{3}[A-Z]{2}", None),  # letters: no number range, so no number check
        ("[1-9][1-9]", None),  # 10 is not allowed: not a range
        ("[5-3][0-9]", None),
        ("[1-9][0-9]{3}|x", None),
    ],
)
def test_digit_code_is_a_range_only_where_the_pattern_is_one(pattern, expected):
    assert digit_code(pattern) == expected


def test_postcode_is_checked_and_described_in_words_in_xlsx_and_ods(tmp_path: Path):
    """'4 cijfers, van 1000 t/m 9999' where the trainer used to see '[1-9][0-9]{3}'."""
    xlsx, ods = tmp_path / "p.xlsx", tmp_path / "p.ods"
    run("export", str(DEFAULT_DECK), str(xlsx))
    run("export", str(DEFAULT_DECK), str(ods))
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    letter = next(c.column_letter for c in sheet[1] if c.value == "Postcode")
    check = next(v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2"))
    assert check.type == "custom" and check.errorStyle == "stop" and check.showErrorMessage
    value = f"VALUE({letter}2)"
    assert check.formula1 == f"AND(LEN({letter}2)=4,ISNUMBER({value}),{value}>=1000,{value}<=9999)"
    assert "4 cijfers, van 1000 t/m 9999" in check.prompt and "4 cijfers, van 1000 t/m 9999" in check.error
    book = openpyxl.load_workbook(xlsx)
    texts = [str(c.value) for r in book["Uitleg"].iter_rows() for c in r if c.value is not None]
    for text in [check.prompt, check.error, *texts]:
        assert "[1-9]" not in text and "{3}" not in text, text
    conditions = [v.getAttrNS(TABLENS, "condition") for v in load(str(ods)).getElementsByType(ContentValidation)]
    rule = f"LEN([.{letter}2])=4;ISNUMBER(VALUE([.{letter}2]));VALUE([.{letter}2])>=1000;VALUE([.{letter}2])<=9999"
    assert f"of:is-true-formula(AND({rule}))" in conditions


def test_a_dutch_csv_is_separated_by_semicolons_an_english_one_by_commas_and_import_reads_both(
    tmp_path: Path, deck_copy: DeckFolder
):
    dutch, english = tmp_path / "nl.csv", tmp_path / "en.csv"
    run("export", str(DEFAULT_DECK), str(dutch))
    run("export", "default-en", str(english))
    nl_text, en_text = (p.read_bytes().decode("utf-8-sig") for p in (dutch, english))
    assert nl_text.split("\r\n")[0].startswith("Naam;Reeks;Leeftijd;")
    assert en_text.split("\r\n")[0].startswith("Name,Series,Age")
    rows = list(csv.reader(io.StringIO(nl_text), delimiter=";"))
    assert len({len(r) for r in rows if r}) == 1 and len(rows[0]) == 13
    run("import", str(deck_copy.path), str(dutch), "--replace")
    comma = tmp_path / "comma.csv"
    comma.write_text(nl_text.replace(";", ","), encoding="utf-8")
    run("import", str(deck_copy.path), str(comma), "--replace")


def test_the_explanation_sheets_command_runs_in_a_clone(tmp_path: Path):
    """In a clone the tool is .venv/bin/datadialoog-print, not on PATH: the sheet says that path, and it runs."""
    venv_bin = Path(os.sys.executable).parent
    script = venv_bin / "datadialoog-print"
    if not script.exists() or not script.resolve().is_relative_to(ROOT):
        pytest.skip("the tool is not installed in the clone's own virtual environment")
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    path = tmp_path / "p.xlsx"
    done = subprocess.run(
        [str(script), "export", "default", str(path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    texts = [str(c.value) for r in openpyxl.load_workbook(path)["Uitleg"].iter_rows() for c in r if c.value]
    command = next(t for t in texts if " import " in t and t.endswith("--replace"))
    assert command.startswith(str(script.relative_to(ROOT)) + " import default "), command
    program = command.split(" ")[0]
    check = subprocess.run(
        [*program.split(), "--help"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, shell=False
    )
    assert check.returncode == 0


def test_problems_of_a_spreadsheet_are_headed_as_such(tmp_path: Path, deck_copy: DeckFolder):
    path = tmp_path / "bad.csv"
    path.write_text("Naam;Reeks\nZ. Nieuw;Reeks 9\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(deck_copy.path), str(path), "--append"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: 10 problems in the spreadsheet:"), result.output


def test_a_semicolon_csv_whose_heading_holds_a_comma_reads_back(tmp_path: Path, deck_copy: DeckFolder):
    """pandas' own sniffing (the header alone, ',' first) would split 'Sector, laatst' at its comma."""
    data = deck_copy.read("deck.yaml")
    for a in data["attributes"]:
        if a["key"] == "sector":
            a["label"] = "Sector, laatst"
    deck_copy.write("deck.yaml", data)
    path = tmp_path / "p.csv"
    run("export", str(deck_copy.path), str(path))
    assert ";Sector, laatst;" in path.read_text(encoding="utf-8-sig").split("\r\n")[0]
    before = deck_copy.read("persons.yaml")["persons"]
    run("import", str(deck_copy.path), str(path), "--replace")
    assert deck_copy.read("persons.yaml")["persons"] == before
