"""The debrief slides: a 16:9 PDF to project, built from the deck and its computed figures.

Title; the sources with their ink and marker; the assignments; the recognisability
example; one slide per answer-sheet comparison with a chart of series 1 beside series 2
and the assumption to discuss; the part-2 questions in two columns; one slide per
statement. Type is large enough to read from the back of a room on a 540 pt high page:
headings 40 pt, figures 30, assumptions 16 to 26, chart labels 14 to 22; only remarks,
footnotes and the footer go down to 12 or 13.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..deck.language import Language, colour_word, language
from ..deck.model import Comparison, Deck, Measure
from ..figures.answersheet import AnswerRow
from ..figures.chartdata import Chart, ChartKind, charts
from ..figures.pseudonym import pseudonyms
from ..figures.stats import Row, rare_values
from ..paper import fonts
from ..paper.geometry import MM, SLIDE
from ..paper.printplan import slide_count
from ..paper.textfit import LEADING, balance, fit, wrap_lines
from .charts import chart_drawing
from .markers import draw_marker
from .pdf import BLACK, Metadata, cmyk, new_canvas
from .styles import TINT

W, H = SLIDE[0] * MM, SLIDE[1] * MM
"""The page in points (960 × 540)."""
MARGIN = 48.0
CONTENT_TOP = H - 118
"""Below the slide's heading."""
GREY = (0, 0, 0, 0.7)
"""Secondary text on a slide: darker than on paper, for a washed-out projector."""
_EMPHASIS = re.compile(r"\*(?!\s)([^*]+?)(?<!\s)\*")


SLIDE_MIN_PT = 18.0
"""No text above the footer line is smaller: read from the back of a room."""

RARE_SHOWN = 5
"""Values that single a person out, named per attribute on the recognisability slide; the rest are counted."""


def _shorten(line: str, font: str, size: float, width: float) -> str:
    """The line, words dropped from its end until it and its "…" fit the width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = line.split(" ")
    while len(words) > 2 and stringWidth(" ".join(words), font, size) > width:
        words = words[:-2] + ["…"]
    return " ".join(words)


def _plain(text: str) -> str:
    """Deck text without its *emphasis* marks and line breaks."""
    return " ".join(_EMPHASIS.sub(r"\1", text).split())


class _Slides:
    """The canvas and what every slide draws: heading, text boxes, footer."""

    def __init__(self, c, deck: Deck, lang: Language, mono: bool):
        self.c, self.deck, self.lang, self.mono = c, deck, lang, mono

    def ink(self, colour) -> tuple:
        return BLACK if self.mono else colour

    def text(
        self,
        text: str,
        x: float,
        top: float,
        w: float,
        h: float,
        *,
        size: float,
        least: float = 14,
        bold: bool = False,
        align: str = "left",
        ink=BLACK,
        balanced: bool = False,
        middle: bool = False,
    ) -> float:
        """``text`` wrapped into the box from ``top`` down (or centred in it), as large as fits up to
        ``size``; returns its bottom."""
        font = fonts.BOLD if bold else fonts.REGULAR
        fitted = fit(text, font, max_size=size, min_size=least, width=w, height=h, max_lines=12)
        if fitted is None:  # far too long: the smallest size, cut off with "…" where the box ends
            lines = wrap_lines(text, font, least, w).split("\n")
            size, leading = least, least * 1.18
            keep = max(1, int((h - least) // leading) + 1)
            if len(lines) > keep:
                lines = lines[: keep - 1] + [_shorten(lines[keep - 1] + " …", font, least, w)]
        else:
            if balanced:
                fitted = balance(fitted, font, w)
            lines, size, leading = fitted.lines, fitted.size, fitted.line_height
        if middle:
            top -= max(0.0, (h - (len(lines) - 1) * leading - size) / 2)
        c = self.c
        c.setFont(font, size)
        c.setFillColor(cmyk(ink))
        y = top - size * 0.9
        for line in lines:
            if align == "centre":
                c.drawCentredString(x + w / 2, y, line)
            else:
                c.drawString(x, y, line)
            y -= leading
        return y + leading - size * 0.3

    def heading(self, text: str) -> None:
        self.text(text, MARGIN, H - MARGIN, W - 2 * MARGIN, 52, size=40, least=26, bold=True)

    def footer(self, number: int, total: int, part: str) -> None:
        """The deck's title and the part of the session the slide belongs to, and its number."""
        c = self.c
        c.setFont(fonts.REGULAR, 13)
        c.setFillColor(cmyk(GREY))
        c.drawString(MARGIN, 22, f"{self.deck.title} · {part}")
        c.drawRightString(W - MARGIN, 22, f"{number}/{total}")


def render_slides(
    deck: Deck,
    path,
    *,
    meta: Metadata,
    rows: tuple[AnswerRow, ...],
    sheet: tuple[Row, ...],
    mono: bool = False,
    identity: str = "",
) -> int:
    """The debrief slides, one 16:9 page each; returns the page count."""
    lang = language(deck.language)
    c = new_canvas(path, SLIDE[0], SLIDE[1], meta)
    s = _Slides(c, deck, lang, mono)
    figures = charts(deck, sheet, lang)
    part1, debrief, part2 = deck.texts.part1_title, lang["slides_debrief"], deck.texts.part2_title
    pages: list[tuple[Callable[[], None], str]] = [
        (lambda: _title(s, identity), ""),
        (lambda: _sources(s), part1),
        (lambda: _assignments(s), part1),
        (lambda: _recognisable(s), part1),
    ]
    pages += [
        (lambda r=r, ch=ch, co=co: _comparison(s, r, ch, _heading(lang, co, r)), debrief)
        for r, ch, co in zip(rows, figures, deck.comparisons, strict=True)
    ]
    pages.append((lambda: _questions(s), part2))
    for group in deck.texts.statements:
        pages += [(lambda g=group, t=text: _statement(s, g.theme, t), part2) for text in group.sentences()]
    assert len(pages) == slide_count(deck), "printplan.slide_count must count what is drawn"
    for number, (draw, part) in enumerate(pages, 1):
        draw()
        if number > 1:
            s.footer(number, len(pages), part)
        c.showPage()
    c.save()
    return len(pages)


def _title(s: _Slides, identity: str) -> None:
    deck, c = s.deck, s.c
    y = s.text(deck.title, MARGIN, H - 90, W - 2 * MARGIN, 80, size=64, bold=True, align="centre")
    if deck.subtitle:
        y = s.text(deck.subtitle, MARGIN, y - 14, W - 2 * MARGIN, 44, size=30, align="centre")
    s.text(s.lang["slides_debrief"], MARGIN, y - 30, W - 2 * MARGIN, 40, size=30, bold=True, align="centre")
    for i, series in enumerate(deck.series[:2]):
        c.saveState()
        c.translate(W / 2 + (i - 0.5) * 86, 64)
        c.rotate(8 - 16 * i)
        c.setFillColor(cmyk((0, 0, 0, 0) if s.mono else series.colour.cmyk))
        c.setStrokeColor(cmyk(BLACK))
        c.setLineWidth(1.5)
        c.roundRect(-55, 0, 110, 150, 8, stroke=1, fill=1)
        c.setFillColor(cmyk(BLACK))
        c.setFont(fonts.BOLD, 20)
        c.drawCentredString(0, 68, series.label)
        c.restoreState()
    if identity:
        c.setFont(fonts.REGULAR, 11)
        c.setFillColor(cmyk(GREY))
        c.drawString(MARGIN, 22, identity)


def _sources(s: _Slides) -> None:
    deck, lang = s.deck, s.lang
    s.heading(lang["sources"])
    band = (CONTENT_TOP - 70) / max(len(deck.sources), 1)
    for i, source in enumerate(deck.sources):
        top = CONTENT_TOP - i * band
        ink = s.ink(source.ink.cmyk)
        s.c.setFillColor(cmyk(ink))
        s.c.setStrokeColor(cmyk(ink))
        draw_marker(s.c, source.marker, (MARGIN + 26) / MM, (top - 30) / MM, 15)
        look = lang["mono_" + source.mono.value] if s.mono else colour_word(lang, source.ink.name)
        attrs = ", ".join(a.label for a in deck.attributes if a.source.key == source.key)
        x = MARGIN + 76
        y = s.text(source.name, x, top - 4, W - x - MARGIN, 40, size=32, least=22, bold=True, ink=ink)
        s.text(f"{look}: {attrs}", x, y - 6, W - x - MARGIN, band - 52, size=24, least=16)


def _assignments(s: _Slides) -> None:
    deck, lang = s.deck, s.lang
    s.heading(lang["slides_assignments"])
    shown = deck.texts.assignments[:2]
    column = (W - 2 * MARGIN - 40) / max(len(shown), 1)
    titles = [lang.t("assignment", key=a.key, title=a.title) for a in shown]
    tasks = [[(f"{t.key}: " if t.key else "") + _plain(t.task) for t in a.tasks] for a in shown]
    # One size for every task on the slide, the largest at which each column fits below its title.
    size = next(
        (
            size
            for size in range(26, 15, -1)
            if all(_height(ts, fonts.REGULAR, size, column) + 14 * len(ts) <= CONTENT_TOP - 60 - 90 for ts in tasks)
        ),
        16,
    )
    for i, (title, texts) in enumerate(zip(titles, tasks, strict=True)):
        x = MARGIN + i * (column + 40)
        y = s.text(title, x, CONTENT_TOP, column, 84, size=30, least=20, bold=True)
        for text in texts:
            y = s.text(text, x, y - 14, column, y - 60, size=size, least=size)


def _height(texts: list[str], font: str, size: float, width: float) -> float:
    """Points the texts take wrapped at ``size`` into ``width``, one after the other."""
    lines = sum(wrap_lines(t, font, size, width).count("\n") + 1 for t in texts)
    return lines * size * 1.18


def _recognisable(s: _Slides) -> None:
    """A value only one person has singles them out, number or no number: the example, drawn as their card
    will lie on the table once the name is taped over. Marked to show after the exercise's last question,
    whose answer it gives away."""
    deck, lang, c = s.deck, s.lang, s.c
    s.heading(lang["slides_recognisable"])
    if deck.texts.assignments and deck.texts.assignments[0].questions:
        after = lang.t("slides_after_question", number=len(deck.texts.assignments[0].questions))
        c.setFont(fonts.BOLD, 22)
        c.setFillColor(cmyk(GREY))
        c.drawRightString(W - MARGIN, H - MARGIN - 30, after)
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    rare = [(key, v, n) for key, values in rare_values(deck).items() for v, n in values]
    if not rare:
        s.text(lang.t("slides_recognisable_none", k=2), MARGIN, CONTENT_TOP - 40, W - 2 * MARGIN, 200, size=32)
        return
    shown = rare[:3]
    card_w, card_h, gap = 190.0, 250.0, 50.0
    x = (W - len(shown) * card_w - (len(shown) - 1) * gap) / 2
    for key, value, _ in shown:
        attribute = deck.attribute(key)
        person = next(p for p in deck.persons if str(p.values[key]) == value)
        series = next(se for se in deck.series if se.key == person.series)
        printed = str(numbers[person.name]) if person.name in series.pseudonymised else ""
        _card(s, x, CONTENT_TOP - card_h - 10, card_w, card_h, series, printed, attribute, value)
        x += card_w + gap
    remarks = []
    for values in rare_values(deck).values():
        if len(values) == 1 and values[0][1] == 1:
            remarks.append(lang.t("recognisable", values=lang.t("quote", value=values[0][0]), count=1))
        elif values:
            quoted = lang["list_separator"].join(lang.t("quote", value=v) for v, _ in values[:RARE_SHOWN])
            if len(values) > RARE_SHOWN:
                quoted += " " + lang.t("more_values", count=len(values) - RARE_SHOWN)
            remarks.append(lang.t("recognisable_many", values=quoted, k=2))
    s.text(
        " ".join(remarks),
        MARGIN,
        CONTENT_TOP - card_h - 40,
        W - 2 * MARGIN,
        90,
        size=26,
        least=SLIDE_MIN_PT,
        align="centre",
    )
    c.setFillColor(cmyk(BLACK))


TAPE = (0, 0.04, 0.18, 0.06)
"""Masking tape over the name on the recognisability slide's card."""


def _card(s: _Slides, x: float, y: float, w: float, h: float, series, printed: str, attribute, value: str) -> None:
    """A card as it lies on the table after exercise 1: a pre-pseudonymised person's printed number where the
    name was, anyone else's name under a strip of tape and the group's own number ("?") in the box."""
    c = s.c
    c.setFillColor(cmyk((0, 0, 0, 0) if s.mono else series.colour.cmyk))
    c.setStrokeColor(cmyk(BLACK))
    c.setLineWidth(1.5)
    c.roundRect(x, y, w, h, 10, stroke=1, fill=1)
    top = y + h - 18
    box_w = 62.0
    c.setFillColor(cmyk((0, 0, 0, 0)))
    c.rect(x + w - 16 - box_w, top - 40, box_w, 40, stroke=1, fill=1)
    c.setFillColor(cmyk(BLACK))
    c.setFont(fonts.REGULAR, 18)
    c.drawString(x + w - 12 - box_w, top - 18, s.lang["number_box"])
    if printed:
        c.setFont(fonts.BOLD, 26)
        c.drawString(x + 16, top - 30, printed)
    else:
        c.setFillColor(cmyk((0, 0, 0, 0.15) if s.mono else TAPE))
        c.setLineWidth(0.8)
        c.rect(x + 12, top - 40, w - 40 - box_w, 40, stroke=1, fill=1)
        c.setFillColor(cmyk(BLACK))
        c.setFont(fonts.BOLD, 26)
        c.drawRightString(x + w - 24, top - 36, "?")
    s.text(attribute.label, x + 16, y + h - 84, w - 32, 30, size=20, least=SLIDE_MIN_PT)
    ink = s.ink(attribute.source.ink.cmyk)
    c.setFillColor(cmyk(ink))
    c.setStrokeColor(cmyk(ink))
    draw_marker(c, attribute.source.marker, (x + w - 26) / MM, (y + 28) / MM, 6)
    s.text(value, x + 16, y + h - 126, w - 32, 90, size=28, least=SLIDE_MIN_PT, bold=True, ink=ink)


Item = tuple[str, float, bool, tuple]
"""A text stacked in a column: (text, largest size, bold, ink)."""


def _block_height(text: str, font: str, size: float, width: float) -> float:
    """Points :meth:`_Slides.text` takes for ``text`` at ``size``: first line's ascent to the last one's descent."""
    lines = wrap_lines(text, font, size, width).count("\n") + 1
    return size * 1.2 + (lines - 1) * size * LEADING


def _stack(s: _Slides, items: list[Item], x: float, top: float, w: float, bottom: float, gap: float = 14) -> None:
    """``items`` one under the other from ``top``, all shrunk by one factor until they fit above ``bottom``,
    none below :data:`SLIDE_MIN_PT` (at that size a text too long for the room ends in "…")."""
    items = [i for i in items if i[0]]
    if not items:
        return
    factor = 1.0
    while True:
        sizes = [max(SLIDE_MIN_PT, size * factor) for _, size, _, _ in items]
        heights = [
            _block_height(t, fonts.BOLD if b else fonts.REGULAR, z, w)
            for (t, _, b, _), z in zip(items, sizes, strict=True)
        ]
        if sum(heights) + gap * (len(items) - 1) <= top - bottom or all(z <= SLIDE_MIN_PT for z in sizes):
            break
        factor -= 0.04
    y = top
    for (text, _, bold, ink), size, height in zip(items, sizes, heights, strict=True):
        room = max(size * 1.2, min(height, y - bottom))
        y = s.text(text, x, y, w, room + 1, size=size, least=size, bold=bold, ink=ink) - gap


def _heading(lang: Language, comparison: Comparison, row: AnswerRow) -> str:
    """The slide's heading says what the bars measure, since no figure text beside them does:
    "Leeftijd (gemiddeld)", "Opleidingsniveau: WO/HBO"."""
    mark = "*" if row.footnote else ""
    if comparison.measure in (Measure.MEAN, Measure.TOTAL_MEAN):
        return lang.t("slide_heading_mean", title=row.title) + mark
    if comparison.measure is Measure.COUNT:
        return lang.t("slide_heading_count", title=row.title + mark, label=comparison.category_label)
    return row.title + mark


def _comparison(s: _Slides, row: AnswerRow, chart: Chart, heading: str) -> None:
    """The comparison's chart, and beside and under it what the bars cannot say: the assumption as a
    question to the group, what else could explain the difference, and that a link is not yet a cause."""
    deck, c = s.deck, s.c
    s.heading(heading)
    colours = [se.colour.cmyk for se in deck.series]
    standing = _plain(deck.texts.answer_sheet_caution)
    notes: list[Item] = [(_plain(row.caution), 24, False, GREY)]
    notes += [(_plain(r), 22, False, GREY) for r in row.remarks]
    footnote = (f"* {_plain(row.footnote)}", 18, False, GREY) if row.footnote else ("", 0, False, GREY)
    question = (_plain(row.question), 28, True, BLACK)
    if chart.kind is ChartKind.DISTRIBUTION:
        # A distribution's chart takes the whole height; everything else stands beside it.
        drawing = chart_drawing(chart, 560, CONTENT_TOP - 70, colours, mono=s.mono)
        _draw(c, drawing, MARGIN, 66)
        x = MARGIN + 590
        _stack(s, [question, *notes, footnote, (standing, 24, True, BLACK)], x, CONTENT_TOP, W - x - MARGIN, 48)
        return
    box_top, box_bottom = 176.0, 44.0
    drawing = chart_drawing(chart, 520, CONTENT_TOP - box_top - 24, colours, mono=s.mono)
    _draw(c, drawing, MARGIN, box_top + 14)
    x = MARGIN + 556
    _stack(s, [*notes, footnote], x, CONTENT_TOP, W - x - MARGIN, box_top + 14)
    c.setFillColor(cmyk(TINT))
    c.rect(MARGIN - 12, box_bottom, W - 2 * MARGIN + 24, box_top - box_bottom, stroke=0, fill=1)
    _stack(s, [question, (standing, 24, False, BLACK)], MARGIN, box_top - 14, W - 2 * MARGIN, box_bottom + 6, gap=10)


def _draw(c, drawing, x: float, y: float) -> None:
    from reportlab.graphics import renderPDF

    renderPDF.draw(drawing, c, x, y)


def _questions(s: _Slides) -> None:
    """The six questions in two columns, 1–3 left and 4–6 right, as on the table."""
    deck, lang = s.deck, s.lang
    s.heading(lang["questions"])
    questions = deck.texts.questions
    half = -(-len(questions) // 2)
    column = (W - 2 * MARGIN - 40) / 2
    room = (CONTENT_TOP - 60) / max(half, 1)
    for col, items in enumerate((questions[:half], questions[half:])):
        x = MARGIN + col * (column + 40)
        for i, q in enumerate(items):
            number = i + 1 + col * half
            top = CONTENT_TOP - i * room
            s.c.setFont(fonts.BOLD, 28)
            s.c.setFillColor(cmyk(BLACK))
            s.c.drawString(x, top - 28 * 0.9, f"{number}.")
            s.text(_plain(q), x + 44, top, column - 44, room - 16, size=28, least=18)


def _statement(s: _Slides, theme: str, sentence: str) -> None:
    """One statement, large and in balanced lines, with the three answers under it."""
    lang = s.lang
    if theme:
        s.text(theme[:1].upper() + theme[1:], MARGIN, H - MARGIN, W - 2 * MARGIN, 30, size=22, ink=GREY)
    s.text(
        _plain(sentence),
        MARGIN + 20,
        H - 100,
        W - 2 * MARGIN - 40,
        H - 250,
        size=50,
        least=24,
        bold=True,
        align="centre",
        balanced=True,
        middle=True,
    )
    answers = "   ·   ".join(lang[k] for k in ("agree", "neutral", "disagree"))
    s.text(answers, MARGIN, 96, W - 2 * MARGIN, 40, size=26, align="centre", ink=GREY)
