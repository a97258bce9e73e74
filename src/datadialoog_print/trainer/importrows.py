"""A spreadsheet's rows as persons for persons.yaml, checked with the deck's own rules, every problem by row and column.

Values are checked by :func:`~datadialoog_print.deck.persons.check_value`, the rule the
YAML loader uses, so import takes exactly what ``check`` takes. A category or series
typed in another case ("hbo") is read as the deck writes it ("HBO"), as a spreadsheet's
dropdown accepts it. Reading stops as soon as the persons would make a persons.yaml
larger than ``check`` accepts for a deck file, so a file of 100 000 rows costs no more
than the rows that fit. A cell right of the last heading, a line break in a text and a
decimal in a whole-number attribute are problems too, each named by row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..assemble.decks import printing
from ..deck.language import language
from ..deck.model import Attribute, Deck, Kind
from ..deck.paperchecks import TextCheck
from ..deck.persons import check_value
from ..deck.reason import Reason
from ..deck.yamlfile import MAX_FILE_BYTES
from ..errors import Problem, SheetError
from .columns import PSEUDONYMISED, header_fields, series_values, yes_no
from .sheetread import Refused, Table, open_table, refuse

MAX_PROBLEMS = 50
"""Problems listed one by one; the rest are counted."""


@dataclass(frozen=True)
class SheetPersons:
    """What a spreadsheet holds for a deck."""

    persons: list[dict]
    """Every person, as a persons.yaml mapping."""
    sheet: str | None
    """The sheet read (None for a CSV)."""
    pseudonymised: set[str] | None
    """The names marked as pre-pseudonymised; None when the file has no such column."""


def persons_from_sheet(deck: Deck, path: Path, *, room: int = MAX_FILE_BYTES) -> SheetPersons:
    """Every person in the spreadsheet; SheetError with every problem (the first 50).

    ``room`` is how many bytes of persons.yaml the rows may fill (less for an append); every text gets
    the font's check the loader gives it.
    """
    with open_table(Path(path), sheet_name=language(deck.language)["sheet_persons"]) as table:
        columns = _columns(deck, table)
        rows = _rows(deck, table, columns, room)
    persons = _persons(deck, table, columns, rows, printing().printable)
    marked = {p["name"] for p in persons if p.pop(PSEUDONYMISED, False)}
    return SheetPersons(persons, table.sheet, marked if PSEUDONYMISED in columns.values() else None)


def _columns(deck: Deck, table: Table) -> dict[int, str]:
    """Column index → field, or SheetError naming every unknown, doubled or missing column."""
    fields = header_fields(deck)
    problems: list[Problem] = []
    out: dict[int, str] = {}
    sheet = f"sheet '{table.sheet}'" if table.sheet is not None else ""
    for index, heading in enumerate(table.headings):
        if not heading:
            continue
        field = fields.get(heading.casefold())
        if field is None:
            problems.append(
                Problem(
                    table.label,
                    1,
                    ", ".join(filter(None, [sheet, f"column '{heading}'"])),
                    "unknown column; expected name, series and one per attribute (its label or key)",
                )
            )
        elif field in out.values():
            where = ", ".join(filter(None, [sheet, f"column '{heading}'"]))
            problems.append(Problem(table.label, 1, where, f"a second column for '{field}'"))
        else:
            out[index] = field
    for needed in ["name", "series", *(a.key for a in deck.attributes)]:
        if needed not in out.values():
            problems.append(Problem(table.label, 1, sheet, f"no column for '{needed}'"))
    if problems:
        raise SheetError(problems)
    return out


def _rows(deck: Deck, table: Table, columns: dict[int, str], room: int) -> list[tuple[int, list]]:
    """The rows that are not blank, until they would no longer fit in a persons.yaml that check accepts."""
    used = 0
    out = []
    keys = _key_sizes(deck)
    for number, values in table.rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        used += least_bytes(deck, columns, values, keys)
        if used > room:
            raise refuse(
                table.label,
                f"too many persons: with the {len(out) + 1:,} persons up to this row, persons.yaml would be "
                f"larger than {MAX_FILE_BYTES // 2**20} MB, the most `check` accepts for a deck file; "
                f"split the persons over smaller decks",
                number,
            )
        out.append((number, values))
    return out


def _key_sizes(deck: Deck) -> dict[str, tuple[int, bool]]:
    """Attribute key → (its bytes, whether its values are texts), for :func:`least_bytes`."""
    return {a.key: (len(a.key.encode()), a.kind is Kind.CODE) for a in deck.attributes}


def least_bytes(deck: Deck, columns: dict[int, str], values: list, keys: dict | None = None) -> int:
    """The fewest bytes a row's person can take in persons.yaml: '- name: …', '  series: …' and '  key: …' lines.

    Names and codes count with their stripped text (YAML only ever adds quotes or escapes),
    every other value as one character, so the sum over the rows never exceeds the file.
    """
    keys = keys if keys is not None else _key_sizes(deck)
    total = 0
    for index, field in columns.items():
        value = values[index] if index < len(values) else None
        if field == PSEUDONYMISED:  # goes to deck.yaml, not persons.yaml
            continue
        if field == "name":
            line, texty = 9, True  # "- name: " and the newline
        elif field == "series":
            line, texty = 11, False  # "  series: " and the newline
        else:
            size, texty = keys[field]
            line = size + 5  # "  ", ": " and the newline
        total += line + (max(1, len(value.strip().encode())) if texty and isinstance(value, str) else 1)
    return total


class _Problems:
    """The problems found so far: the first 50 kept, the rest counted."""

    def __init__(self, label: str):
        self.label, self.kept, self.more = label, [], 0

    def add(self, row: int, where: str, message: str) -> None:
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(Problem(self.label, row, where, message))
        else:
            self.more += 1

    def raise_any(self) -> None:
        if self.kept:
            raise SheetError(self.kept, total=len(self.kept) + self.more)


def _persons(
    deck: Deck, table: Table, columns: dict[int, str], rows: list[tuple[int, list]], printable: TextCheck | None
) -> list[dict]:
    problems = _Problems(table.label)
    series = series_words(deck)
    seen: dict[str, int] = {}
    persons = [
        _person(deck, table, columns, number, values, problems, series, seen, printable) for number, values in rows
    ]
    problems.raise_any()
    if not persons:
        raise refuse(table.label, "the spreadsheet has no persons")
    return persons


def _person(
    deck: Deck,
    table: Table,
    columns: dict[int, str],
    number: int,
    values: list,
    problems: _Problems,
    series_keys: dict[str, str],
    seen: dict[str, int],
    printable: TextCheck | None = None,
) -> dict:
    """One row as a person mapping; what is wrong with it goes to ``problems``."""
    index_of = {field: index for index, field in columns.items()}

    def problem(field: str, message: str) -> None:
        problems.add(number, f"row {number}, column '{table.headings[index_of[field]]}'", message)

    def cell(field: str):
        index = index_of[field]
        value = values[index] if index < len(values) else None
        if isinstance(value, Refused):
            return problem(field, value.message)
        if value is None or (isinstance(value, str) and not value.strip()):
            return problem(field, "empty; every person needs a value here")
        if isinstance(value, bool) and (field in ("name", "series") or deck.attribute(field).kind is not Kind.NUMBER):
            return problem(field, f"a yes/no value ({str(value).upper()}); type the text itself")
        return value

    width = len(table.headings)
    for index, value in enumerate(values):
        if index not in columns and value is not None and (not isinstance(value, str) or value.strip()):
            where = f"row {number}, column {_letter(index) if table.sheet else index + 1}"
            if index >= width:
                problems.add(
                    number, where, "a value right of the last heading; remove it, or give its column a heading"
                )
            else:
                problems.add(number, where, "a value in a column without a heading")
    person: dict = {}
    if (name := cell("name")) is not None:
        person["name"] = name = _text(name)
        if LINE_BREAK.search(name):
            problem("name", "a line break in the name; a name is one line")
        if name in seen:
            problem("name", f"duplicate name '{name}' (first in row {seen[name]})")
        seen.setdefault(name, number)
    if (word := cell("series")) is not None:
        key = series_keys.get(_text(word).casefold())
        if key is None:
            problem("series", f"unknown series '{_text(word)}'; series: {', '.join(series_values(deck).values())}")
        else:
            person["series"] = int(key) if key.isdigit() else key
    if PSEUDONYMISED in index_of:
        value = values[index_of[PSEUDONYMISED]] if index_of[PSEUDONYMISED] < len(values) else None
        if isinstance(value, Refused):
            problem(PSEUDONYMISED, value.message)
        elif (marked := yes_no(value)) is None:
            lang = language(deck.language)
            problem(PSEUDONYMISED, f"'{_text(value)}'; type {lang['yes']} or {lang['no']}")
        else:
            person[PSEUDONYMISED] = marked
    for attribute in deck.attributes:
        if (value := cell(attribute.key)) is None:
            continue
        normal, message = cell_value(attribute, value, printable)
        if message:
            problem(attribute.key, message)
        else:
            person[attribute.key] = normal
    return person


def series_words(deck: Deck) -> dict[str, str]:
    """What a cell may say for a series (its key, its label or what the sheet writes, in any case) → its key."""
    series = {s.key.casefold(): s.key for s in deck.series}
    series.update({s.label.casefold(): s.key for s in deck.series})
    series.update({v.casefold(): k for k, v in series_values(deck).items()})
    return series


def cell_value(attribute: Attribute, value, printable: TextCheck | None = None) -> tuple[object, Reason | None]:
    """A non-empty cell's value for ``attribute`` as import takes it, or why not: one line, a category in any
    case (as the dropdown takes it), then the loader's own rule (``printable``: the font's check, as the loader
    gets it). The workspace's persons page calls it too."""
    if attribute.kind is not Kind.NUMBER:
        value = _text(value)
        if LINE_BREAK.search(value):
            return None, Reason("a line break in the value; a value is one line", "line_break")
    if attribute.kind is Kind.CATEGORY:
        same = [c for c in attribute.categories if c.casefold() == value.casefold()]
        value = same[0] if len(same) == 1 else value
    normal, message = check_value(attribute, value, printable)
    if not message and attribute.kind is Kind.NUMBER and attribute.decimals == 0 and isinstance(normal, float):
        text = f"{_shown(value)} is not a whole number; {attribute.label} takes whole numbers"
        message = Reason(text, "not_whole", text=_shown(value), column=attribute.label)
    return normal, message


LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""What a spreadsheet or a text editor shows as a new line (str.splitlines' characters)."""


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _shown(value) -> str:
    return value.strip() if isinstance(value, str) else repr(value)


def _text(value) -> str:
    """A cell as text: a whole number without '.0' (3582, not 3582.0); texts stripped."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
