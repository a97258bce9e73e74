"""texts.yaml: every workshop text of the booklet and handouts, with only the placeholders the loader fills.

Placeholders are filled here, once, when the deck is read (:func:`fill_texts`), by a plain
substitution: ``{persons}`` becomes a number, ``{{`` and ``}}`` a brace. Nothing else in a
text is ever interpreted, so ``{persons:>999999999}``, ``{persons.__class__}`` or ``{0}``
are refused by ``check`` and could not reach ``str.format`` if they were not.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from .checker import LINE, PARAGRAPHS, TITLE, Checker, describe, suggest
from .model import Attribute, Person, Series
from .sessionplan import MAX_MINUTES, clock_minutes, read_run_sheet
from .workshop import Assignment, Question, StatementGroup, Task, Texts
from .yamlfile import Path_

TEXT_PLACEHOLDERS = frozenset({"persons", "persons_per_series", "attributes", "cards", "series", "number_box"})
"""Placeholders a workshop text may use; filled in from the deck when it is read."""

MAX_QUESTIONS = 6
QUESTION = 140
"""The part-2 questions share one A4 page in large type, 1–3 left and 4–6 right: at most six, each at most
this many characters (measured: six of 145 fill the page)."""

SHEET_INTRODUCTION = 600
"""The answer sheet's introduction shares its one A4 page with the table of every comparison."""

CAUTION = 120
"""The standing caution ("Een verband is nog geen oorzaak.") stands on every comparison slide in large type."""

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def values_for(
    persons: Sequence[Person], series: Sequence[Series], attributes: Sequence[Attribute], language_code: str
) -> dict:
    """The placeholders' values from the deck's parts, before the Deck itself exists."""
    from .language import language

    sizes = [sum(p.series == s.key for p in persons) for s in series]
    return {
        "persons": len(persons),
        "persons_per_series": sizes[0] if len(set(sizes)) == 1 else "/".join(map(str, sizes)),
        "attributes": len(attributes),
        "cards": len(persons) * len(attributes),
        "series": len(series),
        "number_box": language(language_code)["number_box"],
    }


def fill(text: str, values: dict[str, object]) -> str:
    """The text with ``{name}`` replaced by its value and ``{{ }}`` by braces; anything else left as written."""
    if "{" not in text and "}" not in text:
        return text

    def one(match: re.Match) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        return str(values[name]) if name in values else token

    return _TOKEN.sub(one, text)


def fill_texts(texts: Texts, values: dict[str, object]) -> Texts:
    """Every text of ``texts`` with its placeholders filled."""

    def walk(value):
        if isinstance(value, str):
            return fill(value, values)
        if isinstance(value, tuple):
            return tuple(walk(v) for v in value)
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value):
            return dataclasses.replace(
                value, **{f.name: walk(getattr(value, f.name)) for f in dataclasses.fields(value)}
            )
        return value

    return walk(texts)


def placeholders(c: Checker, text: str, path: Path_) -> str:
    """Report every brace that is not ``{{``, ``}}`` or a known ``{placeholder}``."""
    available = ", ".join(sorted(TEXT_PLACEHOLDERS))
    for match in _TOKEN.finditer(text):
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            continue
        if name is None:
            c.error(path, f"a lone {token} in the text; write {token}{token} for a brace")
        elif name not in TEXT_PLACEHOLDERS:
            if (base := re.split(r"[^A-Za-z_]", name, maxsplit=1)[0]) in TEXT_PLACEHOLDERS:
                c.error(path, f"{{{name}}}: a placeholder is just {{{base}}}, without a format, index or attribute")
            else:
                c.error(path, f"unknown placeholder {{{name}}}; available: {available}")
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

    def t(m: dict, key: str, path: Path_, required: bool = True, limit: int = LINE) -> str:
        return placeholders(c, c.text(m, key, path, required=required, limit=limit), path + (key,))

    def long(m: dict, key: str, path: Path_, required: bool = True) -> str:
        """A text of paragraphs."""
        return t(m, key, path, required, PARAGRAPHS)

    def lines(m: dict, key: str, path: Path_) -> tuple[str, ...]:
        items = c.texts(m, key, path)
        for i, item in enumerate(items):
            placeholders(c, item, path + (key, i))
        return items

    booklet = section("booklet", ["title", "introduction"])
    part1 = section(
        "part1",
        ["title", "introduction", "inks_explanation", "markers_explanation", "assignments"],
        ["assignments_intro"],
    )
    sheet = section("answer_sheet", ["title", "introduction"], ["footnotes", "caution"])
    part2 = section("part2", ["title", "introduction", "questions", "statements"], ["statements_intro", "pick"])
    anchors_used: list[tuple[Path_, str]] = []

    assignments = []
    for i, raw in enumerate(c.sequence(part1.get("assignments", []), ("part1", "assignments")) or []):
        p = ("part1", "assignments", i)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(m, p, ["key", "title", "tasks"], ["explanation", "questions", "slide_title"])
        tasks = []
        for j, traw in enumerate(c.sequence(m.get("tasks", []), p + ("tasks",)) or []):
            tp = p + ("tasks", j)
            if (tm := c.mapping(traw, tp)) is not None:
                c.keys(tm, tp, ["task"], ["key", "see", "prompt", "look_for", "steps"])
                see = c.text(tm, "see", tp, required=False)
                tasks.append(
                    Task(
                        c.text(tm, "key", tp, required=False),
                        t(tm, "task", tp),
                        see,
                        prompt=t(tm, "prompt", tp, False),
                        look_for=long(tm, "look_for", tp, False),
                        steps=_steps(c, tm, tp, lines),
                    )
                )
                if see:
                    anchors_used.append((tp + ("see",), see))
        questions = []
        for j, qraw in enumerate(c.sequence(m.get("questions", []), p + ("questions",)) or []):
            qp = p + ("questions", j)
            if (qm := c.mapping(qraw, qp)) is not None:
                c.keys(qm, qp, ["question"], ["answer", "note"])
                questions.append(
                    Question(t(qm, "question", qp), long(qm, "answer", qp, False), t(qm, "note", qp, False))
                )
        assignments.append(
            Assignment(
                c.text(m, "key", p),
                t(m, "title", p, limit=TITLE),
                tuple(tasks),
                long(m, "explanation", p, False),
                tuple(questions),
                slide_title=t(m, "slide_title", p, False, TITLE),
            )
        )

    statements = []
    for i, raw in enumerate(c.sequence(part2.get("statements", []), ("part2", "statements")) or []):
        p = ("part2", "statements", i)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(m, p, ["stem", "items"], ["theme"])
        items = lines(m, "items", p)
        if not items:
            c.error(p + ("items",), "a statement group needs at least one item")
        statements.append(StatementGroup(c.text(m, "theme", p, required=False), t(m, "stem", p), items))

    pick = _pick(c, part2, sum(len(g.items) for g in statements))
    questions = lines(part2, "questions", ("part2",)) if "questions" in part2 else ()
    if len(questions) > MAX_QUESTIONS:
        c.error(("part2", "questions"), f"{len(questions)} questions; the questions page holds {MAX_QUESTIONS}")
    for i, question in enumerate(questions):
        c.limit(("part2", "questions", i), QUESTION)
        if len(question) > QUESTION:
            c.error(
                ("part2", "questions", i), f"{len(question)} characters; at most {QUESTION} fit on the questions page"
            )
    notes = c.mapping(sheet.get("footnotes", {}), ("answer_sheet", "footnotes")) or {}
    footnotes = {str(k): t(notes, k, ("answer_sheet", "footnotes")) for k in notes}
    run_sheet = (
        read_run_sheet(
            c, root["run_sheet"], anchors_used, t, long, placeholders, tuple(f"assignment-{a.key}" for a in assignments)
        )
        if "run_sheet" in root
        else None
    )
    places = c.printing.booklet_places
    anchors = set(places or ()) | {f"assignment-{a.key}" for a in assignments}
    for path, anchor in anchors_used if places is not None else ():
        if anchor not in anchors:
            c.error(
                path,
                f"'{anchor}' is not a place in the booklet; one of: {', '.join(sorted(anchors))}{suggest(anchor, anchors)}",
            )
    return Texts(
        booklet_title=t(booklet, "title", ("booklet",), limit=TITLE),
        introduction=long(booklet, "introduction", ("booklet",)),
        part1_title=t(part1, "title", ("part1",), limit=TITLE),
        part1_introduction=long(part1, "introduction", ("part1",)),
        inks_explanation=long(part1, "inks_explanation", ("part1",)),
        markers_explanation=long(part1, "markers_explanation", ("part1",)),
        assignments_intro=long(part1, "assignments_intro", ("part1",), False),
        assignments=tuple(assignments),
        answer_sheet_title=t(sheet, "title", ("answer_sheet",), limit=TITLE),
        answer_sheet_introduction=t(sheet, "introduction", ("answer_sheet",), limit=SHEET_INTRODUCTION),
        footnotes=footnotes,
        answer_sheet_caution=t(sheet, "caution", ("answer_sheet",), required=False, limit=CAUTION),
        part2_title=t(part2, "title", ("part2",), limit=TITLE),
        part2_introduction=long(part2, "introduction", ("part2",)),
        questions=questions,
        statements_intro=long(part2, "statements_intro", ("part2",), False),
        statements=tuple(statements),
        pick=pick,
        run_sheet=run_sheet,
    )


MAX_STEPS, STEP = 6, 120
"""A task's steps share its exercise's slide with the task, in type read from the back of a room: at most six,
each at most this many characters."""


def _steps(c: Checker, m: dict, path: Path_, lines) -> tuple[str, ...]:
    """``steps``: what the participants do, one short line each, as many as the slide holds."""
    steps = lines(m, "steps", path) if "steps" in m else ()
    if len(steps) > MAX_STEPS:
        c.error(path + ("steps",), f"{len(steps)} steps; the exercise's slide holds {MAX_STEPS}")
    for i, step in enumerate(steps):
        c.limit(path + ("steps", i), STEP)
        if len(step) > STEP:
            c.error(path + ("steps", i), f"{len(step)} characters; at most {STEP} fit on the exercise's slide")
    return steps


def _pick(c: Checker, part2: dict, total: int) -> tuple[int, ...]:
    """``pick``: statement numbers (1 to the number of statements), each once."""
    if "pick" not in part2:
        return ()
    p: Path_ = ("part2", "pick")
    out: list[int] = []
    for i, value in enumerate(c.sequence(part2["pick"], p, "a list of statement numbers") or []):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= total:
            c.error(p + (i,), f"expected a statement number from 1 to {total}, got {describe(value)}")
        elif value in out:
            c.error(p + (i,), f"statement {value} is picked twice")
        else:
            out.append(value)
    return tuple(out)


__all__ = ["MAX_MINUTES", "clock_minutes", "fill_texts", "read_texts", "values_for"]
