"""What every slide is drawn with: the page, its margins, the text boxes, the footer, and a column of texts
that shrink together but never below the room's minimum size."""

from __future__ import annotations

import re

from ..deck.language import Language
from ..deck.model import Deck
from ..errors import LayoutError
from ..paper import fonts
from ..paper.geometry import MM, SLIDE
from ..paper.textfit import LEADING, Fit, balance, fit, wrap_lines
from .pdf import BLACK, cmyk

W, H = SLIDE[0] * MM, SLIDE[1] * MM
"""The page in points (960 × 540)."""
MARGIN = 48.0
CONTENT_TOP = H - 118
"""Below the slide's heading."""
GREY = (0, 0, 0, 0.7)
"""Secondary text on a slide: darker than on paper, for a washed-out projector."""
_EMPHASIS = re.compile(r"\*(?!\s)([^*]+?)(?<!\s)\*")


SLIDE_MIN_PT = 18.0
"""No text above the footer line is smaller: read from the back of a room."""


def plain(text: str) -> str:
    """Deck text without its *emphasis* marks and line breaks."""
    return " ".join(_EMPHASIS.sub(r"\1", text).split())


class Slides:
    """The canvas and what every slide draws: heading, text boxes, footer."""

    def __init__(self, c, deck: Deck, lang: Language, mono: bool):
        self.c, self.deck, self.lang, self.mono = c, deck, lang, mono
        self.number = 0
        """The slide being drawn, for the message when a text does not fit."""

    def too_long(self, text: str) -> LayoutError:
        """The build's refusal of a text that does not fit its slide even at the room's minimum size."""
        start = " ".join(text.split()[:8])
        return LayoutError(
            f"slide {self.number}: the text '{start} …' does not fit on the slide at {SLIDE_MIN_PT:g} pt "
            "(the least that can be read from the back of a room); shorten it in the deck"
        )

    def ink(self, colour) -> tuple:
        return BLACK if self.mono else colour

    def text(
        self,
        text: str,
        x: float,
        top: float,
        w: float,
        h: float,
        *,
        size: float,
        least: float = SLIDE_MIN_PT,
        bold: bool = False,
        align: str = "left",
        ink=BLACK,
        balanced: bool = False,
        middle: bool = False,
    ) -> float:
        """``text`` wrapped into the box from ``top`` down (or centred in it), as large as fits up to
        ``size``; returns its bottom."""
        font = fonts.BOLD if bold else fonts.REGULAR
        fitted = fit(text, font, max_size=size, min_size=least, width=w, height=h, max_lines=12)
        if fitted is None:  # never cut short: the build says which text to shorten
            raise self.too_long(text)
        # Evenly broken lines: no lone word on the last one (a statement) or at least not a last
        # line of one word (any other text).
        fitted = balance(fitted, font, w) if balanced else widowless(fitted, font, w)
        lines, size, leading = fitted.lines, fitted.size, fitted.line_height
        if middle:
            top -= max(0.0, (h - (len(lines) - 1) * leading - size) / 2)
        c = self.c
        c.setFont(font, size)
        c.setFillColor(cmyk(ink))
        y = top - size * 0.9
        for line in lines:
            if align == "centre":
                c.drawCentredString(x + w / 2, y, line)
            else:
                c.drawString(x, y, line)
            y -= leading
        return y + leading - size * 0.3

    def heading(self, text: str) -> None:
        self.text(text, MARGIN, H - MARGIN, W - 2 * MARGIN, 52, size=40, least=SLIDE_MIN_PT, bold=True)

    def footer(self, number: int, total: int, part: str) -> None:
        """The deck's title and the part of the session the slide belongs to, and its number."""
        c = self.c
        c.setFont(fonts.REGULAR, 13)
        c.setFillColor(cmyk(GREY))
        c.drawString(MARGIN, 22, f"{self.deck.title} · {part}")
        c.drawRightString(W - MARGIN, 22, f"{number}/{total}")


Item = tuple[str, float, bool, tuple]
"""A text stacked in a column: (text, largest size, bold, ink)."""


def block_height(text: str, font: str, size: float, width: float) -> float:
    """Points :meth:`_Slides.text` takes for ``text`` at ``size``: first line's ascent to the last one's descent."""
    lines = wrap_lines(text, font, size, width).count("\n") + 1
    return size * 1.2 + (lines - 1) * size * LEADING


def _sizes(
    items: list[Item], w: float, room: float, gap: float, least: float = SLIDE_MIN_PT
) -> tuple[list[float], list[float]] | None:
    """The sizes and heights at which ``items`` fit ``room`` points one under the other, all shrunk by one
    factor and none below ``least``; None when even that is too much."""
    factor = 1.0
    while True:
        sizes = [max(least, size * factor) for _, size, _, _ in items]
        heights = [
            block_height(t, fonts.BOLD if b else fonts.REGULAR, z, w)
            for (t, _, b, _), z in zip(items, sizes, strict=True)
        ]
        if sum(heights) + gap * (len(items) - 1) <= room:
            return sizes, heights
        if all(z <= least for z in sizes):
            return None
        factor -= 0.04


def fits(items: list[Item], w: float, room: float, gap: float = 14, least: float = SLIDE_MIN_PT) -> bool:
    """Whether :func:`stack` can set ``items`` in a column ``w`` wide and ``room`` high, none below ``least``."""
    return _sizes([i for i in items if i[0]], w, room, gap, least) is not None


def stack(s: Slides, items: list[Item], x: float, top: float, w: float, bottom: float, gap: float = 14) -> None:
    """``items`` one under the other from ``top``, all shrunk by one factor until they fit above ``bottom``,
    none below :data:`SLIDE_MIN_PT`; when even that is too much, the build stops naming the slide, never
    cutting a text short."""
    items = [i for i in items if i[0]]
    if not items:
        return
    found = _sizes(items, w, top - bottom, gap)
    if found is None:
        raise s.too_long(max(items, key=lambda i: len(i[0]))[0])
    y = top
    for (text, _, bold, ink), size, height in zip(items, *found, strict=True):
        y = s.text(text, x, y, w, height + 1, size=size, least=size, bold=bold, ink=ink) - gap


def widowless(fitted: Fit, font: str, width: float) -> Fit:
    """The fitted lines, but with a last line of one word evened out with the line before it."""
    if len(fitted.lines) < 2 or len(fitted.lines[-1].split()) > 1:
        return fitted
    return balance(fitted, font, width)
