"""Shared pieces for the text documents (booklet, answer sheet, handouts), built on ReportLab platypus.

Styles use only our embedded font (platypus defaults would pull in Helvetica and Times),
headings keep with their text, paragraphs allow no widows or orphans, and every page
goes through :func:`form_canvas_class`, so the same pages can be printed in reading order
or imposed for saddle-stitching.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .. import fonts
from ..geometry import MM
from ..language import Language
from .pdf import BLACK, Metadata, cmyk

GREY = (0, 0, 0, 0.55)
"""Secondary text (page numbers, notes): a K-only grey."""
RULE = (0, 0, 0, 0.3)
TINT = (0, 0, 0, 0.06)
"""Table header background."""


@dataclass(frozen=True)
class Styles:
    """Paragraph styles for one page size; ``scale`` makes A4 handouts larger than the A5 booklet."""

    body: object
    small: object
    note: object
    h1: object
    h2: object
    h3: object
    title: object
    subtitle: object
    cell: object
    cell_bold: object
    toc: tuple


def styles(scale: float = 1.0) -> Styles:
    """Our styles: one font family, K-only black, no widows or orphans, headings keep with next."""
    fonts.register()
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    black = cmyk(BLACK)
    base = ParagraphStyle(
        "body",
        fontName=fonts.REGULAR,
        fontSize=9.5 * scale,
        leading=13 * scale,
        textColor=black,
        spaceAfter=5 * scale,
        allowWidows=0,
        allowOrphans=0,
        bulletFontName=fonts.REGULAR,
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    heading = dict(fontName=fonts.BOLD, keepWithNext=1, allowWidows=0, allowOrphans=0)
    return Styles(
        body=base,
        small=derive("small", fontSize=8 * scale, leading=10.5 * scale, spaceAfter=3 * scale),
        note=derive("note", fontName=fonts.ITALIC, fontSize=8.5 * scale, leading=11.5 * scale, textColor=cmyk(GREY)),
        h1=derive("h1", fontSize=16 * scale, leading=20 * scale, spaceBefore=4 * scale, spaceAfter=8 * scale, **heading),
        h2=derive("h2", fontSize=12 * scale, leading=15 * scale, spaceBefore=9 * scale, spaceAfter=4 * scale, **heading),
        h3=derive("h3", fontSize=10 * scale, leading=13 * scale, spaceBefore=6 * scale, spaceAfter=2 * scale, **heading),
        title=derive("title", fontName=fonts.BOLD, fontSize=26 * scale, leading=31 * scale, alignment=TA_CENTER, spaceAfter=10 * scale),
        subtitle=derive("subtitle", fontSize=12 * scale, leading=16 * scale, alignment=TA_CENTER),
        cell=derive("cell", fontSize=8.3 * scale, leading=10.3 * scale, spaceAfter=0),
        cell_bold=derive("cell_bold", fontName=fonts.BOLD, fontSize=8.3 * scale, leading=10.3 * scale, spaceAfter=0),
        toc=(
            derive("toc1", fontName=fonts.BOLD, fontSize=9.5 * scale, leading=14 * scale, spaceAfter=0),
            derive("toc2", fontSize=9 * scale, leading=12 * scale, leftIndent=10 * scale, spaceAfter=0),
        ),
    )


def escape(text: str) -> str:
    """XML-escape text for platypus markup (``xml.sax.saxutils`` would pull in urllib and ssl: 30 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_EMPHASIS = re.compile(r"\*(?!\s)([^*]+?)(?<!\s)\*")


def markup(text: str) -> str:
    """Deck text → platypus markup: XML escaped, ``*emphasis*`` in italics, line breaks kept."""
    return _EMPHASIS.sub(r"<i>\1</i>", escape(text.strip())).replace("\n", " ")


def paragraphs(text: str, style, **values) -> list:
    """A deck text of blank-line separated paragraphs as Paragraph flowables, placeholders filled."""
    from reportlab.platypus import Paragraph

    filled = text.format(**values) if values else text
    return [Paragraph(markup(part), style) for part in re.split(r"\n\s*\n", filled.strip()) if part.strip()]


def para(text: str, style):
    """One paragraph of deck text."""
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text), style)


def plain(text: str, style):
    """One paragraph of text that is already markup (made by this tool)."""
    from reportlab.platypus import Paragraph

    return Paragraph(text, style)


def table(rows: Sequence[Sequence], widths: Sequence[float], *, header: bool = True, extra: Sequence = ()):
    """A table with thin K-only rules, a tinted header row and a repeated header on page breaks."""
    from reportlab.platypus import Table, TableStyle

    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, cmyk(RULE)),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("TEXTCOLOR", (0, 0), (-1, -1), cmyk(BLACK)),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), cmyk(TINT)), ("LINEBELOW", (0, 0), (-1, 0), 0.6, cmyk(BLACK))]
    t = Table(list(rows), colWidths=[w * MM for w in widths], repeatRows=1 if header else 0, hAlign="LEFT")
    t.setStyle(TableStyle(style + list(extra)))
    return t


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
        self.moved: tuple[str, str] | None = None
        """(key a, key b): the pages from b's to the end were laid out last but belong before a's page."""

    def move(self, before: str, start: str) -> None:
        """Place the pages laid out from ``start``'s page to the end before ``before``'s page.

        Lets a part that waits for its content (the answer sheet, for the figures) be laid out
        after the parts that follow it. Both parts must begin on a new page.
        """
        self.moved = (before, start)

    def page(self, laid_out: int, count: int) -> int:
        """The printed number of the page that was laid out as page ``laid_out`` (1-based) of ``count``."""
        if self.moved is None:
            return laid_out
        a, b = (self.pages[key] for key in self.moved)
        if laid_out >= b:
            return a + laid_out - b
        if laid_out >= a:
            return laid_out + count - b + 1
        return laid_out

    def arrange(self, pages: list) -> list:
        """The pages (in the order laid out) in their printed order."""
        order = sorted(range(len(pages)), key=lambda i: self.page(i + 1, len(pages)))
        return [pages[i] for i in order]

    def place(self, canvas, name: str, value: Callable[[int], str], x: float, y: float, style, align: str = "left") -> None:
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


Imposition = Callable[[int], list[tuple[float, float, list[tuple[int | None, float, float]]]]]
"""Gets the number of pages, returns the physical pages as (width pt, height pt, [(page index or None for blank, x pt, y pt), …])."""


@dataclass(frozen=True)
class Copy:
    """Another file with the same pages, imposed its own way (see :func:`form_canvas_class`)."""

    path: object
    imposition: Imposition
    viewer: dict[str, str] | None = None


def form_canvas_class(
    imposition: Imposition,
    meta: Metadata,
    pages: dict | None = None,
    late: Late | None = None,
    viewer: dict[str, str] | None = None,
    copies: Sequence[Copy] = (),
):
    """A Canvas subclass for platypus that turns every finished page into a form XObject and imposes them on save.

    One renderer thus serves reading order (one A5 page per page) and saddle-stitching
    (two pages per A4 side) with identical page content. ``pages["count"]`` is set to the
    page count at save.

    ``copies`` are further files with the same pages, laid out once: at save, each is
    written by a forked copy of the finished canvas while this one writes its own file
    (only where :func:`~datadialoog_print.parallel.can_fork`; elsewhere lay out once per file).
    """
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    from ..parallel import Background, can_fork
    from .pdf import apply_metadata

    if copies and not can_fork():
        raise RuntimeError("copies of a canvas need fork; lay the pages out once per file instead")

    class _FormCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = fonts.REGULAR
            kwargs["invariant"] = 1
            kwargs["pageCompression"] = 1
            super().__init__(*args, **kwargs)
            self._page_forms: list[str] = []
            self._page_size = self._pagesize

        def showPage(self):
            width, height = self._pagesize
            name = f"page{len(self._page_forms) + 1}"
            form = pdfdoc.PDFFormXObject(lowerx=0, lowery=0, upperx=width, uppery=height)
            form.compression = self._pageCompression
            form.setStreamList([self._preamble] + self._code)
            self._setColorSpace(form)
            self._setExtGState(form)
            self._setXObjects(form)
            self._doc.addForm(name, form)
            self._page_forms.append(name)
            self._pageNumber += 1
            self._restartAccumulators()
            self.init_graphics_state()
            self.state_stack = []

        def save(self):
            if pages is not None:
                pages["count"] = len(self._page_forms)
            if late is not None:
                late.define(self, len(self._page_forms))
                self._page_forms = late.arrange(self._page_forms)
            apply_metadata(self, meta)
            jobs = [Background(lambda c=c: self._write(str(c.path), c.imposition, c.viewer)) for c in copies]
            self._write(self._filename, imposition, viewer)
            for job in jobs:
                job.wait()

        def _write(self, path: str, imposition: Imposition, viewer: dict[str, str] | None) -> None:
            """Place the page forms on the physical pages and write the file."""
            self._filename = path
            for key, value in (viewer or {}).items():
                self.setViewerPreference(key, value)
            for width, height, placements in imposition(len(self._page_forms)):
                self.setPageSize((width, height))
                for index, x, y in placements:
                    if index is not None and index < len(self._page_forms):
                        self.saveState()
                        self.translate(x, y)
                        self.doForm(self._page_forms[index])
                        self.restoreState()
                Canvas.showPage(self)
            Canvas.save(self)

    return _FormCanvas


class Deferred:
    """Part of a story whose flowables are made only when the layout reaches it.

    ``head`` is known at once (a heading the contents must list); ``later()`` is called
    when the document template meets this part, so everything before it can be laid out
    while, say, the figures of the answer sheet are still being computed. A template that
    uses it expands it in ``filterFlowables`` (see :func:`expand_deferred`); it must follow
    a flowable that does not keep with the next (a page break), so it is never grouped unexpanded.
    """

    def __init__(self, head: list, later: Callable[[], list]):
        self._content = head
        self.later = later

    def getKeepWithNext(self) -> bool:
        return False


def expand_deferred(flowables: list) -> None:
    """For a template's ``filterFlowables``: replace a :class:`Deferred` at the front by its flowables."""
    while flowables and isinstance(flowables[0], Deferred):
        part = flowables[0]
        flowables[0:1] = [*part._content, *part.later()]


def document(path, width_mm: float, height_mm: float, margin_mm: float):
    """A platypus document of one page size with equal margins, deterministic (invariant)."""
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        str(path),
        pagesize=(width_mm * MM, height_mm * MM),
        leftMargin=margin_mm * MM,
        rightMargin=margin_mm * MM,
        topMargin=margin_mm * MM,
        bottomMargin=margin_mm * MM,
        invariant=1,
    )


def reading_order(width: float, height: float):
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


def saddle_stitch(page_width: float, page_height: float, sheet: tuple[float, float]):
    """Imposition: two pages side by side, centred on a landscape sheet (A4 for A5 pages), in saddle-stitch order."""
    sheet_w, sheet_h = sheet
    x0, y0 = (sheet_w - 2 * page_width) / 2, (sheet_h - page_height) / 2

    def impose(n: int):
        out = []
        for front, back in saddle_stitch_order(n):
            for left, right in (front, back):
                placements = [(left - 1 if left <= n else None, x0, y0), (right - 1 if right <= n else None, x0 + page_width, y0)]
                out.append((sheet_w, sheet_h, placements))
        return out

    return impose


def padded_pages(pages: int) -> int:
    """Pages after padding to a multiple of four for a folded booklet."""
    return -(-pages // 4) * 4


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


def page_number_footer(lang: Language, *, skip_first: bool = True, size: float = 8, late: Late | None = None):
    """An onPage callback writing the page number centred at the foot of the page.

    With ``late``, the number is a late value: right even where :meth:`Late.move` puts pages
    in another order than they were laid out in.
    """

    def draw(canvas, doc):
        number = canvas.getPageNumber()
        if skip_first and number == 1:
            return
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, size)
        canvas.setFillColor(cmyk(GREY))
        if late is None:
            canvas.drawCentredString(doc.pagesize[0] / 2, 8 * MM, lang.t("page_number", number=number))
        else:
            from reportlab.lib.styles import ParagraphStyle

            style = ParagraphStyle("footer", fontName=fonts.REGULAR, fontSize=size, textColor=cmyk(GREY))
            text = lambda count, number=number: lang.t("page_number", number=late.page(number, count))  # noqa: E731
            late.place(canvas, f"page-{number}", text, doc.pagesize[0] / 2, 8 * MM, style, "centre")
        canvas.restoreState()

    return draw


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
                from .cards import draw_marker

                c.setFillColor(cmyk(ink or BLACK))
                c.setStrokeColor(cmyk(ink or BLACK))
                draw_marker(c, marker, self.width / 2 / MM, self.height / 2 / MM, size_mm)
                return
            c.setFillColor(cmyk(colour))
            c.setStrokeColor(cmyk(BLACK))
            c.setLineWidth(0.4)
            c.rect(0, 0, self.width, self.height, stroke=1, fill=1)

    return _Swatch()
