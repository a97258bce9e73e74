"""Why a cell of the persons page is refused, as a key of the workspace's language tables with its values.

The rules are not here. A value is taken or refused by import's own rule
(:func:`~datadialoog_print.trainer.importrows.cell_value`: one line, a category in any case, then the
loader's :func:`~datadialoog_print.deck.persons.check_value`), a name by the loader's checks, and
the deck as a whole by the loader itself. Each refusal is a
:class:`~datadialoog_print.deck.reason.Reason`: the terminal's English message with a key. This
module only names it in the page's words (``cell_<key>`` in ``page_words_nl``/``page_words_en``)
and places it: at the row and column it concerns, or, for the deck as a whole, above the table.
"""

from __future__ import annotations

import unicodedata

from ..deck.checker import LINE, text_problem
from ..deck.paperchecks import TextCheck
from ..deck.persons import name_problem
from ..deck.reason import reason_of
from ..errors import DeckError
from ..trainer.importrows import LINE_BREAK, cell_value
from .words import TABLES

Message = tuple[str, dict]
"""A language table's key and the values its phrase is filled in with."""

PSEUDONYMISED = "pseudonymised"
"""The column of the boxes: the person's cards carry a number instead of the name."""


def shown_chars(chars: str) -> str:
    """Characters named in a message: as themselves, an invisible or control one by its code point."""
    return " ".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in chars)


def said(message: str) -> Message:
    """A refusal of the loader (or import) as the page's phrase: ``cell_<key>`` with its values."""
    found = reason_of(message)
    if found and f"cell_{found[0]}" in TABLES["nl"]:
        return f"cell_{found[0]}", found[1]
    return "cell_other", {"message": str(message)}  # a refusal without a key: its own words, never a file position


def cell_problem(attribute, raw: str, printable: TextCheck | None = None) -> tuple[object, Message | None]:
    """The cell's value as import takes it (``printable``: the font's check, as import gets it), and why it is
    refused (None when it is taken)."""
    if not raw.strip():  # import: "empty; every person needs a value here"
        return None, ("cell_empty", {})
    value, problem = cell_value(attribute, raw, printable)
    return (None, said(problem)) if problem else (value, None)


def name_reason(name: str, seen: set[str], printable: TextCheck | None = None) -> Message | None:
    """Why a (stripped) name is refused: import's checks (one line, once in the table), then the loader's."""
    if not name:
        return "cell_empty", {}
    if LINE_BREAK.search(name):
        return "cell_line_break", {}
    if name in seen:
        return "cell_duplicate", {"name": name}
    problem = text_problem(name, LINE, printable) or name_problem(unicodedata.normalize("NFC", name))
    return said(problem) if problem else None


def deck_problems(
    exc: DeckError, names: list[str], rows: list[dict]
) -> tuple[dict[tuple[int, str], Message], list[Message]]:
    """The loader's refusal of the deck with these rows: each problem at its cell where it has one (a person's
    value; a text naming the person a row was before its name changed: that row's name, or its box when the
    person is pseudonymised), the others above the table. ``names``: each row's name as the deck had it."""
    cells: dict[tuple[int, str], Message] = {}
    general: list[Message] = []
    for problem in exc.problems:
        found = reason_of(problem.message)
        if problem.field.startswith("persons[") and "persons.yaml" in problem.file:
            index, _, key = problem.field[len("persons[") :].partition("]")
            row, column = int(index), key.lstrip(".") or "name"
            if 0 <= row < len(rows):
                cells[(row, column)] = said(problem.message)
                continue
        if found and found[0] in ("names_unknown", "names_hidden"):
            name = found[1]["name"]
            hidden = found[0] == "names_hidden"
            rows_of = [i for i, n in enumerate(names) if n == name and i < len(rows)]
            rows_of = rows_of or [i for i, r in enumerate(rows) if r["name"] == name]
            if rows_of:
                cells[(rows_of[0], PSEUDONYMISED if hidden else "name")] = said(problem.message)
                continue
        general.append(
            ("persons_deck_" + found[0], found[1]) if found and found[0] in GENERAL else said(problem.message)
        )
    return cells, general


GENERAL = ("names_unknown", "names_hidden", "series_empty")
"""Refusals of the deck as a whole that the page words say above the table (``persons_deck_<key>``)."""
