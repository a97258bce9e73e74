"""Fira Sans from PyPI, registered with ReportLab so every PDF embeds and subsets it.

Fira Sans rather than Atkinson Hyperlegible (the font until issue 26): Atkinson's zero is
slashed, which a lay reader takes for Ø ("13:3Ø", "€ 7.6ØØ"); Fira's zero is an empty, narrow
oval and its O a wide round one. Measured at card size (7 and 12 pt, 300 dpi): the O is 1.24
times as wide as the 0 (Atkinson 1.12), their shapes overlap less (IoU 0.34, Atkinson 0.41),
and nothing stands inside the zero. Both are OFL; Fira ships static Regular, Bold, Italic and
Bold Italic files (ReportLab cannot use variable fonts, which rules out Noto Sans and Source
Sans 3 as packaged) and covers the names' letters (ë, ş, ı, ğ, ç, ł).

Registering makes the font measurable and drawable (public ReportLab API). Making it the
default of ReportLab's canvases, table cells and paragraph styles, so no Helvetica is ever
referenced, and giving each embedded subset a tag of its own change ReportLab's global
settings: that is :func:`~..render.internals.use_fonts`, which every renderer calls.
"""

from __future__ import annotations

from functools import cache

FAMILY = "Fira Sans"
"""As messages name it."""
REGULAR = "FiraSans"
BOLD = "FiraSans-Bold"
ITALIC = "FiraSans-Italic"
BOLD_ITALIC = "FiraSans-BoldItalic"

_FILES = {
    REGULAR: "FiraSans-Regular.ttf",
    BOLD: "FiraSans-Bold.ttf",
    ITALIC: "FiraSans-Italic.ttf",
    BOLD_ITALIC: "FiraSans-BoldItalic.ttf",
}
STYLES = tuple(_FILES)
"""The four styles, as registered."""


@cache
def register() -> None:
    """Register the four styles and the family (so <b> and <i> work in paragraphs); idempotent."""
    import fontpkg_fira_sans as package
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(package.ROOT / "files" / file)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, name)


def font_path(name: str = REGULAR):
    """The TTF file of one style, from the PyPI package."""
    import fontpkg_fira_sans as package

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
