"""What a build is asked to make: every option that shapes the printed output, and the layout it implies."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..deck.model import CardSize, Deck
from ..paper import geometry
from ..paper.layout import Duplex, SheetLayout, SingleLayout, sheet_layout

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
    sets: int = 1
    """How many full card sets to print (one per table)."""

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
            "sets": self.sets,
        }

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
