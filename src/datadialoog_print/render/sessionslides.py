"""The slides that follow the run sheet rather than the cards: the agenda, the break and the closing."""

from __future__ import annotations

from ..deck.texts import clock_minutes
from ..deck.workshop import RunSheet
from .booklet.runsheet import clock
from .pdf import BLACK
from .slidekit import CONTENT_TOP, GREY, MARGIN, SLIDE_MIN_PT, H, Slides, W, plain, stack


def _start(sheet: RunSheet, start: str) -> int | None:
    """The session's start in minutes after midnight: the build's, else the deck's, else None."""
    text = start or sheet.start
    return clock_minutes(text) if text else None


def agenda(s: Slides, start: str) -> None:
    """The run sheet's parts, each with its clock time when the session has a start."""
    sheet = s.deck.texts.run_sheet
    s.heading(s.lang["slides_agenda"])
    at = _start(sheet, start)
    lines = []
    for part in sheet.parts:
        lines.append((f"{clock(at)}   " if at is not None else "") + plain(part.title))
        at = at + part.minutes if at is not None else None
    size = max(SLIDE_MIN_PT, min(26.0, (CONTENT_TOP - 60) / max(len(lines), 1) / 1.25))
    stack(s, [(line, size, False, BLACK) for line in lines], MARGIN, CONTENT_TOP, W - 2 * MARGIN, 50, gap=size * 0.2)


def pause(s: Slides, start: str) -> None:
    """The break, and when the session goes on (the end of the part that shows this slide)."""
    sheet = s.deck.texts.run_sheet
    s.text(s.lang["slides_break"], MARGIN, H / 2 + 70, W - 2 * MARGIN, 90, size=72, bold=True, align="centre")
    at = _start(sheet, start)
    if at is None:
        return
    for part in sheet.parts:
        at += part.minutes
        if "break" in part.slides:
            text = s.lang.t("slides_break_until", time=clock(at))
            s.text(text, MARGIN, H / 2 - 20, W - 2 * MARGIN, 50, size=36, align="centre", ink=GREY)
            return


def closing(s: Slides) -> None:
    """The evaluation's questions, numbered, and a word of thanks."""
    sheet = s.deck.texts.run_sheet
    s.heading(s.lang["slides_closing"])
    items = [(f"{i}. {plain(q)}", 30, False, BLACK) for i, q in enumerate(sheet.evaluation, 1)]
    items.append((s.lang["slides_thanks"], 30, True, BLACK))
    stack(s, items, MARGIN, CONTENT_TOP, W - 2 * MARGIN, 50, gap=18)
