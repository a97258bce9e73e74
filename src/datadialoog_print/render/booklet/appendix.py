"""The booklet's appendix: every person × attribute, one block per person, and the pseudonym key."""

from __future__ import annotations

from ...deck.cardtext import value_text
from ...deck.language import Language
from ...deck.model import Deck, Series
from ...deck.pseudonym import pseudonyms
from ...paper.geometry import MM
from ...paper.textfit import wrap_lines
from ..pdf import BLACK, cmyk
from ..styles import GREY, RULE, Styles, markup, para, plain, table
from .anchors import anchor
from .page_setup import BookletOptions

MAX_TABLE_PERSONS = 40
"""Persons per series in the appendix; a large deck lists these and says how many more there are."""

BLOCK_GAP = 4.0
"""mm between the two person blocks of a row."""


def persons_table(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions) -> list:
    """Every person × attribute, values in their source's ink: the 'database' in one view.

    One block per person, two side by side, like the person's cards laid out in a column.
    Each pair is one small table that never splits, so each person's data stays on one page.
    """
    from reportlab.lib.styles import ParagraphStyle

    story = [para(lang["persons_table"], st.h2)]
    block_w = (width - BLOCK_GAP) / 2
    label_style = ParagraphStyle("label", parent=st.cell, fontSize=st.cell.fontSize - 0.6)
    label_w = _label_width(deck, label_style, block_w)
    for series in deck.series:
        persons = deck.persons_in(series)
        shown = persons[:MAX_TABLE_PERSONS]
        # The series heading keeps with the first pair only (h3 keeps with next), and the
        # pairs flow on from wherever the page has room.
        story.append(para(f"{series.label} — {series.meaning}", st.h3))
        for i in range(0, len(shown), 2):
            story.append(_pair(deck, shown[i : i + 2], series, st, label_style, lang, options, block_w, label_w))
        if len(persons) > len(shown):
            story.append(
                para(lang.t("more_persons", count=lang.number(len(persons) - len(shown)), series=series.label), st.note)
            )
    return story


def _label_width(deck: Deck, style, block_w: float) -> float:
    """mm for the label column: the widest label on one line if that leaves the values room,
    else as wide as that allows (labels then wrap), and never narrower than a label's longest word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def width(text: str) -> float:
        return stringWidth(text, style.fontName, style.fontSize) / MM + 2.6

    word = max(width(w) for a in deck.attributes for w in a.label.split())
    whole = max(width(a.label) for a in deck.attributes)
    return min(max(word, min(whole, block_w * 0.47)), block_w * 0.5)


def _pair(deck, persons, series: Series, st, label_style, lang, options, block_w: float, label_w: float):
    """Two persons side by side: per person the name and series on the series' colour, then a line
    per attribute, its label in grey and its value in its source's ink. Plain strings, not
    paragraphs: a large deck has hundreds of cells, and the inks stay CMYK."""
    from reportlab.platypus import Table, TableStyle

    value_w = block_w - label_w
    room = (value_w - 2.4) * MM
    fill = (0, 0, 0, 0.06) if options.mono else series.colour.cmyk
    # The series is named in every block: one at the top of a page still says whose it is (and
    # the black-and-white edition has no card colour to say it).
    head = ["", "", "", "", ""]
    rows = [head]
    for a in deck.attributes:
        label = wrap_lines(a.label, label_style.fontName, label_style.fontSize, (label_w - 2.4) * MM)
        rows.append([label, "", "", label if len(persons) > 1 else "", ""])
    style = [
        ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),
        ("FONTNAME", (0, 0), (-1, 0), st.cell_bold.fontName),
        ("FONTSIZE", (0, 0), (-1, -1), st.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), st.cell.leading - 0.9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.2 * MM),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * MM),
        ("TOPPADDING", (0, 0), (-1, -1), 0.4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.0),
        ("TOPPADDING", (0, 0), (-1, 0), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 2.0),
        ("NOSPLIT", (0, 0), (-1, -1)),
    ]
    for k, person in enumerate(persons):
        left = 3 * k  # the label column of this person's block
        head[left] = f"{person.name} · {series.label}"
        for i, a in enumerate(deck.attributes, 1):
            rows[i][left + 1] = wrap_lines(
                value_text(a, person.values[a.key], lang), st.cell.fontName, st.cell.fontSize, room
            )
            ink = BLACK if options.mono else a.source.ink.cmyk
            style.append(("TEXTCOLOR", (left + 1, i), (left + 1, i), cmyk(ink)))
        style += [
            ("SPAN", (left, 0), (left + 1, 0)),
            ("BACKGROUND", (left, 0), (left + 1, 0), cmyk(fill)),
            ("TEXTCOLOR", (left, 0), (left + 1, 0), cmyk(BLACK)),
            ("TEXTCOLOR", (left, 1), (left, -1), cmyk(GREY)),
            ("FONTSIZE", (left, 1), (left, -1), label_style.fontSize),
            ("LINEBELOW", (left, 1), (left + 1, -2), 0.25, cmyk(RULE)),
            ("BOX", (left, 0), (left + 1, -1), 0.5, cmyk(BLACK)),
        ]
    t = Table(rows, colWidths=[w * MM for w in (label_w, value_w, BLOCK_GAP, label_w, value_w)], hAlign="LEFT")
    t.setStyle(TableStyle(style))
    t.spaceAfter = 2.6 * MM
    return t


def pseudonym_key(deck: Deck, st: Styles, lang: Language, width: float) -> list:
    story = [anchor(para(lang["pseudonym_key"], st.h2), "pseudonym_key")]
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    rows = [[plain(markup(lang[k]), st.cell_bold) for k in ("number", "name", "series")]]
    entries = sorted((numbers[name], name, s.label) for s in deck.series for name in s.pseudonymised)
    for number, name, label in entries:
        rows.append([plain(str(number), st.cell), plain(markup(name), st.cell), plain(markup(label), st.cell)])
    story.append(para(lang["pseudonym_key_intro"], st.body))
    if entries:
        story.append(table(rows, [width * 0.2, width * 0.5, width * 0.3]))
    from reportlab.platypus import KeepTogether

    return [KeepTogether(story)] if len(entries) <= 30 else story
