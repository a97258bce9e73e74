"""Build every document of a deck into an output folder, all or nothing.

The one entry point the CLI calls for ``build``: it checks that everything fits first,
renders into a staging folder and only then moves the files into place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import geometry
from .layout import Duplex, SheetLayout, SingleLayout, sheet_layout
from .model import CardSize, Deck
from .output import Staging

if TYPE_CHECKING:
    from .statsjob import StatisticsJob

KINDS = ("cards", "booklet", "answers", "handouts")
"""Document kinds ``--only`` accepts."""


@dataclass(frozen=True)
class BuildOptions:
    """Every option that shapes the printed output (and so belongs in the manifest)."""

    layout: str = "sheets"
    """'sheets' (N-up on office paper) or 'single' (one card per page, for a print shop)."""
    paper: str = "a4"
    card_size: CardSize | None = None
    """None: the deck's own card size."""
    bleed: float | None = None
    """mm of card colour past the cut; None: 0 on sheets, 3 for single cards."""
    duplex: Duplex = Duplex.LONG
    back_offset: tuple[float, float] = (0.0, 0.0)
    plain_stock: bool = False
    mono: bool = False
    only: tuple[str, ...] = field(default=KINDS)

    def describe(self, deck: Deck) -> dict:
        """Every option as plain data, for the manifest."""
        size = self.card(deck)
        return {
            "layout": self.layout,
            "paper": self.paper,
            "card_size": {"name": size.name, "width_mm": size.width_mm, "height_mm": size.height_mm},
            "bleed_mm": self.bleed_mm(),
            "duplex": self.duplex.value,
            "back_offset_mm": list(self.back_offset),
            "plain_stock": self.plain_stock,
            "edition": "mono" if self.mono else "colour",
            "only": list(self.only),
        }

    def card(self, deck: Deck) -> CardSize:
        return self.card_size or deck.card_size

    def bleed_mm(self) -> float:
        if self.bleed is not None:
            return self.bleed
        return geometry.SINGLE_BLEED_MM if self.layout == "single" else 0.0


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    files: tuple[Path, ...]
    cards: int


def default_output_dir(deck: Deck) -> Path:
    """``output/<deck name>`` in the current folder."""
    return Path("output") / deck.name


def card_layout(deck: Deck, options: BuildOptions) -> SheetLayout | SingleLayout:
    """The layout the options ask for, computed once."""
    size = options.card(deck)
    if options.layout == "single":
        return SingleLayout(size.width_mm, size.height_mm, options.bleed_mm())
    return sheet_layout(paper=options.paper, card_width=size.width_mm, card_height=size.height_mm, bleed=options.bleed_mm())


def build(
    deck: Deck,
    out_dir: Path | None = None,
    *,
    options: BuildOptions = BuildOptions(),
    progress: Callable[[int], None] | None = None,
    statistics: StatisticsJob | None = None,
) -> BuildResult:
    """Write the deck's documents and their manifest into ``out_dir``; on any error nothing there changes.

    ``statistics``: a job the caller started before reading the deck (pandas loads
    meanwhile); without one, and where the documents need figures, the build starts its own.
    """
    from .statsjob import StatisticsJob, needs_statistics

    out_dir = Path(out_dir) if out_dir is not None else default_output_dir(deck)
    if not needs_statistics(options.only):
        if statistics is not None:
            statistics.cancel()
        statistics = None
    elif statistics is None:
        statistics = StatisticsJob()
    try:
        if statistics is not None:
            statistics.compute(deck)
        return _build(deck, out_dir, options, progress, statistics)
    finally:
        if statistics is not None:
            statistics.cancel()


def _build(deck: Deck, out_dir: Path, options: BuildOptions, progress, statistics: StatisticsJob | None) -> BuildResult:
    """The work of :func:`build`, with the statistics under way in another process.

    Two cores, several jobs: the statistics process (pandas, the slowest import of all)
    started first; the booklet gets a process of its own as soon as the shared imports are
    done, lays out its pages up to the answer sheet and waits there for the figures; this
    process draws one card series (another process draws the other) and the handouts while
    pandas loads, passes the figures on to the booklet the moment they arrive, draws the
    answer sheet and sends the booklet the two sheet counts its print guide waits for.
    """
    from . import fonts
    from .identity import identity_line, keywords
    from .language import language
    from .manifest import MANIFEST, manifest_text
    from .parallel import Background, Mailbox
    from .printplan import card_file_stem, file_names, plan
    from .render.cards import CardOptions, check_cards_fit, render_card_sheets, render_card_singles, series_cards
    from .render.pdf import Metadata

    size = options.card(deck)
    layout = card_layout(deck, options)
    card_options = CardOptions(plain_stock=options.plain_stock, mono=options.mono)
    lang = language(deck.language)
    tags = keywords(deck)
    identity = identity_line(deck)
    names = file_names(deck)
    # The booklet's guide describes the whole set, even when this build writes only part of it;
    # the sheet counts of files rendered here are passed on when known.
    rendered_later = {"participants"} if "handouts" in options.only else set()
    rendered_later |= {"answers"} if "answers" in options.only else set()
    planned = tuple(
        replace(f, sheets=None) if f.kind in rendered_later else f
        for f in plan(deck, layout, duplex=options.duplex, plain_stock=options.plain_stock, mono=options.mono, only=KINDS)
    )
    sheets: dict[str, int] = {}

    def meta(title_key: str) -> Metadata:
        return Metadata(title=f"{deck.title} — {lang[title_key]}", subject=identity, keywords=tags)

    written: list[tuple[Path, int]] = []
    with Staging(out_dir) as staging:
        booklet_job = None
        if "booklet" in options.only:
            from .render.booklet import BookletOptions, render_booklets

            reading, imposed = staging.path(names["booklet"]), staging.path(names["booklet_imposed"])

            def booklet_task(receive) -> None:
                mail = Mailbox(receive)
                booklet = BookletOptions(
                    plan=planned, layout=layout, mono=options.mono, plain_stock=options.plain_stock, identity=identity,
                    rows=lambda: mail.get("rows"), sheets=lambda: mail.get("sheets"),
                )
                render_booklets(deck, [(imposed, True), (reading, False)], options=booklet, meta=meta("title_booklet"))

            fonts.register()  # ReportLab's layout modules: imported once, here, for every process
            booklet_job = Background(booklet_task, inbox=True)
            staging.on_failure(booklet_job.cancel)
        if "cards" in options.only:
            cards = {s.key: series_cards(deck, s) for s in deck.series}
            check_cards_fit(deck, size.width_mm, size.height_mm, mono=options.mono, cards=cards)

            def render_series(series, front: Path, back: Path | None, report) -> list[tuple[Path, int]]:
                if back is not None:
                    count = render_card_singles(
                        deck, series, front, back, layout=layout, options=card_options, keywords=tags, subject=identity,
                        progress=report, cards=cards[series.key],
                    )
                    return [(front, count), (back, 0)]
                count = render_card_sheets(
                    deck, series, front, layout=layout, duplex=options.duplex, back_offset=options.back_offset,
                    options=card_options, keywords=tags, subject=identity, progress=report, cards=cards[series.key],
                )
                return [(front, count)]

            # One series per process: the card files are independent and the cores are two.
            jobs: list = []
            staging.on_failure(lambda: [job.cancel() for job in jobs])
            for i, series in enumerate(deck.series):
                stem = card_file_stem(deck, series)
                front = staging.path(f"{stem}.pdf")
                back = staging.path(f"{stem}-{lang['file_backs']}.pdf") if isinstance(layout, SingleLayout) else None
                if i < len(deck.series) - 1:
                    jobs.append(Background(lambda s=series, f=front, b=back: render_series(s, f, b, None)))
                else:
                    written += render_series(series, front, back, progress)
            for job in jobs:
                done = job.wait()
                written += done
                if progress:
                    progress(sum(count for _, count in done))
        if "handouts" in options.only:
            from .render.handouts import render_participant_sheet, render_questions, render_statements

            for key, render, title in (
                ("questions", render_questions, "title_questions"),
                ("statements", render_statements, "title_statements"),
                ("participants", render_participant_sheet, "title_participants"),
            ):
                target = staging.path(names[key])
                pages = render(deck, target, meta=meta(title))
                if key == "participants":
                    sheets[key] = pages
                written.append((target, 0))
        rows = statistics.rows() if statistics is not None else ()
        if booklet_job is not None:
            booklet_job.send(("rows", rows))
        if "answers" in options.only:
            from .render.answers import render_answers

            target = staging.path(names["answers"])
            sheets["answers"] = render_answers(deck, target, meta=meta("title_answers"), identity=identity, rows=rows)
            written.append((target, 0))
        if booklet_job is not None:
            booklet_job.send(("sheets", sheets))
            booklet_job.wait()
            written += [(reading, 0), (imposed, 0)]
        staging.path(MANIFEST).write_text(manifest_text(deck, options.describe(deck), written), encoding="utf-8")
        files = staging.commit()
    return BuildResult(tuple(f for f in files if f.suffix == ".pdf"), sum(c for _, c in written))
