"""An ODS spreadsheet (LibreOffice's, the open standard) read by pandas' ``odf`` engine, after guards.

pandas expands ODF's run-length repeats (``number-rows-repeated``, ``number-columns-repeated``)
into lists, so one cell "repeated" a billion times would fill the memory. Before pandas
reads anything, one streaming pass over ``content.xml`` (defusedxml, which refuses XML entities,
as openpyxl does with it) finds every sheet with its name and visibility, counts its rows and
columns up to the last cell that holds something, and notes the cells that hold a formula
(pandas reads a formula as the value it last showed; import refuses it, as for an .xlsx).
Repeats that hold a value are refused beyond the limits, before pandas is called.
"""

from __future__ import annotations

import datetime
import math
import zipfile
from dataclasses import dataclass, field
from typing import IO

from defusedxml.ElementTree import iterparse

from ..errors import SheetError
from .sheetread import MAX_COLUMNS, MAX_ROWS, Refused, Table, choose_sheet, first_line, formula, refuse

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_S = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CELLS = (_T + "table-cell", _T + "covered-table-cell")


@dataclass
class _Sheet:
    name: str
    style: str
    rows: int = 0
    """Rows up to the last one that holds a value."""
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, column), both from 0 → the formula in that cell."""
    hidden_rows: list[int] = field(default_factory=list)
    """Rows (from 1) hidden, folded or filtered away that hold a value (:mod:`.hiddencells`)."""
    hidden_columns: set[int] = field(default_factory=set)
    """Columns (from 1) hidden or folded."""
    columns: int = 0
    """Columns declared so far (``table:table-column``), to place the hidden ones."""


def ods_table(label: str, f: IO[bytes], archive: zipfile.ZipFile, sheet_name: str) -> Table:
    """The persons sheet of an .ods whose zip passed the guards; SheetError for everything else."""
    sheets, hidden = _survey(label, archive)
    visible = [s for s in sheets if s.style not in hidden]
    name = choose_sheet(label, [s.name for s in visible], sheet_name)
    sheet = next(s for s in visible if s.name == name)
    if sheet.rows == 0:
        return Table(label, [], iter(()), name)
    f.seek(0)
    try:
        grid = _grid(f, name)
    except Exception as exc:  # odfpy and pandas raise many kinds for a broken file; all mean the same here
        raise refuse(label, f"cannot read the spreadsheet: {first_line(exc)}") from None
    for (r, c), text in sheet.formulas.items():
        if r < len(grid) and c < len(grid[r]):
            grid[r][c] = formula(text.removeprefix("of:"))
    headings = ["" if v == "" else str(v).strip() for v in grid[0]]
    while headings and not headings[-1]:
        headings.pop()
    from .hiddencells import refuse_columns, refuse_row

    if sheet.hidden_rows:
        raise refuse_row(label, name, sheet.hidden_rows[0])
    refuse_columns(label, name, headings, sheet.hidden_columns)
    rows = ((number, [_value(v) for v in values]) for number, values in enumerate(grid[1:], 2))
    return Table(label, headings, rows, name)


def _grid(f, name: str) -> list[list]:
    """The sheet's rows of values: pandas' ``odf`` engine, or the same reading without pandas (:mod:`.plainread`)."""
    from .plainread import has_pandas, ods_grid

    if not has_pandas():
        return ods_grid(f, name)
    import pandas as pd

    frame = pd.read_excel(f, engine="odf", sheet_name=name, header=None, dtype=object, na_filter=False)
    return [list(r) for r in frame.itertuples(index=False, name=None)]


def _value(value):
    if isinstance(value, str):
        return value or None
    if isinstance(value, float) and math.isnan(value):
        return Refused("an error value (#N/A); type the value itself")
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return Refused("a date or time (the spreadsheet made one of what was typed); type a number or a text")
    return value


def _survey(label: str, archive: zipfile.ZipFile) -> tuple[list[_Sheet], set[str]]:
    """Every sheet of content.xml, and the names of the table styles that hide a sheet."""
    sheets: list[_Sheet] = []
    hidden: set[str] = set()
    style = ""
    sheet: _Sheet | None = None
    row = col = 0
    row_repeat = 1
    row_has_value = row_hidden = False
    try:
        with archive.open("content.xml") as xml:
            for event, el in iterparse(xml, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == _S + "style":
                        style = el.get(_S + "name", "")
                    elif tag == _S + "table-properties" and el.get(_T + "display") == "false":
                        hidden.add(style)
                    elif tag == _T + "table":
                        sheet = _Sheet(el.get(_T + "name", ""), el.get(_T + "style-name", ""))
                        sheets.append(sheet)
                        row = 0
                    elif tag == _T + "table-row" and sheet is not None:
                        row_repeat, col, row_has_value = _repeat(label, el, "rows"), 0, False
                        row_hidden = el.get(_T + "visibility", "visible") != "visible"
                    elif tag == _T + "table-column" and sheet is not None:
                        repeat = _repeat(label, el, "columns")
                        if el.get(_T + "visibility", "visible") != "visible" and sheet.columns < MAX_COLUMNS:
                            sheet.hidden_columns.update(
                                range(sheet.columns + 1, min(sheet.columns + repeat, MAX_COLUMNS) + 1)
                            )
                        sheet.columns += repeat
                    continue
                if tag in CELLS and sheet is not None:
                    repeat = _repeat(label, el, "columns")
                    holds = el.get(_O + "value-type") is not None or len(el) > 0
                    if holds:
                        if col + repeat > MAX_COLUMNS:
                            raise refuse(
                                label,
                                f"more than {MAX_COLUMNS} columns in the sheet '{sheet.name}'; "
                                "a persons sheet may have at most that",
                                row + 1,
                            )
                        row_has_value = True
                        if (text := el.get(_T + "formula")) is not None:
                            sheet.formulas[(row, col)] = text
                    col += repeat
                elif tag == _T + "table-row" and sheet is not None:
                    if row_has_value:
                        if row + row_repeat > MAX_ROWS:
                            raise refuse(label, f"more than {MAX_ROWS:,} rows; a spreadsheet may have at most that")
                        sheet.rows = row + row_repeat
                        if row_hidden:
                            sheet.hidden_rows.append(row + 1)
                    row += row_repeat
                    el.clear()
                elif tag == _T + "table":
                    sheet = None
    except KeyError:
        raise refuse(label, "cannot read the spreadsheet: not an .ods spreadsheet (it has no content.xml)") from None
    except SheetError:
        raise
    except Exception as exc:  # broken XML, a broken zip, a refused entity: all mean the same to a trainer
        raise refuse(label, f"cannot read the spreadsheet: {first_line(exc)}") from None
    return sheets, hidden


def _repeat(label: str, el, what: str) -> int:
    text = el.get(f"{_T}number-{what}-repeated", "1")
    if not text.isascii() or not text.isdigit() or len(text) > 8 or int(text) < 1:
        raise refuse(label, f"cannot read the spreadsheet: a broken repeat count ({text[:20]!r})")
    return int(text)
