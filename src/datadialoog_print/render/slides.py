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
from ..deck.model import Deck
from ..deck.pseudonym import pseudonyms
from ..figures.answersheet import AnswerRow
from ..figures.chartdata import Chart, ChartKind, charts
from ..figures.stats import Row, rare_values
from ..paper import fonts
from ..paper.geometry import MM, SLIDE
from ..paper.textfit import balance, fit, wrap_lines
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


def slide_plan(deck: Deck) -> list[tuple[str, int, str]]:
    """Every slide in order: what it shows, which one of those (a comparison's, a statement's index) and
    the part of the session its footer names. The renderer draws exactly these; the plan counts them."""
    lang = language(deck.language)
    part1, debrief, part2 = deck.texts.part1_title, lang["slides_debrief"], deck.texts.part2_title
    slides = [("title", 0, ""), ("sources", 0, part1), ("assignments", 0, part1), ("recognisable", 0, part1)]
    slides += [("comparison", i, debrief) for i in range(len(deck.comparisons))]
    slides.append(("questions", 0, part2))
    statements = [(g, text) for g in deck.texts.statements for text in g.sentences()]
    slides += [("statement", i, part2) for i in range(len(statements))]
    return slides


def slide_count(deck: Deck) -> int:
    """Slides in the debrief deck (the print plan's count)."""
    return len(slide_plan(deck))


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
    """The debrief slides of :func:`slide_plan`, one 16:9 page each; returns the page count."""
    lang = language(deck.language)
    c = new_canvas(path, SLIDE[0], SLIDE[1], meta)
    s = _Slides(c, deck, lang, mono)
    comparisons = list(zip(rows, charts(deck, sheet, lang), strict=True))
    statements = [(g, text) for g in deck.texts.statements for text in g.sentences()]
    draw: dict[str, Callable[[int], None]] = {
        "title": lambda i: _title(s, identity),
        "sources": lambda i: _sources(s),
        "assignments": lambda i: _assignments(s),
        "recognisable": lambda i: _recognisable(s),
        "comparison": lambda i: _comparison(s, *comparisons[i]),
        "questions": lambda i: _questions(s),
        "statement": lambda i: _statement(s, statements[i][0].theme, statements[i][1]),
    }
    pages = slide_plan(deck)
    for number, (what, index, part) in enumerate(pages, 1):
        draw[what](index)
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
    """A value only one person has singles them out, number or no number: the example, drawn as their card."""
    deck, lang, c = s.deck, s.lang, s.c
    s.heading(lang["slides_recognisable"])
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
        _card(s, x, CONTENT_TOP - card_h - 10, card_w, card_h, series, str(numbers[person.name]), attribute, value)
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
    s.text(" ".join(remarks), MARGIN, CONTENT_TOP - card_h - 40, W - 2 * MARGIN, 90, size=26, least=16, align="centre")
    c.setFillColor(cmyk(BLACK))


def _card(s: _Slides, x: float, y: float, w: float, h: float, series, number: str, attribute, value: str) -> None:
    """A card as the participants have it, its name replaced by a number written in the box."""
    c = s.c
    c.setFillColor(cmyk((0, 0, 0, 0) if s.mono else series.colour.cmyk))
    c.setStrokeColor(cmyk(BLACK))
    c.setLineWidth(1.5)
    c.roundRect(x, y, w, h, 10, stroke=1, fill=1)
    c.setFillColor(cmyk((0, 0, 0, 0)))
    c.rect(x + 16, y + h - 58, w - 32, 40, stroke=1, fill=1)
    c.setFillColor(cmyk(BLACK))
    c.setFont(fonts.REGULAR, 14)
    c.drawString(x + 24, y + h - 32, s.lang["number_box"])
    c.setFont(fonts.BOLD, 26)
    c.drawRightString(x + w - 26, y + h - 49, number)
    s.text(attribute.label, x + 16, y + h - 84, w - 32, 30, size=20, least=14)
    ink = s.ink(attribute.source.ink.cmyk)
    c.setFillColor(cmyk(ink))
    c.setStrokeColor(cmyk(ink))
    draw_marker(c, attribute.source.marker, (x + w - 26) / MM, (y + 28) / MM, 6)
    s.text(value, x + 16, y + h - 126, w - 32, 90, size=28, least=14, bold=True, ink=ink)


def _comparison(s: _Slides, row: AnswerRow, chart: Chart) -> None:
    """The comparison's chart beside its figures, and the assumption to discuss."""
    deck, lang, c = s.deck, s.lang, s.c
    s.heading(row.title + ("*" if row.footnote else ""))
    colours = [se.colour.cmyk for se in deck.series]
    assumption = f"{lang['assumption']}: {_plain(row.assumption)}"
    remarks = " ".join(_plain(r) for r in row.remarks)
    footnote = f"* {_plain(row.footnote)}" if row.footnote else ""
    if chart.kind is ChartKind.DISTRIBUTION:
        drawing = chart_drawing(chart, 560, CONTENT_TOP - 70, colours, mono=s.mono)
        _draw(c, drawing, MARGIN, 66)
        x = MARGIN + 590
        y = CONTENT_TOP
        if chart.summarised:  # the most frequent values fit beside the chart; a distribution is the chart
            for label, text in row.figures:
                y = s.text(label, x, y, W - x - MARGIN, 28, size=20, bold=True)
                # "vooral 3531/3532/3533/3534" may break after its first word, unlike "gemiddeld 3,8".
                y = s.text(text.replace("\u00a0", " "), x, y - 2, W - x - MARGIN, 60, size=24, least=14) - 14
        y = s.text(assumption, x, y, W - x - MARGIN, y - 56, size=26, least=16)
        for extra in (remarks, footnote):
            if extra:
                y = s.text(extra, x, y - 16, W - x - MARGIN, y - 80, size=20, least=13, ink=GREY)
        return
    drawing = chart_drawing(chart, 560, CONTENT_TOP - 170, colours, mono=s.mono)
    _draw(c, drawing, MARGIN, 160)
    x = MARGIN + 600
    y = CONTENT_TOP
    for label, text in row.figures:
        y = s.text(label, x, y, W - x - MARGIN, 32, size=22, bold=True)
        y = s.text(text, x, y - 4, W - x - MARGIN, 76, size=30, least=18) - 18
    box_top, box_h = 150.0, 100.0
    if remarks:
        s.text(remarks, x, y, W - x - MARGIN, y - box_top - 12, size=18, least=13, ink=GREY)
    c.setFillColor(cmyk(TINT))
    c.rect(MARGIN - 12, box_top - box_h, W - 2 * MARGIN + 24, box_h, stroke=0, fill=1)
    y = s.text(
        assumption, MARGIN, box_top - 10, W - 2 * MARGIN, box_h - 20 - (30 if footnote else 0), size=26, least=16
    )
    if footnote:
        s.text(footnote, MARGIN, y - 4, W - 2 * MARGIN, y - (box_top - box_h) - 6, size=16, least=12, ink=GREY)


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
