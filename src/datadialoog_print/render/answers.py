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
            plain(f"<b>{markup(lang['assumption'])}:</b> {markup(row.assumption)}", st.body),
            *(para(r, st.note) for r in row.remarks),
        ]
        # The footnotes go with the last row, so they never start a page of their own.
        story.append(KeepTogether(block + (notes if index == len(rows) - 1 else [])))
    return story


def answer_table(deck: Deck, st: Styles, width_mm: float, *, rows: tuple[AnswerRow, ...]):
    """The answer sheet as one table (attribute, a column per series, assumption), for A4."""
    lang = language(deck.language)
    marks = _footnote_marks(rows)
    header = [plain(markup(lang["attribute"].capitalize()), st.cell_bold)]
    header += [plain(markup(s.label), st.cell_bold) for s in deck.series]
    header.append(plain(markup(lang["assumption"]), st.cell_bold))
    body = [header]
    for row in rows:
        assumption = [markup(row.assumption), *(f"<i>{markup(r)}</i>" for r in row.remarks)]
        body.append(
            [
                plain(f"<b>{markup(row.title)}</b>{marks.get(row.footnote, '')}", st.cell),
                *(plain(markup(text), st.cell) for _, text in row.figures),
                plain("<br/>".join(assumption), st.cell),
            ]
        )
    from reportlab.pdfbase.pdfmetrics import stringWidth

    # A figure column is at least as wide as its longest unbreakable word ("3531/3532/3533/3534").
    longest = max(
        stringWidth(w, st.cell.fontName, st.cell.fontSize)
        for r in rows
        for _, t in r.figures
        for w in re.split(r"[ ,]+", t)
    )
    first, figure_w = width_mm * 0.22, min(max(width_mm * 0.2, longest / MM + 2.5), width_mm * 0.26)
    widths = [first, *[figure_w] * len(deck.series), width_mm - first - len(deck.series) * figure_w]
    story = [table(body, widths)]
    for text, mark in marks.items():
        story.append(para(f"{mark} {text}", st.small))
    return story


def render_answers(deck: Deck, path, *, meta: Metadata, rows: tuple[AnswerRow, ...], identity: str = "") -> int:
    """The answer sheet on its own, one A4 page (more only if a deck has very many rows); returns its pages."""
    from reportlab.platypus import Spacer

    lang = language(deck.language)
    st = styles(1.15)
    width, height = PAPER_SIZES["a4"]
    margin = 15
    doc = document(path, width, height, margin)
    story = [
        para(f"{deck.title} — {deck.texts.answer_sheet_title}", st.h1),
        *paragraphs(deck.texts.answer_sheet_introduction, st.small),
        Spacer(1, 2 * MM),
        *answer_table(deck, st, width - 2 * margin, rows=rows),
    ]
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
