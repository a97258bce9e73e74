"""Every size the printed documents depend on, in millimetres, as data.

Nothing here draws. Card presets, paper sizes and margins live in one place so that a
layout can be computed, tested as numbers and then handed to a renderer.
"""

from __future__ import annotations

# A card's size is deck data (deck.yaml sets it); the layouts here read the same presets and bounds.
from ..deck.model import CARD_MAX_MM, CARD_MIN_MM, CARD_PRESETS
from ..numbers import parse_decimal

MM = 72 / 25.4
"""PostScript points per millimetre."""

PAPER_SIZES: dict[str, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "a5": (148.0, 210.0),
}
"""Paper sizes, width × height in mm, portrait."""

SLIDE: tuple[float, float] = (960 / MM, 540 / MM)
"""A 16:9 slide, 338.7 × 190.5 mm (13.33 × 7.5 in, the presentation programs' default): 1920 × 1080 px at 2×."""

PRINTER_MARGIN_MM = 5.0
"""What an office printer cannot print on; nothing but white paper there."""

SAFE_ZONE_MM = 3.0
"""Card text stays this far inside the trim, so a slightly off cut never touches it."""

SINGLE_BLEED_MM = 3.0
"""Bleed around a single card for a print shop."""

MIN_FONT_PT = 7.0
"""Smallest type on a card that still reads at arm's length; below it the build fails."""

SET_FONT_PT = 7.5
"""Size of the set letter on a card ("set B"): small, but read without searching when the sets are sorted."""


MARK_GAP_MM = 1.0
"""Crop marks start this far outside the cards' bleed, so a mark never touches a card."""

MIN_MARK_MM = 2.0
"""Shortest useful crop mark; a layout leaves at least this much room in the margin for the first cuts."""

CUT_GUTTER_MM = 3.0
"""Waste between the cards in the direction cut second, wide enough for a tick along each cut line:
after the first cuts have taken the margins away, each strip still shows where to cut."""

TICK_MM = 3.0
"""Length of a tick along a cut line at each end of a card (shorter on very small cards)."""

OUTER_BLEED_MM = 1.5
"""Without a bleed gutter, the card colour still runs this far past the outer cut lines (room
allowing), so a cut a hair outside the mark leaves no white edge."""

MARK_WIDTH_PT = 0.25
"""Line width of crop marks."""


def parse_card_size(text: str) -> tuple[str, float, float]:
    """A preset name or "WxH" in mm ("63x88", "63.5 × 88.9") → (name, width, height); ValueError if neither."""
    key = text.strip().lower()
    if key in CARD_PRESETS:
        return (key, *CARD_PRESETS[key])
    parts = key.replace("×", "x").split("x")
    if len(parts) == 2:
        width, height = (parse_decimal(p) for p in parts)
        if CARD_MIN_MM <= width <= CARD_MAX_MM[0] and CARD_MIN_MM <= height <= CARD_MAX_MM[1]:
            return ("custom", width, height)
    raise ValueError(text)
