"""What every slide is drawn with: the page, its margins, the text boxes, the footer, and a column of texts
that shrink together but never below the room's minimum size."""

from __future__ import annotations

import re

from ..deck.language import Language
from ..deck.model import Deck
from ..paper import fonts
from ..paper.geometry import MM, SLIDE
from ..paper.textfit import LEADING, balance, fit, wrap_lines
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


def shorten(line: str, font: str, size: float, width: float) -> str:
    """The line, words dropped from its end until it and its "…" fit the width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = line.split(" ")
    while len(words) > 2 and stringWidth(" ".join(words), font, size) > width:
        words = words[:-2] + ["…"]
    return " ".join(words)


def plain(text: str) -> str:
    """Deck text without its *emphasis* marks and line breaks."""
    return " ".join(_EMPHASIS.sub(r"\1", text).split())


class Slides:
    """The canvas and what every slide draws: heading, text boxes, footer."""

    def __init__(self, c, deck: Deck, lang: Language, mono: bool):
        self.c, self.deck, self.lang, self.mono = c, deck, lang, mono

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
        if fitted is None:  # far too long: the smallest size, cut off with "…" where the box ends
            lines = wrap_lines(text, font, least, w).split("\n")
            size, leading = least, least * 1.18
            keep = max(1, int((h - least) // leading) + 1)
            if len(lines) > keep:
                lines = lines[: keep - 1] + [shorten(lines[keep - 1] + " …", font, least, w)]
        else:
            if balanced:
                fitted = balance(fitted, font, w)
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
        self.text(text, MARGIN, H - MARGIN, W - 2 * MARGIN, 52, size=40, least=26, bold=True)

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


def stack(s: Slides, items: list[Item], x: float, top: float, w: float, bottom: float, gap: float = 14) -> None:
    """``items`` one under the other from ``top``, all shrunk by one factor until they fit above ``bottom``,
    none below :data:`SLIDE_MIN_PT` (at that size a text too long for the room ends in "…")."""
    items = [i for i in items if i[0]]
    if not items:
        return
    factor = 1.0
    while True:
        sizes = [max(SLIDE_MIN_PT, size * factor) for _, size, _, _ in items]
        heights = [
            block_height(t, fonts.BOLD if b else fonts.REGULAR, z, w)
            for (t, _, b, _), z in zip(items, sizes, strict=True)
        ]
        if sum(heights) + gap * (len(items) - 1) <= top - bottom or all(z <= SLIDE_MIN_PT for z in sizes):
            break
        factor -= 0.04
    y = top
    # Each text after this one keeps room for at least one line, so a long note is cut short
    # ("…") rather than pushing the texts under it off the slide.
    lines = [z * 1.2 + gap for z in sizes]
    for i, ((text, _, bold, ink), size, height) in enumerate(zip(items, sizes, heights, strict=True)):
        reserved = sum(lines[i + 1 :])
        if y - size * 1.2 < bottom:
            break
        room = max(size * 1.2, min(height, y - bottom - reserved))
        y = s.text(text, x, y, w, room + 1, size=size, least=size, bold=bold, ink=ink) - gap
