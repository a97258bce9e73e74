"""texts.yaml: every workshop text of the booklet and handouts, with only the placeholders the booklet fills."""

from __future__ import annotations

import string
from typing import Any

from .checker import Checker
from .model import Assignment, Deck, Question, StatementGroup, Task, Texts
from .yamlfile import Path_

TEXT_PLACEHOLDERS = frozenset({"persons", "persons_per_series", "attributes", "cards", "series"})
"""Placeholders a workshop text may use; the booklet fills them in from the deck."""


def placeholder_values(deck: Deck) -> dict[str, object]:
    """What each placeholder stands for in this deck ({persons_per_series} → 10)."""
    sizes = [len(deck.persons_in(s)) for s in deck.series]
    return {
        "persons": len(deck.persons),
        "persons_per_series": sizes[0] if len(set(sizes)) == 1 else "/".join(map(str, sizes)),
        "attributes": len(deck.attributes),
        "cards": deck.card_count,
        "series": len(deck.series),
    }


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
    c.keys(root, (), ["booklet", "part1", "answer_sheet", "part2"])

    def section(key: str, required: list[str], optional: list[str] = ()) -> dict:
        m = c.mapping(root.get(key, {}), (key,)) or {}
        if key in root:
            c.keys(m, (key,), required, optional)
        return m

    def t(m: dict, key: str, path: Path_, required: bool = True) -> str:
        return placeholders(c, c.text(m, key, path, required=required), path + (key,))

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
                c.keys(tm, tp, ["task"], ["key"])
                tasks.append(Task(c.text(tm, "key", tp, required=False), t(tm, "task", tp)))
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
    )
