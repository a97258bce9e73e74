"""Cut marks as data: the order a sheet is cut in, and a mark for every cut on every piece.

A sheet is cut in two passes: first every line of one direction across the whole sheet,
then the strips that gives, one line of the other direction after the other. The first
pass reads its marks in the margins. The second pass cannot: the first one has cut the
margins away. So the cards are set apart in that direction by a narrow gutter (waste), and
a short tick lies along every remaining cut line, inside the gutter (or just outside the
outer cards), at both ends of every card: each strip keeps the marks of the cuts it still
needs. Everything here is in mm from the page's bottom-left, as in PDF; nothing draws.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from . import geometry


class CutOrder(enum.Enum):
    """Which direction is cut first, across the whole sheet."""

    VERTICAL_FIRST = "vertical-first"
    """Vertical lines first (marks above and below); then the columns, along ticks in the gutters between rows."""
    HORIZONTAL_FIRST = "horizontal-first"
    """Horizontal lines first (marks left and right); then the rows, along ticks in the gutters between columns."""


@dataclass(frozen=True)
class Mark:
    """One straight mark, from (x1, y1) to (x2, y2) in mm."""

    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def length(self) -> float:
        return abs(self.x2 - self.x1) + abs(self.y2 - self.y1)

    @property
    def vertical(self) -> bool:
        return self.x1 == self.x2


def mark_width_mm() -> float:
    """Line width of a mark in mm."""
    return geometry.MARK_WIDTH_PT / geometry.MM


def margin_marks(
    *,
    cuts: tuple[float, ...],
    vertical: bool,
    block: tuple[float, float],
    edge: float,
    gap: float,
    margin: float,
    page: float,
) -> list[Mark]:
    """Each cut line extended into both margins, from ``gap`` past the colour to the printer margin.

    ``block`` is where the cards start and end across the lines (bottom and top for vertical
    lines, left and right for horizontal ones); ``edge`` how far the colour runs past them.
    """
    low, high = block
    spans = ((margin, low - edge - gap), (high + edge + gap, page - margin))
    out = []
    for at in cuts:
        for a, b in spans:
            out.append(Mark(at, a, at, b) if vertical else Mark(a, at, b, at))
    return out


def ticks(
    *, spans: list[tuple[float, float]], lines: list[tuple[float, int]], vertical: bool, length: float
) -> list[Mark]:
    """Ticks along cut lines, on the waste side, at both ends of every card.

    ``spans`` are the cards' extents along the lines (x ranges of the columns for horizontal
    lines); ``lines`` each cut line with the side its waste is on (+1 above or right, −1
    below or left). A tick is offset by half its width, so its inner edge is the cut line and a
    true cut leaves all of it on the waste.
    """
    offset = mark_width_mm() / 2
    out = []
    for at, side in lines:
        pos = at + side * offset
        for lo, hi in spans:
            t = min(length, (hi - lo) / 3)
            for a, b in ((lo, lo + t), (hi - t, hi)):
                out.append(Mark(pos, a, pos, b) if vertical else Mark(a, pos, b, pos))
    return out


def cut_facts(order: CutOrder, cuts_x: tuple[float, ...], cuts_y: tuple[float, ...], page_height: float) -> dict:
    """Where to cut, for the manifest: vertical lines from the page's left edge, horizontal ones from its top edge."""
    return {
        "order": order.value,
        "vertical_mm": [round(x, 2) for x in cuts_x],
        "horizontal_mm": sorted(round(page_height - y, 2) for y in cuts_y),
    }
