"""The one place that touches ReportLab's private parts, so a new ReportLab release breaks here, visibly.

What the public API cannot do fast enough or at all:

* write a card's drawing operators straight into the page stream (100 000 cards through
  the canvas API cost a tenth of a millisecond per call);
* give every page of a card file one shared resource dictionary, written once;
* turn each finished page of a platypus document into a form XObject, so the same pages
  can be imposed (two A5 pages on an A4 side) as well as printed in reading order, and
  write both files from one layout;
* give each embedded font subset a tag of its own (ReportLab tags every font's first subset
  ``AAAAAA+``) and name the PDF/X version in the Info dictionary.

It also holds every change to ReportLab's global settings (:func:`use_fonts`) and the one
attribute of our own that flowables carry (:func:`set_anchor`, :func:`anchor_of`), and
reads the flowables inside a KeepTogether (:func:`inner_flowables`).

:func:`problems` checks that everything used here still exists and behaves; a test calls
it, so a ReportLab release that changes one of them fails with a plain message. ReportLab's
major version is pinned in ``pyproject.toml`` for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

Imposition = Callable[[int], list[tuple[float, float, list[tuple[int | None, float, float]]]]]
"""Gets the number of pages, returns the physical pages as (width pt, height pt, [(page index or None for blank, x pt, y pt), …])."""


ANCHOR_ATTRIBUTE = "_contents_key"
"""The attribute a heading carries with its anchor key, read as the booklet is laid out."""


@cache
def use_fonts() -> None:
    """Our font registered and made ReportLab's default everywhere it starts in Helvetica; idempotent.

    ReportLab starts every canvas, chart, table cell and paragraph style in Helvetica, which
    would put a non-embedded font into the file; the table and paragraph defaults are fixed
    at import time, so they are changed on the classes. The paper stage registers plain
    TTFonts to measure with; here they become :func:`tagged_font_class` in place.
    """
    from reportlab import rl_config
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import tables

    from ..paper import fonts

    fonts.register()
    for name in fonts.STYLES:  # the registered fonts themselves, so whatever measured with them stays valid
        pdfmetrics.getFont(name).__class__ = tagged_font_class()
    rl_config.canvas_basefontname = fonts.REGULAR
    rl_config.defaultGraphicsFontName = fonts.REGULAR  # reportlab.graphics (the slides' charts) starts in it
    # ReportLab validates every attribute set on a chart shape (a fifth of the slides' time); the
    # charts are fixed code, drawn and read back by the tests, so the check is left to them.
    rl_config.shapeChecking = 0
    # A table of flowables still sets its cell font, which would put an unembedded Helvetica in.
    tables.CellStyle.fontname = fonts.REGULAR
    ParagraphStyle.defaults["fontName"] = fonts.REGULAR
    ParagraphStyle.defaults["bulletFontName"] = fonts.REGULAR


def set_anchor(flowable, key: str):
    """Mark a flowable (a heading) with the anchor ``key``; returns it."""
    setattr(flowable, ANCHOR_ATTRIBUTE, key)
    return flowable


def anchor_of(flowable) -> str | None:
    """The anchor key a flowable was marked with, or None."""
    return getattr(flowable, ANCHOR_ATTRIBUTE, None)


def inner_flowables(flowable) -> list | None:
    """The flowables a KeepTogether (or KeepInFrame) holds, or None for any other flowable."""
    inner = getattr(flowable, "_content", None)
    return inner if isinstance(inner, list) else None


def append(canvas, operators: str) -> None:
    """Add raw PDF operators to the current page (or form) of ``canvas``."""
    canvas._code.append(operators)


def form_name(canvas, name: str) -> str:
    """The PDF name of form ``name`` (``/FormXob.front``), registered in the current page's resources."""
    canvas.doForm(name)  # records the form in this page's resources …
    return canvas._code.pop().removesuffix(" Do")  # … and we draw it ourselves, in the card's own coordinates


def end_form(canvas) -> None:
    """``canvas.endForm()``, with the separations the form uses in its own resources: ReportLab records
    them (``_colorsUsed``) but writes a form's resources without them, so ``/All CS`` would name a colour
    space the form does not have."""
    from reportlab.pdfbase import pdfdoc

    name = canvas._formData[0]
    canvas.endForm()
    form = canvas._doc.idToObject[pdfdoc.xObjectName(name)]
    colours = getattr(form, "_colorsUsed", None)
    if colours:
        resources = pdfdoc.PDFResourceDictionary()
        resources.basicFonts()
        resources.basicProcs()
        if form.XObjects:
            resources.XObject = form.XObjects
        resources.setColorSpace(dict(sorted(colours.items())))
        form.Resources = resources


def encoded_runs(canvas, font_name: str, text: str) -> list[tuple[str, str]]:
    """``text`` split by the embedded font's subsets: (subset font name, escaped bytes for a PDF string) per run."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face, doc = getFont(font_name), canvas._doc
    return [
        (face.getSubsetInternalName(subset, doc), canvas._escape(chunk))
        for subset, chunk in face.splitString(text, doc)
    ]


def share_page_resources(canvas) -> None:
    """Give every page of the canvas one shared resource dictionary, written once.

    ReportLab writes a resource dictionary into each page; a card file has thousands of
    pages with the same fonts and the same two forms, and writing them all costs more
    than drawing the cards. Call just before ``save``.
    """
    from reportlab.pdfbase import pdfdoc

    pages = canvas._doc.Pages.pages
    if len(pages) < 2:
        return
    xobjects: dict = {}
    colours: dict = {}
    for page in pages:
        if page.XObjects:
            xobjects.update(page.XObjects.dict)
        colours.update(getattr(page, "_colorsUsed", None) or {})
    resources = pdfdoc.PDFResourceDictionary()
    resources.basicFonts()
    resources.basicProcs()
    if xobjects:
        resources.XObject = pdfdoc.PDFDictionary(dict(sorted(xobjects.items())))
    resources.setColorSpace(dict(sorted(colours.items())))
    shared = canvas._doc.Reference(resources, "SharedPageResources")
    for page in pages:
        page.Resources = shared


def document_time(canvas) -> tuple[int, int, int, int, int, int]:
    """Year, month, day, hour, minute, second (UTC) that ReportLab writes as the Info dict's dates.

    With ``invariant=1`` it is SOURCE_DATE_EPOCH if set, else 2000-01-01 00:00:00 UTC; XMP must say the same.
    """
    return tuple(canvas._doc._timeStamp.YMDhms)


def add_pdfx(
    canvas,
    *,
    profile: bytes,
    intent: dict[str, str],
    xmp: Callable[[str], str],
    fingerprint: str,
    version: str = "PDF/X-4",
) -> None:
    """What PDF/X needs and ReportLab has no API for: an OutputIntents array in the catalog with the ICC
    profile embedded, an XMP metadata stream (``xmp`` gets the trailer's ID (hex) and returns the XML),
    and ``/GTS_PDFXVersion`` in the Info dictionary as well, where older preflights look for it.

    ReportLab's ID digests only the metadata, so a front and a back file, or a long- and a
    short-flip sheet, would share it; ``fingerprint`` (what tells this file apart) goes into it too.
    The XMP is made while the file is written, when the ID is known.
    """
    from reportlab.pdfbase import pdfdoc

    doc = canvas._doc
    doc.updateSignature(fingerprint)
    icc = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4}), profile, filters=[pdfdoc.PDFZCompress])
    entries = {"Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFX")}
    entries.update({key: pdfdoc.PDFString(value) for key, value in intent.items()})
    entries["DestOutputProfile"] = icc
    catalog = doc.Catalog
    catalog.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary(entries)])
    if "OutputIntents" not in catalog.__NoDefault__:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]  # this catalog only

    class Metadata(pdfdoc.PDFStream):
        def format(self, document):
            self.content = xmp(trailer_id(document)).encode("utf-8")
            return super().format(document)

    stream = Metadata(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}))
    stream.filters = None  # metadata stays readable for tools that do not inflate streams
    catalog.Metadata = stream
    doc.info.__class__ = _info_class(type(doc.info))
    doc.info.pdfx_version = version


@cache
def _info_class(base: type) -> type:
    """ReportLab's Info dictionary with one key more, ``/GTS_PDFXVersion``."""
    from reportlab.pdfbase import pdfdoc

    class PDFXInfo(base):
        def format(self, document):
            text = base.format(self, document).rstrip()
            version = pdfdoc.PDFString(self.pdfx_version).format(document)
            extra = b"\n/GTS_PDFXVersion " + version
            if self.pdfx_version.startswith("PDF/X-1a"):  # PDF/X-1a names its conformance level too
                extra += b"\n/GTS_PDFXConformance " + version
            return text.removesuffix(b">>").rstrip() + extra + b"\n>>"

    return PDFXInfo


_subset_font = None
"""The face name of the font whose subsets are being written (see :func:`tagged_font_class`)."""


@cache
def tagged_font_class():
    """ReportLab's TTFont with a subset tag of its own per font and subset (``QXHZRB+Font-Bold``), made
    from the font's name and the subset's number, so rebuilds keep it. ReportLab's tag is the subset
    number alone, so Regular and Bold both were ``AAAAAA+``, which a preflight reports: the standard
    wants a tag that tells the subsets of one file apart."""
    import contextvars
    import hashlib

    from reportlab.pdfbase import ttfonts

    current: contextvars.ContextVar[bytes | None] = contextvars.ContextVar("subset_font", default=None)
    numbered = ttfonts.SUBSETN

    def tag(n, *args, **kwargs):
        face = current.get()
        if face is None:
            return numbered(n, *args, **kwargs)
        digest = int.from_bytes(hashlib.sha256(face + b"/" + str(n).encode()).digest()[:8], "big")
        letters = []
        for _ in range(6):
            digest, letter = divmod(digest, 26)
            letters.append(65 + letter)
        return bytes(letters)

    ttfonts.SUBSETN = tag

    class TaggedTTFont(ttfonts.TTFont):
        def addObjects(self, doc):
            token = current.set(bytes(self.face.name))
            try:
                super().addObjects(doc)
            finally:
                current.reset(token)

    return TaggedTTFont


def trailer_id(document) -> str:
    """The first string of the trailer's /ID, as hex (fixed from here on: ReportLab caches it)."""
    import re

    found = re.search(rb"<([0-9A-Fa-f]+)>", document.ID())
    return found.group(1).decode("ascii").lower() if found else ""


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


@cache
def paragraph_class():
    """ReportLab's Paragraph, remembering its last wrap: a layout asks a paragraph to wrap to the same
    width three times on average (to keep blocks together, to fit a frame, to split), and breaking
    the lines is most of a booklet's time. The result depends on the width alone, so the lines are
    kept with the width they were broken for, and asked again, handed back."""
    from reportlab.platypus import Paragraph

    class WrapOnceParagraph(Paragraph):
        def wrap(self, availWidth, availHeight):
            kept = self.__dict__.get("_kept_wrap")
            # Kept for this width and these very fragments (a copy made by a split shares nothing stale).
            if kept is not None and kept[0] == availWidth and kept[1] is self.frags:
                _, _, self.width, self._wrapWidths, self.blPara, self.height = kept
                return self.width, self.height
            result = super().wrap(availWidth, availHeight)
            if hasattr(self, "blPara"):
                self._kept_wrap = (availWidth, self.frags, self.width, self._wrapWidths, self.blPara, self.height)
            return result

    return WrapOnceParagraph


def problems() -> list[str]:
    """What this module relies on that the installed ReportLab no longer has or does; empty when all is well."""
    import io

    import reportlab
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    found = []
    canvas = Canvas(io.BytesIO(), invariant=1)
    for attribute in (
        "_code",
        "_doc",
        "_escape",
        "_preamble",
        "_pagesize",
        "_pageCompression",
        "_pageNumber",
        "state_stack",
    ):
        if not hasattr(canvas, attribute):
            found.append(f"Canvas.{attribute} is gone")
    for method in ("_setColorSpace", "_setExtGState", "_setXObjects", "_restartAccumulators", "init_graphics_state"):
        if not callable(getattr(canvas, method, None)):
            found.append(f"Canvas.{method}() is gone")
    if found:
        return [f"ReportLab {reportlab.Version}: {p}" for p in found]
    canvas.beginForm("probe")
    canvas.endForm()
    before = len(canvas._code)
    canvas.doForm("probe")
    if len(canvas._code) != before + 1 or not canvas._code[-1].endswith(" Do"):
        found.append("Canvas.doForm no longer appends one '/Name Do' operator to _code")
    canvas._code.pop()
    if not isinstance(canvas._escape("a(b)"), str):
        found.append("Canvas._escape no longer returns text")
    canvas.showPage()
    pages = getattr(getattr(canvas._doc, "Pages", None), "pages", None)
    if not isinstance(pages, list) or len(pages) != 1:
        found.append("PDFDocument.Pages.pages no longer lists the pages written")
    for name in ("PDFFormXObject", "PDFResourceDictionary", "PDFDictionary"):
        if not hasattr(pdfdoc, name):
            found.append(f"reportlab.pdfbase.pdfdoc.{name} is gone")
    from reportlab.platypus import Paragraph

    probe = Paragraph("probe text", _probe_style())
    probe.wrap(100, 100)
    if not all(hasattr(probe, a) for a in ("blPara", "_wrapWidths", "width", "height")):
        found.append("Paragraph.wrap no longer leaves blPara, _wrapWidths, width and height (paragraph_class)")
    if not callable(getattr(canvas._doc, "addForm", None)) or not callable(getattr(canvas._doc, "Reference", None)):
        found.append("PDFDocument.addForm() or .Reference() is gone")
    if not callable(getattr(getattr(canvas._doc, "signature", None), "copy", None)):
        found.append("PDFDocument.signature is no longer a hash object with copy()")
    if not isinstance(getattr(canvas._doc, "delayedFonts", None), list):
        found.append("PDFDocument.delayedFonts is gone")
    from reportlab.pdfbase.ttfonts import TTFont

    from ..paper.fonts import font_path

    font = TTFont("internals-probe", str(font_path()))
    if not hasattr(font, "face") or not hasattr(getattr(font, "state", None), "keys"):
        found.append("TTFont.face or TTFont.state (per-document subsets) is gone")
    found += _pdfx_problems()
    found += _font_problems()
    found += _global_problems()
    return [f"ReportLab {reportlab.Version}: {p}" for p in found]


def _global_problems() -> list[str]:
    """The global settings :func:`use_fonts` changes still exist and still count; our anchor attribute is free."""
    from reportlab import rl_config
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import KeepTogether, Paragraph, tables

    from ..paper import fonts

    found = []
    for name in ("canvas_basefontname", "defaultGraphicsFontName", "shapeChecking"):
        if not hasattr(rl_config, name):
            found.append(f"rl_config.{name} is gone")
    if not hasattr(tables.CellStyle, "fontname"):
        found.append("platypus.tables.CellStyle.fontname is gone")
    if not {"fontName", "bulletFontName"} <= set(getattr(ParagraphStyle, "defaults", {})):
        found.append("ParagraphStyle.defaults no longer holds fontName and bulletFontName")
    use_fonts()
    if not all(isinstance(pdfmetrics.getFont(name), tagged_font_class()) for name in fonts.STYLES):
        found.append("the registered fonts no longer take the tagged font class")
    if ParagraphStyle("probe-default").fontName != fonts.REGULAR:
        found.append("ParagraphStyle.defaults no longer sets a new style's font")
    probe = Paragraph("probe", _probe_style())
    if hasattr(probe, ANCHOR_ATTRIBUTE):
        found.append(f"Paragraph has an attribute {ANCHOR_ATTRIBUTE} of its own, which our anchors would overwrite")
    if inner_flowables(KeepTogether([probe])) != [probe]:
        found.append("KeepTogether no longer keeps its flowables in _content")
    return found


def _pdfx_problems() -> list[str]:
    """What :func:`add_pdfx`, :func:`document_time` and the shared colour spaces rely on."""
    import io

    from reportlab.lib.colors import CMYKColorSep
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    found = []
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    stamp = getattr(getattr(canvas._doc, "_timeStamp", None), "YMDhms", None)
    if not (isinstance(stamp, tuple) and len(stamp) == 6):
        found.append("PDFDocument._timeStamp.YMDhms (the Info dates) is gone")
    if not isinstance(getattr(canvas._doc.Catalog, "__NoDefault__", None), list):
        found.append("PDFCatalog.__NoDefault__ (the catalog keys it writes) is no longer a list")
    if not callable(getattr(canvas._doc, "updateSignature", None)) or not hasattr(pdfdoc, "PDFZCompress"):
        found.append("PDFDocument.updateSignature() or pdfdoc.PDFZCompress is gone")
    if not callable(getattr(pdfdoc.PDFResourceDictionary(), "setColorSpace", None)):
        found.append("PDFResourceDictionary.setColorSpace() is gone")
    if found:
        return found
    canvas.beginForm("probe-separation")
    canvas.setStrokeColor(CMYKColorSep(1, 1, 1, 1, spotName="All"))
    try:
        end_form(canvas)
        form = canvas._doc.idToObject["FormXob.probe-separation"]
        if "All" not in (getattr(form, "_colorsUsed", None) or {}).values():
            found.append("a form no longer records its separations in _colorsUsed")
    except (AttributeError, KeyError) as exc:
        found.append(f"end_form no longer works: {exc!r}")
    canvas.setStrokeColor(CMYKColorSep(1, 1, 1, 1, spotName="All"))
    canvas.showPage()
    page = canvas._doc.Pages.pages[-1]
    if "All" not in (getattr(page, "_colorsUsed", None) or {}).values():
        found.append("a page no longer records its separations in _colorsUsed")
    try:
        add_pdfx(
            canvas, profile=b"probe", intent={"Info": "probe"}, xmp=lambda ident: f"probe-{ident}", fingerprint="probe"
        )
        canvas.save()
    except Exception as exc:  # any failure here is what this check exists to report
        found.append(f"add_pdfx no longer works: {exc!r}")
        return found
    data = out.getvalue()
    ident = trailer_id(canvas._doc)
    if b"/GTS_PDFXVersion (PDF/X-4)" not in data:
        found.append("the Info dictionary no longer takes /GTS_PDFXVersion")
    if b"/OutputIntents" not in data or b"/GTS_PDFX" not in data:
        found.append("the catalog no longer writes OutputIntents")
    if not ident or f"probe-{ident}".encode() not in data or b"/Metadata" not in data:
        found.append("the XMP stream no longer gets the trailer ID")
    return found


def _font_problems() -> list[str]:
    """What :func:`tagged_font_class` relies on: a module-level ``SUBSETN`` that ``addObjects`` calls."""
    import io

    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfgen.canvas import Canvas

    from ..paper.fonts import font_path

    found = []
    if not callable(getattr(ttfonts, "SUBSETN", None)):
        return ["reportlab.pdfbase.ttfonts.SUBSETN (the subset tag) is gone"]
    font = tagged_font_class()("internals-tag-probe", str(font_path()))
    pdfmetrics.registerFont(font)
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont("internals-tag-probe", 10)
    canvas.drawString(10, 10, "probe")
    try:
        canvas.save()
    except Exception as exc:  # any failure here is what this check exists to report
        return [f"a file with a tagged font can no longer be written: {exc!r}"]
    if b"/BaseFont /AAAAAA+" in out.getvalue() or b"+" + bytes(font.face.name) not in out.getvalue():
        found.append("TTFont.addObjects no longer names its subsets through ttfonts.SUBSETN")
    return found


def _probe_style():
    from reportlab.lib.styles import ParagraphStyle

    from ..paper import fonts

    use_fonts()
    return ParagraphStyle("probe", fontName=fonts.REGULAR)
