"""texts.yaml as plain typed data: the workshop's texts, from the booklet's introduction to the run sheet.

Validated once by :mod:`.texts`, read by the renderers through ``Deck.texts``; apart from
:mod:`.model` because the deck's people and figures and the session's words change for
different reasons.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


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


@dataclass(frozen=True)
class RunSheet:
    """The run sheet (draaiboek): the session's parts with their minutes, and what to prepare."""

    parts: tuple[RunPart, ...]
    start: str = ""
    """The deck's own start time, "HH:MM"; "" for none (``build --start`` overrides it)."""
    per_table: int = 4
    """Participants at one table; one card set per table."""
    prepare: tuple[str, ...] = ()
    """What to do before the session, in order."""
    ground_rules: tuple[str, ...] = ()
    """The ground rules for a room of clients and staff, read aloud at the welcome."""
    sensitive: tuple[str, ...] = ()
    """Moments that need care, each with what to do."""
    evaluation: tuple[str, ...] = ()
    """The closing's evaluation questions."""

    @property
    def minutes(self) -> int:
        """The whole session."""
        return sum(p.minutes for p in self.parts)


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
