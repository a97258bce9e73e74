"""Build every document of a deck into an output folder, all or nothing.

The one entry point the CLI calls for ``build``: it checks that everything fits first,
renders into a staging folder and only then moves the files into place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import geometry
from .layout import Duplex, SheetLayout, SingleLayout, sheet_layout
from .model import CardSize, Deck
from .output import Staging

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
) -> BuildResult:
    """Write the deck's documents into ``out_dir``; on any error nothing there changes."""
    from .identity import identity_line, keywords
    from .language import language
    from .printplan import card_file_stem, file_names, plan
    from .render.cards import CardOptions, check_cards_fit, render_card_sheets, render_card_singles
    from .render.pdf import Metadata

    out_dir = Path(out_dir) if out_dir is not None else default_output_dir(deck)
    size = options.card(deck)
    layout = card_layout(deck, options)
    if "cards" in options.only:
        check_cards_fit(deck, size.width_mm, size.height_mm, mono=options.mono)
    card_options = CardOptions(plain_stock=options.plain_stock, mono=options.mono)
    lang = language(deck.language)
    tags = keywords(deck)
    names = file_names(deck)
    # The booklet's guide describes the whole set, even when this build writes only part of it.
    planned = plan(deck, layout, duplex=options.duplex, plain_stock=options.plain_stock, mono=options.mono, only=KINDS)

    def meta(title_key: str) -> Metadata:
        return Metadata(title=f"{deck.title} — {lang[title_key]}", subject=deck.subtitle, keywords=tags)

    cards = 0
    with Staging(out_dir) as staging:
        if "cards" in options.only:
            for series in deck.series:
                stem = card_file_stem(deck, series)
                if isinstance(layout, SingleLayout):
                    cards += render_card_singles(
                        deck,
                        series,
                        staging.path(f"{stem}.pdf"),
                        staging.path(f"{stem}-{lang['file_backs']}.pdf"),
                        layout=layout,
                        options=card_options,
                        keywords=tags,
                        progress=progress,
                    )
                else:
                    cards += render_card_sheets(
                        deck,
                        series,
                        staging.path(f"{stem}.pdf"),
                        layout=layout,
                        duplex=options.duplex,
                        back_offset=options.back_offset,
                        options=card_options,
                        keywords=tags,
                        progress=progress,
                    )
        if "answers" in options.only:
            from .render.answers import render_answers

            render_answers(deck, staging.path(names["answers"]), meta=meta("title_answers"), identity=identity_line(deck))
        if "handouts" in options.only:
            from .render.handouts import render_participant_sheet, render_questions, render_statements

            render_questions(deck, staging.path(names["questions"]), meta=meta("title_questions"))
            render_statements(deck, staging.path(names["statements"]), meta=meta("title_statements"))
            sheets = render_participant_sheet(deck, staging.path(names["participants"]), meta=meta("title_participants"))
            planned = tuple(replace(f, sheets=sheets) if f.kind == "participants" else f for f in planned)
        if "booklet" in options.only:
            from .render.booklet import BookletOptions, render_booklet

            booklet = BookletOptions(
                plan=planned,
                layout=layout,
                mono=options.mono,
                plain_stock=options.plain_stock,
                identity=identity_line(deck),
            )
            for imposed, key in ((False, "booklet"), (True, "booklet_imposed")):
                render_booklet(deck, staging.path(names[key]), imposed=imposed, options=booklet, meta=meta("title_booklet"))
        files = staging.commit()
    return BuildResult(tuple(files), cards)
