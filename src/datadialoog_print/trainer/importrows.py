"""A spreadsheet's rows as persons for persons.yaml, checked with the deck's own rules, every problem by row and column.

Values are checked by :func:`~datadialoog_print.deck.persons.check_value`, the rule the
YAML loader uses, so import takes exactly what ``check`` takes. A category or series
typed in another case ("hbo") is read as the deck writes it ("HBO"), as a spreadsheet's
dropdown accepts it. Reading stops as soon as the persons would make a persons.yaml
larger than ``check`` accepts for a deck file, so a file of 100 000 rows costs no more
than the rows that fit.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..deck.model import Deck, Kind
from ..deck.persons import check_value
from ..deck.yamlfile import MAX_FILE_BYTES
from ..errors import DeckError, Problem
from .columns import header_fields, series_values
from .sheetread import Refused, Table, open_table, refuse

MAX_PROBLEMS = 50
"""Problems listed one by one; the rest are counted."""


def persons_from_sheet(deck: Deck, path: Path, *, room: int = MAX_FILE_BYTES) -> list[dict]:
    """Every person in the spreadsheet, as persons.yaml mappings; DeckError with every problem (the first 50).

    ``room`` is how many bytes of persons.yaml the rows may fill (less for an append).
    """
    with open_table(Path(path)) as table:
        columns = _columns(deck, table)
        rows = _rows(deck, table, columns, room)
    return _persons(deck, table, columns, rows)


def _columns(deck: Deck, table: Table) -> dict[int, str]:
    """Column index → field, or DeckError naming every unknown, doubled or missing column."""
    fields = header_fields(deck)
    problems: list[Problem] = []
    out: dict[int, str] = {}
    for index, heading in enumerate(table.headings):
        if not heading:
            continue
        field = fields.get(heading.casefold())
        if field is None:
            problems.append(
                Problem(
                    table.label,
                    1,
                    f"column '{heading}'",
                    "unknown column; expected name, series and one per attribute (its label or key)",
                )
            )
        elif field in out.values():
            problems.append(Problem(table.label, 1, f"column '{heading}'", f"a second column for '{field}'"))
        else:
            out[index] = field
    for needed in ["name", "series", *(a.key for a in deck.attributes)]:
        if needed not in out.values():
            problems.append(Problem(table.label, 1, "", f"no column for '{needed}'"))
    if problems:
        raise DeckError(problems)
    return out


def _rows(deck: Deck, table: Table, columns: dict[int, str], room: int) -> list[tuple[int, list]]:
    """The rows that are not blank, until they would no longer fit in a persons.yaml that check accepts."""
    used = 0
    out = []
    for number, values in table.rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        used += least_bytes(deck, columns, values)
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


def least_bytes(deck: Deck, columns: dict[int, str], values: list) -> int:
    """The fewest bytes a row's person can take in persons.yaml: '- name: …', '  series: …' and '  key: …' lines.

    Names and codes count with their stripped text (YAML only ever adds quotes or escapes),
    every other value as one character, so the sum over the rows never exceeds the file.
    """
    keys = {a.key: (len(a.key.encode()), a.kind is Kind.CODE) for a in deck.attributes}
    total = 0
    for index, field in columns.items():
        value = values[index] if index < len(values) else None
        if field == "name":
            line, texty = 9, True  # "- name: " and the newline
        elif field == "series":
            line, texty = 11, False  # "  series: " and the newline
        else:
            size, texty = keys[field]
            line = size + 5  # "  ", ": " and the newline
        total += line + (max(1, len(value.strip().encode())) if texty and isinstance(value, str) else 1)
    return total


def _persons(deck: Deck, table: Table, columns: dict[int, str], rows: list[tuple[int, list]]) -> list[dict]:
    label = table.label
    headings = {field: index for index, field in columns.items()}
    series_by_word = {k.casefold(): k for k in (s.key for s in deck.series)}
    series_by_word.update({v.casefold(): k for k, v in series_values(deck).items()})
    series_by_word.update({s.label.casefold(): s.key for s in deck.series})
    problems: list[Problem] = []
    extra = 0
    persons = []
    seen: dict[str, int] = {}
    for number, values in rows:

        def problem(field: str, message: str, number: int = number) -> None:
            nonlocal extra
            if len(problems) >= MAX_PROBLEMS:
                extra += 1
                return
            heading = table.headings[headings[field]]
            problems.append(Problem(label, number, f"row {number}, column '{heading}'", message))

        def cell(field: str, values: list = values):
            index = headings[field]
            value = values[index] if index < len(values) else None
            if isinstance(value, Refused):
                problem(field, value.message)
                return None
            if value is None or (isinstance(value, str) and not value.strip()):
                problem(field, "empty; every person needs a value here")
                return None
            return value

        for index, value in enumerate(values):
            if index not in columns and value is not None and str(value).strip() and len(problems) < MAX_PROBLEMS:
                problems.append(Problem(label, number, f"row {number}", "a value in a column without a heading"))
        name = cell("name")
        if name is not None:
            name = _text(name)
            if name in seen:
                problem("name", f"duplicate name '{name}' (first in row {seen[name]})")
            seen.setdefault(name, number)
        series = cell("series")
        if series is not None:
            key = series_by_word.get(_text(series).casefold())
            if key is None:
                shown = ", ".join(series_values(deck).values())
                problem("series", f"unknown series '{_text(series)}'; series: {shown}")
            series = key
        person: dict = {"name": name, "series": int(series) if series and series.isdigit() else series}
        for attribute in deck.attributes:
            value = cell(attribute.key)
            if value is None:
                continue
            if attribute.kind is Kind.CATEGORY and isinstance(value, str):
                same = [c for c in attribute.categories if c.casefold() == value.strip().casefold()]
                value = same[0] if len(same) == 1 else value
            normal, message = check_value(attribute, _text(value) if attribute.kind is not Kind.NUMBER else value)
            if message is None and attribute.kind is Kind.NUMBER and not math.isfinite(normal):
                message = f"{normal} is not a finite number"
            if message:
                problem(attribute.key, message)
            else:
                person[attribute.key] = normal
        persons.append(person)
    if extra:
        problems.append(Problem(label, None, "", f"and {extra:,} more problems in further rows"))
    if problems:
        raise DeckError(problems)
    if not persons:
        raise refuse(label, "the spreadsheet has no persons")
    return persons


def _text(value) -> str:
    """A cell as text: a whole number without '.0' (3582, not 3582.0); texts stripped."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
