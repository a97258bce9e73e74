"""Why a spreadsheet was not imported, as the person sees the spreadsheet: the file by the name they chose, the row
and the column heading as they stand in it, the reason in the page's language — never a YAML path, never the
server's temporary file.

``import`` itself (:func:`~datadialoog_print.trainer.spreadsheet.import_persons`) decides; its messages are the
command line's, in English. When it refuses, this module reads the same file again with the same readers and
names each problem with the rules the persons page uses (:mod:`.person_cells`), so the page says in words why
``import`` said no. A problem it cannot place is still said, without its technical position.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DatadialoogError, DeckError, SheetError
from .typed import Message

CELL = re.compile(r"^row (?P<row>[0-9]+), column '(?P<heading>.*)'$", re.S)
STRAY = re.compile(r"^row (?P<row>[0-9]+), column (?P<column>[A-Z]+|[0-9]+)$")
QUOTED = re.compile(r"'(?P<text>[^']*)'")
FILE_REASONS = (
    ("not a spreadsheet this tool reads", "imp_not_sheet"),
    ("a spreadsheet may be at most", "imp_too_big"),
    ("the spreadsheet is empty", "imp_empty"),
    ("the spreadsheet has no persons", "imp_no_persons"),
    ("too many persons", "imp_too_many_persons"),
    ("rows; a spreadsheet may have at most", "imp_too_many_rows"),
    ("columns; a persons sheet may have at most", "imp_too_many_columns"),
    ("not UTF-8 text", "imp_not_utf8"),
)
"""The start of ``import``'s message for a file it cannot take, and the page's words for it."""
REFUSED_CELLS = (("a formula", "imp_formula"), ("an error value", "imp_error_value"), ("a date or time", "imp_date"))


def explain(deck, table: Path, exc: DatadialoogError) -> list[tuple[str, Message]]:
    """(where, why) for each problem ``exc`` names in the uploaded ``table``; ``where`` is "" for the whole file,
    else "row 22, column Naam" as :func:`where` writes it from a (row, heading) pair."""
    if isinstance(exc, SheetError):
        return _sheet(deck, table, exc)
    if isinstance(exc, DeckError):
        return [("", _deck_reason(p.message)) for p in exc.problems[:20]]
    return [("", ("imp_unreadable", {}))]


def _sheet(deck, table: Path, exc: SheetError) -> list[tuple[str, Message]]:
    out: list[tuple[str, Message]] = []
    cells: dict[tuple[int, str], str] = {}
    for p in exc.problems:
        if match := CELL.match(p.field):
            cells[(int(match["row"]), match["heading"])] = p.message
            out.append((f"{match['row']}\t{match['heading']}", ("", {})))
        elif match := STRAY.match(p.field):
            key = "imp_right_of_last" if "right of the last heading" in p.message else "imp_no_heading"
            out.append((f"{match['row']}\t{match['column']}", (key, {})))
        elif p.line == 1 and "column" in p.field + p.message:
            out.append(("", _column_reason(deck, p.field, p.message)))
        else:
            key = next((k for start, k in FILE_REASONS if start in p.message), "imp_unreadable")
            out.append(("", (key, {})))
    if cells:
        reasons = _cell_reasons(deck, table, cells)
        out = [(where, reasons.get(where, message) if not message[0] else message) for where, message in out]
    return [(w, m if m[0] else ("cell_bad", {"text": ""})) for w, m in out]


def _column_reason(deck, field: str, message: str) -> Message:
    """A heading of row 1 the deck does not know, twice, or missing (named as the workbook heads it)."""
    from ..trainer.columns import columns

    quoted = QUOTED.findall(field) or QUOTED.findall(message)
    heading = quoted[-1] if quoted else ""
    if message.startswith("unknown column"):
        return "imp_unknown_column", {"heading": heading}
    if message.startswith("a second column"):
        return "imp_second_column", {"heading": heading}
    missing = QUOTED.findall(message)
    wanted = missing[-1] if missing else ""
    header = next((c.header for c in columns(deck) if c.field == wanted), wanted)
    return "imp_missing_column", {"heading": header}


def _cell_reasons(deck, table: Path, cells: dict[tuple[int, str], str]) -> dict[str, Message]:
    """The reason for each (row, heading) ``import`` refused, from the cell's own value, as the persons page names it."""
    from ..assemble.decks import printing
    from ..deck.language import language
    from ..trainer.columns import header_fields
    from ..trainer.sheetread import open_table

    fields = header_fields(deck)
    printable = printing().printable
    wanted = {row for row, _ in cells}
    out: dict[str, Message] = {}
    with open_table(table, sheet_name=language(deck.language)["sheet_persons"]) as sheet:
        index = {heading: i for i, heading in enumerate(sheet.headings) if heading}
        for number, values in sheet.rows:
            if number not in wanted:
                continue
            for (row, heading), english in cells.items():
                if row == number:
                    i = index.get(heading)
                    value = values[i] if i is not None and i < len(values) else None
                    field = fields.get(heading.casefold(), "")
                    out[f"{row}\t{heading}"] = _reason(deck, field, value, english, printable)
            wanted.discard(number)
            if not wanted:
                break
    return out


def _reason(deck, field: str, value, english: str, printable) -> Message:
    """Why one cell was refused: the rules ``import`` applied, named as the persons page names them."""
    from ..trainer.columns import PSEUDONYMISED, series_values
    from ..trainer.sheetread import Refused
    from .person_cells import cell_problem, name_reason

    if isinstance(value, Refused):
        return next(((k, {}) for start, k in REFUSED_CELLS if value.message.startswith(start)), ("imp_unreadable", {}))
    if value is None or (isinstance(value, str) and not value.strip()):
        return "cell_empty", {}
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    if isinstance(value, bool) and field != PSEUDONYMISED:
        return "imp_yes_no_value", {}
    if field == "name":
        if match := re.search(r"first in row ([0-9]+)", english):
            return "imp_duplicate", {"name": text, "row": int(match[1])}
        return name_reason(text, set()) or ("cell_bad", {"text": text})
    if field == "series":
        return "imp_series", {"text": text, "choices": ", ".join(series_values(deck).values())}
    if field == PSEUDONYMISED:
        return "imp_yes_no", {"text": text}
    attribute = next((a for a in deck.attributes if a.key == field), None)
    if attribute is None:
        return "cell_bad", {"text": text}
    return cell_problem(attribute, text, printable)[1] or ("cell_bad", {"text": text})


def _deck_reason(english: str) -> Message:
    """A problem of the deck the new persons would make (``check``'s, found after every row passed)."""
    if match := re.search(r"no person named '([^']*)'", english):
        return "imp_pseudonymised_gone", {"name": match[1]}
    if "a deck file may be at most" in english:
        return "imp_too_many_persons", {}
    return "imp_deck_refused", {}


def where(w, key: str, file: str) -> str:
    """ "mijn personen.xlsx, rij 22, kolom ‘Naam’" for a (row, heading) key from :func:`explain`; the file alone
    for the file as a whole."""
    if not key:
        return file
    row, heading = key.split("\t", 1)
    return w.t("imp_where", file=file, row=int(row), column=heading)
