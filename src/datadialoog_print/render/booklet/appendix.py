"""The booklet's appendix: every person × attribute, and the pseudonym key."""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ...figures.cardtext import value_text
from ...figures.pseudonym import pseudonyms
from ...paper.geometry import MM
from ...paper.textfit import wrap_lines
from ..pdf import BLACK, cmyk
from ..styles import Styles, markup, para, plain, table
from .options import BookletOptions

MAX_TABLE_PERSONS = 40
"""Persons per series in the appendix table; a large deck lists these and says how many more there are."""


def persons_table(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions) -> list:
    """Every person × attribute, values in their source's ink: the 'database' in one view."""
    from reportlab.platypus import KeepTogether

    story = [para(lang["persons_table"], st.h2)]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    names = [*(s.label for s in deck.series), *(p.name for p in deck.persons[: MAX_TABLE_PERSONS * 4])]
    name_w = min(
        max(stringWidth(n, st.cell_bold.fontName, st.cell_bold.fontSize) for n in names) / MM + 2.2, width * 0.3
    )
    needs = {
        a.key: _column_width(
            [a.label, *(value_text(a, p.values[a.key], lang) for p in deck.persons[: MAX_TABLE_PERSONS * 4])], st
        )
        for a in deck.attributes
    }
    groups = _pack(deck.attributes, needs, width - name_w)
    for series in deck.series:
        persons = deck.persons_in(series)
        shown = persons[:MAX_TABLE_PERSONS]
        heading = para(f"{series.label} — {series.meaning}", st.h3)
        for index, attrs in enumerate(groups):
            # Plain strings, not paragraphs: hundreds of cells lay out ten times faster, and the
            # inks stay CMYK (a paragraph's <font color> would turn them into RGB).
            spare = (width - name_w - sum(needs[a.key] for a in attrs)) / len(attrs)
            widths = [name_w] + [needs[a.key] + spare for a in attrs]
            room = [(w - 2) * MM for w in widths]
            # The series heads the name column: a table at the top of a page still says whose it is.
            header = [series.label] + [
                wrap_lines(a.label, st.cell_bold.fontName, st.cell_bold.fontSize, r)
                for a, r in zip(attrs, room[1:], strict=False)
            ]
            rows = [header]
            for person in shown:
                row = [person.name]
                for a, r in zip(attrs, room[1:], strict=False):
                    row.append(
                        wrap_lines(value_text(a, person.values[a.key], lang), st.cell.fontName, st.cell.fontSize, r)
                    )
                rows.append(row)
            cell = [
                ("FONTNAME", (0, 0), (-1, 0), st.cell_bold.fontName),
                ("FONTSIZE", (0, 0), (-1, -1), st.cell.fontSize),
                ("LEADING", (0, 0), (-1, -1), st.cell.leading),
            ]
            inks = [
                ("TEXTCOLOR", (i, 1), (i, -1), cmyk(BLACK if options.mono else a.source.ink.cmyk))
                for i, a in enumerate(attrs, 1)
            ]
            t = table(rows, widths, extra=cell + inks)
            # The series heading goes with its first table, so it never ends a page alone.
            block = [heading, t] if index == 0 else [t]
            story.append(KeepTogether(block) if len(rows) <= 26 else block)
            if len(rows) > 26:
                story.extend(story.pop())
        if len(persons) > len(shown):
            story.append(
                para(lang.t("more_persons", count=lang.number(len(persons) - len(shown)), series=series.label), st.note)
            )
    return story


def _column_width(texts: list[str], st: Styles) -> float:
    """mm a column needs so that no word in it breaks (its longest word, bold) and no number leaves its unit ("34 jaar")."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def pieces(text: str) -> list[str]:
        return [text] if any(ch.isdigit() for ch in text) else text.split() or [""]

    widest = max(
        stringWidth(piece, st.cell_bold.fontName, st.cell_bold.fontSize) for text in texts for piece in pieces(text)
    )
    return widest / MM + 2.2


def _pack(attributes, needs: dict[str, float], room: float) -> list[list]:
    """Attributes in groups that each fit beside the name column, in deck order, as even as possible.

    Greedy packing says how many tables are needed; the attributes are then spread evenly
    over that many, so no table is left with a single column.
    """
    groups: list[list] = [[]]
    for a in attributes:
        if groups[-1] and sum(needs[x.key] for x in groups[-1]) + needs[a.key] > room:
            groups.append([])
        groups[-1].append(a)
    count = len(groups)
    size = -(-len(attributes) // count)
    even = [list(attributes[i : i + size]) for i in range(0, len(attributes), size)]
    if len(even) == count and all(sum(needs[a.key] for a in g) <= room for g in even):
        return even
    return groups


def pseudonym_key(deck: Deck, st: Styles, lang: Language, width: float) -> list:
    story = [para(lang["pseudonym_key"], st.h2)]
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    rows = [[plain(markup(lang[k]), st.cell_bold) for k in ("number", "name", "set")]]
    entries = sorted((numbers[name], name, s.label) for s in deck.series for name in s.pseudonymised)
    for number, name, label in entries:
        rows.append([plain(str(number), st.cell), plain(markup(name), st.cell), plain(markup(label), st.cell)])
    story.append(para(lang["pseudonym_key_intro"], st.body))
    if entries:
        story.append(table(rows, [width * 0.2, width * 0.5, width * 0.3]))
    from reportlab.platypus import KeepTogether

    return [KeepTogether(story)] if len(entries) <= 30 else story
