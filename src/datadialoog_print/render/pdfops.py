"""PDF drawing operators written straight into a ReportLab page stream, for the card sheets.

A deck of 10 000 persons has 100 000 cards; going through the canvas API costs about a
tenth of a millisecond per call. Here each card is one string of operators, and the
encoding of each text for the embedded font subset is worked out once per document and
reused (a label or a value repeats on thousands of cards).
"""

from __future__ import annotations

from functools import lru_cache

from . import internals

KAPPA = 0.5522847498
"""Bézier control distance for a quarter circle."""


@lru_cache(maxsize=65536)
def n(value: float) -> str:
    """A number as PDF wants it, to a hundredth of a point (0.004 mm); cached, as positions repeat on every sheet."""
    text = f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=131072)
def width(text: str, font: str, size: float) -> float:
    """Width of text in points (cached: the same strings recur on many cards)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


class Ops:
    """Builds operator strings for one canvas (font subsets are per document)."""

    def __init__(self, canvas):
        self.canvas = canvas
        self._encoded: dict[tuple[str, str], str] = {}

    def _show(self, font: str, size: float, text: str) -> str:
        key = (font, text)
        shown = self._encoded.get(key)
        if shown is None:
            runs = internals.encoded_runs(self.canvas, font, text)
            shown = self._encoded[key] = " ".join(f"{name} {{size}} Tf ({chunk}) Tj" for name, chunk in runs)
        return shown.replace("{size}", n(size))

    def text(self, font: str, size: float, x: float, y: float, text: str, *, mode: int = 0) -> str:
        """Text with its baseline starting at (x, y); mode 1 strokes the outlines instead of filling."""
        render = f" {mode} Tr" if mode else ""
        return f"BT 1 0 0 1 {n(x)} {n(y)} Tm{render} {self._show(font, size, text)} ET"

    def centred(self, font: str, size: float, cx: float, y: float, text: str, *, mode: int = 0) -> str:
        return self.text(font, size, cx - width(text, font, size) / 2, y, text, mode=mode)

    @staticmethod
    @lru_cache(maxsize=64)
    def fill_colour(cmyk: tuple[float, float, float, float]) -> str:
        return " ".join(n(v) for v in cmyk) + " k"

    @staticmethod
    @lru_cache(maxsize=64)
    def stroke_colour(cmyk: tuple[float, float, float, float]) -> str:
        return " ".join(n(v) for v in cmyk) + " K"

    @staticmethod
    def rect(x: float, y: float, w: float, h: float, *, fill: bool = True, stroke: bool = False) -> str:
        paint = "B" if fill and stroke else "f" if fill else "S"
        return f"{n(x)} {n(y)} {n(w)} {n(h)} re {paint}"

    @staticmethod
    def line(x1: float, y1: float, x2: float, y2: float) -> str:
        return f"{n(x1)} {n(y1)} m {n(x2)} {n(y2)} l S"

    @staticmethod
    def polygon(points: list[tuple[float, float]]) -> str:
        first, *rest = points
        return f"{n(first[0])} {n(first[1])} m " + " ".join(f"{n(x)} {n(y)} l" for x, y in rest) + " h f"

    @staticmethod
    def circle(cx: float, cy: float, r: float) -> str:
        k = KAPPA * r
        return (
            f"{n(cx + r)} {n(cy)} m "
            f"{n(cx + r)} {n(cy + k)} {n(cx + k)} {n(cy + r)} {n(cx)} {n(cy + r)} c "
            f"{n(cx - k)} {n(cy + r)} {n(cx - r)} {n(cy + k)} {n(cx - r)} {n(cy)} c "
            f"{n(cx - r)} {n(cy - k)} {n(cx - k)} {n(cy - r)} {n(cx)} {n(cy - r)} c "
            f"{n(cx + k)} {n(cy - r)} {n(cx + r)} {n(cy - k)} {n(cx + r)} {n(cy)} c f"
        )
