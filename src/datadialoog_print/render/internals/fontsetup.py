"""ReportLab's global settings: our font the default everywhere, as the font class that tags each subset apart.

Part of the one adapter that touches ReportLab's private parts (see the package).
"""

from __future__ import annotations

from functools import cache

from .subsettags import tagged_font_class


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


def problems() -> list[str]:
    """The global settings :func:`use_fonts` changes still exist and still count (the tagged font class has its
    own check, :func:`.subsettags.problems`, run first)."""
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
