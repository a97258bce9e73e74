"""The card files of a print shop preset (``build --shop NAME``), from the single-card PDFs the build rendered.

Every preset first passes the safe-area check on those PDFs (text inside the shop's margin,
:mod:`~datadialoog_print.render.safearea`); a PDF shop then takes them as they are (PDF/X-4
or PDF/X-1a:2003, made so by the renderer), a PNG shop gets one image per card face
(:mod:`~datadialoog_print.render.pngcards`), and the PDFs stay in the scratch folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..deck.language import language
from ..deck.model import Deck
from ..figures.cardtext import Card
from ..paper.shops import Shop, ShopFormat
from .cardjobs import SeriesJob
from .options import BuildOptions
from .pipeline import Written


def shop_files(
    deck: Deck,
    jobs: list[SeriesJob],
    done: list[tuple[Path, int]],
    *,
    shop: Shop,
    options: BuildOptions,
    cards: dict[str, list[Card]],
    place: Callable[[str], Path],
) -> list[Written]:
    """Check every job's files against the shop's safe margin, then the files the shop takes, for the manifest."""
    from ..paper.printplan import card_file_stem
    from ..render.safearea import check_safe_area

    for job in jobs:
        check_safe_area(
            job.front,
            job.back,
            layout=job.layout,
            series=job.series,
            cards=cards[job.series.key],
            sets=job.sets,
            margin_mm=shop.safe_mm,
            shop=shop.title,
        )
    facts = {"shop": shop.name, "format": shop.format.value}
    if shop.format is not ShopFormat.PNG:
        fronts = {job.front for job in jobs}
        return [Written(path, "cards", count, facts if path in fronts else {}) for path, count in done]
    from ..render.pngcards import render_pngs

    lang = language(deck.language)
    dpi = options.png_dpi()
    written = []
    for job in jobs:
        layout = job.layout
        size = (shop.pixels(layout.card_width, dpi), shop.pixels(layout.card_height, dpi))
        pngs = render_pngs(
            job.front,
            job.back,
            place,
            stem=card_file_stem(deck, job.series),
            backs=lang["file_backs"],
            contact=lang["file_contact"],
            size=size,
            dpi=dpi,
            per_set=len(cards[job.series.key]),
        )
        for png in pngs:
            written.append(
                Written(png.path, "cards", 1 if png.front else 0, {**facts, "pixels": list(png.pixels), "dpi": dpi})
            )
    return written
