"""The persons as an OpenDocument spreadsheet (.ods, LibreOffice's format and the open standard), written by odfpy.

The same workbook as the .xlsx (:mod:`.workbook`): the persons sheet with the same
columns, dropdowns, number checks and input messages (ODF *content validations*, from
:func:`~.workbook.column_checks`), the pre-pseudonymised persons shaded with a note, and
the explanation sheet (:func:`~.explanation.explanation_rows`). pandas' own ODS writer
writes values only, with no validations, styles or notes, so odfpy (the library pandas
reads and writes ODS with) builds the document here. Every text is a string cell and
every number a float cell: an ODS cell holds a formula only in its own attribute, which
nothing here writes.
"""

from __future__ import annotations

import io
from decimal import Decimal

from odf.config import ConfigItem, ConfigItemMapEntry, ConfigItemMapIndexed, ConfigItemMapNamed, ConfigItemSet
from odf.office import Annotation
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import ParagraphProperties, Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import (
    ContentValidation,
    ContentValidations,
    CoveredTableCell,
    ErrorMessage,
    HelpMessage,
    Table,
    TableCell,
    TableColumn,
    TableRow,
)
from odf.text import P

from ..deck.language import language
from ..deck.model import Deck, Kind
from ..deck.pseudonym import pseudonyms
from .cells import FONT, HEADER_FILL, PSEUDONYMISED_FILL
from .columns import Column, columns, row
from .explanation import PROGRAM_FONT, Cell, column_widths, describe, explanation_rows
from .workbook import LAST_ROW, Check, column_checks, column_values

CHARACTER_CM = 0.21
"""The width of one character of the sheet's 11 pt font, for column widths given in characters."""


def ods_bytes(deck: Deck, *, deck_argument: str, file_argument: str) -> bytes:
    """The workbook as .ods bytes: the persons sheet, then the explanation sheet."""
    lang = language(deck.language)
    doc = OpenDocumentSpreadsheet()
    styles = _Styles(doc)
    cols = columns(deck)
    persons = Table(name=lang["sheet_persons"])
    _persons(doc, persons, deck, cols, styles)
    doc.spreadsheet.addElement(persons)
    explanation = Table(name=lang["sheet_explanation"])
    _explanation(explanation, deck, cols, deck_argument, file_argument, styles)
    doc.spreadsheet.addElement(explanation)
    _freeze(doc, lang["sheet_persons"])
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


class _Styles:
    """The automatic styles of the document, each made once and named by what it looks like."""

    def __init__(self, doc: OpenDocumentSpreadsheet):
        self.doc, self.made = doc, {}

    def cell(self, *, bold=False, size=None, colour=None, fill=None, program=False, right=False, wrap=False) -> str:
        key = ("cell", bold, size, colour, fill, program, right, wrap)
        if key not in self.made:
            style = Style(name=f"ce{len(self.made) + 1}", family="table-cell")
            cell = {"verticalalign": "top"}
            if fill:
                cell["backgroundcolor"] = "#" + fill
            if wrap:
                cell["wrapoption"] = "wrap"
            style.addElement(TableCellProperties(**cell))
            style.addElement(ParagraphProperties(textalign="end" if right else "start", marginleft="0.1cm"))
            text = {"fontfamily": PROGRAM_FONT if program else FONT}
            if bold:
                text["fontweight"] = "bold"
            if size:
                text["fontsize"] = f"{size}pt"
            if colour:
                text["color"] = "#" + colour
            style.addElement(TextProperties(**text))
            self.doc.automaticstyles.addElement(style)
            self.made[key] = style.getAttribute("name")
        return self.made[key]

    def column(self, characters: float) -> str:
        key = ("column", round(characters, 1))
        if key not in self.made:
            style = Style(name=f"co{len(self.made) + 1}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{characters * CHARACTER_CM:.2f}cm"))
            self.doc.automaticstyles.addElement(style)
            self.made[key] = style.getAttribute("name")
        return self.made[key]


def _cell(value, style: str, **attributes) -> TableCell:
    """A string cell for a text, a float cell for a number: never a formula."""
    if isinstance(value, str):
        cell = TableCell(valuetype="string", stylename=style, **attributes)
        for line in value.split("\n"):
            cell.addElement(P(text=line))
        return cell
    if value is None:
        return TableCell(stylename=style, **attributes)
    return TableCell(valuetype="float", value=_number(value), stylename=style, **attributes)


def _persons(doc, table: Table, deck: Deck, cols: tuple[Column, ...], styles: _Styles) -> None:
    lang = language(deck.language)
    checks = column_checks(deck, cols)
    names = _validations(doc, table.getAttribute("name"), checks, lang["check_error_title"])
    numeric = [c.attribute is not None and c.attribute.kind is Kind.NUMBER for c in cols]
    for col in cols:
        texts = [col.header, *(str(v) for v in column_values(deck, col))]
        width = min(60, max(len(t) for t in texts) + 4)
        table.addElement(TableColumn(stylename=styles.column(width)))
    header = TableRow()
    for col, right in zip(cols, numeric, strict=True):
        header.addElement(_cell(col.header, styles.cell(bold=True, fill=HEADER_FILL[2:], right=right)))
    table.addElement(header)
    marked = {name for s in deck.series for name in s.pseudonymised}
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    for person in deck.persons:
        fill = PSEUDONYMISED_FILL[2:] if person.name in marked else None
        tr = TableRow()
        for index, value in enumerate(row(deck, person)):
            cell = _cell(value, styles.cell(fill=fill, right=numeric[index]), contentvalidationname=names[index])
            if index == 0 and person.name in marked:
                note = Annotation()
                note.addElement(
                    P(text=lang.t("pseudonymised_note", number=numbers[person.name], column=cols[-1].header))
                )
                cell.insertBefore(note, cell.firstChild)
            tr.addElement(cell)
        table.addElement(tr)
    rest = LAST_ROW - 1 - len(deck.persons)  # the checks cover every row a sheet has, so added rows are checked too
    empty = TableRow(numberrowsrepeated=rest)
    for index, right in enumerate(numeric):
        empty.addElement(TableCell(stylename=styles.cell(right=right), contentvalidationname=names[index]))
    table.addElement(empty)


def _validations(doc, sheet: str, checks: list[Check], error_title: str) -> list[str]:
    """One content validation per column (in the document's list of them); their names, in column order."""
    holder = ContentValidations()
    names = []
    for index, check in enumerate(checks):
        name = f"val{index + 1}"
        letter = _letter(index)
        rule = condition(check, letter)
        v = ContentValidation(
            name=name,
            **({"condition": rule} if rule else {}),
            allowemptycell="true",
            basecelladdress=f"{_quoted(sheet)}.{letter}2",
            **({"displaylist": "unsorted"} if check.kind == "list" else {}),
        )
        help_ = HelpMessage(title=check.title, display="true")
        for line in check.prompt.split("\n"):
            help_.addElement(P(text=line))
        v.addElement(help_)
        if check.error:
            error = ErrorMessage(title=error_title, display="true", messagetype="stop")
            error.addElement(P(text=check.error))
            v.addElement(error)
        holder.addElement(v)
        names.append(name)
    doc.spreadsheet.addElement(holder)
    return names


def condition(check: Check, letter: str) -> str:
    """The ODF condition of a check (OpenFormula, as LibreOffice writes it); 'of:' first."""
    if check.kind == "list":
        return "of:cell-content-is-in-list(" + ";".join('"' + v.replace('"', '""') + '"' for v in check.values) + ")"
    if check.kind == "unique":
        return f"of:is-true-formula(COUNTIF([.${letter}$2:.${letter}${LAST_ROW}];[.{letter}2])=1)"
    if check.kind == "digits":
        value = f"VALUE([.{letter}2])"
        rule = f"LEN([.{letter}2])={check.length};ISNUMBER({value});{value}>={check.minimum};{value}<={check.maximum}"
        return f"of:is-true-formula(AND({rule}))"
    if not check.kind:
        return ""
    number = "of:cell-content-is-whole-number()" if check.kind == "whole" else "of:cell-content-is-decimal-number()"
    low, high = check.minimum, check.maximum
    if low is not None and high is not None:
        return f"{number} and cell-content-is-between({_number(low)},{_number(high)})"
    if low is not None:
        return f"{number} and cell-content()>={_number(low)}"
    return f"{number} and cell-content()<={_number(high)}"


def _explanation(table: Table, deck: Deck, cols, deck_argument: str, file_argument: str, styles: _Styles) -> None:
    lang = language(deck.language)
    widths = column_widths(deck, lang, [describe(deck, col, lang) for col in cols])
    for width in widths:
        table.addElement(TableColumn(stylename=styles.column(width)))
    for cells in explanation_rows(deck, cols, deck_argument, file_argument):
        tr = TableRow()
        at = 1
        for c in cells:
            while at < c.first:
                tr.addElement(TableCell())
                at += 1
            tr.addElement(_explanation_cell(c, styles))
            for _ in range(c.last - c.first):
                tr.addElement(CoveredTableCell())
            at = c.last + 1
        table.addElement(tr)


def _explanation_cell(c: Cell, styles: _Styles) -> TableCell:
    style = styles.cell(bold=c.bold, size=c.size, colour=c.colour, fill=c.fill, program=c.program, wrap=True)
    span = {"numbercolumnsspanned": c.last - c.first + 1} if c.last > c.first else {}
    return _cell(c.value if c.value != "" else None, style, **span)


def _freeze(doc, sheet: str) -> None:
    """The persons sheet's header row and name column stay in view (B2, as in the .xlsx): LibreOffice's view settings."""

    def item(name: str, kind: str, value) -> ConfigItem:
        element = ConfigItem(name=name, type=kind)
        element.addText(str(value))
        return element

    table = ConfigItemMapEntry(name=sheet)
    for name, kind, value in FROZEN:
        table.addElement(item(name, kind, value))
    tables = ConfigItemMapNamed(name="Tables")
    tables.addElement(table)
    view = ConfigItemMapEntry()
    view.addElement(item("ViewId", "string", "view1"))
    view.addElement(tables)
    views = ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    doc.settings.addElement(settings)


FROZEN = (
    ("HorizontalSplitMode", "short", 2),  # 2: frozen
    ("VerticalSplitMode", "short", 2),
    ("HorizontalSplitPosition", "int", 1),  # after column A
    ("VerticalSplitPosition", "int", 1),  # after row 1
    ("ActiveSplitRange", "short", 2),
    ("PositionLeft", "int", 0),
    ("PositionRight", "int", 1),
    ("PositionTop", "int", 0),
    ("PositionBottom", "int", 1),
)
"""LibreOffice's settings for panes frozen at B2."""


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _quoted(sheet: str) -> str:
    return sheet if sheet.isalnum() else "'" + sheet.replace("'", "''") + "'"


def _number(value: float) -> str:
    """A number as ODF writes it: 120, 0.5, 1000000 (no exponent)."""
    return format(Decimal(repr(value)).normalize(), "f")
