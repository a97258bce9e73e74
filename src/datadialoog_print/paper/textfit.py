"""Fit text into a box: wrap at spaces, then shrink step by step down to a readable minimum.

Pure arithmetic on font metrics, cached, because a 10 000-person deck asks the same
question for the same label thousands of times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .fonts import register

LEADING = 1.18
"""Line distance as a multiple of the font size."""


@dataclass(frozen=True)
class Fit:
    """Text set at ``size`` points in ``lines``; ``line_height`` in points."""

    size: float
    lines: tuple[str, ...]

    @property
    def line_height(self) -> float:
        return self.size * LEADING

    @property
    def height(self) -> float:
        return self.line_height * (len(self.lines) - 1) + self.size


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def _wrap(words: tuple[str, ...], font: str, size: float, width: float) -> list[str] | None:
    lines: list[str] = []
    current = ""
    for word in words:
        if _width(word, font, size) > width:
            return None
        candidate = f"{current} {word}" if current else word
        if _width(candidate, font, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


@lru_cache(maxsize=65536)
def fit(
    text: str, font: str, *, max_size: float, min_size: float, width: float, height: float, max_lines: int = 4
) -> Fit | None:
    """The largest size (in half points) at which ``text`` wraps into the box, or None if even ``min_size`` fails."""
    register()
    words = tuple(text.split())
    if not words:
        return Fit(max_size, ("",))
    size = max_size
    while size >= min_size - 1e-9:
        lines = _wrap(words, font, size, width)
        if lines is not None and len(lines) <= max_lines:
            candidate = Fit(size, tuple(lines))
            if candidate.height <= height + 1e-9:
                return candidate
        size -= 0.5
    return None


def wrap_lines(text: str, font: str, size: float, width: float) -> str:
    """Text broken at spaces into lines of at most ``width`` points, joined by newlines; long words stay whole."""
    register()
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and _width(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return "\n".join(lines)


def break_after_hyphens(text: str, font: str, size: float, width: float) -> str:
    """A file name broken only after its hyphens into lines of at most ``width`` points, joined by newlines:
    "kaarten-reeks-1-groen-" / "achterkanten.pdf", never inside a word. A piece wider than a line stays whole."""
    register()
    lines: list[str] = []
    current = ""
    for piece in re.split(r"(?<=-)", text):
        if current and _width(current + piece, font, size) > width:
            lines.append(current)
            current = piece
        else:
            current += piece
    lines.append(current)
    return "\n".join(lines)
