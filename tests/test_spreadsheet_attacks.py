"""Spreadsheets as an attacker (or an unlucky trainer) makes them: payloads right of the header, line breaks,
hidden sheets, workbooks without sheets or pointing outside themselves, repeats that would fill the memory.

Each case runs as its own process under a timeout: exit 2, one message naming where, the deck unchanged.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from datadialoog_print import load_deck

from .conftest import DEFAULT_DECK, DeckFolder

HEADER = "Naam;Reeks;Leeftijd;Opleidingsniveau;Migratieachtergrond;Studieschuld;Sector;Ziekenhuisbezoeken;Maanden in de uitkering;Aantal interventies;Postcode;Geslacht"
ROW = "Z. Nieuw;Reeks 1;30;HBO;Nederlands;1000;horeca;1;3;2;3582;vrouw"


def cli(*args: str, timeout: float = 60) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "datadialoog_print", *args], capture_output=True, text=True, timeout=timeout
    )
    return done.returncode, done.stdout + done.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(deck: DeckFolder, sheet: Path, *words: str) -> str:
    before = snapshot(deck.path)
    code, out = cli("import", str(deck.path), str(sheet), "--append")
    assert code == 2, out
    for w in words:
        assert w in out, out
    assert "Traceback" not in out
    assert snapshot(deck.path) == before
    return out


@pytest.mark.parametrize(
    "row",
    [
        ROW + ";=cmd|' /C calc'!A0",  # a DDE payload one column right of the header
        ROW + ";;;;;;@SUM(1+1)*cmd|' /C calc'!A0",  # further right
    ],
)
def test_a_payload_right_of_the_header_is_refused_naming_row_and_column(tmp_path: Path, deck_copy: DeckFolder, row):
    path = tmp_path / "dde.csv"
    path.write_text(f"{HEADER}\n{ROW.replace('Z. Nieuw', 'Y. Oud')}\n{row}\n", encoding="utf-8")
    refused(deck_copy, path, "dde.csv:3: row 3, column 13:", "where the header has 12 columns")


def test_a_payload_right_of_the_header_in_a_workbook_is_refused(tmp_path: Path, deck_copy: DeckFolder):
    path = tmp_path / "p.xlsx"
    cli("export", str(deck_copy.path), str(path))
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["T7"] = "=cmd|' /C calc'!A0"
    book.save(path)
    refused(deck_copy, path, "row 7, column T: a value right of the last heading")


@pytest.mark.parametrize("where", ["Naam", "Sector"])
def test_a_line_break_in_a_name_or_value_is_refused_naming_row_and_column(tmp_path: Path, deck_copy: DeckFolder, where):
    row = ROW.replace("Z. Nieuw", '"Z.\nNieuw"') if where == "Naam" else ROW.replace("horeca", '"hore\r\nca"')
    path = tmp_path / "break.csv"
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    refused(deck_copy, path, f"row 2, column '{where}': a line break")


def test_a_decimal_in_a_whole_number_attribute_is_refused(tmp_path: Path, deck_copy: DeckFolder):
    """Age 36,5 (as Dutch Excel writes it) is not silently 36.5: the card would print 37, the mean use 36.5."""
    path = tmp_path / "half.csv"
    path.write_text(f"{HEADER}\n{ROW.replace(';30;', ';36,5;')}\n", encoding="utf-8")
    refused(deck_copy, path, "row 2, column 'Leeftijd': 36,5 is not a whole number")
    path.write_text(f"{HEADER}\n{ROW.replace(';30;', ';36,0;')}\n", encoding="utf-8")
    assert cli("import", str(deck_copy.path), str(path), "--append")[0] == 0  # 36,0 is a whole number


def _two_sheets(path: Path, first: str, second: str, *, hide: str | None) -> Path:
    """A workbook of two sheets: the persons of the default deck under ``second``, a decoy row under ``first``."""
    book = openpyxl.load_workbook(_exported(path.parent))
    real = book.worksheets[0]
    real.title = second
    decoy = book.create_sheet(first, 0)
    decoy.append([c.value for c in real[1]])
    decoy.append([c.value for c in real[2]])
    decoy["A2"] = "D. Lokvogel"
    if hide is not None:
        book[hide].sheet_state = "hidden"
    book.active = 0
    book.save(path)
    return path


def _exported(folder: Path) -> Path:
    path = folder / "exported.xlsx"
    if not path.exists():
        assert cli("export", str(DEFAULT_DECK), str(path))[0] == 0
    return path


def test_a_hidden_persons_sheet_is_never_read_and_the_message_says_which_was(tmp_path: Path, deck_copy: DeckFolder):
    """The visible 'Blad1' hides a sheet named 'Personen': Blad1 is read, and import says so."""
    path = _two_sheets(tmp_path / "hidden.xlsx", "Blad1", "Personen", hide="Personen")
    code, out = cli("import", str(deck_copy.path), str(path), "--append")
    assert code == 0 and "Imported 1 persons from the sheet 'Blad1'" in out, out
    assert [p.name for p in load_deck(deck_copy.path).persons][20:] == ["D. Lokvogel"]


def test_the_visible_sheet_named_as_the_deck_names_it_is_read(tmp_path: Path, deck_copy: DeckFolder):
    path = _two_sheets(tmp_path / "named.xlsx", "Blad1", "Personen", hide=None)
    code, out = cli("import", str(deck_copy.path), str(path), "--replace")
    assert code == 0 and "Imported 20 persons from the sheet 'Personen'" in out, out


def _rewritten(source: Path, target: Path, part: str, change) -> Path:
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info.filename)
            out.writestr(info.filename, change(data) if info.filename == part else data)
    return target


def test_a_workbook_without_sheets_or_pointing_outside_itself_is_a_clear_refusal(tmp_path: Path, deck_copy: DeckFolder):
    good = _exported(tmp_path)
    none = _rewritten(
        good,
        tmp_path / "none.xlsx",
        "xl/workbook.xml",
        lambda x: x.split(b"<sheets>")[0] + b"<sheets/>" + x.split(b"</sheets>")[1],
    )
    hidden = _rewritten(
        good, tmp_path / "allhidden.xlsx", "xl/workbook.xml", lambda x: x.replace(b'"visible"', b'"hidden"')
    )
    outside = _rewritten(
        good,
        tmp_path / "outside.xlsx",
        "xl/_rels/workbook.xml.rels",
        lambda x: x.replace(b"/xl/worksheets/sheet1.xml", b"../../../../etc/passwd"),
    )
    for path in (none, hidden):
        refused(deck_copy, path, f"{path.name}: cannot read the spreadsheet:", "no visible sheet")
    refused(deck_copy, outside, "outside.xlsx: cannot read the spreadsheet: its sheet 'Personen' points to")


# ---------------------------------------------------------------- ODS


def _ods(tmp_path: Path, change) -> Path:
    good = tmp_path / "good.ods"
    if not good.exists():
        assert cli("export", str(DEFAULT_DECK), str(good))[0] == 0
    return _rewritten(good, tmp_path / "changed.ods", "content.xml", change)


def test_ods_repeats_that_would_fill_the_memory_are_refused_before_pandas(tmp_path: Path, deck_copy: DeckFolder):
    """A cell repeated ten million columns, a row of values repeated ten million times: a message, within seconds."""
    wide = _ods(
        tmp_path,
        lambda x: x.replace(
            b'<table:table-cell office:value-type="string"',
            b'<table:table-cell table:number-columns-repeated="10000000" office:value-type="string"',
            1,
        ),
    )
    refused(deck_copy, wide, "more than 200 columns in the sheet 'Personen'")
    tall = _ods(
        tmp_path,
        lambda x: x.replace(b"<table:table-row>", b'<table:table-row table:number-rows-repeated="10000000">', 2),
    )
    refused(deck_copy, tall, "more than 1,048,576 rows")


def test_ods_formula_is_refused_and_a_hidden_sheet_is_not_read(tmp_path: Path, deck_copy: DeckFolder):
    formula = _ods(
        tmp_path,
        lambda x: x.replace(
            b'office:value-type="float" office:value="34"',
            b'table:formula="of:=30+4" office:value-type="float" office:value="34"',
            1,
        ),
    )
    refused(deck_copy, formula, "row 2, column 'Leeftijd': a formula (=30+4)")


def test_ods_hidden_persons_sheet_is_not_read(tmp_path: Path, deck_copy: DeckFolder):
    """The sheet 'Personen' hidden (a table style with display false): the first visible sheet is read, and named."""
    hidden = _ods(
        tmp_path,
        lambda x: x.replace(
            b"</office:automatic-styles>",
            b'<style:style style:name="taHidden" style:family="table">'
            b'<style:table-properties table:display="false"/></style:style></office:automatic-styles>',
        ).replace(
            b'<table:table table:name="Personen"', b'<table:table table:name="Personen" table:style-name="taHidden"'
        ),
    )
    refused(deck_copy, hidden, "changed.ods:1: sheet 'Uitleg': no column for 'name'")
