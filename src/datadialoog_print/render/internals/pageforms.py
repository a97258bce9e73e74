"""Every finished page of a platypus document kept as a form XObject, so one layout is written as several
files (reading order, and two A5 pages on an A4 side).

Part of the one adapter that touches ReportLab's private parts (see the package).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Imposition = Callable[[int], list[tuple[float, float, list[tuple[int | None, float, float]]]]]
"""Gets the number of pages, returns the physical pages as (width pt, height pt, [(page index or None for blank, x pt, y pt), …])."""


@dataclass(frozen=True)
class Output:
    """One file written from a laid-out document: where, with which page order, and what to tell the print dialog."""

    path: str
    imposition: Imposition
    viewer: dict[str, str] | None = None


def page_form_canvas(outputs: Sequence[Output], *, canvas_options: dict, before_save: Callable | None = None):
    """A Canvas class for platypus that keeps every finished page as a form XObject and, on save,
    writes each of ``outputs`` from that one layout.

    The same pages thus go into reading order (one page per sheet) and saddle-stitching
    (two pages per side) without laying the document out twice. ReportLab writes a
    document only once, so every further output is written by a copy of the finished
    canvas (see :func:`_copy`). ``canvas_options`` override what platypus passes to the
    canvas (font, invariance); ``before_save(canvas, page_count)`` runs when the layout is
    done and may define forms (late values) and set metadata.
    """
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    class PageFormCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **{**kwargs, **canvas_options})
            self.page_forms: list[str] = []

        def showPage(self):
            """Keep the page as a form instead of writing it (ReportLab's showPage, minus the page)."""
            width, height = self._pagesize
            name = f"page{len(self.page_forms) + 1}"
            form = pdfdoc.PDFFormXObject(lowerx=0, lowery=0, upperx=width, uppery=height)
            form.compression = self._pageCompression
            form.setStreamList([self._preamble, *self._code])
            self._setColorSpace(form)
            self._setExtGState(form)
            self._setXObjects(form)
            self._doc.addForm(name, form)
            self.page_forms.append(name)
            self._pageNumber += 1
            self._restartAccumulators()
            self.init_graphics_state()
            self.state_stack = []

        def save(self):
            if before_save is not None:
                before_save(self, len(self.page_forms))
            first, *others = outputs
            copies = [(_copy(self), output) for output in others]
            for canvas, output in [(self, first), *copies]:
                canvas._filename = output.path
                canvas.write(output)

        def write(self, output: Output) -> None:
            """Place the page forms on the physical pages of ``output`` and write the file."""
            for key, value in (output.viewer or {}).items():
                self.setViewerPreference(key, value)
            for width, height, placements in output.imposition(len(self.page_forms)):
                self.setPageSize((width, height))
                for index, x, y in placements:
                    if index is not None and index < len(self.page_forms):
                        self.saveState()
                        self.translate(x, y)
                        self.doForm(self.page_forms[index])
                        self.restoreState()
                Canvas.showPage(self)
            Canvas.save(self)

    return PageFormCanvas


def _copy(canvas):
    """A deep copy of a finished canvas that can be saved on its own.

    Two things do not copy by themselves: the document's running hash (a hashlib object,
    copied with its own ``copy``), and each embedded font's subset state, which ReportLab
    keys weakly by document and which must follow the copied document. The parsed font
    files are shared: they are only read.
    """
    import copy
    from weakref import WeakKeyDictionary

    doc = canvas._doc
    memo = {id(doc.signature): doc.signature.copy(), **{id(font.face): font.face for font in doc.delayedFonts}}
    twin = copy.deepcopy(canvas, memo)
    for font in twin._doc.delayedFonts:
        font.state = WeakKeyDictionary({twin._doc: font.state[doc]})
    return twin


def problems() -> list[str]:
    """What :func:`page_form_canvas` and :func:`_copy` rely on: forms and references on the document, a running
    hash with ``copy``, the delayed fonts and each TTFont's parsed face and per-document subset state."""
    import io

    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from ...paper.fonts import font_path

    found = []
    doc = Canvas(io.BytesIO(), invariant=1)._doc
    if not callable(getattr(doc, "addForm", None)) or not callable(getattr(doc, "Reference", None)):
        found.append("PDFDocument.addForm() or .Reference() is gone")
    if not callable(getattr(getattr(doc, "signature", None), "copy", None)):
        found.append("PDFDocument.signature is no longer a hash object with copy()")
    if not isinstance(getattr(doc, "delayedFonts", None), list):
        found.append("PDFDocument.delayedFonts is gone")
    font = TTFont("internals-probe", str(font_path()))
    if not hasattr(font, "face") or not hasattr(getattr(font, "state", None), "keys"):
        found.append("TTFont.face or TTFont.state (per-document subsets) is gone")
    return found
