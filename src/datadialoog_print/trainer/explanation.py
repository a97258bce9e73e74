"""The workbook's explanation sheet, written from the deck in its language (as rows, for .xlsx and .ods).

It lists the sources with their ink, the series, every column of the persons sheet with
its kind, unit, bounds and allowed values, and how to bring the file back into the deck.
Import never reads it: it is there for the trainer.
"""

from __future__ import annotations

import contextlib
import math
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..deck.language import Language, colour_word, language
from ..deck.model import Colour, Deck, Kind
from .cells import FONT, HEADER_FILL, PSEUDONYMISED_FILL, put
from .columns import PSEUDONYMISED, Column, code_form, example, persons_origin, range_text, series_values

PROGRAM_FONT = "Courier New"
BOLD = 1.15
"""How much wider bold text runs than regular text, for column widths and row heights."""
PROGRAM = "datadialoog-print"


@dataclass(frozen=True)
class Cell:
    """One cell of the explanation sheet, spanning columns ``first`` to ``last`` (from 1)."""

    first: int
    last: int
    value: str | int
    bold: bool = False
    size: int | None = None
    """Font size in points; None for the sheet's default."""
    colour: str | None = None
    """Text colour as RRGGBB (a source's ink), or None for black."""
    fill: str | None = None
    """Background as RRGGBB, or None."""
    program: bool = False
    """A command to type: in a typewriter font."""


Row = tuple[Cell, ...]
"""One row; an empty row is a blank line."""


def explanation_rows(deck: Deck, cols: tuple[Column, ...], deck_argument: str, file_argument: str) -> list[Row]:
    """The explanation of the persons sheet ``cols`` describes, row by row: the same for .xlsx and .ods."""
    lang = language(deck.language)
    out: list[Row] = []
    persons_sheet = lang["sheet_persons"]

    def heading(text: str) -> None:
        out.extend([(), (Cell(1, 8, text, bold=True, size=12),)])

    def header(cells: list[tuple[int, int, str]]) -> None:
        out.append(tuple(Cell(a, b, text, bold=True, fill=HEADER_FILL[2:]) for a, b, text in cells))

    out.append((Cell(1, 8, lang.t("persons_sheet_title", title=deck.title), bold=True, size=14),))
    out.append((Cell(1, 8, lang.t("sheet_intro", deck=deck.name, sheet=persons_sheet)),))
    heading(lang["sheet_sources"])
    header([(1, 1, lang["source"]), (2, 2, lang["ink"]), (3, 7, lang["description"]), (8, 8, lang["attributes_col"])])
    for source in deck.sources:
        ink = rgb(source.ink)
        labels = lang["list_separator"].join(a.label for a in deck.attributes if a.source.key == source.key)
        out.append(
            (
                Cell(1, 1, source.name, bold=True, colour=ink),
                Cell(2, 2, colour_word(lang, source.ink.name), colour=ink),
                Cell(3, 7, source.description),
                Cell(8, 8, labels),
            )
        )
    heading(lang["sheet_series"])
    header([(1, 1, lang["series"]), (2, 3, lang["meaning"]), (4, 4, lang["colour"]), (5, 5, lang["persons_col"])])
    labels = series_values(deck)
    for s in deck.series:
        count = len(deck.persons_in(s))
        out.append(
            (
                Cell(1, 1, labels[s.key]),
                Cell(2, 3, s.meaning),
                Cell(4, 4, colour_word(lang, s.colour.name)),
                Cell(5, 5, count),
            )
        )
    heading(lang.t("sheet_columns", sheet=persons_sheet))
    words = ("column", "key", "source", "kind", "unit", "minimum", "maximum", "allowed")
    header([(i, i, lang[word]) for i, word in enumerate(words, 1)])
    for texts in (describe(deck, col, lang) for col in cols):
        out.append(tuple(Cell(i, i, text) for i, text in enumerate(texts, 1)))
    marked = [s.label for s in deck.series if s.pseudonymised]
    if marked:
        text = lang.t("sheet_pseudonymised", series=lang["list_separator"].join(marked))
        out.append((Cell(1, 1, "", fill=PSEUDONYMISED_FILL[2:]), Cell(2, 8, text)))
    heading(lang["sheet_return"])
    origin = persons_origin(deck)
    file = shlex.quote(file_argument)
    me = program()
    suffix = Path(file_argument).suffix.lower()
    if origin is None:
        out.append((Cell(1, 8, lang.t("sheet_return_text", suffix=suffix)),))
        commands = [f"{me} import {shlex.quote(deck_argument)} {file} --replace"]
    else:
        mine = lang["my_deck"]
        out.append((Cell(1, 8, lang.t("sheet_return_borrowed", origin=origin.name)),))
        commands = [f"{me} new {mine} --from {shlex.quote(deck_argument)}", f"{me} import {mine} {file} --replace"]
    out.extend((Cell(1, 8, command, bold=True, program=True),) for command in commands)
    out.append((Cell(1, 8, lang["sheet_return_note"]),))
    return out


def program() -> str:
    """The command as the shell that exported can run it: ``datadialoog-print`` when that is on PATH,
    else the script beside this Python (``.venv/bin/datadialoog-print`` in a clone, relative to here)."""
    script = Path(sys.executable).parent / PROGRAM
    found = shutil.which(PROGRAM)
    if found is not None and Path(found).resolve() == script.resolve():
        return PROGRAM
    if not script.exists():
        return PROGRAM
    with contextlib.suppress(ValueError):
        return shlex.quote(str(script.absolute().relative_to(Path.cwd())))
    return shlex.quote(str(script.absolute()))


def write_explanation(sheet, deck: Deck, cols: tuple[Column, ...], deck_argument: str, file_argument: str) -> None:
    """Fill the openpyxl ``sheet`` with the explanation of the persons sheet ``cols`` describes."""
    lang = language(deck.language)
    rows = [describe(deck, col, lang) for col in cols]
    widths = column_widths(deck, lang, rows)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for r, row in enumerate(explanation_rows(deck, cols, deck_argument, file_argument), 1):
        lines = 1
        for c in row:
            cell = put(sheet, r, c.first, c.value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if c.bold or c.size or c.colour or c.program:
                name = PROGRAM_FONT if c.program else FONT
                cell.font = Font(
                    name=name, bold=c.bold, size=c.size, color=None if c.colour is None else "FF" + c.colour
                )
            if c.fill is not None:
                cell.fill = PatternFill("solid", fgColor="FF" + c.fill)
            if c.last > c.first:
                sheet.merge_cells(start_row=r, start_column=c.first, end_row=r, end_column=c.last)
            lines = max(lines, line_count(c, widths))
        if lines > 1:
            sheet.row_dimensions[r].height = 15 * lines
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def line_count(c: Cell, widths: list[float]) -> int:
    """Lines the cell's text takes, wrapped in its columns.

    Reckoned on the safe side: a letter as wide as the '0' a column width counts (bold
    wider), and a character lost at the end of each wrapped line; a row too tall is
    harmless, one too short lets the text run into the next row.
    """
    width = sum(widths[c.first - 1 : c.last]) - 1
    factor = BOLD if c.bold else 1.0
    return max(math.ceil(len(part) * factor / width) or 1 for part in str(c.value).split("\n"))


def describe(deck: Deck, col: Column, lang: Language) -> list:
    """Column, key, source, kind, unit, minimum, maximum and allowed values of one column of the persons sheet."""
    a = col.attribute
    if a is None:
        if col.field == "name":
            return [col.header, "name", "", lang["kind_text"], "", "", "", lang["allowed_name"]]
        if col.field == PSEUDONYMISED:
            return [col.header, PSEUDONYMISED, "", lang["kind_series"], "", "", "", lang["allowed_pseudonymised"]]
        values = lang["list_separator"].join(series_values(deck).values())
        return [col.header, "series", "", lang["kind_series"], "", "", "", values]
    low = "" if a.minimum is None or a.kind is not Kind.NUMBER else lang.number(a.minimum, 4)
    high = "" if a.maximum is None or a.kind is not Kind.NUMBER else lang.number(a.maximum, 4)
    if a.kind is Kind.NUMBER:
        kind = lang["kind_whole"] if a.decimals == 0 else lang.t("kind_decimal", decimals=a.decimals)
        allowed = range_text(a, lang)
    elif a.kind is Kind.CATEGORY:
        kind, allowed = lang["kind_category"], lang["list_separator"].join(a.categories)
    else:
        kind = lang["kind_code"]
        allowed = lang.t("allowed_code", form=code_form(a, lang), example=example(deck, a)) if a.pattern else ""
    return [col.header, a.key, a.source.name, kind, a.unit, low, high, allowed]


def column_widths(deck: Deck, lang: Language, rows: list[list]) -> list[float]:
    """Widths of columns A–H in characters: wide enough for the cells of one column (bold ones wider), within limits."""
    regular = [
        [r[0] for r in rows],
        [*(r[1] for r in rows), *(colour_word(lang, s.ink.name) for s in deck.sources)],
        [r[2] for r in rows],
        [*(r[3] for r in rows), *(colour_word(lang, s.colour.name) for s in deck.series)],
        *([r[i] for r in rows] for i in (4, 5, 6)),
    ]
    bold = [
        [s.name for s in deck.sources] + [lang["source"], lang["series"], lang["column"]],
        [lang["ink"], lang["key"]],
        [lang["source"]],
        [lang["colour"], lang["kind"]],
        [lang["persons_col"], lang["unit"]],
        [lang["minimum"]],
        [lang["maximum"]],
    ]
    limits = [(16, 44), (10, 24), (16, 44), (12, 30), (8, 14), (9, 14), (9, 14)]
    widths = []
    for texts, heads, (low, high) in zip(regular, bold, limits, strict=True):
        need = max([len(str(t)) for t in texts] + [round(len(h) * BOLD) for h in heads]) + 2
        widths.append(min(high, max(low, need)))
    return [*widths, 72]


def rgb(colour: Colour) -> str:
    """A CMYK ink as the RGB a screen shows (RRGGBB)."""
    c, m, y, k = colour.cmyk
    return "".join(f"{round(255 * (1 - v) * (1 - k)):02X}" for v in (c, m, y))
