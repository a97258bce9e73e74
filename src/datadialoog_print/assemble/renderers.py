"""The renderers the registry names: each takes the build's context and a target, and says what it wrote.

A document of simple files gets :func:`render_files`, which calls each file's ``draw``;
the cards (one file per series, maybe in two processes) and the booklet (one layout,
two files, the guide reading the whole set's plan) have their own. ReportLab is imported
only when a renderer runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LayoutError
from ..paper.printplan import PlannedFile

if TYPE_CHECKING:
    from ..render.pdf import Metadata
    from .context import BuildContext
    from .documents import Document


@dataclass(frozen=True)
class Written:
    """One file a build wrote: where, which document it belongs to, how many cards and sheets it holds."""

    path: Path
    kind: str
    cards: int = 0
    facts: Mapping[str, object] = field(default_factory=dict)
    """What only the build knows about the file, for the manifest (where a card sheet is cut)."""
    sheets: int | None = None
    """Its pages as the renderer counted them, for the guide of a booklet rendered after it."""


@dataclass(frozen=True)
class Target:
    """Where a renderer writes, and what it may know of the rest of the set."""

    document: Document
    place: Callable[[str], Path]
    """``place(name)``: the path to write the file ``name`` to."""
    files: tuple[PlannedFile, ...]
    """This document's files as planned, in order."""
    plan: tuple[PlannedFile, ...]
    """The whole set's files, with the sheets counted by the renderers that ran before this one."""


@contextmanager
def failing_as(name: str) -> Iterator[None]:
    """A page-layout failure deep in ReportLab becomes a message that names the document."""
    from reportlab.platypus.doctemplate import LayoutError as PageLayoutError

    try:
        yield
    except PageLayoutError:
        raise LayoutError(
            f"{name}: a text is too long for its place on the page; shorten the longest texts of this document"
        ) from None


def render_files(ctx: BuildContext, target: Target) -> tuple[Written, ...]:
    """Each file of a simple document drawn by its own ``draw``, one after the other."""
    specs = {spec.file: spec for spec in target.document.files}
    out = []
    for planned in target.files:
        spec = specs[planned.file]
        path = target.place(planned.name)
        with failing_as(planned.name):
            pages = spec.draw(ctx, path, ctx.meta(spec.title))
        out.append(Written(path, planned.kind, sheets=pages))
    return tuple(out)


def render_cards(ctx: BuildContext, target: Target) -> tuple[Written, ...]:
    """The card files, one per series (and the backs of single cards), in two processes for a large deck;
    with a print shop preset, what that shop takes (:mod:`.shopcards`)."""
    import tempfile
    from contextlib import nullcontext

    from ..paper.layout import SingleLayout
    from ..paper.printplan import card_file_names
    from ..paper.shops import Arrangement
    from ..render.cardpainter import CardOptions
    from .cardjobs import SeriesJob, render_all

    options, layout, shop = ctx.options, ctx.layout, ctx.shop
    card_options = CardOptions(plain_stock=options.plain_stock, mono=options.mono, safe=options.safe_mm())
    single = isinstance(layout, SingleLayout)
    # Backs in a file of their own, page for page; a shop that takes each back before its front gets one file.
    separate_backs = single and (shop is None or shop.arrangement is not Arrangement.INTERLEAVED)
    with tempfile.TemporaryDirectory(prefix="datadialoog-png-") if ctx.png else nullcontext() as scratch:
        # A PNG shop's PDFs are a step on the way: rendered beside the build, not into it.
        pdf_place = (lambda name: Path(scratch) / name) if ctx.png else target.place
        jobs = []
        for series in ctx.deck.series:
            front, back = card_file_names(ctx.lang, series)
            jobs.append(
                SeriesJob(
                    ctx.deck,
                    series,
                    pdf_place(front),
                    pdf_place(back) if separate_backs else None,
                    layout,
                    options.duplex,
                    options.back_offset,
                    card_options,
                    ctx.keywords,
                    ctx.identity,
                    sets=options.sets,
                    pack=options.pack_sets,
                    standard=shop.format.value if shop is not None and not ctx.png else "PDF/X-4",
                )
            )
        with failing_as(ctx.lang["file_cards"]):
            done = render_all(jobs, progress=ctx.progress, parallel_from=ctx.parallel_from, cards=ctx.cards)
        if shop is not None:
            from .shopcards import shop_files

            return shop_files(ctx, target, jobs, done)
    # Where a shop or a script cuts each sheet file (its front pages).
    cuts = {} if single else {"cuts": layout.cut_facts()}
    front_paths = {job.front for job in jobs}
    kind = target.document.kind
    return tuple(Written(path, kind, count, cuts if path in front_paths else {}) for path, count in done)


def render_booklet(ctx: BuildContext, target: Target) -> tuple[Written, ...]:
    """The booklet, A5 and imposed A4 from one layout; its guide describes the whole set, whatever this build writes."""
    from ..render.booklet import BookletOptions, render_booklets
    from .documents import booklet_pointers

    options = ctx.options
    booklet = BookletOptions(
        rows=ctx.rows,
        plan=target.plan,
        layout=ctx.layout,
        mono=options.mono,
        plain_stock=options.plain_stock,
        sets=options.sets,
        table_size=options.table_size,
        pack_sets=options.pack_sets,
        shop=ctx.shop,
        dpi=options.png_dpi(),
        start=options.start,
        identity=ctx.identity,
        duplex=options.duplex,
        max_ink=options.ink_limit(),
        **booklet_pointers(target.plan),
    )
    reading, imposed = (target.place(f.name) for f in target.files)
    with failing_as(target.files[0].name):
        render_booklets(ctx.deck, reading=reading, imposed=imposed, options=booklet, meta=ctx.meta("title_booklet"))
    return (Written(reading, target.document.kind), Written(imposed, target.document.kind))


def draw_questions(ctx: BuildContext, path: Path, meta: Metadata) -> int:
    from ..render.handouts import render_questions

    return render_questions(ctx.deck, path, meta=meta)


def draw_statements(ctx: BuildContext, path: Path, meta: Metadata) -> int:
    from ..render.handouts import render_statements

    return render_statements(ctx.deck, path, meta=meta)


def draw_participants(ctx: BuildContext, path: Path, meta: Metadata) -> int:
    from ..render.handouts import render_participant_sheet

    return render_participant_sheet(ctx.deck, path, meta=meta)


def draw_key_sheet(ctx: BuildContext, path: Path, meta: Metadata) -> int:
    from ..render.keysheet import render_key_sheet

    return render_key_sheet(ctx.deck, path, meta=meta)


def draw_answers(ctx: BuildContext, path: Path, meta: Metadata) -> int:
    from ..render.answer_sheet import render_answers

    return render_answers(ctx.deck, path, meta=meta, rows=ctx.rows, identity=ctx.identity)


def draw_slides(ctx: BuildContext, path: Path, meta: Metadata) -> int:
    from ..deck.timing import Room
    from ..render.slides import render_slides

    return render_slides(
        ctx.deck,
        path,
        meta=meta,
        rows=ctx.rows,
        sheet=ctx.sheet,
        mono=ctx.options.mono,
        identity=ctx.identity,
        start=ctx.options.start,
        room=Room(ctx.options.sets, ctx.options.table_size),
    )
