"""The booklet's cover and contents."""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ...paper import fonts
from ...paper.geometry import MM
from ...paper.textfit import fit
from ..late import Late
from ..pdf import BLACK, cmyk
from ..styles import Styles, para
from .page_setup import BookletOptions


def cover(deck: Deck, st: Styles, lang: Language, options: BookletOptions) -> list:
    from reportlab.platypus import PageBreak, Spacer
    from reportlab.platypus.flowables import Flowable

    class Cards(Flowable):
        """Two fanned card shapes in the series' colours: the cover says what the workshop is about."""

        def __init__(self):
            super().__init__()
            self.width, self.height = 118 * MM, 60 * MM

        def draw(self):
            c = self.canv
            for i, series in enumerate(deck.series[:2]):
                c.saveState()
                c.translate(self.width / 2 + (i - 0.5) * 26 * MM, 6 * MM)
                c.rotate(8 - 16 * i)
                c.setFillColor(cmyk(series.colour.cmyk if not options.mono else (0, 0, 0, 0)))
                c.setStrokeColor(cmyk(BLACK))
                c.setLineWidth(0.8)
                c.roundRect(-18 * MM, 0, 36 * MM, 50 * MM, 2.5 * MM, stroke=1, fill=1)
                c.setFillColor(cmyk(BLACK))
                # Wrapped and shrunk to stay on its card: a long label would run over the other one.
                label = fit(
                    series.label, fonts.BOLD, max_size=11, min_size=5, width=32 * MM, height=40 * MM, max_lines=3
                )
                if label is not None:
                    c.setFont(fonts.BOLD, label.size)
                    y = 24 * MM + (len(label.lines) - 1) * label.line_height / 2
                    for line in label.lines:
                        c.drawCentredString(0, y, line)
                        y -= label.line_height
                c.restoreState()

    story = [Spacer(1, 22 * MM), para(deck.title, st.title)]
    if deck.subtitle:
        story.append(para(deck.subtitle, st.subtitle))
    story += [Spacer(1, 12 * MM), Cards(), Spacer(1, 14 * MM), para(deck.texts.booklet_title, st.subtitle)]
    if options.identity:
        story += [Spacer(1, 30 * MM), para(options.identity, st.note)]
    story.append(PageBreak())
    return story


def contents_list(st: Styles, late: Late, entries: list[tuple[int, str, str]], width_mm: float):
    """The contents: ``entries`` (level, text, key) with dot leaders, page numbers filled in at save time."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus.flowables import Flowable

    class _Contents(Flowable):
        def wrap(self, available_width, available_height):
            self.width = width_mm * MM
            self.height = sum(st.toc[min(level, 1)].leading for level, _, _ in entries)
            return self.width, self.height

        def draw(self):
            c = self.canv
            y = self.height
            number_room = 7 * MM
            for level, text, key in entries:
                style = st.toc[min(level, 1)]
                y -= style.leading
                base = y + (style.leading - style.fontSize) / 2
                indent = style.leftIndent
                c.setFont(style.fontName, style.fontSize)
                c.setFillColor(style.textColor)
                c.drawString(indent, base, text)
                start = indent + stringWidth(text, style.fontName, style.fontSize) + 3
                dot = stringWidth(" .", style.fontName, style.fontSize)
                dots = int((self.width - number_room - start) / dot)
                if dots > 0:
                    c.drawRightString(self.width - number_room + 2, base, " ." * dots)
                late.place(c, key, lambda n, key=key: str(late.pages.get(key, "")), self.width, base, style, "right")

    return _Contents()


def contents(st: Styles, lang: Language, late: Late, entries: list, width: float) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Spacer

    heading = ParagraphStyle("contents", parent=st.h1)  # not "h1", so the contents do not list themselves
    # The introduction follows on the same page: on a page of its own it would leave two thirds empty.
    return [para(lang["contents"], heading), contents_list(st, late, entries, width), Spacer(1, 6 * MM)]
