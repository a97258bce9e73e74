"""Straight into a canvas's page stream: raw operators, forms drawn in our own coordinates, text split by
font subset, one resource dictionary shared by every page.

Part of the one adapter that touches ReportLab's private parts (see the package).
"""

from __future__ import annotations


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


def canvas_problems() -> list[str]:
    """The Canvas attributes and methods this adapter uses still exist (the other checks need them)."""
    import io

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
    return found


def problems() -> list[str]:
    """What the page stream functions rely on: a form drawn is one ``/Name Do`` in ``_code``, ``_escape`` gives
    text, the document lists its pages, and pdfdoc has the objects made here."""
    import io

    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    found = []
    canvas = Canvas(io.BytesIO(), invariant=1)
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
    return found
