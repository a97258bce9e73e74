"""Page orders for the text documents: reading order, and saddle-stitching two A5 pages per A4 side."""

from __future__ import annotations

from .internals import Imposition


def reading_order(width: float, height: float) -> Imposition:
    """Imposition: each page on its own physical page."""

    def impose(n: int):
        return [(width, height, [(i, 0, 0)]) for i in range(n)]

    return impose


def saddle_stitch_order(pages: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Page numbers (1-based, padded to a multiple of 4) on each sheet: ((front left, front right), (back left, back right)).

    Printed duplex with a short-edge flip and folded, the sheets read in order: sheet i
    carries n−2i and 1+2i on the front, 2+2i and n−1−2i on the back.
    """
    n = -(-pages // 4) * 4
    return [((n - 2 * i, 1 + 2 * i), (2 + 2 * i, n - 1 - 2 * i)) for i in range(n // 4)]


def saddle_stitch(page_width: float, page_height: float, sheet: tuple[float, float]) -> Imposition:
    """Imposition: two pages side by side, centred on a landscape sheet (A4 for A5 pages), in saddle-stitch order."""
    sheet_w, sheet_h = sheet
    x0, y0 = (sheet_w - 2 * page_width) / 2, (sheet_h - page_height) / 2

    def impose(n: int):
        out = []
        for front, back in saddle_stitch_order(n):
            for left, right in (front, back):
                placements = [
                    (left - 1 if left <= n else None, x0, y0),
                    (right - 1 if right <= n else None, x0 + page_width, y0),
                ]
                out.append((sheet_w, sheet_h, placements))
        return out

    return impose
