"""texts.yaml: every workshop text of the booklet and handouts, with only the placeholders the booklet fills."""

from __future__ import annotations

import re
import string
from typing import Any

from .checker import Checker, describe, suggest
from .model import ANCHORS, Assignment, Deck, Question, RunPart, RunSheet, StatementGroup, Task, Texts
from .yamlfile import Path_

TEXT_PLACEHOLDERS = frozenset({"persons", "persons_per_series", "attributes", "cards", "series", "number_box"})
"""Placeholders a workshop text may use; the booklet fills them in from the deck."""

MAX_MINUTES = 480
"""Minutes one part of a session may take at most: a whole working day."""


def placeholder_values(deck: Deck) -> dict[str, object]:
    """What each placeholder stands for in this deck ({persons_per_series} → 10, {number_box} → nr.)."""
    from .language import language

    sizes = [len(deck.persons_in(s)) for s in deck.series]
    return {
        "persons": len(deck.persons),
        "persons_per_series": sizes[0] if len(set(sizes)) == 1 else "/".join(map(str, sizes)),
        "attributes": len(deck.attributes),
        "cards": deck.card_count,
        "series": len(deck.series),
        "number_box": language(deck.language)["number_box"],
    }


_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def clock_minutes(text: str) -> int:
    """ "13:30" → 810, minutes after midnight; ValueError unless the text is a time HH:MM (00:00–23:59)."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"'{text}' is not a time of day as HH:MM (00:00 to 23:59), e.g. 13:30")
    return int(match[1]) * 60 + int(match[2])


def placeholders(c: Checker, text: str, path: Path_) -> str:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        c.error(path, f"a lone {{ or }} in the text ({exc}); write {{{{ or }}}} for a brace")
        return text
    for name in names - TEXT_PLACEHOLDERS:
        c.error(path, f"unknown placeholder {{{name}}}; available: {', '.join(sorted(TEXT_PLACEHOLDERS))}")
    return text


def read_texts(c: Checker, data: Any) -> Texts | None:
    root = c.mapping(data, ())
    if root is None:
        return None
    c.keys(root, (), ["booklet", "part1", "answer_sheet", "part2"], ["run_sheet"])

    def section(key: str, required: list[str], optional: list[str] = ()) -> dict:
        m = c.mapping(root.get(key, {}), (key,)) or {}
        if key in root:
            c.keys(m, (key,), required, optional)
        return m

    def t(m: dict, key: str, path: Path_, required: bool = True) -> str:
        return placeholders(c, c.text(m, key, path, required=required), path + (key,))

    anchors_used: list[tuple[Path_, str]] = []
    booklet = section("booklet", ["title", "introduction"])
    part1 = section(
        "part1",
        ["title", "introduction", "inks_explanation", "markers_explanation", "assignments"],
        ["assignments_intro"],
    )
    sheet = section("answer_sheet", ["title", "introduction"], ["footnotes"])
    part2 = section("part2", ["title", "introduction", "questions", "statements"], ["statements_intro"])

    assignments = []
    for i, raw in enumerate(c.sequence(part1.get("assignments", []), ("part1", "assignments")) or []):
        p = ("part1", "assignments", i)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(m, p, ["key", "title", "tasks"], ["explanation", "questions"])
        tasks = []
        for j, traw in enumerate(c.sequence(m.get("tasks", []), p + ("tasks",)) or []):
            tp = p + ("tasks", j)
            if (tm := c.mapping(traw, tp)) is not None:
                c.keys(tm, tp, ["task"], ["key", "see"])
                see = c.text(tm, "see", tp, required=False)
                tasks.append(Task(c.text(tm, "key", tp, required=False), t(tm, "task", tp), see))
                if see:
                    anchors_used.append((tp + ("see",), see))
        questions = []
        for j, qraw in enumerate(c.sequence(m.get("questions", []), p + ("questions",)) or []):
            qp = p + ("questions", j)
            if (qm := c.mapping(qraw, qp)) is not None:
                c.keys(qm, qp, ["question"], ["answer", "note"])
                questions.append(Question(t(qm, "question", qp), t(qm, "answer", qp, False), t(qm, "note", qp, False)))
        assignments.append(
            Assignment(
                c.text(m, "key", p), t(m, "title", p), tuple(tasks), t(m, "explanation", p, False), tuple(questions)
            )
        )

    statements = []
    for i, raw in enumerate(c.sequence(part2.get("statements", []), ("part2", "statements")) or []):
        p = ("part2", "statements", i)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(m, p, ["stem", "items"], ["theme"])
        items = c.texts(m, "items", p)
        if not items:
            c.error(p + ("items",), "a statement group needs at least one item")
        statements.append(StatementGroup(c.text(m, "theme", p, required=False), t(m, "stem", p), items))

    run_sheet = _run_sheet(c, root["run_sheet"], anchors_used) if "run_sheet" in root else None
    anchors = set(ANCHORS) | {f"assignment-{a.key}" for a in assignments}
    for path, anchor in anchors_used:
        if anchor not in anchors:
            c.error(
                path,
                f"'{anchor}' is not a place in the booklet; one of: {', '.join(sorted(anchors))}{suggest(anchor, anchors)}",
            )
    questions = c.texts(part2, "questions", ("part2",)) if "questions" in part2 else ()
    footnotes = {
        str(k): str(v).strip()
        for k, v in (c.mapping(sheet.get("footnotes", {}), ("answer_sheet", "footnotes")) or {}).items()
    }
    return Texts(
        booklet_title=t(booklet, "title", ("booklet",)),
        introduction=t(booklet, "introduction", ("booklet",)),
        part1_title=t(part1, "title", ("part1",)),
        part1_introduction=t(part1, "introduction", ("part1",)),
        inks_explanation=t(part1, "inks_explanation", ("part1",)),
        markers_explanation=t(part1, "markers_explanation", ("part1",)),
        assignments_intro=t(part1, "assignments_intro", ("part1",), False),
        assignments=tuple(assignments),
        answer_sheet_title=t(sheet, "title", ("answer_sheet",)),
        answer_sheet_introduction=t(sheet, "introduction", ("answer_sheet",)),
        footnotes=footnotes,
        part2_title=t(part2, "title", ("part2",)),
        part2_introduction=t(part2, "introduction", ("part2",)),
        questions=questions,
        statements_intro=t(part2, "statements_intro", ("part2",), False),
        statements=tuple(statements),
        run_sheet=run_sheet,
    )


def _run_sheet(c: Checker, raw: Any, anchors_used: list) -> RunSheet | None:
    """The run sheet: parts with whole minutes, an optional start time, participants per table, what to prepare."""
    p: Path_ = ("run_sheet",)
    m = c.mapping(raw, p)
    if m is None:
        return None
    c.keys(m, p, ["parts"], ["start", "per_table", "prepare"])
    start = ""
    if "start" in m:
        value = m["start"]
        if isinstance(value, int) and not isinstance(value, bool):
            # YAML reads an unquoted 13:30 as the number 810 (base 60).
            c.error(p + ("start",), 'write the time in quotes, e.g. start: "13:30"')
        elif not isinstance(value, str):
            c.error(p + ("start",), f"expected a time HH:MM in quotes, got {describe(value)}")
        else:
            try:
                clock_minutes(value)
                start = value.strip()
            except ValueError as exc:
                c.error(p + ("start",), str(exc))
    per_table = _whole(c, m, "per_table", p, 4, 1, 50)
    parts = []
    for i, praw in enumerate(c.sequence(m.get("parts", []), p + ("parts",)) or []):
        pp = p + ("parts", i)
        if (pm := c.mapping(praw, pp)) is None:
            continue
        c.keys(pm, pp, ["title", "minutes"], ["see"])
        see = c.text(pm, "see", pp, required=False)
        if see:
            anchors_used.append((pp + ("see",), see))
        title = placeholders(c, c.text(pm, "title", pp), pp + ("title",))
        parts.append(RunPart(title, _whole(c, pm, "minutes", pp, 0, 1, MAX_MINUTES), see))
    if "parts" in m and not parts:
        c.error(p + ("parts",), "a run sheet needs at least one part")
    prepare = tuple(placeholders(c, text, p + ("prepare", i)) for i, text in enumerate(c.texts(m, "prepare", p)))
    return RunSheet(parts=tuple(parts), start=start, per_table=per_table, prepare=prepare)


def _whole(c: Checker, m: dict, key: str, path: Path_, default: int, low: int, high: int) -> int:
    """A whole number within [low, high], or an error naming the range."""
    if key not in m:  # a required key that is missing was reported by Checker.keys
        return default
    value = m[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        c.error(path + (key,), f"expected a whole number from {low} to {high}, got {describe(value)}")
        return default
    return value
