"""The answer sheet: per attribute, series 1 beside series 2, the computed figures and the assumption.

Used twice: on its own as one A4 page (a table), and inside the booklet (blocks that fit
A5). Both read the same rows from :mod:`datadialoog_print.figures.answersheet`.
"""

from __future__ import annotations

import re

from ..deck.language import language
from ..deck.model import Deck
from ..figures.answersheet import AnswerRow
from ..paper.geometry import MM, PAPER_SIZES
from .late import page_number_footer
from .pdf import Metadata
from .styles import Styles, markup, para, paragraphs, plain, styles, table
from .textdoc import document, write_story


def _footnote_marks(rows: tuple[AnswerRow, ...]) -> dict[str, str]:
    """One asterisk per distinct footnote, in order: *, **, ***."""
    marks: dict[str, str] = {}
    for row in rows:
        if row.footnote and row.footnote not in marks:
            marks[row.footnote] = "*" * (len(marks) + 1)
    return marks


def discussion(row: AnswerRow, lang) -> list[str]:
    """What the facilitator discusses for a row, as marked-up lines: the observation and the assumption, each
    labelled as what it is, the assumption as a question to the group, and the caution."""
    out = []
    for key, text in (
        ("observation", row.observation),
        ("assumption", row.assumption),
        ("question_to_group", row.question),
        ("caution", row.caution),
    ):
        if text:
            shown = f"<i>{markup(text)}</i>" if key == "question_to_group" else markup(text)
            out.append(f"<b>{markup(lang[key])}:</b> {shown}")
    return out


def standing_caution(deck: Deck, st: Styles) -> list:
    """The deck's one standing line ("Een verband is nog geen oorzaak."), in bold; [] when it has none."""
    text = deck.texts.answer_sheet_caution
    return [plain(f"<b>{markup(text)}</b>", st.body)] if text else []


def answer_blocks(deck: Deck, st: Styles, width_mm: float, *, rows: tuple[AnswerRow, ...]) -> list:
    """The answer sheet as blocks, one per attribute, for the narrow booklet page."""
    from reportlab.platypus import KeepTogether

    lang = language(deck.language)
    marks = _footnote_marks(rows)
    story = []
    notes = [para(f"{mark} {text}", st.small) for text, mark in marks.items()]
    for index, row in enumerate(rows):
        mark = marks.get(row.footnote, "")
        cells = [[plain(markup(label), st.cell_bold), plain(markup(text), st.cell)] for label, text in row.figures]
        block = [
            para(row.title + mark, st.h3),
            table(cells, [width_mm * 0.3, width_mm * 0.7], header=False),
            *(plain(line, st.body) for line in discussion(row, lang)),
            *(para(r, st.note) for r in row.remarks),
        ]
        # The footnotes go with the last row, so they never start a page of their own.
        story.append(KeepTogether(block + (notes if index == len(rows) - 1 else [])))
    return story


def answer_table(deck: Deck, st: Styles, width_mm: float, *, rows: tuple[AnswerRow, ...]):
    """The answer sheet as one table for A4: per attribute its figures (series under series) beside what to
    discuss, which takes the wider column: the facilitator reads the questions aloud, the figures at a glance."""
    lang = language(deck.language)
    marks = _footnote_marks(rows)
    header = [
        plain(markup(lang["attribute"].capitalize()), st.cell_bold),
        plain(markup(lang["to_discuss"]), st.cell_bold),
    ]
    body = [header]
    for row in rows:
        figures = [f"<b>{markup(row.title)}</b>{marks.get(row.footnote, '')}"]
        figures += [f"{markup(label)}: {markup(text)}" for label, text in row.figures]
        assumption = [*discussion(row, lang), *(f"<i>{markup(r)}</i>" for r in row.remarks)]
        body.append([plain("<br/>".join(figures), st.cell), plain("<br/>".join(assumption), st.cell)])
    from reportlab.pdfbase.pdfmetrics import stringWidth

    # The figures' column is at least as wide as its longest unbreakable word ("3531/3532/3533/3534").
    longest = max(
        stringWidth(w, st.cell.fontName, st.cell.fontSize)
        for r in rows
        for _, t in r.figures
        for w in re.split(r"[ ,]+", t)
    )
    first = min(max(width_mm * 0.3, longest / MM + 2.5), width_mm * 0.4)
    story = [table(body, [first, width_mm - first])]
    for text, mark in marks.items():
        story.append(para(f"{mark} {text}", st.small))
    return story


SCALES = (1.15, 1.1, 1.05, 1.0)
"""Type sizes the one-page sheet tries, largest first (1.0 is the booklet's)."""


def _height(story: list, width: float) -> float:
    """Points the story takes in a frame ``width`` wide, spaces between flowables included."""
    total = 0.0
    for flowable in story:
        total += flowable.wrap(width, 10_000)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def render_answers(deck: Deck, path, *, meta: Metadata, rows: tuple[AnswerRow, ...], identity: str = "") -> int:
    """The answer sheet on its own, one A4 page (more only if a deck has very many rows); returns its pages."""
    from reportlab.platypus import Spacer

    lang = language(deck.language)
    width, height = PAPER_SIZES["a4"]
    margin = 15
    doc = document(path, width, height, margin)

    def story_at(scale: float) -> tuple:
        st = styles(scale)
        return st, [
            para(f"{deck.title} — {deck.texts.answer_sheet_title}", st.h1),
            *paragraphs(deck.texts.answer_sheet_introduction, st.small),
            *standing_caution(deck, st),
            Spacer(1, 2 * MM),
            *answer_table(deck, st, width - 2 * margin, rows=rows),
        ]

    # The largest type at which the sheet stays one page (a deck with very many rows takes the smallest).
    room = (width - 2 * margin) * MM, (height - 2 * margin) * MM - 6
    for scale in SCALES:
        st, story = story_at(scale)
        if _height(story, room[0]) <= room[1]:
            break
    number = page_number_footer(lang, skip_first=False)

    def footer(canvas, doc) -> None:
        """The page number, and the build stamp at the foot (never mid-page after a short table)."""
        number(canvas, doc)
        if identity:
            canvas.saveState()
            canvas.setFont(st.note.fontName, 7.5)
            canvas.setFillColor(st.note.textColor)
            canvas.drawRightString((width - margin) * MM, 8 * MM, identity)
            canvas.restoreState()

    return write_story(doc, story, meta=meta, on_page=footer)
