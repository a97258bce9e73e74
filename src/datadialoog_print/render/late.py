"""Values known only when a document is finished: a heading's page in the contents, the page count.

A page draws a reference to a small form XObject; the form itself is written when the
canvas saves, by which time the value is known. PDF allows the forward reference, so a
document with a table of contents is laid out in one pass instead of two.
"""

from __future__ import annotations

from collections.abc import Callable

from ..deck.language import Language
from ..paper import fonts
from ..paper.geometry import MM
from .pdf import cmyk
from .styles import GREY


class Late:
    """Values known only when the document is finished (a heading's page, the page count).

    A page draws a reference to a small form XObject; the form itself is written when the
    canvas saves, by which time the value is known. PDF allows the forward reference, so the
    whole document is laid out in one pass instead of the two a table of contents needs.
    """

    def __init__(self):
        self.values: dict[str, Callable[[int], str]] = {}
        """name → function of the final page count giving the text."""
        self.styles: dict[str, tuple[str, float, object, str, float]] = {}
        self.pages: dict[str, int] = {}
        """Filled while laying out: the page a key (a heading) was laid out on."""

    def place(
        self, canvas, name: str, value: Callable[[int], str], x: float, y: float, style, align: str = "left"
    ) -> None:
        """Draw the late value ``name`` with its (first) baseline at (x, y) on the current page.

        A value may hold several lines ("\n"); they are set ``style.leading`` apart.
        """
        self.values[name] = value
        self.styles[name] = (style.fontName, style.fontSize, style.textColor, align, style.leading)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(f"late-{name}")
        canvas.restoreState()

    def define(self, canvas, page_count: int) -> None:
        """Write every late value as a form, now that the page count and pages are known."""
        for name, value in self.values.items():
            font, size, colour, align, leading = self.styles[name]
            lines = value(page_count).split("\n")
            canvas.beginForm(f"late-{name}", -600, -50 - leading * len(lines), 600, 50)
            canvas.setFont(font, size)
            canvas.setFillColor(colour)
            for i, text in enumerate(lines):
                y = -i * leading
                if align == "right":
                    canvas.drawRightString(0, y, text)
                elif align == "centre":
                    canvas.drawCentredString(0, y, text)
                else:
                    canvas.drawString(0, y, text)
            canvas.endForm()


def late_text(late: Late, name: str, value: Callable[[int], str], style, width_mm: float, align: str = "left"):
    """A one-line flowable whose text is only known when the document is saved (e.g. from the page count)."""
    from reportlab.platypus.flowables import Flowable

    class _Late(Flowable):
        def __init__(self):
            super().__init__()
            self.width, self.height = width_mm * MM, style.leading

        def draw(self):
            x = self.width if align == "right" else 0
            late.place(self.canv, name, value, x, style.leading - style.fontSize, style, align)

    return _Late()


PAGE_SAMPLE = "000"
"""Stands in for a page number while a late paragraph is laid out: at least as wide as any real one."""


def late_paragraph(late: Late, name: str, text: Callable[[Callable[[str], str]], str], style, width_mm: float):
    """A paragraph naming pages that are known only at save time ("… staat op blz. 8 …"), in one font.

    ``text(page)`` builds the paragraph, calling ``page(key)`` for each page it names. It is
    wrapped once with every page as wide as ``PAGE_SAMPLE`` to find its height, and again at
    save time with the real numbers, which are never wider, so it never needs more lines.
    """
    from reportlab.platypus.flowables import Flowable

    from ..paper.textfit import wrap_lines

    def wrapped(page: Callable[[str], str]) -> str:
        return wrap_lines(text(page), style.fontName, style.fontSize, width_mm * MM)

    class _LateParagraph(Flowable):
        def __init__(self):
            super().__init__()
            self.spaceAfter = style.spaceAfter
            self.spaceBefore = style.spaceBefore

        def wrap(self, available_width, available_height):
            lines = wrapped(lambda key: PAGE_SAMPLE).count("\n") + 1
            self.width, self.height = width_mm * MM, lines * style.leading
            return self.width, self.height

        def draw(self):
            first = self.height - style.fontSize * 0.95  # where a Paragraph puts its first baseline
            late.place(self.canv, name, lambda n: wrapped(lambda key: str(late.pages.get(key, ""))), 0, first, style)

    return _LateParagraph()


def page_number_footer(lang: Language, *, skip_first: bool = True, size: float = 8):
    """An onPage callback writing the page number centred at the foot of the page (not on the cover)."""

    def draw(canvas, doc):
        number = canvas.getPageNumber()
        if skip_first and number == 1:
            return
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, size)
        canvas.setFillColor(cmyk(GREY))
        canvas.drawCentredString(doc.pagesize[0] / 2, 8 * MM, lang.t("page_number", number=number))
        canvas.restoreState()

    return draw
