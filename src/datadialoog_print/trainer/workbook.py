"""The persons as an Excel workbook that guides the trainer: dropdowns, number checks, input messages.

openpyxl writes it; nothing here is hand-written XML. Every text goes in as a text cell
(never a formula, whatever it begins with), every number as a number. The persons sheet
comes first; the explanation sheet (:mod:`.explanation`) second; long lists of allowed
values live on a hidden third sheet, because Excel takes at most 255 characters in a
list written into the check itself.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..deck.language import Language, language
from ..deck.model import Attribute, Deck, Kind
from ..deck.pseudonym import pseudonyms
from .cells import FONT, HEADER_FILL, PSEUDONYMISED_FILL, put
from .columns import PSEUDONYMISED, Column, code_form, columns, digit_code, example, range_text, row, series_values
from .explanation import write_explanation

LAST_ROW = 1_048_576
"""The checks cover every row a sheet has, so rows a trainer adds are checked too."""
INLINE_LIST_LIMIT = 255
"""Excel's limit on a list written into a check ("WO,HBO,…")."""


def workbook_bytes(deck: Deck, *, deck_argument: str, file_argument: str) -> bytes:
    """The workbook as bytes: the persons sheet, the explanation sheet and, when needed, the hidden lists."""
    lang = language(deck.language)
    book = Workbook()
    sheet = book.active
    sheet.title = lang["sheet_persons"]
    cols = columns(deck)
    _persons(sheet, deck, cols)
    write_explanation(book.create_sheet(lang["sheet_explanation"]), deck, cols, deck_argument, file_argument)
    lists = _Lists(book, lang)
    _checks(sheet, deck, cols, lang, lists)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _persons(sheet, deck: Deck, cols: tuple[Column, ...]) -> None:
    lang = language(deck.language)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    # Numbers to the right, texts to the left, each a character from the edge, so that a number
    # does not run into the text of the next column (4 3582).
    numeric = {i for i, c in enumerate(cols, 1) if c.attribute is not None and c.attribute.kind is Kind.NUMBER}
    right, left = Alignment(horizontal="right", indent=1), Alignment(horizontal="left", indent=1)
    for index, col in enumerate(cols, 1):
        cell = put(sheet, 1, index, col.header, font=Font(name=FONT, bold=True), fill=header_fill)
        cell.alignment = right if index in numeric else left
    marked = {name for s in deck.series for name in s.pseudonymised}
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    fill = PatternFill("solid", fgColor=PSEUDONYMISED_FILL)
    for r, person in enumerate(deck.persons, 2):
        for index, value in enumerate(row(deck, person), 1):
            cell = put(sheet, r, index, value)
            cell.alignment = right if index in numeric else left
            if person.name in marked:
                cell.fill = fill
        if person.name in marked:
            text = lang.t("pseudonymised_note", number=numbers[person.name], column=cols[-1].header)
            note = Comment(text, "datadialoog-print")
            note.width, note.height = 260, 110
            sheet.cell(r, 1).comment = note
    for index, col in enumerate(cols, 1):
        letter = get_column_letter(index)
        texts = [col.header, *(str(v) for v in column_values(deck, col))]
        sheet.column_dimensions[letter].width = min(60, max(len(t) for t in texts) + 4)
        sheet.column_dimensions[letter].alignment = right if index in numeric else left
        if index not in numeric:
            sheet.column_dimensions[letter].number_format = "@"  # typed 0123 or 1-2 stays text
    sheet.freeze_panes = "B2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def column_values(deck: Deck, col: Column) -> list:
    """Every value the column shows or offers, for its width."""
    lang = language(deck.language)
    if col.field == "name":
        return [p.name for p in deck.persons]
    if col.field == "series":
        return list(series_values(deck).values())
    if col.field == PSEUDONYMISED:
        return [lang["yes"], lang["no"]]
    return [p.values[col.field] for p in deck.persons] + list(col.attribute.categories)


class _Lists:
    """The hidden sheet that holds lists too long (or too comma-laden) to write into a check."""

    def __init__(self, book, lang: Language):
        self.book, self.lang, self.sheet, self.used = book, lang, None, 0

    def formula(self, title: str, values: list[str]) -> str:
        """A list check's source: the values inline when Excel allows it, else a range on the hidden sheet."""
        inline = '"' + ",".join(values) + '"'
        if len(inline) <= INLINE_LIST_LIMIT and not any("," in v or '"' in v for v in values):
            return inline
        if self.sheet is None:
            self.sheet = self.book.create_sheet(self.lang["sheet_lists"])
            self.sheet.sheet_state = "hidden"
        self.used += 1
        put(self.sheet, 1, self.used, title)
        for r, value in enumerate(values, 2):
            put(self.sheet, r, self.used, value)
        letter = get_column_letter(self.used)
        return f"{quote_sheetname(self.sheet.title)}!${letter}$2:${letter}${len(values) + 1}"


@dataclass(frozen=True)
class Check:
    """What one column of the persons sheet accepts and tells, the same in .xlsx and .ods."""

    kind: str
    """'list', 'whole', 'decimal', 'unique' (each name once), 'digits' (a code of ``length`` digits
    from ``minimum`` to ``maximum``, as a postcode) or '' (an input message only)."""
    values: tuple[str, ...] = ()
    """The allowed values of a list."""
    minimum: float | None = None
    maximum: float | None = None
    length: int = 0
    title: str = ""
    prompt: str = ""
    error: str = ""
    """What the spreadsheet says when a typed value is refused; empty when nothing is refused."""


def column_checks(deck: Deck, cols: tuple[Column, ...]) -> list[Check]:
    """The check and input message of every column, in column order."""
    lang = language(deck.language)
    out = []
    for col in cols:
        a = col.attribute
        lines: list[str] = []
        if col.field == "name":
            check = Check("unique", error=lang["error_name"])
            lines.append(lang["prompt_name"])
        elif col.field == PSEUDONYMISED:
            values = (lang["yes"], lang["no"])
            check = Check("list", values, error=lang.t("error_choose", values=", ".join(values)))
            lines += [lang["prompt_pseudonymised"], lang["prompt_choose"]]
        elif col.field == "series":
            values = tuple(series_values(deck).values())
            check = Check("list", values, error=lang.t("error_choose", values=", ".join(values)))
            lines += [f"{series_values(deck)[s.key]}: {s.meaning}" for s in deck.series] + [lang["prompt_choose"]]
        else:
            lines.append(lang.t("prompt_source", source=a.source.name))
            if a.unit:
                lines.append(lang.t("prompt_unit", unit=a.unit))
            check = _value_check(deck, a, lang, lines)
        out.append(replace(check, title=col.header, prompt="\n".join(lines)))
    return out


def _checks(sheet, deck: Deck, cols: tuple[Column, ...], lang: Language, lists: _Lists) -> None:
    """A check with an input message on every column, from row 2 to the last row a sheet has."""
    for index, (col, c) in enumerate(zip(cols, column_checks(deck, cols), strict=True), 1):
        letter = get_column_letter(index)
        if c.kind == "unique":
            check = DataValidation(type="custom", formula1=f"COUNTIF(${letter}:${letter},{letter}2)=1")
        elif c.kind == "digits":
            value = f"VALUE({letter}2)"
            rule = f"LEN({letter}2)={c.length},ISNUMBER({value}),{value}>={c.minimum},{value}<={c.maximum}"
            check = DataValidation(type="custom", formula1=f"AND({rule})")
        elif c.kind == "list":
            check = DataValidation(type="list", formula1=lists.formula(col.header, list(c.values)))
        elif c.kind and c.minimum is not None and c.maximum is not None:
            check = DataValidation(
                type=c.kind, operator="between", formula1=_number(c.minimum), formula2=_number(c.maximum)
            )
        elif c.kind and c.minimum is not None:
            check = DataValidation(type=c.kind, operator="greaterThanOrEqual", formula1=_number(c.minimum))
        elif c.kind:
            check = DataValidation(type=c.kind, operator="lessThanOrEqual", formula1=_number(c.maximum))
        else:
            check = DataValidation()
        check.sqref = f"{letter}2:{letter}{LAST_ROW}"
        check.allow_blank = True
        check.showInputMessage = True
        check.promptTitle = fit(c.title, 32)
        check.prompt = fit(c.prompt, 255)
        if c.error:
            check.showErrorMessage = True
            check.errorStyle = "stop"
            check.errorTitle = fit(lang["check_error_title"], 32)
            check.error = fit(c.error, 255)
        sheet.add_data_validation(check)


def _value_check(deck: Deck, a: Attribute, lang: Language, lines: list[str]) -> Check:
    """The check of an attribute column; adds what the input message says to ``lines``."""
    if a.kind is Kind.CATEGORY:
        lines.append(lang["prompt_choose"])
        return Check("list", tuple(a.categories), error=lang.t("error_choose", values=", ".join(a.categories)))
    if a.kind is Kind.CODE:
        if not a.pattern:
            return Check("")
        form, shown = code_form(a, lang), example(deck, a)
        lines.append(lang.t("prompt_code", form=form, example=shown))
        if (digits := digit_code(a.pattern)) is None:
            return Check("")
        length, low, high = digits
        error = lang.t("error_code", form=form, example=shown)
        return Check("digits", minimum=low, maximum=high, length=length, error=error)
    kind = "whole" if a.decimals == 0 else "decimal"
    span = range_text(a, lang)
    lines.append(lang.t("prompt_range", range=span))
    if a.minimum is None and a.maximum is None:
        return Check("")
    word = lang["kind_whole"] if kind == "whole" else lang.t("kind_decimal", decimals=a.decimals)
    return Check(kind, minimum=a.minimum, maximum=a.maximum, error=lang.t("error_number", kind=word, range=span))


def _number(value: float) -> str:
    """A bound as a formula writes it: 120, 0.5, 1000000 (no exponent)."""
    return format(Decimal(repr(value)).normalize(), "f")


def fit(text: str, limit: int) -> str:
    """Excel refuses a file whose messages exceed its limits (32 for a title, 255 for a text)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
