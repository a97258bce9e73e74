"""Reading a CSV, XLSX or ODS file as rows of plain values, under limits that keep a hostile file small.

Limits (each refused with a message before it costs time or memory):

* the file itself: at most 20 MB;
* an XLSX or ODS (both zips): at most 1 000 parts that unpack to at most 16 MB in all, as
  the zip's own directory says before anything is unpacked (Python's zip reader never
  unpacks more than a part declares, so a zip bomb is refused at once, and one that lies
  fails its checksum). 16 MB holds an exported workbook of about 15 000 persons; more
  persons go through CSV, which reads fifty times faster;
* at most 200 columns, and at most 1 048 576 rows (blank ones included; Excel's own limit).

CSV is read by pandas (``read_csv``, its C parser and its UTF-8 decoding), every cell as
text with the neutralisation of :mod:`.cells` undone, the separator (``,``, ``;`` or a tab)
sniffed by :class:`csv.Sniffer`; a row with more cells than the header has columns is
refused by pandas' parser, naming the row. ODS is read by pandas' ``odf`` engine after the guards of :mod:`.odsread`.
XLSX is read by openpyxl, the engine pandas itself would use, but directly and a row at a
time: pandas turns a formula into its text and an error value into NaN, so it could no
longer refuse them, and it holds every row (a gap to row 1 000 000 included) in memory.
Cells come back as they are stored: numbers as numbers, texts as texts. A formula, an
error value or a date is not data the deck can take and comes back as :class:`Refused`.

The sheet read is the visible one named as the deck calls its persons sheet (*Personen*),
else the first visible sheet; :attr:`Table.sheet` names it. A hidden sheet is never read.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import Problem, SheetError
from .cells import restore

SUFFIXES = (".csv", ".xlsx", ".ods")
MAX_SHEET_BYTES = 20 * 1024 * 1024
MAX_PARTS = 1_000
MAX_UNPACKED_BYTES = 16 * 1024 * 1024
MAX_COLUMNS = 200
MAX_ROWS = 1_048_576
MAX_FIELD = 131_072
"""Characters in one CSV cell (the limit of Python's csv module)."""
SNIFF_BYTES = 64 * 1024
"""The start of a CSV in which the separator is sniffed."""
CHUNK_ROWS = 10_000
ENDINGS = ", ".join(SUFFIXES[:-1]) + " or " + SUFFIXES[-1]


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
    """(row number as the spreadsheet counts, values under each heading and beyond), blank rows included."""
    sheet: str | None = None
    """The sheet read, in a workbook; None for a CSV."""


def refuse(label: str, message: str, row: int | None = None) -> SheetError:
    return SheetError([Problem(label, row, "", message)])


@contextlib.contextmanager
def open_table(path: Path, *, sheet_name: str) -> Iterator[Table]:
    """The table in a .csv, .xlsx or .ods file; every reason it cannot be read is a SheetError naming the file.

    ``sheet_name``: the persons sheet's name in the deck's language, read when a visible sheet has it.
    """
    label = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise refuse(label, f"not a spreadsheet this tool reads; use {ENDINGS}")
    try:
        if not path.is_file():
            raise refuse(label, "no such file" if not path.exists() else "not a file")
        if (size := path.stat().st_size) > MAX_SHEET_BYTES:
            raise refuse(label, f"the file is {size / 2**20:.0f} MB; a spreadsheet may be at most 20 MB")
        f = path.open("rb")
        raw = f.read() if suffix == ".csv" else None
    except OSError as exc:
        raise refuse(label, f"cannot read the file: {exc.strerror or exc}") from None
    with f:
        if raw is not None:
            yield _csv_table(label, raw)
        elif suffix == ".ods":
            from .odsread import ods_table

            yield ods_table(label, f, _zip_parts(label, f, "an .ods"), sheet_name)
        else:
            with _xlsx_table(label, f, sheet_name) as table:
                yield table


# ---------------------------------------------------------------- CSV

_TOO_MANY = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _csv_table(label: str, raw: bytes) -> Table:
    from .plainread import has_pandas

    if not has_pandas():
        return _csv_plain(label, raw)
    import pandas as pd

    try:
        reader = pd.read_csv(
            io.BytesIO(raw),
            sep=_separator(raw),
            header=None,
            dtype=object,  # every cell a str ('' when empty): no numbers guessed, no missing values
            keep_default_na=False,
            skip_blank_lines=False,  # row numbers stay the spreadsheet's
            encoding="utf-8-sig",
            chunksize=CHUNK_ROWS,
        )
        chunks = iter(reader)
        first = next(chunks, None)
    except Exception as exc:  # pandas raises many kinds for a file it cannot parse; all mean the same here
        raise _csv_problem(label, exc, 1) from None
    if first is None or first.empty:
        raise refuse(label, "the spreadsheet is empty", 1)
    if first.shape[1] > MAX_COLUMNS:
        raise refuse(label, f"{first.shape[1]} columns; a persons sheet may have at most {MAX_COLUMNS}", 1)
    headings = [restore(h).strip() if isinstance(h, str) else "" for h in first.iloc[0]]

    def rows() -> Iterator[tuple[int, list]]:
        number, chunk = 1, first.iloc[1:]
        try:
            while chunk is not None:
                yield from _csv_rows(label, chunk, number)
                number += len(chunk)
                chunk = next(chunks, None)
        except SheetError:
            raise
        except Exception as exc:
            raise _csv_problem(label, exc, number + 1) from None

    return Table(label, headings, rows())


def _csv_plain(label: str, raw: bytes) -> Table:
    """The same table without pandas (:mod:`.plainread`), with the same refusals."""
    from .plainread import CellTooLong, csv_records

    try:
        first, records = csv_records(raw, _separator(raw))
    except CellTooLong as exc:
        raise refuse(label, f"cannot read the CSV: a cell of more than {MAX_FIELD:,} characters", exc.row) from None
    except Exception as exc:
        raise _csv_problem(label, exc, 1) from None
    if not first:
        raise refuse(label, "the spreadsheet is empty", 1)
    if len(first) > MAX_COLUMNS:
        raise refuse(label, f"{len(first)} columns; a persons sheet may have at most {MAX_COLUMNS}", 1)
    headings = [restore(h).strip() for h in first]

    def rows() -> Iterator[tuple[int, list]]:
        number = 1
        try:
            for record in records:
                number += 1
                if number > MAX_ROWS:
                    raise refuse(label, f"more than {MAX_ROWS:,} rows; a spreadsheet may have at most that", number)
                yield number, [restore(cell) if cell else None for cell in record]
        except SheetError:
            raise
        except Exception as exc:
            raise _csv_problem(label, exc, number + 1) from None

    return Table(label, headings, rows())


def _separator(raw: bytes) -> str:
    """',', ';' or a tab, as csv.Sniffer (what pandas' ``sep=None`` uses) finds it in the first lines.

    pandas' own sniffing looks at the header alone and prefers ',' whenever it occurs there,
    so a ';' file with a heading such as "Opleiding, hoogste" would be split at the comma;
    over more lines the separator is the one that is there equally often on every line. Where
    no character is (a row with cells beyond the header, which import then refuses), the
    header alone decides, as pandas would.
    """
    sample = raw[:SNIFF_BYTES].decode("utf-8-sig", errors="ignore")
    lines = sample.splitlines(keepends=True)
    for text in (
        "".join(lines[:-1] if len(lines) > 1 and len(raw) > SNIFF_BYTES else lines),
        lines[0] if lines else "",
    ):
        with contextlib.suppress(csv.Error):
            return csv.Sniffer().sniff(text, delimiters=",;\t").delimiter
    return ","


def _csv_rows(label: str, chunk, before: int) -> Iterator[tuple[int, list]]:
    """The rows of one chunk of pandas' reader; ``before`` is the row number of the row before it."""
    for offset, record in enumerate(chunk.to_numpy().tolist(), 1):  # plain lists: fast to walk
        number = before + offset
        if number > MAX_ROWS:
            raise refuse(label, f"more than {MAX_ROWS:,} rows; a spreadsheet may have at most that", number)
        if max(map(len, record), default=0) > MAX_FIELD:
            raise refuse(label, f"cannot read the CSV: a cell of more than {MAX_FIELD:,} characters", number)
        yield number, [restore(cell) if cell else None for cell in record]


def _csv_problem(label: str, exc: Exception, row: int) -> SheetError:
    """pandas' reason as a trainer reads it: the row with cells beyond the header named as such."""
    if isinstance(exc, UnicodeDecodeError):
        return refuse(label, "not UTF-8 text; save the spreadsheet as 'CSV UTF-8'")
    text = first_line(exc)
    if m := _TOO_MANY.search(text):
        width, number, seen = (int(g) for g in m.groups())
        return SheetError(
            [
                Problem(
                    label,
                    number,
                    f"row {number}, column {width + 1}",
                    f"{seen} cells where the header has {width} columns; "
                    f"nothing may stand right of the last heading (remove it, or give its column a heading)",
                )
            ]
        )
    return refuse(label, f"cannot read the CSV: {text}", row)


# ---------------------------------------------------------------- XLSX and ODS


def _zip_parts(label: str, f: IO[bytes], kind: str) -> zipfile.ZipFile:
    """The workbook's zip, once its own directory shows it small; SheetError otherwise."""
    try:
        archive = zipfile.ZipFile(f)
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        name = "an .xlsx workbook (save it as 'Excel workbook')" if kind == "an .xlsx" else f"{kind} spreadsheet"
        raise refuse(label, f"cannot read the spreadsheet: not {name}") from None
    if len(parts) > MAX_PARTS:
        raise refuse(label, f"cannot read the spreadsheet: {len(parts):,} parts; {kind} may have at most {MAX_PARTS:,}")
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise refuse(
            label,
            f"cannot read the spreadsheet: it unpacks to {unpacked / 2**20:,.0f} MB; "
            f"{kind} may unpack to at most {MAX_UNPACKED_BYTES // 2**20} MB (for more persons, use a .csv)",
        )
    if any(p.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for p in parts):
        raise refuse(label, f"cannot read the spreadsheet: packed in a way no {kind[3:]} is")
    return archive


@contextlib.contextmanager
def _xlsx_table(label: str, f: IO[bytes], sheet_name: str) -> Iterator[Table]:
    archive = _zip_parts(label, f, "an .xlsx")
    from openpyxl.reader.excel import ExcelReader

    from .hiddencells import refuse_columns, refuse_row, xlsx_hidden

    f.seek(0)
    try:  # what openpyxl.load_workbook does, keeping the reader to see the sheets it skipped
        reader = ExcelReader(f, read_only=True, data_only=False, keep_links=False)
        reader.read()
        book = reader.wb
        parts = {s.name: r.target for s, r in reader.parser.find_sheets()}
        lost = [(name, target) for name, target in parts.items() if target not in reader.valid_files]
    except Exception as exc:  # openpyxl raises many kinds for a broken file; all mean the same to a trainer
        raise refuse(label, f"cannot read the spreadsheet: {first_line(exc)}") from None
    if lost:
        book.close()
        name, target = lost[0]
        raise refuse(
            label,
            f"cannot read the spreadsheet: its sheet '{name[:100]}' points to '{target[:100]}', "
            "which is not a part of the file (save it again from Excel or LibreOffice)",
        )
    try:
        try:
            visible = [s.title for s in book.worksheets if s.sheet_state == "visible"]
            name = choose_sheet(label, visible, sheet_name)
            sheet = book[name]
            hidden = xlsx_hidden(archive, parts[name])  # a hidden row or column is refused by name, never read unseen
            first = next(sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS + 1), ())
            headings = ["" if c.value is None else str(c.value).strip() for c in first]
        except SheetError:
            raise
        except Exception as exc:
            raise refuse(label, f"cannot read the spreadsheet: {first_line(exc)}") from None
        while headings and not headings[-1]:
            headings.pop()
        if len(headings) > MAX_COLUMNS:
            raise refuse(label, f"more than {MAX_COLUMNS} columns; a persons sheet may have at most that", 1)
        refuse_columns(label, name, headings, hidden.columns)
        if 1 in hidden.rows and any(headings):
            raise refuse_row(label, name, 1)
        yield Table(label, headings, _xlsx_rows(label, sheet, hidden.rows, name), name)
    finally:
        book.close()


def choose_sheet(label: str, visible: list[str], sheet_name: str) -> str:
    """The visible sheet named ``sheet_name`` (in any case), else the first visible one; a workbook without one is refused."""
    if not visible:
        raise refuse(label, "cannot read the spreadsheet: it has no visible sheet")
    return next((n for n in visible if n.casefold() == sheet_name.casefold()), visible[0])


def _xlsx_rows(label: str, sheet, hidden: set[int] = frozenset(), name: str = "") -> Iterator[tuple[int, list]]:
    from .hiddencells import refuse_row

    number = 1
    blank = None  # openpyxl fills a gap of missing rows with one and the same row of empty cells
    try:
        for cells in sheet.iter_rows(min_row=2, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS):
            number += 1
            if number > MAX_ROWS:
                raise refuse(label, f"more than {MAX_ROWS:,} rows; a spreadsheet may have at most that", number)
            if cells is blank:
                yield number, []
                continue
            values = [_value(c.value, c.data_type) for c in cells]
            if all(v is None for v in values):
                blank = cells
            elif number in hidden:
                raise refuse_row(label, name, number)
            yield number, values
    except SheetError:
        raise
    except Exception as exc:
        raise refuse(label, f"cannot read the spreadsheet: {first_line(exc)}", number + 1) from None


def _value(value, data_type: str):
    """A stored cell as a plain value, or Refused for what is not data."""
    if value is None:
        return None
    if data_type == "f":
        return formula(str(value))
    if data_type == "e":
        return Refused(f"an error value ({value}); type the value itself")
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return Refused("a date or time (the spreadsheet made one of what was typed); type a number or a text")
    return value


def formula(text: str) -> Refused:
    shown = text if len(text) <= 40 else text[:40] + "…"
    return Refused(f"a formula ({shown}); type the value itself, not a formula")


def first_line(exc: BaseException) -> str:
    """The reason as one line; an XML entity (a billion-laughs bomb) refused by defusedxml said as such."""
    cause = exc.__cause__ or exc.__context__
    if any(type(e).__module__.startswith("defusedxml") for e in (exc, cause)):
        return "it declares XML entities, which no spreadsheet needs (a way to make a small file huge)"
    text = str(exc).strip().splitlines()
    return (text[0][:200] if text else "") or type(exc).__name__
