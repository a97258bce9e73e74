"""Atkinson Hyperlegible from PyPI, registered with ReportLab so every PDF embeds and subsets it.

Registering makes the font measurable and drawable (public ReportLab API). Making it the
default of ReportLab's canvases, table cells and paragraph styles, so no Helvetica is ever
referenced, changes ReportLab's global settings: that is :func:`~..render.internals.use_fonts`.
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
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    from ..render.internals import tagged_font_class  # ReportLab's TTFont, each subset tagged apart

    font_class = tagged_font_class()
    for name, file in _FILES.items():
        pdfmetrics.registerFont(font_class(name, str(package.ROOT / "files" / file)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, name)


def font_path(name: str = REGULAR):
    """The TTF file of one style, from the PyPI package."""
    import fontpkg_atkinson_hyperlegible as package

    return package.ROOT / "files" / _FILES[name]


@cache
def charset() -> frozenset[int]:
    """Code points the font can draw, read straight from its cmap table.

    Reading the table by hand takes a millisecond; parsing the font with ReportLab takes a
    tenth of a second, too slow for ``check`` on every deck.
    """
    import struct

    data = font_path().read_bytes()
    tables = {}
    (count,) = struct.unpack_from(">H", data, 4)
    for i in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = offset
    cmap = tables[b"cmap"]
    _, subtables = struct.unpack_from(">HH", data, cmap)
    points: set[int] = set()
    for i in range(subtables):
        _, _, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        start = cmap + offset
        (fmt,) = struct.unpack_from(">H", data, start)
        if fmt == 4:
            (segments,) = struct.unpack_from(">H", data, start + 6)
            segments //= 2
            ends = struct.unpack_from(f">{segments}H", data, start + 14)
            starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
            deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
            ranges_at = start + 16 + 6 * segments
            ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
            for k, (a, b) in enumerate(zip(starts, ends, strict=False)):
                for code in range(a, b + 1):
                    if code == 0xFFFF:
                        continue
                    if ranges[k] == 0:
                        glyph = (code + deltas[k]) & 0xFFFF
                    else:
                        at = ranges_at + 2 * k + ranges[k] + 2 * (code - a)
                        (glyph,) = struct.unpack_from(">H", data, at)
                        glyph = (glyph + deltas[k]) & 0xFFFF if glyph else 0
                    if glyph:
                        points.add(code)
        elif fmt == 12:
            (groups,) = struct.unpack_from(">I", data, start + 12)
            for g in range(groups):
                a, b, _ = struct.unpack_from(">III", data, start + 16 + 12 * g)
                points.update(range(a, b + 1))
    return frozenset(points)


def missing_glyphs(text: str) -> str:
    """The characters of ``text`` the font cannot draw (they would print as empty boxes or nothing)."""
    have = charset()
    return "".join(sorted({ch for ch in text if ord(ch) not in have and not ch.isspace()}))
