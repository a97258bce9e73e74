"""Where cards go on paper, computed as numbers in millimetres before anything is drawn.

A layout is a frozen value: the renderer receives it and draws; the tests check it as
numbers. Coordinates have their origin at the bottom-left of the page, as in PDF.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..errors import LayoutError
from . import geometry


class Duplex(enum.Enum):
    """How the printer turns the sheet for the back; decides where the backs go."""

    LONG = "long"
    """Flip on the long edge (the usual duplex): backs mirrored left–right."""
    SHORT = "short"
    """Flip on the short edge: backs mirrored top–bottom."""
    NONE = "none"
    """Fronts only."""


@dataclass(frozen=True)
class Slot:
    """The trimmed rectangle of one card on a page, in mm."""

    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True)
class SheetLayout:
    """Cards imposed N-up on a sheet, with cut lines and the room the crop marks take."""

    paper: str
    page_width: float
    page_height: float
    card_width: float
    card_height: float
    bleed: float
    """How far the card colour runs past each cut line; the gap between cards is twice this."""
    margin: float
    """The printer's unprintable border; marks stop here."""
    columns: int
    rows: int
    slots: tuple[Slot, ...]
    """Reading order: left to right, top to bottom."""
    cuts_x: tuple[float, ...]
    """Every vertical cut line, left to right."""
    cuts_y: tuple[float, ...]
    """Every horizontal cut line, bottom to top."""
    mark_gap: float
    """Distance between the cards' bleed and the start of a crop mark."""
    edge_bleed: float = 0.0
    """How far the colour runs past a cut line with no card behind it (the bleed, or a little without one)."""

    @property
    def per_sheet(self) -> int:
        return len(self.slots)

    @property
    def block(self) -> tuple[float, float, float, float]:
        """Left, bottom, right, top of the cards including their bleed; marks stay outside it."""
        e = self.edge_bleed
        return (self.cuts_x[0] - e, self.cuts_y[0] - e, self.cuts_x[-1] + e, self.cuts_y[-1] + e)

    def fill_rect(self, index: int, used: int) -> Slot:
        """The area the card colour of slot ``index`` covers when ``used`` slots hold cards.

        The card plus its bleed, and on every side with no card next to it, out to the
        edge bleed, so a slightly wide cut there shows colour, not paper.
        """
        slot = self.slots[index]
        column, row = index % self.columns, index // self.columns

        def taken(c: int, r: int) -> bool:
            return 0 <= c < self.columns and 0 <= r < self.rows and r * self.columns + c < used

        left = self.edge_bleed if not taken(column - 1, row) else self.bleed
        right = self.edge_bleed if not taken(column + 1, row) else self.bleed
        top = self.edge_bleed if not taken(column, row - 1) else self.bleed
        bottom = self.edge_bleed if not taken(column, row + 1) else self.bleed
        return Slot(slot.x - left, slot.y - bottom, slot.width + left + right, slot.height + bottom + top)

    def back_slot(self, slot: Slot, duplex: Duplex, offset: tuple[float, float] = (0.0, 0.0)) -> Slot:
        """Where the back of the card in ``slot`` must be drawn so it lands behind its front.

        A long-edge flip mirrors the page left–right, a short-edge flip top–bottom; the
        offset (from a calibration print) then shifts every back the same way.
        """
        x, y = slot.x, slot.y
        if duplex is Duplex.LONG:
            x = self.page_width - slot.x - slot.width
        elif duplex is Duplex.SHORT:
            y = self.page_height - slot.y - slot.height
        return Slot(x + offset[0], y + offset[1], slot.width, slot.height)


def _fit(available: float, size: float, bleed: float, room: float) -> int:
    """How many cards of ``size`` fit in a row of ``available`` mm with bleed and mark room at both ends."""
    n = 0
    while (n + 1) * size + n * 2 * bleed + 2 * (bleed + room) <= available + 1e-9:
        n += 1
    return n


def sheet_layout(
    *,
    paper: str = "a4",
    card_width: float,
    card_height: float,
    bleed: float = 0.0,
    margin: float = geometry.PRINTER_MARGIN_MM,
    mark_gap: float = geometry.MARK_GAP_MM,
    min_mark: float = geometry.MIN_MARK_MM,
) -> SheetLayout:
    """As many cards as fit on the paper inside the printer margin, centred, with room for marks."""
    page_width, page_height = geometry.PAPER_SIZES[paper]
    room = mark_gap + min_mark
    columns = _fit(page_width - 2 * margin, card_width, bleed, room)
    rows = _fit(page_height - 2 * margin, card_height, bleed, room)
    if columns == 0 or rows == 0:
        raise LayoutError(
            f"a {card_width:g} × {card_height:g} mm card with {bleed:g} mm bleed does not fit on {paper.upper()} "
            f"inside the {margin:g} mm printer margin with room for crop marks"
        )
    pitch_x, pitch_y = card_width + 2 * bleed, card_height + 2 * bleed
    block_w = columns * card_width + (columns - 1) * 2 * bleed
    block_h = rows * card_height + (rows - 1) * 2 * bleed
    left = (page_width - block_w) / 2
    bottom = (page_height - block_h) / 2
    slots = tuple(
        Slot(left + c * pitch_x, bottom + (rows - 1 - r) * pitch_y, card_width, card_height)
        for r in range(rows)
        for c in range(columns)
    )
    cuts_x = sorted({round(left + c * pitch_x + dx, 6) for c in range(columns) for dx in (0, card_width)})
    cuts_y = sorted({round(bottom + r * pitch_y + dy, 6) for r in range(rows) for dy in (0, card_height)})
    # Room left between the cards and the printer margin, less what the marks need.
    spare = min(left, bottom) - margin - room
    edge_bleed = bleed if bleed > 0 else max(0.0, min(geometry.OUTER_BLEED_MM, spare))
    return SheetLayout(
        paper=paper,
        page_width=page_width,
        page_height=page_height,
        card_width=card_width,
        card_height=card_height,
        bleed=bleed,
        margin=margin,
        columns=columns,
        rows=rows,
        slots=slots,
        cuts_x=tuple(cuts_x),
        cuts_y=tuple(cuts_y),
        mark_gap=mark_gap,
        edge_bleed=edge_bleed,
    )


@dataclass(frozen=True)
class SingleLayout:
    """One card per page for a print shop: the page is the card plus bleed on every side."""

    card_width: float
    card_height: float
    bleed: float

    @property
    def page_width(self) -> float:
        return self.card_width + 2 * self.bleed

    @property
    def page_height(self) -> float:
        return self.card_height + 2 * self.bleed

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        """Left, bottom, right, top of the trimmed card on the page, in mm."""
        return (self.bleed, self.bleed, self.bleed + self.card_width, self.bleed + self.card_height)

    @property
    def slot(self) -> Slot:
        return Slot(self.bleed, self.bleed, self.card_width, self.card_height)
