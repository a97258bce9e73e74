"""The booklet's print-and-cut guide: which file on which paper, how many sheets, how to cut."""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ...paper.layout import SheetLayout, SingleLayout
from ..late import Late, late_text
from ..styles import Styles, markup, para, plain, table
from .options import BookletOptions


def print_guide(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions, late: Late) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import CondPageBreak, KeepTogether

    from ...paper.geometry import MM

    rows = [[plain(markup(lang[k]), st.cell_bold) for k in ("file", "paper", "printing", "sheets")]]
    sheets_w = width * 0.12
    for f in options.plan:
        if f.kind == "slides":  # shown, not printed: the steps below say so
            continue
        if f.kind in ("booklet", "booklet_imposed") and f.sheets is None:
            per_sheet = 2 if f.kind == "booklet" else 4
            # The booklet's own sheets: known once it is laid out.
            count = late_text(
                late, f"sheets-{f.kind}", lambda n, per=per_sheet: lang.number(-(-n // per)), st.cell, sheets_w
            )
        elif f.sheets is None:
            count = plain("", st.cell)
        else:
            count = plain(lang.number(f.sheets), st.cell)
        rows.append(
            [plain(markup(f.name), st.cell), plain(markup(f.paper), st.cell), plain(markup(f.duplex), st.cell), count]
        )
    # The heading and its line keep with the table's first rows; the table itself may go on
    # over the page (its header repeats) rather than leave half a page empty before it.
    story = [
        CondPageBreak(45 * MM),
        para(lang["print_guide"], st.h2),
        para(lang["guide_intro"], st.body),
        table(rows, [width * 0.38, width * 0.24, width * 0.26, sheets_w]),
    ]
    bullet = ParagraphStyle("bullet", parent=st.body, leftIndent=10, bulletIndent=1, spaceAfter=2)
    steps = []
    layout = options.layout
    if isinstance(layout, SheetLayout):
        steps += [
            lang.t("guide_scale"),
            lang.t("guide_cards", per=layout.per_sheet, columns=layout.columns, rows=layout.rows),
            lang.t("guide_cut"),
        ]
        if options.mono or options.plain_stock:
            steps.append(lang.t("guide_stock"))
    elif isinstance(layout, SingleLayout):
        steps.append(lang.t("guide_shop", bleed=lang.number(layout.bleed, 1)))
    if any(f.kind == "booklet_imposed" for f in options.plan):
        steps.append(lang["guide_booklet"])
    if any(f.kind == "statements" for f in options.plan):
        steps.append(lang["guide_handouts"])
    if any(f.kind == "answers" for f in options.plan):
        steps.append(lang["guide_answers"])
    if any(f.kind == "slides" for f in options.plan):
        steps.append(lang["guide_slides"])
    # The steps stay together: a lone step on a last page reads like a stray note.
    story.append(KeepTogether([plain(f"<bullet>•</bullet>{markup(s)}", bullet) for s in steps]))
    return story
