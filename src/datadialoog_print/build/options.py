"""What a build is asked to make: every option that shapes the printed output, and the layout it implies."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..deck.model import CardSize, Deck
from ..paper import geometry
from ..paper.ink import DEFAULT_MAX_INK
from ..paper.layout import Duplex, SheetLayout, SingleLayout, sheet_layout

KINDS = ("cards", "booklet", "answers", "handouts", "slides")
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
    sets: int | None = None
    """How many full card sets to print (one per table); None: the deck's own (``sets:``, 1 unless it says)."""
    max_ink: float = DEFAULT_MAX_INK
    """Total ink limit in percent that every printed colour must keep (a print shop's figure)."""
    start: str = ""
    """The session's start time "HH:MM" for the run sheet's clock times; "" for the deck's own (if any)."""

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
            "sets": self.set_count(deck),
            "max_ink_percent": self.max_ink,
            "start": self.start,
        }

    def set_count(self, deck: Deck) -> int:
        """The card sets to print: the option's, else the deck's own."""
        return self.sets if self.sets is not None else deck.sets

    def for_deck(self, deck: Deck) -> BuildOptions:
        """These options with everything the deck decides filled in, so what follows reads plain numbers."""
        return replace(self, sets=self.set_count(deck))

    def card(self, deck: Deck) -> CardSize:
        """The card size: the option's, else the deck's own."""
        return self.card_size or deck.card_size

    def bleed_mm(self) -> float:
        """The bleed asked for, or the default for the layout."""
        if self.bleed is not None:
            return self.bleed
        return geometry.SINGLE_BLEED_MM if self.layout == "single" else 0.0


def default_output_dir(deck: Deck) -> Path:
    """``output/<deck name>`` in the current folder."""
    return Path("output") / deck.name


def card_layout(deck: Deck, options: BuildOptions) -> SheetLayout | SingleLayout:
    """The layout the options ask for, computed once."""
    size = options.card(deck)
    if options.layout == "single":
        return SingleLayout(size.width_mm, size.height_mm, options.bleed_mm())
    return sheet_layout(
        paper=options.paper, card_width=size.width_mm, card_height=size.height_mm, bleed=options.bleed_mm()
    )
