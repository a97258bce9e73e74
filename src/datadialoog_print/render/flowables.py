"""Small drawn flowables shared by the text documents: tick boxes, colour swatches, source markers."""

from __future__ import annotations

from ..paper.geometry import MM
from .markers import draw_marker
from .pdf import BLACK, cmyk
from .styles import balanced_width, markup, widest_unit


def tick_box(size_mm: float = 4.5):
    """A small square to tick, drawn (the font has no ballot-box glyph)."""
    from reportlab.platypus.flowables import Flowable

    class _Box(Flowable):
        def __init__(self):
            super().__init__()
            self.width = self.height = size_mm * MM

        def draw(self):
            self.canv.setStrokeColor(cmyk(BLACK))
            self.canv.setLineWidth(0.8)
            self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)

    return _Box()


def swatch(colour: tuple[float, float, float, float], size_mm: float = 3.2, *, marker=None, ink=None):
    """A small filled square in a colour (series colour or ink), optionally carrying a source marker."""
    from reportlab.platypus.flowables import Flowable

    class _Swatch(Flowable):
        def __init__(self):
            super().__init__()
            self.width = self.height = size_mm * MM

        def draw(self):
            c = self.canv
            if marker is not None:
                c.setFillColor(cmyk(ink or BLACK))
                c.setStrokeColor(cmyk(ink or BLACK))
                draw_marker(c, marker, self.width / 2 / MM, self.height / 2 / MM, size_mm)
                return
            c.setFillColor(cmyk(colour))
            c.setStrokeColor(cmyk(BLACK))
            c.setLineWidth(0.4)
            c.rect(0, 0, self.width, self.height, stroke=1, fill=1)

    return _Swatch()


def question_room(style, width: float) -> float:
    """Points a question's text has in its column (``width`` mm for both columns): half the width, less the
    gap and the number's indent."""
    return width / 2 * MM - style.fontSize * 0.7 - style.fontSize * 1.4


def question_columns(questions: tuple[str, ...], style, width: float):
    """Questions in two columns, the first half left and the rest right (1–3 | 4–6), numbered; a question whose
    last two words are too wide together for the column is not tied (never "werke / n?")."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    half = -(-len(questions) // 2)

    cell = ParagraphStyle(
        "q",
        parent=style,
        leftIndent=style.fontSize * 1.4,
        bulletIndent=0,
        bulletFontSize=style.fontSize,
        spaceAfter=style.fontSize * 0.8,
    )
    room = question_room(style, width)

    def text(q: str) -> str:
        tied = markup(q)
        return tied if widest_unit(tied, style.fontName, style.fontSize) <= room else markup(q, tie=False)

    def item(q: str, number: int):
        """The question numbered, on a measure where no word stands alone on a line before the last."""
        said = text(q)
        narrower = room - balanced_width(said, style.fontName, style.fontSize, room)
        own = ParagraphStyle(f"q{number}", parent=cell, rightIndent=narrower) if narrower > 0 else cell
        return Paragraph(said, own, bulletText=f"{number}.")

    left = [item(q, i) for i, q in enumerate(questions[:half], 1)]
    right = [item(q, i) for i, q in enumerate(questions[half:], half + 1)]
    t = Table([[left, right]], colWidths=[width / 2 * MM, width / 2 * MM], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # A clear gap between the columns (a third of a line's height each side), however long the words.
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), style.fontSize * 0.7),
                ("LEFTPADDING", (1, 0), (1, -1), style.fontSize * 0.7),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ]
        )
    )
    return t
