"""Spreadsheet cells as data, never code: what a spreadsheet would run as a formula is neutralised.

In a workbook every text is a text cell (:func:`put`), whatever it begins with.

A CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
written with a leading apostrophe, as OWASP advises against CSV injection; a plain
number such as ``-3`` or ``-2.5`` stays a number. Reading strips exactly the apostrophe
that writing added, so every text survives the round trip, a name that itself begins
with an apostrophe ('t Hart) included: a cell counts as neutralised only when one or
more apostrophes are followed by one of those characters, and writing adds one
apostrophe to every text of that form.
"""

from __future__ import annotations

import re

from ..errors import DatadialoogError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's list)."""

PSEUDONYMISED_FILL = "FFE4DFEC"
"""A pale lilac behind the rows of pre-pseudonymised persons in a workbook (and its legend)."""
FONT = "Calibri"
"""openpyxl's default font; every styled cell names it, or LibreOffice falls back to a serif."""
HEADER_FILL = "FFD9D9D9"
"""The grey behind a workbook's column headings."""

_NEEDS_GUARD = re.compile(r"'*[=+\-@\t\r]")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take this text for a formula if it were typed into a cell."""
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def neutralise(text: str) -> str:
    """The text as a CSV cell that no spreadsheet runs; unchanged for ordinary texts and plain numbers."""
    if _NEEDS_GUARD.match(text) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: exactly one added apostrophe removed, nothing else."""
    return text[1:] if _GUARDED.match(text) else text


def put(sheet, row_: int, column: int, value, **style):
    """One cell: a text stays a text (never a formula), a number a number."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    cell = sheet.cell(row_, column)
    try:
        cell.value = value
    except IllegalCharacterError:
        raise DatadialoogError(
            f"{value!r} holds a control character that a workbook cannot store; remove it, or export to .csv"
        ) from None
    if isinstance(value, str):
        cell.data_type = "s"
        cell.number_format = "@"
        if looks_like_formula(value):
            cell.quotePrefix = True
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell
