"""The key sheet for exercise 1: one blank A4 page per table on which the group keeps its pseudonym key.

Who holds the key is the exercise's best question, so the key is a sheet of paper a person
can hold: a row per person of the deck, the pre-pseudonymised ones with their printed number
already in it (their names stay with the facilitator), the others blank for the group's own
numbers and the names they cover.
"""

from __future__ import annotations

from ..deck.language import language
from ..deck.model import Deck
from ..deck.pseudonym import pseudonyms
from ..paper.geometry import MM, PAPER_SIZES
from .pdf import Metadata
from .styles import markup, para, plain, styles, table
from .textdoc import document, write_story

MARGIN = 18.0
ROW_MM = 8.0
"""Height of a row to write in by hand."""
MAX_ROWS = 26
"""Rows one page holds at that height; a deck with more persons gets this many (the sheet stays one page)."""


def key_rows(deck: Deck) -> list[tuple[str, str, str]]:
    """(number, name, series) per row: the pre-pseudonymised persons' printed numbers first, then blank rows."""
    lang = language(deck.language)
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    given = sorted((str(numbers[n]), lang["key_sheet_given"], s.label) for s in deck.series for n in s.pseudonymised)
    blank = [("", "", "")] * (len(deck.persons) - len(given))
    return (given + blank)[:MAX_ROWS]


def render_key_sheet(deck: Deck, path, *, meta: Metadata) -> int:
    """The key sheet on one A4 page: number, name and series to fill in, for each table; returns its pages."""
    from reportlab.platypus import Spacer

    lang = language(deck.language)
    st = styles(1.15)
    width, height = PAPER_SIZES["a4"]
    inner = width - 2 * MARGIN
    header = [plain(markup(lang[k]), st.cell_bold) for k in ("number", "name", "series")]
    rows = [header] + [[plain(markup(cell), st.cell) for cell in row] for row in key_rows(deck)]
    body = table(
        rows,
        [inner * 0.2, inner * 0.55, inner * 0.25],
        extra=[("VALIGN", (0, 1), (-1, -1), "MIDDLE")],
        heights=[None] + [ROW_MM] * (len(rows) - 1),
    )
    story = [
        para(deck.title, st.subtitle),
        para(lang["title_key_sheet"], st.h1),
        para(lang.t("key_sheet_intro", box=lang["number_box"]), st.body),
        Spacer(1, 2 * MM),
        body,
        Spacer(1, 3 * MM),
        para(lang["key_sheet_question"], st.h3),
    ]
    return write_story(document(path, width, height, MARGIN), story, meta=meta)
