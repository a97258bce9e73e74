"""Build every document of a deck into an output folder, all or nothing: read → figures → documents → manifest.

``build`` is the one entry point the CLI calls: it holds the output folder
(:mod:`.staging`: locked, tidied), renders every document into a staging folder with
``render_documents``, one after the other, writes the manifest (keeping what ``--only``
did not rebuild, see :mod:`.manifest`) and commits the whole set in one step. ``verify``
calls ``render_documents`` too, into a temporary folder, to compare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..deck.model import Deck
from ..errors import LayoutError
from .options import KINDS, BuildOptions, card_layout, default_output_dir

__all__ = ["KINDS", "BuildOptions", "BuildResult", "Written", "build", "render_documents"]


@dataclass(frozen=True)
class Written:
    """One file a build wrote: where, which kind of document, how many cards it holds."""

    path: Path
    kind: str
    cards: int = 0
    facts: Mapping[str, object] = field(default_factory=dict)
    """What only the build knows about the file, for the manifest (where a card sheet is cut)."""


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, kept from an earlier build (``--only``), and removed as stale."""

    files: tuple[Path, ...]
    cards: int
    kept: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What the organiser should know about how the build was made (fewer cards per sheet, and why)."""


Extra = Callable[[Deck, Callable[[str], Path], list[Written]], list[Path]]
"""Writes more files from the staged documents (previews); gets a ``place(name)`` for each."""


def build(
    deck: Deck,
    out_dir: Path | None = None,
    *,
    options: BuildOptions = BuildOptions(),
    progress: Callable[[int], None] | None = None,
    extra: Extra | None = None,
    parallel_from: int | None = None,
) -> BuildResult:
    """Write the deck's documents and their manifest into ``out_dir`` as one set; on any error nothing there changes.

    ``parallel_from``: from this many cards on, the two card series render in two processes
    (the command line passes :data:`~datadialoog_print.build.cardjobs.PARALLEL_MIN_CARDS`).
    None, the default for library callers: always in this process, because a worker started
    with ``spawn`` imports the caller's main module again, which then needs the
    ``if __name__ == "__main__":`` guard that multiprocessing asks for.
    """
    from ..render.pdf import check_source_date_epoch
    from .inks import check_ink
    from .manifest import MANIFEST, new_manifest
    from .staging import OutputFolder

    out_dir = Path(out_dir) if out_dir is not None else default_output_dir(deck)
    options = options.for_deck(deck)
    # What can be refused without rendering is refused before the output folder is touched.
    check_source_date_epoch()
    check_ink(deck, limit=options.max_ink, mono=options.mono)
    with OutputFolder(out_dir) as folder:
        old = folder.manifest()
        with folder.stage() as staging:
            written = render_documents(deck, staging.path, options, progress=progress, parallel_from=parallel_from)
            extras = extra(deck, staging.path, written) if extra else []
            text, kept, removes = new_manifest(deck, out_dir, options, written, extras, old)
            staging.path(MANIFEST).write_text(text, encoding="utf-8")
            staging.commit(removes)
    present = {w.path.name for w in written}
    layout = card_layout(deck, options)
    notes = _sheet_notes(deck, layout, options) if "cards" in options.only else ()
    return BuildResult(
        files=tuple(out_dir / w.path.name for w in written),
        cards=sum(w.cards for w in written),
        kept=tuple(k for k in kept if k not in present),
        removed=tuple(removes),
        notes=notes,
    )


def _cards(deck: Deck, place, options: BuildOptions, layout, cards, tags, identity, progress, parallel_from):
    """The card files: sheets, single cards, or what a print shop preset takes (:mod:`.shopcards`)."""
    import tempfile
    from contextlib import nullcontext

    from ..deck.language import language
    from ..paper.layout import SingleLayout
    from ..paper.printplan import card_file_stem
    from ..paper.shops import ShopFormat
    from ..render.cardpainter import CardOptions
    from .cardjobs import SeriesJob, render_all

    lang = language(deck.language)
    shop = options.preset()
    png = shop is not None and shop.format is ShopFormat.PNG
    card_options = CardOptions(plain_stock=options.plain_stock, mono=options.mono, safe=options.safe_mm())
    with tempfile.TemporaryDirectory(prefix="datadialoog-png-") if png else nullcontext() as scratch:
        # A PNG shop's PDFs are a step on the way: rendered beside the build, not into it.
        pdf_place = (lambda name: Path(scratch) / name) if png else place
        jobs = []
        for series in deck.series:
            stem = card_file_stem(deck, series)
            back = pdf_place(f"{stem}-{lang['file_backs']}.pdf") if isinstance(layout, SingleLayout) else None
            jobs.append(
                SeriesJob(
                    deck,
                    series,
                    pdf_place(f"{stem}.pdf"),
                    back,
                    layout,
                    options.duplex,
                    options.back_offset,
                    card_options,
                    tags,
                    identity,
                    sets=options.sets,
                    pack=options.pack_sets,
                    standard=shop.format.value if shop is not None and not png else "PDF/X-4",
                )
            )
        with _document(lang["file_cards"]):
            done = render_all(jobs, progress=progress, parallel_from=parallel_from, cards=cards)
        if shop is not None:
            from .shopcards import shop_files

            return shop_files(deck, jobs, done, shop=shop, options=options, cards=cards, place=place)
    # Where a shop or a script cuts each sheet file (its front pages).
    cuts = {} if isinstance(layout, SingleLayout) else {"cuts": layout.cut_facts()}
    fronts = {job.front for job in jobs}
    return [Written(path, "cards", count, cuts if path in fronts else {}) for path, count in done]


def _sheet_notes(deck: Deck, layout, options: BuildOptions) -> tuple[str, ...]:
    """What the organiser should know about the card sheets: fewer cards per sheet or another cut order
    than usual, and last sheets that stay nearly empty (with the way to fill them)."""
    from ..paper.printplan import card_file_stem, last_sheet_note

    if not hasattr(layout, "per_sheet"):
        return ()
    notes = [layout.note] if layout.note else []
    for series in deck.series:
        per_set = len(deck.persons_in(series)) * len(deck.attributes)
        name = f"{card_file_stem(deck, series)}.pdf"
        notes.append(last_sheet_note(name, per_set, layout.per_sheet, options.sets, pack=options.pack_sets))
    return tuple(n for n in notes if n)


@contextmanager
def _document(name: str) -> Iterator[None]:
    """A page-layout failure deep in ReportLab becomes a message that names the document."""
    from reportlab.platypus.doctemplate import LayoutError as PageLayoutError

    try:
        yield
    except PageLayoutError:
        raise LayoutError(
            f"{name}: a text is too long for its place on the page; shorten the longest texts of this document"
        ) from None


def render_documents(
    deck: Deck,
    place: Callable[[str], Path],
    options: BuildOptions,
    *,
    progress: Callable[[int], None] | None = None,
    parallel_from: int | None = None,
) -> list[Written]:
    """Render the documents ``options.only`` asks for; ``place(name)`` says where each file goes."""
    from ..deck.language import language
    from ..figures.answersheet import answer_rows
    from ..figures.cardtext import series_cards
    from ..figures.stats import answer_sheet
    from ..paper.cardfit import check_cards_fit
    from ..paper.printplan import file_names, plan
    from ..render.answers import render_answers
    from ..render.booklet import BookletOptions, render_booklets
    from ..render.handouts import render_participant_sheet, render_questions, render_statements
    from ..render.pdf import Metadata, check_source_date_epoch, deck_author
    from ..render.slides import render_slides
    from .identity import identity_line, keywords
    from .inks import check_ink

    options = options.for_deck(deck)
    check_source_date_epoch()
    check_ink(deck, limit=options.max_ink, mono=options.mono)
    lang = language(deck.language)
    layout = card_layout(deck, options)
    tags, identity, names = keywords(deck), identity_line(deck), file_names(deck)
    wanted = set(options.only)
    cards = {}
    if "cards" in wanted:
        cards = {s.key: series_cards(deck, s) for s in deck.series}
        check_cards_fit(
            deck, layout.card_width, layout.card_height, mono=options.mono, cards=cards, safe=options.safe_mm()
        )
    # The figures, computed once: as raw numbers for the slides' charts, as printed texts for the rest.
    sheet = answer_sheet(deck) if wanted & {"answers", "booklet", "slides"} else ()
    rows = answer_rows(deck, sheet=sheet) if sheet else ()

    def meta(title_key: str) -> Metadata:
        return Metadata(
            title=f"{deck.title} — {lang[title_key]}", subject=identity, keywords=tags, author=deck_author(deck)
        )

    written: list[Written] = []
    sheets: dict[str, int] = {}
    if "cards" in wanted:
        written += _cards(deck, place, options, layout, cards, tags, identity, progress, parallel_from)
    if "handouts" in wanted:
        for key, render, title in (
            ("questions", render_questions, "title_questions"),
            ("statements", render_statements, "title_statements"),
            ("participants", render_participant_sheet, "title_participants"),
        ):
            target = place(names[key])
            with _document(names[key]):
                sheets[key] = render(deck, target, meta=meta(title))
            written.append(Written(target, "handouts"))
    if "answers" in wanted:
        target = place(names["answers"])
        with _document(names["answers"]):
            sheets["answers"] = render_answers(deck, target, meta=meta("title_answers"), rows=rows, identity=identity)
        written.append(Written(target, "answers"))
    if "slides" in wanted:
        target = place(names["slides"])
        with _document(names["slides"]):
            sheets["slides"] = render_slides(
                deck,
                target,
                meta=meta("title_slides"),
                rows=rows,
                sheet=sheet,
                mono=options.mono,
                identity=identity,
            )
        written.append(Written(target, "slides"))
    if "booklet" in wanted:
        # The guide describes the whole set, even when this build writes only part of it;
        # sheet counts of the files rendered above are filled in.
        files = plan(
            deck,
            layout,
            duplex=options.duplex,
            plain_stock=options.plain_stock,
            mono=options.mono,
            only=KINDS,
            sets=options.sets,
            pack=options.pack_sets,
            shop=options.preset(),
        )
        if "participants" not in sheets:  # not written by this build, but still counted in the guide
            from ..render.handouts import participant_sheet_pages

            sheets["participants"] = participant_sheet_pages(deck)
        files = tuple(replace(f, sheets=sheets.get(f.kind, f.sheets)) for f in files)
        booklet = BookletOptions(
            rows=rows,
            plan=files,
            layout=layout,
            mono=options.mono,
            plain_stock=options.plain_stock,
            sets=options.sets,
            pack_sets=options.pack_sets,
            shop=options.preset(),
            dpi=options.png_dpi(),
            start=options.start,
            identity=identity,
            duplex=options.duplex,
            max_ink=options.max_ink,
        )
        reading, imposed = place(names["booklet"]), place(names["booklet_imposed"])
        with _document(names["booklet"]):
            render_booklets(deck, reading=reading, imposed=imposed, options=booklet, meta=meta("title_booklet"))
        written += [Written(reading, "booklet"), Written(imposed, "booklet")]
    return written
