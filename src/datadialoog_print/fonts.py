"""Atkinson Hyperlegible from PyPI, registered with ReportLab so every PDF embeds and subsets it.

ReportLab starts every canvas, table cell and paragraph style in Helvetica, which would put
a non-embedded font into the file; registering also makes our font the default for all three,
so no Helvetica is ever referenced.
"""

from __future__ import annotations

from functools import cache

REGULAR = "Atkinson"
BOLD = "Atkinson-Bold"
ITALIC = "Atkinson-Italic"
BOLD_ITALIC = "Atkinson-BoldItalic"

_FILES = {
    REGULAR: "AtkinsonHyperlegible-Regular.ttf",
    BOLD: "AtkinsonHyperlegible-Bold.ttf",
    ITALIC: "AtkinsonHyperlegible-Italic.ttf",
    BOLD_ITALIC: "AtkinsonHyperlegible-BoldItalic.ttf",
}


@cache
def register() -> None:
    """Register the four styles and the family (so <b> and <i> work in paragraphs); idempotent."""
    import fontpkg_atkinson_hyperlegible as package
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(package.ROOT / "files" / file)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, name)
    rl_config.canvas_basefontname = REGULAR
    # Platypus tables and paragraph styles fall back to Helvetica, fixed at import time;
    # a table of flowables still sets its cell font, which puts an unembedded Helvetica in.
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import tables

    tables.CellStyle.fontname = REGULAR
    ParagraphStyle.defaults["fontName"] = REGULAR
    ParagraphStyle.defaults["bulletFontName"] = REGULAR


@cache
def missing_glyphs(text: str) -> str:
    """The characters of ``text`` the font cannot draw (they would print as empty boxes)."""
    register()
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(REGULAR).face
    return "".join(sorted({ch for ch in text if ord(ch) not in face.charToGlyph and not ch.isspace()}))
