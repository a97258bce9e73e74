"""The answer sheet: per attribute, series 1 beside series 2, the computed figures and the assumption.

Used twice: on its own as one A4 page (a table), and inside the booklet (blocks that fit
A5). Both read the same rows from :mod:`datadialoog_print.figures.answersheet`, in the order the
debrief shows them, each with its slide's number and whether it must be shown.
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


def debrief_rows(deck: Deck, rows: tuple[AnswerRow, ...], lang) -> list[tuple[AnswerRow, str]]:
    """The rows in the order the debrief's slides show them, each with "dia 8 · moet" (or only its slide where
    the run sheet names no musts): the facilitator follows the slides with the sheet beside them."""
    from ..deck.timing import debrief_order
    from .slides import slides_of

    sheet = deck.texts.run_sheet
    marked = sheet is not None and bool(sheet.must or sheet.if_time)
    numbers = slides_of(deck).get("comparisons", ())
    out = []
    for n, (index, must) in enumerate(debrief_order(deck)):
        slide = numbers[n] if n < len(numbers) else 0
        key = ("answer_slide_must" if must else "answer_slide_if_time") if marked else "script_slides"
        out.append((rows[index], lang.t(key, slide=slide, slides=slide)))
    return out


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
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, Spacer

    lang = language(deck.language)
    ordered = debrief_rows(deck, rows, lang)
    marks = _footnote_marks(tuple(row for row, _ in ordered))
    story = []
    notes = [para(f"{mark} {text}", st.small) for text, mark in marks.items()]
    where = ParagraphStyle("answer-slide", parent=st.small, keepWithNext=1, spaceAfter=2)
    for index, (row, slide) in enumerate(ordered):
        mark = marks.get(row.footnote, "")
        cells = [[plain(markup(label), st.cell_bold), plain(markup(text), st.cell)] for label, text in row.figures]
        block = [
            para(row.title + mark, st.h3),
            plain(f"<i>{markup(slide)}</i>", where),
            table(cells, [width_mm * 0.3, width_mm * 0.7], header=False),
            Spacer(1, 1.5 * MM),  # the figures' rule is not the first line's underline
            *(plain(line, st.body) for line in discussion(row, lang)),
            *(para(r, st.body) for r in row.remarks),
        ]
        # The footnotes go with the last row, so they never start a page of their own.
        story.append(KeepTogether(block + (notes if index == len(ordered) - 1 else [])))
    return story


def answer_table(deck: Deck, st: Styles, width_mm: float, *, rows: tuple[AnswerRow, ...]):
    """The answer sheet as one table for A4: per attribute its figures (series under series) beside what to
    discuss, which takes the wider column: the facilitator reads the questions aloud, the figures at a glance."""
    lang = language(deck.language)
    ordered = debrief_rows(deck, rows, lang)
    marks = _footnote_marks(tuple(row for row, _ in ordered))
    header = [
        plain(markup(lang["attribute"].capitalize()), st.cell_bold),
        plain(markup(lang["to_discuss"]), st.cell_bold),
    ]
    body = [header]
    for row, slide in ordered:
        figures = [f"<b>{markup(row.title)}</b>{marks.get(row.footnote, '')}", f"<i>{markup(slide)}</i>"]
        figures += [f"{markup(label)}: {markup(text)}" for label, text in row.figures]
        assumption = [*discussion(row, lang), *(markup(r) for r in row.remarks)]
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
