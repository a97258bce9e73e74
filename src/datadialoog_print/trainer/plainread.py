"""CSV and ODS read without pandas, where pandas is absent (the web edition, in the browser tab), giving what
pandas gives: the same rows of plain values, the same refusals with the same messages (a test reads the same
hostile files both ways and compares every message).

CSV by Python's :mod:`csv` (the separator sniffed as before, UTF-8 with or without a BOM, every cell text,
a row with more cells than the header refused with pandas' own reason). ODS by odfpy, the library behind
pandas' ``odf`` engine, cell for cell as that engine reads a sheet (pandas' ``_odfreader.get_sheet_data``,
BSD-3-Clause): repeats expanded once content follows them, blank rows kept, the table made square; the
guards of :mod:`.odsread` have run before.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import math
from collections.abc import Iterator

EMPTY = ""


def has_pandas() -> bool:
    """Is pandas there to read with (it is, wherever the tool is installed; not in the browser tab)."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------- CSV


class TooManyCells(ValueError):
    """A row with more cells than the first row has: worded as pandas' parser words it, so one message follows."""

    def __init__(self, width: int, line: int, seen: int):
        super().__init__(f"Error tokenizing data. C error: Expected {width} fields in line {line}, saw {seen}")


class CellTooLong(ValueError):
    """A cell longer than the csv module reads, in the row ``row``."""

    def __init__(self, row: int):
        super().__init__(f"a cell in row {row} is too long")
        self.row = row


def csv_records(raw: bytes, separator: str) -> tuple[list[str], Iterator[list[str]]]:
    """The first row, and the other rows each padded to its width with '' (as pandas pads them). Raises what
    pandas' parser raises, in its words: UnicodeDecodeError for a file that is not UTF-8, ValueError for an empty
    file or a quote never closed, :class:`TooManyCells`, or csv.Error (a cell past the csv module's limit)."""
    text = codecs.decode(raw, "utf-8-sig")  # strict: the same UnicodeDecodeError pandas raises
    records: list[list[str]] = []
    try:
        records.extend(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=False))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise CellTooLong(len(records) + 1) from None
        raise
    if not records:
        raise ValueError("No columns to parse from file")
    if _ends_in_quotes(text, separator):
        raise ValueError(f"Error tokenizing data. C error: EOF inside string starting at row {len(records) - 1}")
    first, width = records[0], len(records[0])

    def rest() -> Iterator[list[str]]:
        for line, record in enumerate(records[1:], 2):
            if len(record) > width:
                raise TooManyCells(width, line, len(record))
            yield record + [EMPTY] * (width - len(record)) if record else [EMPTY] * width

    return first, rest()


def _ends_in_quotes(text: str, separator: str) -> bool:
    """Does the text end inside a quoted cell (a quote opened and never closed)?"""
    ends = (separator, "\n", "\r")
    state = "start"  # of a cell; "plain", "quoted", or "quote" (a quote seen inside a quoted cell)
    for char in text:
        if state == "quoted":
            state = "quote" if char == '"' else "quoted"
        elif state in ("quote", "start") and char == '"':
            state = "quoted"
        else:
            state = "start" if char in ends else "plain"
    return state == "quoted"


# ---------------------------------------------------------------- ODS


def ods_grid(f, sheet_name: str) -> list[list]:
    """The sheet ``sheet_name`` of the .ods in ``f`` as rows of values, as pandas' odf engine reads it with
    ``header=None, dtype=object, na_filter=False``."""
    from odf.namespaces import TABLENS
    from odf.opendocument import load
    from odf.table import CoveredTableCell, Table, TableCell, TableRow

    book = load(f)
    sheet = next((t for t in book.spreadsheet.getElementsByType(Table) if t.getAttribute("name") == sheet_name), None)
    if sheet is None:
        raise ValueError(f"Worksheet named '{sheet_name}' not found")
    covered, plain = CoveredTableCell().qname, TableCell().qname
    table: list[list] = []
    empty_rows = widest = 0
    for sheet_row in sheet.getElementsByType(TableRow):
        empty_cells = 0
        row: list = []
        for cell in sheet_row.childNodes:
            if getattr(cell, "qname", None) not in (covered, plain):
                continue
            if cell.qname == covered and (_OFFICE, "value") not in cell.attributes:
                value = EMPTY
            else:
                value = _cell_value(cell)
            repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), 1))
            if isinstance(value, str) and value == EMPTY:
                empty_cells += repeat
            else:
                row.extend([EMPTY] * empty_cells)
                empty_cells = 0
                row.extend([value] * repeat)
        widest = max(widest, len(row))
        repeat = int(sheet_row.attributes.get((TABLENS, "number-rows-repeated"), 1))
        if not row:
            empty_rows += repeat
        else:
            table.extend([[EMPTY] for _ in range(empty_rows)])
            empty_rows = 0
            table.extend(list(row) for _ in range(repeat))
    for row in table:
        row.extend([EMPTY] * (widest - len(row)))
    return table


_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _cell_value(cell):
    if str(cell) == "#N/A":
        return math.nan
    kind = cell.attributes.get((_OFFICE, "value-type"))
    value = cell.attributes.get((_OFFICE, "value"))
    if kind == "boolean":
        return str(cell) == "TRUE"
    if kind is None:
        return EMPTY
    if kind == "float":
        number = float(value)
        return int(number) if int(number) == number else number
    if kind in ("percentage", "currency"):
        return float(value)
    if kind == "string":
        return _text(cell)
    if kind == "date":
        return datetime.datetime.fromisoformat(cell.attributes.get((_OFFICE, "date-value")))
    if kind == "time":
        return datetime.time()  # a time of day: refused whatever it says
    raise ValueError(f"Unrecognized type {kind}")


def _text(cell) -> str:
    """A string cell's text: ``text:s`` runs of spaces, line breaks, one paragraph a line, notes left out."""
    from odf.element import Element
    from odf.namespaces import TEXTNS

    value, paragraph = [], False
    for fragment in cell.childNodes:
        if not isinstance(fragment, Element):
            value.append(str(fragment).strip("\n"))
        elif fragment.qname == (TEXTNS, "s"):
            value.append(" " * int(fragment.attributes.get((TEXTNS, "c"), 1)))
        elif fragment.qname == (TEXTNS, "line-break"):
            value.append("\n")
        elif fragment.qname != (_OFFICE, "annotation"):
            if fragment.qname == (TEXTNS, "p"):
                if paragraph:
                    value.append("\n")
                paragraph = True
            value.append(_text(fragment))
    return "".join(value)
