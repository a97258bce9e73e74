"""Handouts for part 2: the six questions in two columns, each statement large on its own
landscape page, and a participant sheet with tick boxes.
"""

from __future__ import annotations

from ..deck.language import language
from ..deck.model import Deck
from ..paper import fonts
from ..paper.geometry import MIN_FONT_PT, MM, PAPER_SIZES
from ..paper.textfit import balance, fit
from .flowables import question_columns, question_room, tick_box
from .late import page_number_footer
from .pdf import BLACK, Metadata, cmyk, new_canvas
from .styles import markup, para, plain, styles, table, widest_unit
from .textdoc import document, write_story

MARGIN = 18.0
SHEET_SCALE = 1.2
"""The participant sheet's type: its statements at 11.4 pt, for clients as much as for staff."""
WRITE_MM = 8.5
"""Each of the two lines to write why on, under a statement: room for handwriting."""


def _doc(path, width: float, height: float):
    return document(path, width, height, MARGIN)


QUESTION_SCALES = (3.0, 2.8, 2.6, 2.4, 2.2, 2.0, 1.8, 1.6)
"""Type sizes the questions page tries, largest first (3.0: 28.5 pt): the largest at which the questions fit the
page and every word, and every question's tied last two words, fit its column."""


def render_questions(deck: Deck, path, *, meta: Metadata) -> int:
    """The part-2 questions on one A4 landscape page (it lies on the table like the statements) in two columns,
    1–3 left and 4–6 right, in type as large as fits, heading and questions centred on the page below the deck's
    line, so the page is read from across a table. No word is broken: the size is one at which every word and
    every question's last two words fit their column."""
    from reportlab.platypus import Spacer

    height, width = PAPER_SIZES["a4"]
    doc = _doc(path, width, height)
    inner_w, inner_h = (width - 2 * MARGIN) * MM, (height - 2 * MARGIN) * MM - 12  # the frame's padding
    for scale in QUESTION_SCALES:
        st = styles(scale)
        column = question_room(st.body, width - 2 * MARGIN)
        words = max(widest_unit(markup(q), st.body.fontName, st.body.fontSize) for q in deck.texts.questions)
        head = [
            para(f"{deck.title} · {deck.texts.part2_title}", styles(2.0).subtitle),
            Spacer(1, 4 * MM),
            para(language(deck.language)["questions"], st.h1),
        ]
        columns = question_columns(deck.texts.questions, st.body, width - 2 * MARGIN)
        used = sum(f.wrap(inner_w, inner_h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
        block = columns.wrap(inner_w, inner_h)[1]
        if used + block <= inner_h and words <= column:
            break
    # The heading goes with its questions, the two centred together below the deck's line.
    room = max(0.0, inner_h - used - block)
    return write_story(doc, [*head[:2], Spacer(1, room / 2), head[2], columns], meta=meta)


def render_statements(deck: Deck, path, *, meta: Metadata) -> int:
    """Each statement on its own A4 landscape page, as large as fits, to lay on a table or hang up, under its
    number as large as the room reads it ("Stelling 7": the row to tick on the participant sheet)."""
    lang = language(deck.language)
    height, width = PAPER_SIZES["a4"]
    c = new_canvas(path, width, height, meta)
    box_w, box_h = (width - 2 * MARGIN) * MM, (height - 2 * MARGIN - 22) * MM
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
            c.setFont(fonts.BOLD, 24)
            label = lang.t("statement_number", number=number)
            c.drawRightString((width - MARGIN) * MM, (height - MARGIN) * MM - 20, label)
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
    """Every statement under its number (the slide and the poster show it) with four boxes to tick (agree /
    neutral / disagree / don't know) and two lines to write why, under a tick for client or member of staff
    that may stay empty (statements say 'my data'), for each participant."""
    lang = language(deck.language)
    st = styles(SHEET_SCALE)
    width, height = PAPER_SIZES["a4"]
    doc = _doc(path, width, height)
    inner = width - 2 * MARGIN
    keys = ("agree", "neutral", "disagree", "dont_know")
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    centred = ParagraphStyle("centred", parent=st.cell_bold, alignment=TA_CENTER)
    head = [plain(f"<b>{markup(lang['statement'])}</b>", st.cell)] + [plain(markup(lang[k]), centred) for k in keys]
    rows = [head]
    extra = [("ALIGN", (1, 0), (-1, -1), "CENTER"), ("VALIGN", (1, 1), (-1, -1), "MIDDLE")]
    number = 0
    for group in deck.texts.statements:
        for sentence in group.sentences():
            number += 1
            rows.append([plain(f"<b>{number}.</b> {markup(sentence)}", st.body), *(tick_box() for _ in keys)])
            rows.append([plain(markup(lang["why"]), st.cell), "", "", "", ""])
            rows.append(["", "", "", "", ""])
            why = len(rows) - 2
            # Two lines to write on, spanning the table (the rules under the rows); they stay on the page of
            # their statement: a lone 'Waarom?' at the top of a page belongs to nothing.
            extra += [
                ("SPAN", (0, why), (-1, why)),
                ("SPAN", (0, why + 1), (-1, why + 1)),
                ("LINEBELOW", (0, why), (-1, why + 1), 0.6, cmyk(BLACK)),
                ("NOSPLIT", (0, why - 1), (-1, why + 1)),
            ]
    # Each answer's column as wide as its widest heading on one line ("don’t know", "weet niet"), at least 18.5 mm.
    widest = max(stringWidth(lang[k], centred.fontName, centred.fontSize) for k in keys)
    col = max(18.5, (widest + 2 * 2.5 + 1) / MM)
    heights = [None] + [None, WRITE_MM, WRITE_MM] * number
    role = [
        plain(f"<b>{markup(lang['role'])}:</b>", st.body),
        tick_box(),
        plain(markup(lang["role_client"]), st.body),
        tick_box(),
        plain(markup(lang["role_staff"]), st.body),
        plain(markup(lang["role_optional"]), st.cell),
    ]
    from reportlab.platypus import Table, TableStyle

    roles = Table([role], colWidths=[38 * MM, 8 * MM, 22 * MM, 8 * MM, 38 * MM, 60 * MM], hAlign="LEFT")
    roles.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story = [
        para(deck.title, st.subtitle),
        para(f"{deck.texts.part2_title} — {lang['statements']}", st.h1),
        plain(f"<b>{markup(lang['participant_intro'])}</b>", st.body),
        roles,
        table(rows, [inner - 4 * col, col, col, col, col], extra=extra, heights=heights),
    ]
    return write_story(doc, story, meta=meta, on_page=page_number_footer(lang, skip_first=False))
