"""ReportLab's global settings and its font class: our font the default everywhere, each subset tagged apart.

Part of the one adapter that touches ReportLab's private parts (see the package).
"""

from __future__ import annotations

from functools import cache


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

    from ...paper import fonts
    from .widths import same_widths

    same_widths()
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


def problems() -> list[str]:
    """The global settings :func:`use_fonts` changes still exist and still count; the tagged font class still
    names its subsets through the module-level ``SUBSETN`` that ``addObjects`` calls."""
    found = _tag_problems()
    return found or _settings_problems()  # use_fonts needs the tagged class


def _settings_problems() -> list[str]:
    from reportlab import rl_config
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import tables

    from ...paper import fonts

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
    return found


def _tag_problems() -> list[str]:
    import io

    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfgen.canvas import Canvas

    from ...paper.fonts import font_path

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
