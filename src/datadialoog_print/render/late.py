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
        self.styles: dict[str, tuple[str, float, object, str]] = {}
        self.pages: dict[str, int] = {}
        """Filled while laying out: the page a key (a heading) was laid out on."""

    def place(
        self, canvas, name: str, value: Callable[[int], str], x: float, y: float, style, align: str = "left"
    ) -> None:
        """Draw the late value ``name`` with its baseline at (x, y) on the current page."""
        self.values[name] = value
        self.styles[name] = (style.fontName, style.fontSize, style.textColor, align)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(f"late-{name}")
        canvas.restoreState()

    def define(self, canvas, page_count: int) -> None:
        """Write every late value as a form, now that the page count and pages are known."""
        for name, value in self.values.items():
            font, size, colour, align = self.styles[name]
            canvas.beginForm(f"late-{name}", -300, -50, 300, 50)
            canvas.setFont(font, size)
            canvas.setFillColor(colour)
            text = value(page_count)
            if align == "right":
                canvas.drawRightString(0, 0, text)
            elif align == "centre":
                canvas.drawCentredString(0, 0, text)
            else:
                canvas.drawString(0, 0, text)
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
