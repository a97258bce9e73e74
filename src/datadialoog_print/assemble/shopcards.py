"""The card files of a print shop preset (``build --shop NAME``), from the single-card PDFs the build rendered.

Every preset first passes the safe-area check on those PDFs (every text and mark inside the
shop's margin, :mod:`~datadialoog_print.render.safearea`); a PDF shop then takes them as they are
(PDF/X-4 or PDF/X-1a:2003, fronts and backs arranged as it wants them, made so by the renderer),
a PNG shop gets one image per card face (:mod:`~datadialoog_print.render.pngcards`), and the
PDFs stay in the scratch folder. The manifest says of every file which series and which faces
it holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..paper.shops import Arrangement, ShopFormat
from .cardjobs import SeriesJob
from .renderers import Target, Written

if TYPE_CHECKING:
    from .context import BuildContext


def shop_files(
    ctx: BuildContext, target: Target, jobs: list[SeriesJob], done: list[tuple[Path, int]]
) -> tuple[Written, ...]:
    """Check every job's files against the shop's safe margin, then the files the shop takes, for the manifest."""
    from ..render.safearea import check_safe_area

    shop, kind = ctx.shop, target.document.kind
    for job in jobs:
        check_safe_area(
            [job.front] if job.back is None else [job.front, job.back],
            Arrangement.INTERLEAVED if job.back is None else Arrangement.SEPARATE,
            layout=job.layout,
            series=job.series,
            cards=ctx.cards[job.series.key],
            sets=job.sets,
            margin_mm=shop.safe_mm,
            shop=shop.title,
        )
    facts = {"shop": shop.name, "format": shop.format.value}
    if shop.format is not ShopFormat.PNG:
        faces = {job.front: ("fronts" if job.back else "back-front", job.series.key) for job in jobs}
        faces |= {job.back: ("backs", job.series.key) for job in jobs if job.back}
        return tuple(
            Written(path, kind, count, {**facts, "faces": faces[path][0], "series": faces[path][1]})
            for path, count in done
        )
    from ..render.pngcards import render_pngs

    dpi = ctx.options.png_dpi()
    written = []
    for job in jobs:
        layout = job.layout
        size = (shop.pixels(layout.card_width, dpi), shop.pixels(layout.card_height, dpi))
        pngs = render_pngs(
            job.front,
            job.back,
            target.place,
            stem=job.front.stem,
            backs=ctx.lang["file_backs"],
            contact=ctx.lang["file_contact"],
            size=size,
            dpi=dpi,
            per_set=len(ctx.cards[job.series.key]),
        )
        for png in pngs:
            written.append(
                Written(png.path, kind, 1 if png.front else 0, {**facts, "pixels": list(png.pixels), "dpi": dpi})
            )
    return tuple(written)
