"""Where cards go on paper, computed as numbers in millimetres before anything is drawn.

A layout is a frozen value: the renderer receives it and draws; the tests check it as
numbers. Coordinates have their origin at the bottom-left of the page, as in PDF.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..errors import LayoutError
from . import geometry
from .cuts import CutOrder, Mark, cut_facts, margin_marks, ticks


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


@dataclass(frozen=True)
class SheetLayout:
    """Cards imposed N-up on a sheet: where each goes, where to cut, in which order, and every mark."""

    paper: str
    page_width: float
    page_height: float
    card_width: float
    card_height: float
    bleed: float
    """How far the card colour runs past each cut line (asked for with --bleed; 0 on plain sheets)."""
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
    """Distance between the colour and the start of a margin mark."""
    order: CutOrder = CutOrder.VERTICAL_FIRST
    """Which direction is cut first; the other has gutters with ticks (see :mod:`.cuts`)."""
    gap_x: float = 0.0
    """Distance between the trimmed edges of neighbouring columns."""
    gap_y: float = 0.0
    """Distance between the trimmed edges of neighbouring rows."""
    edge_x: float = 0.0
    """How far the colour runs past the outer vertical cut lines."""
    edge_y: float = 0.0
    """How far the colour runs past the outer horizontal cut lines."""
    marks: tuple[Mark, ...] = ()
    """Every mark on a front page: margin marks and ticks."""
    note: str = ""
    """Why fewer cards fit than the paper would hold without gutters; empty when nothing was given up."""

    @property
    def per_sheet(self) -> int:
        return len(self.slots)

    @property
    def block(self) -> tuple[float, float, float, float]:
        """Left, bottom, right, top of the cards including the colour past the outer cut lines."""
        return (
            self.cuts_x[0] - self.edge_x,
            self.cuts_y[0] - self.edge_y,
            self.cuts_x[-1] + self.edge_x,
            self.cuts_y[-1] + self.edge_y,
        )

    def fill_rect(self, index: int, used: int) -> Slot:
        """The area the card colour of slot ``index`` covers when ``used`` slots hold cards.

        The card, half of every gap to a neighbouring card (so a gutter is coloured through),
        and on every side with no card next to it the edge colour, so a slightly wide cut
        there shows colour, not paper.
        """
        slot = self.slots[index]
        column, row = index % self.columns, index // self.columns

        def taken(c: int, r: int) -> bool:
            return 0 <= c < self.columns and 0 <= r < self.rows and r * self.columns + c < used

        left = self.gap_x / 2 if taken(column - 1, row) else self.edge_x
        right = self.gap_x / 2 if taken(column + 1, row) else self.edge_x
        top = self.gap_y / 2 if taken(column, row - 1) else self.edge_y
        bottom = self.gap_y / 2 if taken(column, row + 1) else self.edge_y
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

    def cut_facts(self) -> dict:
        """The cut order and lines as the manifest records them."""
        return cut_facts(self.order, self.cuts_x, self.cuts_y, self.page_height)


def _fit(available: float, size: float, gap: float, room: float) -> int:
    """How many cards of ``size`` fit in ``available`` mm with ``gap`` between them and ``room`` at both ends."""
    if size + 2 * room > available + 1e-9:
        return 0
    return int((available - 2 * room + gap + 1e-9) // (size + gap))


@dataclass(frozen=True)
class _Grid:
    order: CutOrder
    columns: int
    rows: int
    gap_x: float
    gap_y: float

    @property
    def count(self) -> int:
        return self.columns * self.rows


def _grid(order: CutOrder, width: float, height: float, card_w: float, card_h: float, *, bleed, gutter, need) -> _Grid:
    """Columns and rows for one cut order: the first direction needs room for its margin marks,
    the second a gutter between its cards (at least the bleed on both sides)."""
    apart = max(2 * bleed, gutter)
    if order is CutOrder.VERTICAL_FIRST:
        gap_x, gap_y, room_x, room_y = 2 * bleed, apart, bleed, need
    else:
        gap_x, gap_y, room_x, room_y = apart, 2 * bleed, need, bleed
    return _Grid(order, _fit(width, card_w, gap_x, room_x), _fit(height, card_h, gap_y, room_y), gap_x, gap_y)


def sheet_layout(
    *,
    paper: str = "a4",
    card_width: float,
    card_height: float,
    bleed: float = 0.0,
    margin: float = geometry.PRINTER_MARGIN_MM,
    mark_gap: float = geometry.MARK_GAP_MM,
    min_mark: float = geometry.MIN_MARK_MM,
    gutter: float = geometry.CUT_GUTTER_MM,
) -> SheetLayout:
    """As many cards as fit inside the printer margin with a mark for every cut on every piece, centred.

    Both cut orders are tried; the one with more cards wins (vertical-first on a tie). When
    leaving out the gutters would fit more cards, :attr:`SheetLayout.note` says so.
    """
    page_width, page_height = geometry.PAPER_SIZES[paper]
    width, height = page_width - 2 * margin, page_height - 2 * margin
    need = bleed + mark_gap + min_mark

    def best_grid(card_w: float, card_h: float, room: float) -> _Grid:
        grids = [_grid(o, width, height, card_w, card_h, bleed=bleed, gutter=room, need=need) for o in CutOrder]
        return max(grids, key=lambda g: (g.count, g.order is CutOrder.VERTICAL_FIRST))

    best = best_grid(card_width, card_height, gutter)
    if best.count == 0:
        raise LayoutError(
            f"a {card_width:g} × {card_height:g} mm card with {bleed:g} mm bleed does not fit on {paper.upper()} "
            f"inside the {margin:g} mm printer margin with room for crop marks"
        )
    tight = max(
        (_grid(order, width, height, card_width, card_height, bleed=bleed, gutter=0, need=need) for order in CutOrder),
        key=lambda g: g.count,
    )
    # What an organiser expects of this paper: the poker card's count and cut order (the organiser's guide's, docs/organiser.md, and the booklet guide's).
    usual = best_grid(*geometry.CARD_PRESETS["poker"], gutter)
    notes = []
    if tight.count > best.count:
        notes.append(
            f"{best.count} cards per {paper.upper()} sheet, not {tight.count}: {tight.count} cards of "
            f"{card_width:g} × {card_height:g} mm leave no room for the {gutter:g} mm gutters that keep a cut mark "
            "on every strip after the first cuts"
        )
    elif best.count < usual.count:
        notes.append(
            f"{best.count} cards per {paper.upper()} sheet, not {usual.count} as for poker cards: cards of "
            f"{card_width:g} × {card_height:g} mm fit {best.columns} across and {best.rows} down inside the "
            f"{margin:g} mm printer margin with room for the cut marks"
        )
    if best.order is not usual.order:
        first, other = (
            ("vertical", "horizontal") if best.order is CutOrder.VERTICAL_FIRST else ("horizontal", "vertical")
        )
        notes.append(f"cut the {first} lines first, not the {other} ones as for poker cards on {paper.upper()}")
    note = "; ".join(notes)
    return _place(
        best, paper, page_width, page_height, card_width, card_height, bleed, margin, mark_gap, min_mark, note
    )


def _place(
    grid: _Grid, paper, page_width, page_height, card_width, card_height, bleed, margin, mark_gap, min_mark, note
):
    """The grid centred on the page, with its cut lines, colour edges and marks."""
    columns, rows = grid.columns, grid.rows
    pitch_x, pitch_y = card_width + grid.gap_x, card_height + grid.gap_y
    block_w = columns * card_width + (columns - 1) * grid.gap_x
    block_h = rows * card_height + (rows - 1) * grid.gap_y
    left = (page_width - block_w) / 2
    bottom = (page_height - block_h) / 2
    slots = tuple(
        Slot(left + c * pitch_x, bottom + (rows - 1 - r) * pitch_y, card_width, card_height)
        for r in range(rows)
        for c in range(columns)
    )
    cuts_x = tuple(sorted({round(left + c * pitch_x + dx, 6) for c in range(columns) for dx in (0, card_width)}))
    cuts_y = tuple(sorted({round(bottom + r * pitch_y + dy, 6) for r in range(rows) for dy in (0, card_height)}))
    first_vertical = grid.order is CutOrder.VERTICAL_FIRST
    spare_x, spare_y = left - margin, bottom - margin
    reserve = mark_gap + min_mark

    def edge(spare: float, required: bool) -> float:
        """The bleed, or without one a little colour past the outer cuts, leaving the required marks their room."""
        if bleed > 0:
            return bleed
        return max(0.0, min(geometry.OUTER_BLEED_MM, spare - (reserve if required else 0.0)))

    edge_x, edge_y = edge(spare_x, not first_vertical), edge(spare_y, first_vertical)
    marks: list[Mark] = []
    for cuts, vertical, block, e, spare, required in (
        (cuts_x, True, (cuts_y[0], cuts_y[-1]), edge_y, spare_y, first_vertical),
        (cuts_y, False, (cuts_x[0], cuts_x[-1]), edge_x, spare_x, not first_vertical),
    ):
        # The first direction's marks always fit (the grid left room for them); the other
        # direction's margin marks are a bonus where the paper has room.
        if required or spare - e - mark_gap >= min_mark - 1e-9:
            page = page_height if vertical else page_width
            marks += margin_marks(
                cuts=cuts, vertical=vertical, block=block, edge=e, gap=mark_gap, margin=margin, page=page
            )
    if first_vertical:
        spans = [(left + c * pitch_x, left + c * pitch_x + card_width) for c in range(columns)]
        lines = [(s.y + s.height, +1) for s in slots[::columns]] + [(s.y, -1) for s in slots[::columns]]
    else:
        spans = [(s.y, s.y + s.height) for s in slots[::columns]]
        lines = [(left + c * pitch_x, -1) for c in range(columns)]
        lines += [(left + c * pitch_x + card_width, +1) for c in range(columns)]
    marks += ticks(spans=spans, lines=lines, vertical=not first_vertical, length=geometry.TICK_MM)
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
        cuts_x=cuts_x,
        cuts_y=cuts_y,
        mark_gap=mark_gap,
        order=grid.order,
        gap_x=grid.gap_x,
        gap_y=grid.gap_y,
        edge_x=edge_x,
        edge_y=edge_y,
        marks=tuple(marks),
        note=note,
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
