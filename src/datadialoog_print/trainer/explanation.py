"""The workbook's explanation sheet, written from the deck in its language.

It lists the sources with their ink, the series, every column of the persons sheet with
its kind, unit, bounds and allowed values, and how to bring the file back into the deck.
Import never reads it: it is there for the trainer.
"""

from __future__ import annotations

import math
import shlex

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import invocation
from ..deck.language import Language, colour_word, language
from ..deck.model import Colour, Deck, Kind
from .cells import FONT, HEADER_FILL, PSEUDONYMISED_FILL, put
from .columns import Column, example, persons_origin, range_text, series_values

PROGRAM_FONT = "Courier New"
BOLD = 1.15
"""How much wider bold text runs than regular text, for column widths and row heights."""


def write_explanation(sheet, deck: Deck, cols: tuple[Column, ...], deck_argument: str, file_argument: str) -> None:
    """Fill ``sheet`` with the explanation of the persons sheet ``cols`` describes."""
    lang = language(deck.language)
    rows = [_describe(deck, col, lang) for col in cols]
    widths = _widths(deck, lang, rows)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    w = _Writer(sheet, widths)
    persons_sheet = lang["sheet_persons"]
    w.line([(1, 8, lang.t("sheet_title", title=deck.title))], font=Font(name=FONT, bold=True, size=14))
    w.line([(1, 8, lang.t("sheet_intro", deck=deck.name, sheet=persons_sheet))])

    w.heading(lang["sheet_sources"])
    w.header([(1, 1, lang["source"]), (2, 2, lang["ink"]), (3, 7, lang["description"]), (8, 8, lang["attributes_col"])])
    for source in deck.sources:
        ink = _rgb(source.ink)
        labels = lang["list_separator"].join(a.label for a in deck.attributes if a.source.key == source.key)
        w.line(
            [
                (1, 1, source.name, Font(name=FONT, bold=True, color=ink)),
                (2, 2, colour_word(lang, source.ink.name), Font(name=FONT, color=ink)),
                (3, 7, source.description),
                (8, 8, labels),
            ]
        )

    w.heading(lang["sheet_series"])
    w.header([(1, 1, lang["series"]), (2, 3, lang["meaning"]), (4, 4, lang["colour"]), (5, 5, lang["persons_col"])])
    labels = series_values(deck)
    for s in deck.series:
        count = len(deck.persons_in(s))
        w.line([(1, 1, labels[s.key]), (2, 3, s.meaning), (4, 4, colour_word(lang, s.colour.name)), (5, 5, count)])

    w.heading(lang.t("sheet_columns", sheet=persons_sheet))
    w.header(
        [
            (i, i, lang[word])
            for i, word in enumerate(("column", "key", "source", "kind", "unit", "minimum", "maximum", "allowed"), 1)
        ]
    )
    for texts in rows:
        w.line([(i, i, text) for i, text in enumerate(texts, 1)])
    marked = [s.label for s in deck.series if s.pseudonymised]
    if marked:
        w.line(
            [
                (1, 1, "", None, PatternFill("solid", fgColor=PSEUDONYMISED_FILL)),
                (2, 8, lang.t("sheet_pseudonymised", series=lang["list_separator"].join(marked))),
            ]
        )

    w.heading(lang["sheet_return"])
    origin = persons_origin(deck)
    file = shlex.quote(file_argument)
    program = invocation.program()
    if origin is None:
        w.line([(1, 8, lang["sheet_return_text"])])
        commands = [f"{program} import {shlex.quote(deck_argument)} {file} --replace"]
    else:
        mine = lang["my_deck"]
        w.line([(1, 8, lang.t("sheet_return_borrowed", origin=origin.name))])
        commands = [
            f"{program} new {mine} --from {shlex.quote(deck_argument)}",
            f"{program} import {mine} {file} --replace",
        ]
    for command in commands:
        w.line([(1, 8, command, Font(name=PROGRAM_FONT, bold=True))])
    w.line([(1, 8, lang["sheet_return_note"])])
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _describe(deck: Deck, col: Column, lang: Language) -> list:
    """Column, key, source, kind, unit, minimum, maximum and allowed values of one column of the persons sheet."""
    a = col.attribute
    if a is None:
        if col.field == "name":
            return [col.header, "name", "", lang["kind_text"], "", "", "", lang["allowed_name"]]
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
        allowed = lang.t("allowed_code", pattern=a.pattern, example=example(deck, a)) if a.pattern else ""
    return [col.header, a.key, a.source.name, kind, a.unit, low, high, allowed]


def _widths(deck: Deck, lang: Language, rows: list[list]) -> list[float]:
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


def _rgb(colour: Colour) -> str:
    """A CMYK ink as the RGB a screen shows (ARGB hex, as openpyxl wants it)."""
    c, m, y, k = colour.cmyk
    return "FF" + "".join(f"{round(255 * (1 - v) * (1 - k)):02X}" for v in (c, m, y))


class _Writer:
    """Rows one after another; a cell may span columns, wraps, and its row grows to fit the text."""

    def __init__(self, sheet, widths: list[float]):
        self.sheet, self.widths, self.row = sheet, widths, 1

    def line(self, cells: list[tuple], *, font=None, fill=None) -> None:
        lines = 1
        for first, last, value, *style in cells:
            cell_font = style[0] if style and style[0] is not None else font
            cell_fill = style[1] if len(style) > 1 else fill
            cell = put(self.sheet, self.row, first, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell_font is not None:
                cell.font = cell_font
            if cell_fill is not None:
                cell.fill = cell_fill
            if last > first:
                self.sheet.merge_cells(start_row=self.row, start_column=first, end_row=self.row, end_column=last)
            # Reckoned on the safe side: a letter as wide as the '0' a column width counts (bold
            # wider), and a character lost at the end of each wrapped line; a row too tall is
            # harmless, one too short lets the text run into the next row.
            width = sum(self.widths[first - 1 : last]) - 1
            factor = BOLD if cell_font is not None and cell_font.b else 1.0
            parts = str(value).split("\n")
            lines = max(lines, *(math.ceil(len(part) * factor / width) or 1 for part in parts))
        if lines > 1:
            self.sheet.row_dimensions[self.row].height = 15 * lines
        self.row += 1

    def heading(self, text: str) -> None:
        self.row += 1
        self.line([(1, 8, text)], font=Font(name=FONT, bold=True, size=12))

    def header(self, cells: list[tuple]) -> None:

        self.line(cells, font=Font(name=FONT, bold=True), fill=PatternFill("solid", fgColor=HEADER_FILL))
