"""The small shape (or letter) beside each value that says its source without colour."""

from __future__ import annotations

import math

from ..deck.model import Marker
from ..paper import fonts
from ..paper.geometry import MM
from . import internals
from .pdfops import Ops


def marker_ops(marker: Marker | str, cx: float, cy: float, size: float, ops: Ops) -> str:
    """Operators for a filled shape (or a letter in a frame) centred at (cx, cy) mm, in the current colours."""
    r = size / 2 * MM
    x, y = cx * MM, cy * MM
    if isinstance(marker, str):
        frame = f"{FRAME_PT:g} w " + ops.rect(x - r, y - r, 2 * r, 2 * r, fill=False, stroke=True)
        return frame + " " + ops.centred(fonts.BOLD, size * MM * 0.8, x, y - size * MM * 0.28, marker)
    if marker is Marker.CIRCLE:
        return ops.circle(x, y, r)
    if marker is Marker.SQUARE:
        s = r * 0.9
        return ops.rect(x - s, y - s, 2 * s, 2 * s)
    return ops.polygon([(x + px * r, y + py * r) for px, py in _shape(marker)])


FRAME_PT = 0.7
"""Line width of a letter marker's frame."""


def marker_reach(marker: Marker | str, size: float) -> float:
    """How far (mm) the marker's ink reaches left and right of its centre: a triangle's and a star's points
    stick out past half its ``size``, a letter's frame by half its line width."""
    r = size / 2
    if isinstance(marker, str):
        return r + FRAME_PT / 2 / MM
    if marker is Marker.CIRCLE:
        return r
    if marker is Marker.SQUARE:
        return r * 0.9
    return r * max(abs(px) for px, _ in _shape(marker))


def _shape(marker: Marker) -> list[tuple[float, float]]:
    """A polygon marker's corners, in units of half its size."""
    return {
        Marker.TRIANGLE: [(0, 1.1), (-1.05, -0.75), (1.05, -0.75)],
        Marker.DIAMOND: [(0, 1.15), (-0.9, 0), (0, -1.15), (0.9, 0)],
        Marker.STAR: _star(),
    }[marker]


def draw_marker(c, marker: Marker | str, cx: float, cy: float, size: float) -> None:
    """A marker drawn on any canvas (the booklet's legend), in the canvas's current colours."""
    internals.append(c, marker_ops(marker, cx, cy, size, Ops(c)))


def _star() -> list[tuple[float, float]]:
    out = []
    for i in range(10):
        radius = 1.15 if i % 2 == 0 else 0.5
        angle = math.pi / 2 + i * math.pi / 5
        out.append((radius * math.cos(angle), radius * math.sin(angle)))
    return out
