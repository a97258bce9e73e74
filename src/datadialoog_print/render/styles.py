"""Paragraph styles, markup and tables for the text documents, in the embedded font only.

Platypus defaults would pull in Helvetica and Times; here every style is our font, K-only
black, with no widows or orphans, and headings keep with their text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..paper import fonts
from ..paper.geometry import MM
from . import internals
from .pdf import BLACK, cmyk

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
    internals.use_fonts()
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

    heading = {"fontName": fonts.BOLD, "keepWithNext": 1, "allowWidows": 0, "allowOrphans": 0}
    return Styles(
        body=base,
        small=derive("small", fontSize=8 * scale, leading=10.5 * scale, spaceAfter=3 * scale),
        note=derive("note", fontName=fonts.ITALIC, fontSize=8.5 * scale, leading=11.5 * scale, textColor=cmyk(GREY)),
        h1=derive(
            "h1", fontSize=16 * scale, leading=20 * scale, spaceBefore=4 * scale, spaceAfter=8 * scale, **heading
        ),
        h2=derive(
            "h2", fontSize=12 * scale, leading=15 * scale, spaceBefore=9 * scale, spaceAfter=4 * scale, **heading
        ),
        h3=derive(
            "h3", fontSize=10 * scale, leading=13 * scale, spaceBefore=6 * scale, spaceAfter=2 * scale, **heading
        ),
        title=derive(
            "title",
            fontName=fonts.BOLD,
            fontSize=26 * scale,
            leading=31 * scale,
            alignment=TA_CENTER,
            spaceAfter=10 * scale,
        ),
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


_LAST_SPACE = re.compile(r" (?=\S+$)")


def markup(text: str, *, tie: bool = True) -> str:
    """Deck text → platypus markup: XML escaped, ``*emphasis*`` in italics, line breaks kept, and (``tie``) the
    last two words of a text of four or more tied together, so no paragraph ends in a line of one word ("op.").
    A column too narrow for the tied pair asks for ``tie=False``: ReportLab would break the pair inside a word."""
    text = _EMPHASIS.sub(r"<i>\1</i>", escape(text.strip())).replace("\n", " ")
    return _LAST_SPACE.sub("\u00a0", text) if tie and text.count(" ") >= 3 else text


def widest_unit(text: str, font: str, size: float) -> float:
    """Points the widest run of ``text`` that a line may not break (a word, or words tied by no-break spaces)
    takes: wider than its column, ReportLab breaks it inside a word, without a hyphen."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    plain_text = re.sub(r"<[^>]+>", "", text)
    return max((stringWidth(unit, font, size) for unit in plain_text.split(" ")), default=0.0)


def balanced_width(text: str, font: str, size: float, room: float) -> float:
    """The measure for ``text`` (markup, tied units as :func:`widest_unit` reads them) in ``room`` points: ``room``
    itself, unless filling lines greedily leaves one word alone on a line before the last ("als de / gemeente /
    datagedreven werkt?"); then the narrowest measure that keeps the same number of lines, so they come out even."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    units = [stringWidth(u, font, size) for u in re.sub(r"<[^>]+>", "", text).split(" ")]
    space = stringWidth(" ", font, size)

    def lines(width: float) -> list[int]:
        counts, used = [], None
        for unit in units:
            if used is not None and used + space + unit <= width:
                used += space + unit
                counts[-1] += 1
            else:
                counts.append(1)
                used = unit
        return counts

    full = lines(room)
    if len(full) < 3 or 1 not in full[:-1]:
        return room
    narrow, wide = max(units), room  # the narrowest measure with as few lines as the room gives, to a point
    while wide - narrow > 1:
        middle = (narrow + wide) / 2
        narrow, wide = (narrow, middle) if len(lines(middle)) <= len(full) else (middle, wide)
    return wide + 1 if 1 not in lines(wide)[:-1] else room


def paragraphs(text: str, style) -> list:
    """A deck text of blank-line separated paragraphs as Paragraph flowables (placeholders were filled when
    the deck was read)."""
    paragraph = internals.paragraph_class()
    return [paragraph(markup(part), style) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def para(text: str, style):
    """One paragraph of deck text."""
    return internals.paragraph_class()(markup(text), style)


def plain(text: str, style):
    """One paragraph of text that is already markup (made by this tool)."""
    return internals.paragraph_class()(text, style)


def listed(items: Sequence[tuple[str, str]], style, name: str = "listed", *, widest: str = "") -> list:
    """A list as paragraphs whose labels ("1.", "12.", "•") stand in a column of their own, in the text's own
    font and size: every line of every text starts at one indent, never back at the label ("5. … De
    deelnemers krijgen / ze niet." with "ze niet." under the number). ``items``: (label, text already markup);
    ``widest``: a label of a longer list this part belongs to, so all its parts hang at one indent."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    labels = [label for label, _ in items] + [widest]
    widest_w = max(stringWidth(label, style.fontName, style.fontSize) for label in labels)
    hanging = ParagraphStyle(
        name,
        parent=style,
        leftIndent=style.leftIndent + widest_w + style.fontSize * 0.45,
        bulletIndent=style.leftIndent,
        bulletFontName=style.fontName,
        bulletFontSize=style.fontSize,
    )
    return [plain(f"<bullet>{escape(label)}</bullet>{text}", hanging) for label, text in items]


def table(
    rows: Sequence[Sequence],
    widths: Sequence[float],
    *,
    header: bool = True,
    extra: Sequence = (),
    heights: Sequence[float | None] | None = None,
):
    """A table with thin K-only rules, a tinted header row and a repeated header on page breaks;
    ``heights``: each row's height in mm (None: as its content needs)."""
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
    row_heights = None if heights is None else [None if h is None else h * MM for h in heights]
    t = Table(
        list(rows),
        colWidths=[w * MM for w in widths],
        rowHeights=row_heights,
        repeatRows=1 if header else 0,
        hAlign="LEFT",
    )
    t.setStyle(TableStyle(style + list(extra)))
    return t
