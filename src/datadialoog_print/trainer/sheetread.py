"""Reading a CSV or XLSX file as rows of plain values, under limits that keep a hostile file small.

Limits (each refused with a message before it costs time or memory):

* the file itself: at most 20 MB;
* an XLSX: at most 1 000 parts that unpack to at most 16 MB in all, as the zip's own
  directory says before anything is unpacked (Python's zip reader never unpacks more than
  a part declares, so a zip bomb is refused at once, and one that lies fails its checksum).
  16 MB holds an exported workbook of about 15 000 persons; openpyxl reads about 2 MB a
  second, so no workbook keeps an import busy for more than about ten seconds. More
  persons go through CSV, which reads fifty times faster;
* at most 200 columns, and at most 1 048 576 rows (blank ones included; Excel's own
  limit), read one row at a time;
* a CSV field: at most 131 072 characters (Python's csv limit).

XLSX cells come back as they are stored: numbers as numbers, texts as texts. A formula,
an error value or a date is not data the deck can take and comes back as :class:`Refused`.
CSV cells come back as texts with the neutralisation of :mod:`.cells` undone.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..deck.language import LANGUAGES
from ..errors import DeckError, Problem
from .cells import restore

SUFFIXES = (".csv", ".xlsx")
MAX_SHEET_BYTES = 20 * 1024 * 1024
MAX_PARTS = 1_000
MAX_UNPACKED_BYTES = 16 * 1024 * 1024
MAX_COLUMNS = 200
MAX_ROWS = 1_048_576


@dataclass(frozen=True)
class Refused:
    """A cell whose content is not a value (a formula, an error, a date); ``message`` says why."""

    message: str


@dataclass
class Table:
    """A spreadsheet's first row as headings and an iterator over the other rows."""

    label: str
    """The file, as messages name it."""
    headings: list[str]
    """Row 1, as texts ('' for an empty cell)."""
    rows: Iterator[tuple[int, list]]
    """(row number as the spreadsheet counts, values under each heading), blank rows included."""


def refuse(label: str, message: str, row: int | None = None) -> DeckError:
    return DeckError([Problem(label, row, "", message)])


@contextlib.contextmanager
def open_table(path: Path) -> Iterator[Table]:
    """The table in a .csv or .xlsx file; every reason it cannot be read is a DeckError naming the file."""
    label = str(path)
    if path.suffix.lower() not in SUFFIXES:
        raise refuse(label, f"not a spreadsheet this tool reads; use {' or '.join(SUFFIXES)}")
    try:
        if not path.is_file():
            raise refuse(label, "no such file" if not path.exists() else "not a file")
        if (size := path.stat().st_size) > MAX_SHEET_BYTES:
            raise refuse(label, f"the file is {size / 2**20:.0f} MB; a spreadsheet may be at most 20 MB")
        f = path.open("rb")
        raw = f.read() if path.suffix.lower() == ".csv" else None
    except OSError as exc:
        raise refuse(label, f"cannot read the file: {exc.strerror or exc}") from None
    with f:
        if raw is not None:
            yield _csv_table(label, raw)
        else:
            with _xlsx_table(label, f) as table:
                yield table


def _csv_table(label: str, raw: bytes) -> Table:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise refuse(label, "not UTF-8 text; save the spreadsheet as 'CSV UTF-8'", line) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headings = next(reader, [])
    except csv.Error as exc:
        raise refuse(label, f"cannot read the CSV: {exc}", 1) from None
    if len(headings) > MAX_COLUMNS:
        raise refuse(label, f"{len(headings)} columns; a persons sheet may have at most {MAX_COLUMNS}", 1)

    def rows() -> Iterator[tuple[int, list]]:
        number = 1
        try:
            for record in reader:
                number += 1
                if number > MAX_ROWS:
                    raise refuse(label, f"more than {MAX_ROWS:,} rows; a spreadsheet may have at most that", number)
                yield number, [restore(cell) for cell in record[: len(headings)]]
        except csv.Error as exc:
            raise refuse(label, f"cannot read the CSV: {exc}", number + 1) from None

    return Table(label, [restore(h).strip() for h in headings], rows())


@contextlib.contextmanager
def _xlsx_table(label: str, f: IO[bytes]) -> Iterator[Table]:
    try:
        archive = zipfile.ZipFile(f)
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise refuse(
            label, "cannot read the spreadsheet: not an .xlsx workbook (save it as 'Excel workbook')"
        ) from None
    if len(parts) > MAX_PARTS:
        raise refuse(
            label, f"cannot read the spreadsheet: {len(parts):,} parts; an .xlsx may have at most {MAX_PARTS:,}"
        )
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise refuse(
            label,
            f"cannot read the spreadsheet: it unpacks to {unpacked / 2**20:,.0f} MB; "
            f"an .xlsx may unpack to at most {MAX_UNPACKED_BYTES // 2**20} MB (for more persons, use a .csv)",
        )
    if any(p.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for p in parts):
        raise refuse(label, "cannot read the spreadsheet: packed in a way no .xlsx is")
    import openpyxl

    f.seek(0)
    try:
        book = openpyxl.load_workbook(f, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file; all mean the same to a trainer
        raise refuse(label, f"cannot read the spreadsheet: {_first_line(exc)}") from None
    try:
        sheet = book[_persons_sheet(book.sheetnames)]
        try:
            first = next(sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS + 1), ())
            headings = ["" if c.value is None else str(c.value).strip() for c in first]
        except Exception as exc:
            raise refuse(label, f"cannot read the spreadsheet: {_first_line(exc)}") from None
        while headings and not headings[-1]:
            headings.pop()
        if len(headings) > MAX_COLUMNS:
            raise refuse(label, f"more than {MAX_COLUMNS} columns; a persons sheet may have at most that", 1)
        yield Table(label, headings, _xlsx_rows(label, sheet, len(headings)))
    finally:
        book.close()


def _xlsx_rows(label: str, sheet, width: int) -> Iterator[tuple[int, list]]:
    number = 1
    blank = None  # openpyxl fills a gap of missing rows with one and the same row of empty cells
    try:
        for cells in sheet.iter_rows(min_row=2, max_row=MAX_ROWS + 1, max_col=max(width, 1)):
            number += 1
            if number > MAX_ROWS:
                raise refuse(label, f"more than {MAX_ROWS:,} rows; a spreadsheet may have at most that", number)
            if cells is blank:
                yield number, []
                continue
            values = [_value(c.value, c.data_type) for c in cells]
            if all(v is None for v in values):
                blank = cells
            yield number, values
    except DeckError:
        raise
    except Exception as exc:
        raise refuse(label, f"cannot read the spreadsheet: {_first_line(exc)}", number + 1) from None


def _value(value, data_type: str):
    """A stored cell as a plain value, or Refused for what is not data."""
    if value is None:
        return None
    if data_type == "f":
        shown = str(value) if len(str(value)) <= 40 else str(value)[:40] + "…"
        return Refused(f"a formula ({shown}); type the value itself, not a formula")
    if data_type == "e":
        return Refused(f"an error value ({value}); type the value itself")
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return Refused("a date or time (the spreadsheet made one of what was typed); type a number or a text")
    return value


def _persons_sheet(names: list[str]) -> str:
    """The persons sheet by its name in any language, else the first sheet that is not an explanation or list."""
    words = {w for lang in LANGUAGES.values() for w in (lang["sheet_persons"],)}
    others = {w for lang in LANGUAGES.values() for w in (lang["sheet_explanation"], lang["sheet_lists"])}
    for name in names:
        if name.casefold() in {w.casefold() for w in words}:
            return name
    return next((n for n in names if n.casefold() not in {w.casefold() for w in others}), names[0])


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0][:200] if text else "") or type(exc).__name__
