"""The slides of part 1's exercises: one per exercise with what the tables do, step by step (it stays up while
they work), and the recognisability example shown after the first exercise's last question."""

from __future__ import annotations

from ..deck.pseudonym import pseudonyms
from ..deck.workshop import Assignment
from ..figures.stats import rare_values
from ..paper import fonts
from ..paper.geometry import MM
from .markers import draw_marker
from .pdf import BLACK, cmyk
from .slidekit import CONTENT_TOP, MARGIN, SLIDE_MIN_PT, Slides, W, listing, plain

RARE_SHOWN = 5
"""Values that single a person out, named per attribute on the recognisability slide; the rest are counted."""


def exercise(s: Slides, assignment: Assignment) -> None:
    """An exercise in the words the tables read while they work: its title, each task (labelled "2a" where it has
    a key) and the task's steps, numbered, each line hanging beside its label."""
    title = assignment.slide_title or assignment.title
    s.heading(s.lang.t("assignment", key=assignment.key, title=title))
    items = []
    for task in assignment.tasks:
        items.append((task.key, plain(task.task), 30 if task.steps else 28, not task.key, BLACK))
        items += [(f"{i}.", plain(step), 26, False, BLACK) for i, step in enumerate(task.steps, 1)]
    listing(s, items, MARGIN, CONTENT_TOP, W - 2 * MARGIN, 50, gap=12)


def recognisable(s: Slides) -> None:
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
