"""The session's slides: a 16:9 PDF to project, built from the deck and its computed figures.

Title; the agenda; the sources with their ink and marker; the exercises; the recognisability
example; one slide per answer-sheet comparison with a chart of series 1 beside series 2, the
assumption as a question and the caution; the break; the part-2 questions in two columns; one
slide per statement; the closing with the evaluation. Type is large enough to read from the
back of a room on a 540 pt high page: nothing above the footer line is under 18 pt.
"""

from __future__ import annotations

from collections.abc import Callable

from ..deck.language import Language, colour_word, language
from ..deck.model import Comparison, Deck, Measure
from ..deck.pseudonym import pseudonyms
from ..deck.timing import Room, debrief_order
from ..deck.workshop import DEFAULT_TABLE_SIZE
from ..figures.answersheet import AnswerRow
from ..figures.chartdata import Chart, ChartKind, charts
from ..figures.stats import Row, rare_values
from ..paper import fonts
from ..paper.geometry import MM, SLIDE
from ..paper.textfit import wrap_lines
from .charts import chart_drawing, legend_drawing
from .markers import draw_marker
from .pdf import BLACK, Metadata, cmyk, new_canvas
from .slidekit import CONTENT_TOP, GREY, MARGIN, SLIDE_MIN_PT, H, Item, Slides, W, fits, plain, stack
from .styles import TINT

CHART_WIDTHS = (520.0, 460.0, 400.0, 340.0, 280.0, 240.0)
"""Widths a comparison's bar chart tries, widest first, leaving the rest of the slide to its notes."""
DISTRIBUTION_WIDTHS = (560.0, 500.0, 440.0, 380.0, 320.0, 280.0)
"""The same for a distribution's chart, which takes the slide's whole height."""
BOX_TOPS = (176.0, 206.0, 236.0)
"""Heights the tinted box of the question may reach on a bar chart's slide, the lowest first."""
NOTES_PT = 21.0
"""The notes beside a chart at this size or more if the chart can give up enough width for it."""
RARE_SHOWN = 5
"""Values that single a person out, named per attribute on the recognisability slide; the rest are counted."""


def slide_plan(deck: Deck) -> tuple[str, ...]:
    """The slide group (the slides' ``anchors`` in the document registry) of every slide, in order: the
    title; the agenda when the deck has a run sheet, its ground rules and what happens with the sheets; the sources, the exercises and the recognisability example; one per comparison; the break when
    a part of the run sheet shows it; the questions; one per statement; the closing with the evaluation when
    the deck has a run sheet. The renderer draws exactly these."""
    sheet = deck.texts.run_sheet
    shown = {g for part in sheet.parts for g in part.slides} if sheet else set()
    out = ["title"] + (["agenda"] if sheet else [])
    out += ["rules"] if sheet and sheet.ground_rules else []
    out += ["afterwards"] if sheet and sheet.read_aloud else []
    out += ["sources", "assignments", "recognisable"]
    out += ["comparisons"] * len(deck.comparisons)
    out += (["break"] if "break" in shown else []) + ["questions"]
    out += ["statements"] * sum(len(g.items) for g in deck.texts.statements)
    out += ["closing"] if sheet else []
    return tuple(out)


def slide_numbers(deck: Deck) -> dict[str, tuple[int, int]]:
    """Per slide group, its first and last slide number (1-based)."""
    out: dict[str, tuple[int, int]] = {}
    for number, group in enumerate(slide_plan(deck), 1):
        first = out.get(group, (number, number))[0]
        out[group] = (first, number)
    return out


def slide_count(deck: Deck) -> int:
    """Slides in the deck (the renderer checks it draws as many)."""
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
    start: str = "",
    room: Room = Room(1, DEFAULT_TABLE_SIZE),
) -> int:
    """The session's slides, one 16:9 page each, in the order of :func:`slide_plan`;
    ``start`` ("HH:MM", else the deck's own) puts clock times on the agenda and the break, for the minutes of
    ``room``; returns the pages."""
    from .sessionslides import afterwards, agenda, closing, ground_rules, pause

    lang = language(deck.language)
    c = new_canvas(path, SLIDE[0], SLIDE[1], meta)
    s = Slides(c, deck, lang, mono)
    shown = list(zip(rows, charts(deck, sheet, lang), deck.comparisons, strict=True))
    figures = iter([shown[i] for i, _ in debrief_order(deck)])
    statements = iter([(g.theme, text) for g in deck.texts.statements for text in g.sentences()])
    part1, debrief, part2 = deck.texts.part1_title, lang["slides_debrief"], deck.texts.part2_title
    draw: dict[str, tuple[Callable[[], None], str]] = {
        "title": (lambda: _title(s, identity), ""),
        "agenda": (lambda: agenda(s, start, room), lang["slides_agenda"]),
        "rules": (lambda: ground_rules(s), lang["slides_welcome"]),
        "afterwards": (lambda: afterwards(s), lang["slides_welcome"]),
        "sources": (lambda: _sources(s), part1),
        "assignments": (lambda: _assignments(s), part1),
        "recognisable": (lambda: _recognisable(s), part1),
        "comparisons": (lambda: _comparison(s, *next(figures)), debrief),
        "break": (lambda: pause(s, start, room), lang["slides_break"]),
        "questions": (lambda: _questions(s), part2),
        "statements": (lambda: _statement(s, *next(statements)), part2),
        "closing": (lambda: closing(s), lang["slides_closing"]),
    }
    plan = slide_plan(deck)
    for number, group in enumerate(plan, 1):
        paint, part = draw[group]
        s.number = number
        paint()
        if number > 1:
            s.footer(number, len(plan), part)
        c.showPage()
    c.save()
    return len(plan)


def _title(s: Slides, identity: str) -> None:
    deck, c = s.deck, s.c
    y = s.text(deck.title, MARGIN, H - 90, W - 2 * MARGIN, 80, size=64, bold=True, align="centre")
    if deck.subtitle:
        y = s.text(deck.subtitle, MARGIN, y - 14, W - 2 * MARGIN, 44, size=30, align="centre")
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


def _sources(s: Slides) -> None:
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
        s.text(f"{look}: {attrs}", x, y - 6, W - x - MARGIN, band - 52, size=24, least=SLIDE_MIN_PT)


def _assignments(s: Slides) -> None:
    deck, lang = s.deck, s.lang
    s.heading(lang["slides_assignments"])
    shown = deck.texts.assignments[:2]
    column = (W - 2 * MARGIN - 40) / max(len(shown), 1)
    titles = [lang.t("assignment", key=a.key, title=a.title) for a in shown]
    tasks = [[(f"{t.key}: " if t.key else "") + plain(t.task) for t in a.tasks] for a in shown]
    # One size for every task on the slide, the largest at which each column fits below its title.
    size = next(
        (
            size
            for size in range(26, int(SLIDE_MIN_PT) - 1, -1)
            if all(_height(ts, fonts.REGULAR, size, column) + 14 * len(ts) <= CONTENT_TOP - 60 - 90 for ts in tasks)
        ),
        None,
    )
    if size is None:  # too long for two columns: reflowed into one, the full width of the slide
        items: list[Item] = []
        for title, texts in zip(titles, tasks, strict=True):
            items += [(title, 28, True, BLACK), *((text, 24, False, BLACK) for text in texts)]
        stack(s, items, MARGIN, CONTENT_TOP, W - 2 * MARGIN, 50, gap=8)
        return
    for i, (title, texts) in enumerate(zip(titles, tasks, strict=True)):
        x = MARGIN + i * (column + 40)
        y = s.text(title, x, CONTENT_TOP, column, 84, size=30, least=20, bold=True)
        for text in texts:
            y = s.text(text, x, y - 14, column, y - 60, size=size, least=size)


def _height(texts: list[str], font: str, size: float, width: float) -> float:
    """Points the texts take wrapped at ``size`` into ``width``, one after the other."""
    lines = sum(wrap_lines(t, font, size, width).count("\n") + 1 for t in texts)
    return lines * size * 1.18


def _recognisable(s: Slides) -> None:
    """A value only one person has singles them out, number or no number: the example, drawn as their card
    will lie on the table once the name is taped over. Marked to show after the exercise's last question,
    whose answer it gives away."""
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


def _card(s: Slides, x: float, y: float, w: float, h: float, series, printed: str, attribute, value: str) -> None:
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


def _heading(lang: Language, comparison: Comparison, row: AnswerRow) -> str:
    """The slide's heading says what the bars measure, since no figure text beside them does:
    "Leeftijd (gemiddeld)", "Opleidingsniveau: WO/HBO"."""
    mark = "*" if row.footnote else ""
    if comparison.measure in (Measure.MEAN, Measure.TOTAL_MEAN):
        return lang.t("slide_heading_mean", title=row.title) + mark
    if comparison.measure is Measure.COUNT:
        return lang.t("slide_heading_count", title=row.title + mark, label=comparison.category_label)
    return row.title + mark


def _comparison(s: Slides, row: AnswerRow, chart: Chart, comparison: Comparison) -> None:
    """The comparison's chart with a legend that says what each series means, and beside and under it what
    the bars cannot say: the assumption as a question to the group, what else could explain the difference,
    and that a link is not yet a cause. The cautions stand in black, the standing one as bold as the question:
    never fainter than the claim they qualify."""
    deck, c = s.deck, s.c
    s.heading(_heading(s.lang, comparison, row))
    colours = [se.colour.cmyk for se in deck.series]
    standing = plain(deck.texts.answer_sheet_caution)
    notes: list[Item] = [(plain(row.caution), 24, False, BLACK)]
    # The lesson's warnings are for the facilitator (the answer sheet has them), not for the room.
    notes += [(plain(r), 22, False, BLACK) for r in row.remarks[: len(row.remarks) - row.warnings]]
    footnote = (f"* {plain(row.footnote)}", 18, False, GREY) if row.footnote else ("", 0, False, GREY)
    question = (plain(row.question), 28, True, BLACK)
    legend = [s.lang.t("legend_series", label=se.label, meaning=se.meaning) for se in deck.series]
    if chart.kind is ChartKind.DISTRIBUTION:
        # A distribution's chart takes the whole height; everything else stands beside it.
        column = [question, (standing, 28, True, BLACK), *notes, footnote]
        chart_w = _reflow(column, DISTRIBUTION_WIDTHS, CONTENT_TOP - 48)
        drawing = chart_drawing(chart, chart_w, CONTENT_TOP - 116, colours, mono=s.mono)
        _draw(c, drawing, MARGIN, 112)
        _draw(c, legend_drawing(legend, chart_w, colours, mono=s.mono, rows=2), MARGIN, 44)
        x = MARGIN + chart_w + 30
        stack(s, column, x, CONTENT_TOP, W - x - MARGIN, 48)
        return
    box_bottom = 44.0
    # The question's box grows (and the chart above it gives way) until the question and the caution fit.
    asked = [question, (standing, 28, True, BLACK)]
    box_top = next(
        (top for top in BOX_TOPS if fits(asked, W - 2 * MARGIN, top - 14 - box_bottom - 6, gap=10, least=22)),
        next((top for top in BOX_TOPS if fits(asked, W - 2 * MARGIN, top - 14 - box_bottom - 6, gap=10)), BOX_TOPS[-1]),
    )
    chart_w = _reflow([*notes, footnote], CHART_WIDTHS, CONTENT_TOP - box_top - 50, gap=36)
    drawing = chart_drawing(chart, chart_w, CONTENT_TOP - box_top - 60, colours, mono=s.mono)
    _draw(c, drawing, MARGIN, box_top + 50)
    _draw(c, legend_drawing(legend, W - 2 * MARGIN, colours, mono=s.mono, rows=1), MARGIN, box_top + 12)
    x = MARGIN + chart_w + 36
    stack(s, [*notes, footnote], x, CONTENT_TOP, W - x - MARGIN, box_top + 50)
    c.setFillColor(cmyk(TINT))
    c.rect(MARGIN - 12, box_bottom, W - 2 * MARGIN + 24, box_top - box_bottom, stroke=0, fill=1)
    stack(s, asked, MARGIN, box_top - 14, W - 2 * MARGIN, box_bottom + 6, gap=10)


def _reflow(column: list[Item], widths: tuple[float, ...], room: float, gap: float = 30) -> float:
    """The widest chart that leaves the texts beside it room to fit: at a comfortable size if any width allows
    it, else at the least size. Reflowed, never cut: what fits nowhere stops the build when it is drawn."""
    for least in (NOTES_PT, SLIDE_MIN_PT):
        for width in widths:
            if fits(column, W - 2 * MARGIN - width - gap, room, least=least):
                return width
    return widths[-1]


def _draw(c, drawing, x: float, y: float) -> None:
    from reportlab.graphics import renderPDF

    renderPDF.draw(drawing, c, x, y)


def _questions(s: Slides) -> None:
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
            s.text(plain(q), x + 44, top, column - 44, room - 16, size=28, least=18)


def _statement(s: Slides, theme: str, sentence: str) -> None:
    """One statement, large and in balanced lines, with the three answers under it."""
    lang = s.lang
    if theme:
        s.text(theme[:1].upper() + theme[1:], MARGIN, H - MARGIN, W - 2 * MARGIN, 30, size=22, ink=GREY)
    s.text(
        plain(sentence),
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
    answers = "   ·   ".join(lang[k] for k in ("agree", "neutral", "disagree", "dont_know"))
    s.text(answers, MARGIN, 96, W - 2 * MARGIN, 40, size=26, align="centre", ink=GREY)
