"""The booklet's print-and-cut guide: which file on which paper, how many sheets, and how to cut, step by step.

Every sentence follows the build's options: the flip (or fronts only), the paper and the
cut order its layout needs, the number of sets, a print shop's single cards.
"""

from __future__ import annotations

from ...deck.cardtext import set_letters
from ...deck.language import Language
from ...deck.model import Deck
from ...paper.cuts import CutOrder
from ...paper.geometry import MM
from ...paper.layout import Duplex, SheetLayout, SingleLayout
from ...paper.printplan import sheets_per_copy
from ...paper.shops import Arrangement
from ...paper.textfit import break_after_hyphens
from ..late import Late, late_text
from ..styles import Styles, markup, para, plain, table
from .page_setup import BookletOptions


def _file_cell(name: str, st: Styles, width_mm: float):
    """A file name broken only after its hyphens, so no word is ever cut in two."""
    room = width_mm * MM - 5  # the cell's padding
    lines = break_after_hyphens(name, st.cell.fontName, st.cell.fontSize, room)
    return plain("<br/>".join(markup(line) for line in lines.split("\n")), st.cell)


def print_guide(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions, late: Late) -> list:
    from reportlab.platypus import CondPageBreak, KeepTogether

    rows = [[plain(markup(lang[k]), st.cell_bold) for k in ("file", "paper", "printing", "sheets")]]
    widths = [width * 0.37, width * 0.23, width * 0.27, width * 0.13]
    for f in options.plan:
        if not f.printed:  # shown, not printed: the steps below say so
            continue
        if f.pages_per_sheet and f.sheets is None:
            # The booklet's own sheets: known once it is laid out.
            # The booklet's own sheets, from its reading pages (n), as every page that counts them does.
            count = late_text(
                late,
                f"sheets-{f.file}",
                lambda n, f=f: lang.number(sheets_per_copy(f, -(-n // f.pages_up))),
                st.cell,
                widths[3],
            )
        elif f.sheets is None and f.cards is not None:
            count = plain(markup(lang.t("cards_count", count=lang.number(f.cards))), st.cell)
        elif f.sheets is None:
            count = plain("", st.cell)
        else:
            count = plain(lang.number(f.sheets), st.cell)
        rows.append(
            [
                _file_cell(f.name, st, widths[0]),
                plain(markup(f.paper), st.cell),
                plain(markup(f.duplex), st.cell),
                count,
            ]
        )
    # The heading and its line keep with the table's first rows; the table itself may go on
    # over the page (its header repeats) rather than leave half a page empty before it.
    story = [
        CondPageBreak(45 * MM),
        para(lang["print_guide"], st.h2),
        para(lang["guide_intro"], st.body),
        table(rows, widths),
    ]
    others = [lang[f.guide] for f in sorted((f for f in options.plan if f.guide), key=lambda f: f.guide_order)]
    from reportlab.lib.styles import ParagraphStyle

    bullet = ParagraphStyle("bullet", parent=st.body, leftIndent=10, bulletIndent=1, spaceAfter=2)
    # Each group of steps stays together (the cards' from printing to the last cut, then the other
    # documents'): a lone step on a last page reads like a stray note.
    for steps in (card_steps(lang, options), others):
        if steps:
            story.append(KeepTogether([plain(f"<bullet>•</bullet>{markup(s)}", bullet) for s in steps]))
    return story


def shop_steps(lang: Language, options: BookletOptions) -> list[str]:
    """What a print shop gets: the files as it takes them, and (for a preset) where they go."""
    from ..pdfx import OUTPUT_CONDITION, STANDARDS

    layout, shop = options.layout, options.shop
    bleed = lang.number(layout.bleed, 2 if shop is not None else 1)  # MakePlayingCards: 0.12 inch = 3,05 mm
    if shop is not None and shop.format.value == "PNG":
        steps = [
            lang.t(
                "guide_shop_png",
                width=shop.pixels(layout.card_width, options.dpi),
                height=shop.pixels(layout.card_height, options.dpi),
                dpi=options.dpi,
                bleed=bleed,
                contact=lang["file_contact"],
            )
        ]
    else:
        standard = shop.format.value if shop is not None else "PDF/X-4"
        condition = STANDARDS[standard].intent["OutputConditionIdentifier"] if shop is not None else OUTPUT_CONDITION
        interleaved = shop is not None and shop.arrangement is Arrangement.INTERLEAVED
        key = "guide_shop_interleaved" if interleaved else "guide_shop"
        steps = [lang.t(key, format=standard, bleed=bleed, condition=condition, ink=lang.number(options.max_ink))]
    if shop is not None:
        steps.append(
            lang.t(
                "guide_shop_upload",
                shop=shop.name,
                title=shop.title,
                format=shop.format.value,
                bleed=bleed,
                safe=lang.number(shop.safe_mm, 2),
                upload=lang[shop.upload_key],
            )
        )
        if shop.arrangement is Arrangement.INTERLEAVED:  # which file is which deck, said by name
            decks = [
                lang.t(
                    "guide_shop_deck",
                    file=f.name,
                    series=f.series.label,
                    cards=lang.t("cards_count", count=lang.number(f.cards or 0)),
                )
                for f in options.plan
                if f.file == "cards" and f.series is not None
            ]
            steps.append(lang.t("guide_shop_decks", files="; ".join(decks)))
    return steps


def card_steps(lang: Language, options: BookletOptions) -> list[str]:
    """How to print and cut the cards, in the order it is done."""
    layout = options.layout
    letters = set_letters(options.sets)
    sets = {"sets": lang.number(options.sets), "last": letters[-1]}
    if isinstance(layout, SingleLayout):
        steps = shop_steps(lang, options)
        if options.sets > 1:
            steps.append(lang.t("guide_sets_shop", **sets))
        return steps
    if not isinstance(layout, SheetLayout):
        return []
    grid = {"per": layout.per_sheet, "columns": layout.columns, "rows": layout.rows}
    if options.duplex is Duplex.NONE:
        steps = [lang.t("guide_scale_one_sided"), lang.t("guide_cards_none", **grid)]
    else:
        flip = "guide_cards_long" if options.duplex is Duplex.LONG else "guide_cards_short"
        steps = [lang.t("guide_scale"), lang.t(flip, **grid)]
    if options.sets > 1:
        steps.append(lang.t("guide_sets_packed" if options.pack_sets else "guide_sets", **sets))
    vertical_first = layout.order is CutOrder.VERTICAL_FIRST
    first, second = ("vertical", "horizontal") if vertical_first else ("horizontal", "vertical")
    steps.append(
        lang.t(
            "guide_cut_first",
            lines=lang[f"lines_{first}"],
            span=lang["span_height" if vertical_first else "span_width"],
            where=lang["marks_top_bottom" if vertical_first else "marks_left_right"],
            strips=lang.number(layout.columns if vertical_first else layout.rows),
        )
    )
    steps.append(lang.t("guide_cut_second", lines=lang[f"lines_{second}"]))
    if options.mono or options.plain_stock:
        steps.append(lang.t("guide_stock"))
    return steps
