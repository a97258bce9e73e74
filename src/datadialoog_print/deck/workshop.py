"""texts.yaml as plain typed data: the workshop's texts, from the booklet's introduction to the run sheet.

Validated once by :mod:`.texts`, read by the renderers through ``Deck.texts``; apart from
:mod:`.model` because the deck's people and figures and the session's words change for
different reasons.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_TABLE_SIZE = 4
"""Participants at one table when a deck says nothing (no ``run_sheet.per_table``)."""
MAX_TABLE_SIZE = 50
"""Participants at one table at most: beyond this no table shares one card set."""


@dataclass(frozen=True)
class Question:
    """A reflection question with the answer the facilitator steers towards."""

    question: str
    answer: str = ""
    note: str = ""
    """A short tag such as "Voorspellende statistiek"."""


@dataclass(frozen=True)
class Task:
    key: str
    task: str
    see: str = ""
    """A place in the booklet (the booklet's ``anchors`` in the document registry) named after the task with
    its page; "" for none."""
    prompt: str = ""
    """What the facilitator asks the tables while they work on it."""
    look_for: str = ""
    """What the facilitator may expect to see or hear (the answers it steers towards)."""


@dataclass(frozen=True)
class Assignment:
    """An assignment of part 1 with its reflection questions."""

    key: str
    title: str
    tasks: tuple[Task, ...]
    explanation: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class StatementGroup:
    """Statements sharing a stem ("Ik ben bang dat …"); each item is printed as stem + item."""

    theme: str
    stem: str
    items: tuple[str, ...]

    def sentences(self) -> tuple[str, ...]:
        """Each statement as one full sentence."""
        return tuple(f"{self.stem} {item}" for item in self.items)


@dataclass(frozen=True)
class RunPart:
    """One part of the session on the run sheet, with the facilitator's script for it."""

    title: str
    minutes: int
    """Its fixed minutes; work per card or per person (below) is added to them for the room at hand."""
    see: str = ""
    """The booklet anchor where its instructions are; its page is printed beside it."""
    say: str = ""
    """A short spoken text for the facilitator."""
    do: str = ""
    """What the facilitator does meanwhile."""
    hand_out: str = ""
    """What goes onto the tables at this point."""
    slides: tuple[str, ...] = ()
    """The slide groups (the slides' ``anchors`` in the document registry) shown during the part; their
    numbers stand on the run sheet."""
    agenda: str = ""
    """The part as the participants see it on the agenda slide ("Pauze"); "" for its title."""
    why: str = ""
    """Why it takes these minutes, for a facilitator who plans the session."""
    skip: str = ""
    """What to leave out when running late."""
    faster: str = ""
    """A faster way to do the part (pre-cut tape strips, one series only)."""
    per_card_seconds: int = 0
    """Seconds one participant spends on one card; a table shares its cards, so more people go faster."""
    per_person_seconds: int = 0
    """Seconds per participant in the whole room (a round of names): more people take longer."""


@dataclass(frozen=True)
class Moment:
    """A sensitive moment: when it comes, what may come up, and what to say."""

    moment: str
    comes_up: str = ""
    say: str = ""


@dataclass(frozen=True)
class Service:
    """What the service itself fills in: what happens with what participants write and say, and where to
    refer someone. Each "" until the deck fills it in: the booklet then leaves a line to write on."""

    reads_sheets: str = ""
    kept_for: str = ""
    report_back: str = ""
    referral: str = ""

    def empty(self) -> tuple[str, ...]:
        """The fields still empty, by name."""
        return tuple(name for name in SERVICE_FIELDS if not getattr(self, name).strip())


SERVICE_FIELDS = ("reads_sheets", "kept_for", "report_back", "referral")
"""The service's fields, in the order the booklet prints them."""


@dataclass(frozen=True)
class RunSheet:
    """The run sheet (draaiboek): the session's parts with their minutes, and what to prepare."""

    parts: tuple[RunPart, ...]
    start: str = ""
    """The deck's own start time, "HH:MM"; "" for none (``build --start`` overrides it)."""
    per_table: int = DEFAULT_TABLE_SIZE
    """Participants at one table by default (``build --table-size`` overrides it); one card set per table."""
    length: int = 0
    """The minutes the session has; the run sheet warns when its parts take longer. 0: not given."""
    prepare: tuple[str, ...] = ()
    """What to do before the session, in order."""
    welcome: tuple[str, ...] = ()
    """How the session starts: the room, housekeeping, names, consent, who sits where, notes."""
    read_aloud: str = ""
    """What the facilitator reads aloud about what happens with the sheets and the discussion."""
    after: tuple[str, ...] = ()
    """What the facilitator does after the session: the report, hearing back, the cards."""
    service: Service = Service()
    ground_rules: tuple[str, ...] = ()
    """The ground rules for a room of clients and staff, read aloud at the welcome."""
    sensitive: tuple[Moment, ...] = ()
    """Moments that need care, each with what to do."""
    evaluation: tuple[str, ...] = ()
    """The closing's evaluation questions."""
    must: tuple[str, ...] = ()
    """The debrief's comparisons to show whatever the time (attribute keys), in order."""
    if_time: tuple[str, ...] = ()
    """The debrief's comparisons to show if there is time, in order."""


@dataclass(frozen=True)
class Texts:
    """Every workshop text printed in the booklet and handouts, in the deck's language."""

    booklet_title: str
    introduction: str
    part1_title: str
    part1_introduction: str
    inks_explanation: str
    markers_explanation: str
    assignments_intro: str
    assignments: tuple[Assignment, ...]
    answer_sheet_title: str
    answer_sheet_introduction: str
    footnotes: Mapping[str, str]
    answer_sheet_caution: str
    part2_title: str
    part2_introduction: str
    questions: tuple[str, ...]
    statements_intro: str
    statements: tuple[StatementGroup, ...]
    pick: tuple[int, ...]
    """The statements to run by default in a short session, numbered 1… across all groups as printed."""
    run_sheet: RunSheet | None = None
    """The booklet's first page after the contents; None when the deck has no ``run_sheet``."""


def table_size(sheet: RunSheet | None) -> int:
    """The deck's participants per table: its run sheet's ``per_table``, else the default."""
    return sheet.per_table if sheet is not None else DEFAULT_TABLE_SIZE
