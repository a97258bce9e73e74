"""The booklet's print-and-cut guide: which file on which paper, how many copies and sheets in all, and how to
cut, step by step.

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
from ...paper.printplan import copies, sheets_per_copy
from ...paper.shops import Arrangement
from ...paper.textfit import break_after_hyphens
from ..late import Late, late_text
from ..styles import Styles, listed, markup, para, plain, table
from .page_setup import BookletOptions


def _file_cell(name: str, st: Styles, width_mm: float):
    """A file name broken only after its hyphens, so no word is ever cut in two."""
    room = width_mm * MM - 5  # the cell's padding
    lines = break_after_hyphens(name, st.cell.fontName, st.cell.fontSize, room)
    return plain("<br/>".join(markup(line) for line in lines.split("\n")), st.cell)


def print_guide(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions, late: Late) -> list:
    """The table of files (paper, printing, copies for this room and the sheets of all copies together), then the
    steps for the cards and for the other documents."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, Spacer

    right = ParagraphStyle("guide-number", parent=st.cell, alignment=TA_RIGHT)
    keys = ("file", "paper", "printing", "copies_col", "sheets")
    rows = [
        [plain(markup(lang[k]), st.cell_bold) for k in keys[:3]]
        + [plain(f"<b>{markup(lang[k])}</b>", right) for k in keys[3:]]
    ]
    # (the last column holds "100 kaarten" for a print shop's files: wide enough for "kaarten" whole)
    widths = [width * 0.34, width * 0.21, width * 0.22, width * 0.09, width * 0.14]
    for f in options.plan:
        if not f.printed:  # shown, not printed: the steps below say so
            continue
        # A handout is printed once per participant or table (the run sheet counts the same); a card file
        # holds every set, a booklet is one.
        many = copies(f.material.copies, tables=options.sets, per_table=options.table_size) if f.material else 1
        if f.pages_per_sheet and f.sheets is None:
            # The booklet's own sheets, from its reading pages (n), as every page that counts them does.
            count = late_text(
                late,
                f"sheets-{f.file}",
                lambda n, f=f: lang.number(sheets_per_copy(f, -(-n // f.pages_up))),
                st.cell,
                widths[4] - 5 / MM,  # inside the cell padding
                align="right",
            )
        elif f.sheets is None and f.cards is not None:
            count = plain(markup(lang.t("cards_count", count=lang.number(f.cards))), right)
        elif f.sheets is None:
            count = plain("", st.cell)
        else:
            count = plain(lang.number(f.sheets * many), right)
        rows.append(
            [
                _file_cell(f.name, st, widths[0]),
                plain(markup(f.paper), st.cell),
                plain(markup(f.duplex), st.cell),
                plain(lang.number(many), right),
                count,
            ]
        )
    # The heading, its line and the table stay together on one page (a last row alone under a repeated
    # header was missed); a table longer than a page still goes on over it, its header repeated.
    story = [
        KeepTogether([para(lang["print_guide"], st.h2), para(lang["guide_intro"], st.body), table(rows, widths)]),
        Spacer(1, 2 * MM),  # the steps start clear of the table's last rule
    ]
    others = [lang[f.guide] for f in sorted((f for f in options.plan if f.guide), key=lambda f: f.guide_order)]
    bullet = ParagraphStyle("bullet", parent=st.body, leftIndent=1, spaceAfter=2)
    # Each group of steps stays together (the cards' from printing to the last cut, then the other
    # documents'): a lone step on a last page reads like a stray note.
    for steps in (card_steps(lang, options), others):
        if steps:
            story.append(KeepTogether(listed([("•", markup(s)) for s in steps], bullet)))
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
    span = lang.t("letters_two" if options.sets == 2 else "letters_many", last=letters[-1])
    sets = {"sets": lang.number(options.sets), "letters": span}
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
    steps += last_sheets(lang, options, layout.per_sheet)
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


def last_sheets(lang: Language, options: BookletOptions, per_sheet: int) -> list[str]:
    """What a nearly empty last sheet of card stock holds (a quarter full or less), once per distinct case: the
    organiser counts the card stock from the table and should not wonder at a sheet with one card."""
    found = []
    for f in options.plan:
        if f.file != "cards" or not f.cards or f.sheets is None:
            continue
        per_set = f.cards // options.sets
        whole = options.pack_sets or options.sets == 1
        left = (f.cards if whole else per_set) % per_sheet
        if not left or left * 4 > per_sheet:
            continue
        sheet = f.sheets if whole else -(-per_set // per_sheet)
        key = "guide_last_sheet" if whole else "guide_last_sheets"
        text = lang.t(key, sheet=lang.number(sheet), left=lang.number(left), per=lang.number(per_sheet))
        if text not in found:
            found.append(text)
    return found
