"""The slides that follow the run sheet rather than the cards: the agenda, the ground rules, what happens with
the sheets and the discussion, the break and the closing. Each speaks to the participants: the parts by
their agenda names, nothing meant for the facilitator alone."""

from __future__ import annotations

from ..deck.texts import clock_minutes
from ..deck.timing import Room, timings
from ..deck.workshop import RunSheet
from .booklet.runsheet import clock
from .pdf import BLACK
from .slidekit import CONTENT_TOP, GREY, MARGIN, SLIDE_MIN_PT, H, Slides, W, plain, stack


def _start(sheet: RunSheet, start: str) -> int | None:
    """The session's start in minutes after midnight: the build's, else the deck's, else None."""
    text = start or sheet.start
    return clock_minutes(text) if text else None


def agenda(s: Slides, start: str, room: Room) -> None:
    """The run sheet's parts by their agenda names, each with its clock time when the session has a start."""
    sheet = s.deck.texts.run_sheet
    s.heading(s.lang["slides_agenda"])
    at = _start(sheet, start)
    lines = []
    for part, minutes in zip(sheet.parts, timings(s.deck, room), strict=True):
        lines.append((f"{clock(at)}   " if at is not None else "") + plain(part.agenda or part.title))
        at = at + minutes if at is not None else None
    size = max(SLIDE_MIN_PT, min(26.0, (CONTENT_TOP - 60) / max(len(lines), 1) / 1.25))
    stack(s, [(line, size, False, BLACK) for line in lines], MARGIN, CONTENT_TOP, W - 2 * MARGIN, 50, gap=size * 0.2)


def ground_rules(s: Slides) -> None:
    """The ground rules, numbered, to show while they are read out and whenever someone forgets them."""
    rules = s.deck.texts.run_sheet.ground_rules
    s.heading(s.lang["slides_rules"])
    items = [(f"{i}. {plain(rule)}", 26, False, BLACK) for i, rule in enumerate(rules, 1)]
    stack(s, items, MARGIN, CONTENT_TOP, W - 2 * MARGIN, 50, gap=8)


def afterwards(s: Slides) -> None:
    """What happens with the sheets and the discussion: the text read aloud, and what the service filled in
    (a field it left empty is not shown: the facilitator says it from the booklet's written line)."""
    sheet = s.deck.texts.run_sheet
    s.heading(s.lang["slides_afterwards"])
    items = [(plain(sheet.read_aloud), 24, False, BLACK)]
    for key in ("reads_sheets", "kept_for", "report_back"):
        value = getattr(sheet.service, key).strip()
        if value:
            items.append((f"{s.lang['service_' + key]}: {plain(value)}", 24, True, BLACK))
    stack(s, items, MARGIN, CONTENT_TOP, W - 2 * MARGIN, 50, gap=12)


def pause(s: Slides, start: str, room: Room) -> None:
    """The break, and when the session goes on (the end of the part that shows this slide)."""
    sheet = s.deck.texts.run_sheet
    s.text(s.lang["slides_break"], MARGIN, H / 2 + 70, W - 2 * MARGIN, 90, size=72, bold=True, align="centre")
    at = _start(sheet, start)
    if at is None:
        return
    for part, minutes in zip(sheet.parts, timings(s.deck, room), strict=True):
        at += minutes
        if "break" in part.slides:
            text = s.lang.t("slides_break_until", time=clock(at))
            s.text(text, MARGIN, H / 2 - 20, W - 2 * MARGIN, 50, size=36, align="centre", ink=GREY)
            return


def closing(s: Slides) -> None:
    """The evaluation's questions, numbered, how the participants hear back (when the service says), and
    a word of thanks."""
    sheet = s.deck.texts.run_sheet
    s.heading(s.lang["slides_closing"])
    items = [(f"{i}. {plain(q)}", 30, False, BLACK) for i, q in enumerate(sheet.evaluation, 1)]
    if sheet.service.report_back.strip():
        items.append((s.lang.t("slides_hear_back", how=plain(sheet.service.report_back)), 26, False, BLACK))
    items.append((s.lang["slides_thanks"], 30, True, BLACK))
    stack(s, items, MARGIN, CONTENT_TOP, W - 2 * MARGIN, 50, gap=18)
