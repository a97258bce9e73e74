"""Build every document of a deck into an output folder, all or nothing.

The one entry point the CLI calls for ``build``: it checks that everything fits first,
renders into a staging folder and only then moves the files into place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import geometry
from .layout import Duplex, SheetLayout, SingleLayout, sheet_layout
from .model import CardSize, Deck
from .output import Staging

KINDS = ("cards",)
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
    from .render.cards import CardOptions, card_file_stem, check_cards_fit, render_card_sheets, render_card_singles
    from .language import language

    out_dir = Path(out_dir) if out_dir is not None else default_output_dir(deck)
    size = options.card(deck)
    layout = card_layout(deck, options)
    check_cards_fit(deck, size.width_mm, size.height_mm, mono=options.mono)
    card_options = CardOptions(plain_stock=options.plain_stock, mono=options.mono)
    lang = language(deck.language)
    keywords = (deck.name,)
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
                        keywords=keywords,
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
                        keywords=keywords,
                        progress=progress,
                    )
        files = staging.commit()
    return BuildResult(tuple(files), cards)
