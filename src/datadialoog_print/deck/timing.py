"""The session's minutes for the room at hand: each part's fixed minutes, plus the work that grows with the
cards a table shares or with the people in the room, and the debrief's comparisons in their order.

Plain arithmetic on deck data, so the run sheet, the script and the slides' agenda and break all
give the same clock times for the same build.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Deck
from .workshop import RunPart, RunSheet


@dataclass(frozen=True)
class Room:
    """Who is in the session: ``tables`` tables (one card set each) of ``per_table`` participants."""

    tables: int
    per_table: int

    @property
    def participants(self) -> int:
        return self.tables * self.per_table


def cards_to_number(deck: Deck) -> int:
    """Cards one table numbers in exercise 1: every card of a set but those already pseudonymised."""
    given = {name for s in deck.series for name in s.pseudonymised}
    return sum(1 for p in deck.persons if p.name not in given) * len(deck.attributes)


def card_minutes(part: RunPart, cards: int, room: Room) -> int:
    """The minutes a part's card work takes one table, shared out over its participants (rounded up)."""
    if not part.per_card_seconds:
        return 0
    return math.ceil(cards * part.per_card_seconds / room.per_table / 60)


def person_minutes(part: RunPart, room: Room) -> int:
    """The minutes a part's round of the room takes (rounded up)."""
    return math.ceil(room.participants * part.per_person_seconds / 60) if part.per_person_seconds else 0


def part_minutes(part: RunPart, cards: int, room: Room) -> int:
    """A part's minutes for this room: its fixed minutes and its work per card and per person."""
    return part.minutes + card_minutes(part, cards, room) + person_minutes(part, room)


def timings(deck: Deck, room: Room) -> tuple[int, ...]:
    """Each part's minutes for this room, in the order of the run sheet; () without one."""
    sheet = deck.texts.run_sheet
    if sheet is None:
        return ()
    cards = cards_to_number(deck)
    return tuple(part_minutes(p, cards, room) for p in sheet.parts)


def overrun(sheet: RunSheet | None, minutes: tuple[int, ...]) -> int:
    """Minutes the parts take beyond the session's length; 0 when they fit or the deck gives no length."""
    if sheet is None or not sheet.length:
        return 0
    return max(0, sum(minutes) - sheet.length)


def debrief_order(deck: Deck) -> tuple[tuple[int, bool], ...]:
    """Every comparison's index in the order the debrief shows them, each with whether it is a must: first
    the run sheet's ``must`` ones, then its ``if_time`` ones, then any the run sheet leaves out."""
    sheet = deck.texts.run_sheet
    keys = [c.attribute for c in deck.comparisons]
    must = [k for k in (sheet.must if sheet else ()) if k in keys]
    later = [k for k in (sheet.if_time if sheet else ()) if k in keys and k not in must]
    rest = [k for k in keys if k not in must and k not in later]
    return tuple((keys.index(k), k in must) for k in (*must, *later, *rest))
