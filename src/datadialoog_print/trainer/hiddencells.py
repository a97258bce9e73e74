"""Hidden rows and columns of a workbook: refused by name, never imported unseen.

A row hidden in Excel or LibreOffice (hidden by hand, folded by an outline, filtered away) is
easy to forget: an old person kept "for later", a test row. Imported, it would be a person
nobody saw on the screen, with only "Imported 21 persons" to say so. So a hidden row that holds
a value, and a hidden column under a heading, refuse the import, naming the row or the column
and how to show it; a hidden row that is empty, or a hidden column past the last heading, is
no one's data and is passed over.

An .xlsx says it on the sheet's ``<row hidden="1">`` and ``<col min max hidden="1">``; this
reads only those, in one streaming pass (defusedxml, as the rest of the workbook). An .ods says
it with ``table:visibility`` on its rows and columns; :mod:`.odsread` notes that in its own pass.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from defusedxml.ElementTree import iterparse

from ..errors import Problem, SheetError, short
from .sheetread import MAX_COLUMNS, MAX_ROWS

_X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass
class Hidden:
    """The rows (numbered as the spreadsheet numbers them) and columns (from 1) a sheet hides."""

    rows: set[int] = field(default_factory=set)
    columns: set[int] = field(default_factory=set)


def xlsx_hidden(archive: zipfile.ZipFile, part: str) -> Hidden:
    """The hidden rows and columns of the .xlsx worksheet ``part`` (its path in the zip)."""
    hidden = Hidden()
    with archive.open(part.lstrip("/")) as xml:
        for _, el in iterparse(xml, events=("start",)):
            if el.tag == _X + "row" and el.get("hidden") in ("1", "true"):
                number = el.get("r", "")
                if number.isascii() and number.isdigit() and int(number) <= MAX_ROWS + 1:
                    hidden.rows.add(int(number))
            elif el.tag == _X + "col" and el.get("hidden") in ("1", "true"):
                low, high = el.get("min", ""), el.get("max", "")
                if all(v.isascii() and v.isdigit() and len(v) <= 6 for v in (low, high)):
                    hidden.columns.update(range(int(low), min(int(high), MAX_COLUMNS) + 1))
            elif el.tag == _X + "sheetData":
                continue
            el.clear()
    return hidden


def column_letter(number: int) -> str:
    """1 → A, 27 → AA: the column as the spreadsheet names it."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def refuse_columns(label: str, sheet: str, headings: list[str], columns: set[int]) -> None:
    """SheetError when a hidden column stands under a heading (or left of the last one)."""
    under = sorted(c for c in columns if c <= len(headings))
    if under:
        shown = ", ".join(f"{column_letter(c)} ('{short(headings[c - 1], 40)}')" for c in under[:5])
        raise SheetError(
            [
                Problem(
                    label,
                    1,
                    f"column {column_letter(under[0])}",
                    f"the sheet '{short(sheet, 60)}' hides column{'s' if len(under) > 1 else ''} {shown}; "
                    "show it (select the columns around it, right-click, Unhide) or delete it, then import again",
                )
            ]
        )


def refuse_row(label: str, sheet: str, number: int) -> SheetError:
    """The error for a hidden row that holds a value."""
    return SheetError(
        [
            Problem(
                label,
                number,
                f"row {number}",
                f"the sheet '{short(sheet, 60)}' hides row {number}, which holds a value; show it (select the rows "
                "around it, right-click, Unhide; or clear the filter) or delete it, then import again: "
                "a person nobody sees is not imported",
            )
        ]
    )
