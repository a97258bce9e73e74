"""What a build is asked to make, in one line of the page's language: above the print form's button while the
organiser chooses, and on the result page as what was asked.

"2 kaartsets op A4, dubbelzijdig via de lange kant, printer Kantoor 2 (achterkant 1,5 mm naar rechts,
1 mm omlaag)" — read from the build's options (the form's, or those its manifest recorded) and the
saved printer's name, so the two pages cannot describe one build differently.
"""

from __future__ import annotations

from ..assemble.options import BuildOptions
from ..paper.layout import Duplex


def offset_words(w, offset: tuple[float, float]) -> str:
    """ "1,5 mm naar rechts, 1 mm omlaag": where the backs are moved on their page (right and up positive)."""
    x, y = offset
    parts = []
    if x:
        parts.append(w.t("offset_right" if x > 0 else "offset_left", mm=w.number(abs(x))))
    if y:
        parts.append(w.t("offset_up" if y > 0 else "offset_down", mm=w.number(abs(y))))
    return w.list_separator.join(parts) if parts else w.offset_none


def summary_line(w, options: BuildOptions, *, sets: int, printer: str = "") -> str:
    """The options as the organiser reads them; ``sets`` the card sets the build prints (the deck's if not asked)."""
    single = options.layout == "single"
    parts = [
        w.t("sum_sets_cards", count=sets) if single else w.t("sum_sets", count=sets, paper=w["paper_" + options.paper])
    ]
    if options.shop:
        parts.append(w.t("sum_shop", shop=w.shop(options.shop)))
    elif single:
        parts.append(w.sum_single)
    elif options.duplex is Duplex.NONE:
        parts.append(w.sum_fronts_only)
    else:
        parts.append(w["sum_" + options.duplex.value])
        moved = offset_words(w, options.back_offset)
        if printer:
            parts.append(w.t("sum_printer", name=printer, offset=moved))
        elif any(options.back_offset):
            parts.append(w.t("sum_offset", offset=moved))
        else:
            parts.append(w.sum_no_printer)
    if options.mono:
        parts.append(w.sum_mono)
    elif options.plain_stock:
        parts.append(w.sum_plain_stock)
    if options.pack_sets and sets > 1:
        parts.append(w.sum_pack_sets)
    from ..assemble.documents import KINDS

    if set(options.only) != set(KINDS):
        kinds = [w.document(k) for k in KINDS if k in options.only]
        parts.append(w.t("sum_only", kinds=w.list_separator.join(kinds)))
    return w.list_separator.join(parts)
