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


QUESTION_SCALES = (2.2, 2.0)
"""Type sizes the questions page tries, largest first (2.2: 21 pt; larger leaves a column too few words a line)."""


def render_questions(deck: Deck, path, *, meta: Metadata) -> int:
    """The part-2 questions on one A4 page in two columns, 1–3 left and 4–6 right, in large type, heading and
    questions centred on the page below the deck's line, so the page is read from across a table."""
    from reportlab.platypus import Spacer

    width, height = PAPER_SIZES["a4"]
    doc = _doc(path, width, height)
    inner_w, inner_h = (width - 2 * MARGIN) * MM, (height - 2 * MARGIN) * MM - 6
    for scale in QUESTION_SCALES:
        st = styles(scale)
        head = [
            para(f"{deck.title} · {deck.texts.part2_title}", styles(2.0).subtitle),
            Spacer(1, 4 * MM),
            para(language(deck.language)["questions"], st.h1),
        ]
        columns = question_columns(deck.texts.questions, st.body, width - 2 * MARGIN)
        used = sum(f.wrap(inner_w, inner_h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
        block = columns.wrap(inner_w, inner_h)[1]
        if used + block <= inner_h:
            break
    # The heading goes with its questions, the two centred together below the deck's line.
    room = max(0.0, inner_h - used - block)
    return write_story(doc, [*head[:2], Spacer(1, room / 2), head[2], columns], meta=meta)


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
    """Every statement with four boxes to tick (agree / neutral / disagree / don't know) and a line to write
    why, under a tick for client or member of staff (statements say 'my data'), for each participant."""
    lang = language(deck.language)
    st = styles(1.1)
    width, height = PAPER_SIZES["a4"]
    doc = _doc(path, width, height)
    inner = width - 2 * MARGIN
    keys = ("agree", "neutral", "disagree", "dont_know")
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    centred = ParagraphStyle("centred", parent=st.cell_bold, alignment=TA_CENTER)
    head = [plain(f"<b>{markup(lang['statement'])}</b>", st.cell)] + [plain(markup(lang[k]), centred) for k in keys]
    rows = [head]
    extra = [("ALIGN", (1, 0), (-1, -1), "CENTER"), ("VALIGN", (1, 1), (-1, -1), "MIDDLE")]
    number = 0
    for group in deck.texts.statements:
        for sentence in group.sentences():
            number += 1
            rows.append([para(f"{number}. {sentence}", st.body), *(tick_box() for _ in keys)])
            rows.append([plain(markup(lang["why"]), st.cell), "", "", "", ""])
            why = len(rows) - 1
            # The why row spans the table; the rule under it is the line to write on. It stays on the
            # page of its statement: a lone 'Waarom?' at the top of a page belongs to nothing.
            extra += [
                ("SPAN", (0, why), (-1, why)),
                ("LINEBELOW", (0, why), (-1, why), 0.6, cmyk(BLACK)),
                ("NOSPLIT", (0, why - 1), (-1, why)),
            ]
    col = 20.0  # wide enough for “don’t know” on one line
    heights = [None] + [None, 9.0] * number
    role = [
        plain(f"<b>{markup(lang['role'])}:</b>", st.body),
        tick_box(),
        plain(markup(lang["role_client"]), st.body),
        tick_box(),
        plain(markup(lang["role_staff"]), st.body),
    ]
    from reportlab.platypus import Table, TableStyle

    roles = Table([role], colWidths=[36 * MM, 8 * MM, 26 * MM, 8 * MM, 50 * MM], hAlign="LEFT")
    roles.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story = [
        para(deck.title, st.subtitle),
        para(f"{deck.texts.part2_title} — {lang['statements']}", st.h1),
        para(lang["participant_intro"], st.body),
        roles,
        table(rows, [inner - 4 * col, col, col, col, col], extra=extra, heights=heights),
    ]
    return write_story(doc, story, meta=meta, on_page=page_number_footer(lang, skip_first=False))
