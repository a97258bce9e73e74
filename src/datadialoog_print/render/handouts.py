"""Handouts for part 2: the six questions in two columns, each statement large on its own
landscape page, and a participant sheet with tick boxes.
"""

from __future__ import annotations

from ..deck.language import language
from ..deck.model import Deck
from ..paper import fonts
from ..paper.geometry import MIN_FONT_PT, MM, PAPER_SIZES
from ..paper.textfit import balance, fit
from .flowables import question_columns, tick_box
from .late import page_number_footer
from .pdf import BLACK, Metadata, cmyk, new_canvas
from .styles import markup, para, plain, styles, table
from .textdoc import document, write_story

MARGIN = 18.0


def _doc(path, width: float, height: float):
    return document(path, width, height, MARGIN)


def render_questions(deck: Deck, path, *, meta: Metadata) -> int:
    """The part-2 questions on one A4 page in two columns: 1–3 left, 4–6 right, in large type."""
    from reportlab.platypus import Spacer

    st = styles(2.0)
    width, height = PAPER_SIZES["a4"]
    doc = _doc(path, width, height)
    story = [
        para(f"{deck.title} · {deck.texts.part2_title}", st.subtitle),
        Spacer(1, 4 * MM),
        para(language(deck.language)["questions"], st.h1),
        Spacer(1, 6 * MM),
        question_columns(deck.texts.questions, st.body, width - 2 * MARGIN),
    ]
    return write_story(doc, story, meta=meta)


def render_statements(deck: Deck, path, *, meta: Metadata) -> int:
    """Each statement on its own A4 landscape page, as large as fits, to lay on a table or hang up."""
    height, width = PAPER_SIZES["a4"]
    c = new_canvas(path, width, height, meta)
    box_w, box_h = (width - 2 * MARGIN) * MM, (height - 2 * MARGIN - 22) * MM
    total = sum(len(g.items) for g in deck.texts.statements)
    number = 0
    for group in deck.texts.statements:
        for sentence in group.sentences():
            number += 1
            fitted = fit(
                sentence, fonts.BOLD, max_size=54, min_size=MIN_FONT_PT, width=box_w, height=box_h, max_lines=8
            )
            c.setFillColor(cmyk(BLACK))
            c.setFont(fonts.REGULAR, 12)
            theme = group.theme.capitalize() if group.theme else ""
            c.drawString(MARGIN * MM, (height - MARGIN) * MM - 12, f"{deck.title}" + (f" · {theme}" if theme else ""))
            c.drawRightString((width - MARGIN) * MM, (height - MARGIN) * MM - 12, f"{number}/{total}")
            if fitted is not None:
                fitted = balance(fitted, fonts.BOLD, box_w)  # even lines: no lone "de" at the end
                y = (height / 2) * MM + fitted.height / 2 - fitted.size * 0.8
                c.setFont(fonts.BOLD, fitted.size)
                for line in fitted.lines:
                    c.drawCentredString(width / 2 * MM, y, line)
                    y -= fitted.line_height
            c.showPage()
    c.save()
    return number


def render_participant_sheet(deck: Deck, path, *, meta: Metadata) -> int:
    """Every statement with three boxes to tick (agree / neutral / disagree), for each participant; returns its pages."""
    lang = language(deck.language)
    st = styles(1.1)
    width, height = PAPER_SIZES["a4"]
    doc = _doc(path, width, height)
    inner = width - 2 * MARGIN
    answers = [lang["agree"], lang["neutral"], lang["disagree"]]
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    centred = ParagraphStyle("centred", parent=st.cell_bold, alignment=TA_CENTER)
    head = [plain(f"<b>{markup(lang['statement'])}</b>", st.cell)] + [plain(markup(a), centred) for a in answers]
    rows = [head]
    for group in deck.texts.statements:
        for sentence in group.sentences():
            rows.append([para(sentence, st.body), tick_box(), tick_box(), tick_box()])
    col = 20.0
    extra = [("ALIGN", (1, 0), (-1, -1), "CENTER"), ("VALIGN", (1, 1), (-1, -1), "MIDDLE")]
    story = [
        para(deck.title, st.subtitle),
        para(f"{deck.texts.part2_title} — {lang['statements']}", st.h1),
        para(lang["participant_intro"], st.body),
        table(rows, [inner - 3 * col, col, col, col], extra=extra),
    ]
    return write_story(doc, story, meta=meta, on_page=page_number_footer(lang, skip_first=False))


def participant_sheet_pages(deck: Deck) -> int:
    """The participant sheet's pages, when the booklet's guide needs the count but the build does not write
    the sheet (``--only booklet``): laid out into a temporary file, since only the layout knows."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="datadialoog-count-") as folder:
        return render_participant_sheet(deck, Path(folder) / "count.pdf", meta=Metadata(title=deck.title))
