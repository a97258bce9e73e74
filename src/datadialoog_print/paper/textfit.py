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

_BREAKS = re.compile(r"[ \t\r\n]+")
"""Where a line may break: spaces, never a no-break space ("gemiddeld\u00a03,8" stays together)."""


def words_of(text: str) -> tuple[str, ...]:
    """The text's words, split where a line may break."""
    return tuple(w for w in _BREAKS.split(text) if w)


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
    words = words_of(text)
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
    for word in words_of(text):
        candidate = f"{current} {word}" if current else word
        if current and _width(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return "\n".join(lines)


def balance(fitted: Fit, font: str, width: float) -> Fit:
    """The same text at the same size in as many lines, broken so the lines are as even as possible.

    A greedy break fills each line and leaves the rest to the last one, which can end in a
    lone short word ("… op basis van / de"). Here every way to break the words into that
    many lines is weighed by how much each line falls short of the longest (dynamic
    programming over the words, cheap for a sentence), and the evenest one wins.
    """
    words = words_of(" ".join(fitted.lines))
    count = len(fitted.lines)
    if count < 2 or len(words) <= count:
        return fitted
    size = fitted.size
    space = _width(" ", font, size)
    widths = [_width(w, font, size) for w in words]

    def line(i: int, j: int) -> float:
        return sum(widths[i:j]) + space * (j - i - 1)

    n = len(words)
    # best[k][j]: the least cost of breaking words[:j] into k lines; the cost of a line is
    # the square of its shortfall from the box width, so the lines end up alike.
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for j in range(k, n + 1):
            for i in range(k - 1, j):
                if best[k - 1][i] == inf:
                    continue
                w = line(i, j)
                if w > width + 1e-9:
                    continue
                cost = best[k - 1][i] + (width - w) ** 2
                if cost < best[k][j]:
                    best[k][j], cut[k][j] = cost, i
    if best[count][n] == inf:
        return fitted
    lines, j = [], n
    for k in range(count, 0, -1):
        i = cut[k][j]
        lines.insert(0, " ".join(words[i:j]))
        j = i
    return Fit(size, tuple(lines))


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
