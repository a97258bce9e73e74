"""texts.yaml's ``run_sheet``: the session plan as typed data, every mistake reported with its place.

Read by :func:`~.texts.read_texts`; apart from it because the session's plan (parts, minutes and their
reasons, the service's facts, the sensitive moments, the debrief's order) changes for other reasons than
the workshop's texts.
"""

from __future__ import annotations

import re
from typing import Any

from .checker import TITLE, Checker, describe, suggest
from .workshop import (
    DEFAULT_TABLE_SIZE,
    MAX_TABLE_SIZE,
    SERVICE_FIELDS,
    Moment,
    RunPart,
    RunSheet,
    Service,
)
from .yamlfile import Path_

MAX_MINUTES = 480
"""Minutes one part of a session may take at most: a whole working day."""

SLIDE_LISTS = {"ground_rules": (7, 150), "evaluation": (5, 150)}
"""Lists that stand on one slide of their own, read from the back of a room at 18 pt at least: how many items
and how many characters each (measured: seven rules of 150 fill the ground rules' slide)."""
MAX_PARTS = 14
"""Parts on the agenda slide at most (one line each at 18 pt or more)."""
READ_ALOUD = 500
SERVICE = 120
"""The read-aloud text and each of the service's facts share one slide."""

_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def clock_minutes(text: str) -> int:
    """ "13:30" → 810, minutes after midnight; ValueError unless the text is a time HH:MM (00:00–23:59)."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"'{text}' is not a time of day as HH:MM (00:00 to 23:59), e.g. 13:30")
    return int(match[1]) * 60 + int(match[2])


RUN_SHEET_KEYS = (
    "start",
    "per_table",
    "length",
    "prepare",
    "welcome",
    "read_aloud",
    "after",
    "service",
    "ground_rules",
    "sensitive_moments",
    "evaluation",
    "debrief",
)
PART_KEYS = (
    "see",
    "say",
    "do",
    "hand_out",
    "slides",
    "agenda",
    "why",
    "skip",
    "faster",
    "per_card_seconds",
    "per_person_seconds",
)
MAX_SESSION = 24 * 60
"""Minutes a session may be given at most (``length``)."""
MAX_SECONDS = 600
"""Seconds of work per card or per person at most: ten minutes a card is no longer a game."""


def read_run_sheet(c: Checker, raw: Any, anchors_used: list, t, long, placeholders) -> RunSheet | None:
    """The run sheet: parts with whole minutes and their script, an optional start time and length,
    participants per table, what to prepare, the start and the end of the session, the service's own
    facts, the ground rules, the sensitive moments, the evaluation and the debrief's order."""
    p: Path_ = ("run_sheet",)
    m = c.mapping(raw, p)
    if m is None:
        return None
    c.keys(m, p, ["parts"], list(RUN_SHEET_KEYS))
    start = _start(c, m, p)
    per_table = _whole(c, m, "per_table", p, DEFAULT_TABLE_SIZE, 1, MAX_TABLE_SIZE)
    parts = []
    for i, praw in enumerate(c.sequence(m.get("parts", []), p + ("parts",)) or []):
        pp = p + ("parts", i)
        if (pm := c.mapping(praw, pp)) is None:
            continue
        c.keys(pm, pp, ["title", "minutes"], list(PART_KEYS))
        see = c.text(pm, "see", pp, required=False)
        if see:
            anchors_used.append((pp + ("see",), see))
        slides = c.texts(pm, "slides", pp) if "slides" in pm else ()
        groups = c.printing.slide_groups
        for j, group in enumerate(slides if groups is not None else ()):
            if group not in groups:
                c.error(
                    pp + ("slides", j),
                    f"'{group}' is not a group of slides; one of: {', '.join(groups)}{suggest(group, groups)}",
                )
        parts.append(
            RunPart(
                t(pm, "title", pp),
                _whole(c, pm, "minutes", pp, 0, 1, MAX_MINUTES),
                see,
                say=long(pm, "say", pp, False),
                do=long(pm, "do", pp, False),
                hand_out=t(pm, "hand_out", pp, False),
                slides=tuple(g for g in slides if groups is None or g in groups),
                agenda=t(pm, "agenda", pp, False, TITLE),
                why=long(pm, "why", pp, False),
                skip=long(pm, "skip", pp, False),
                faster=long(pm, "faster", pp, False),
                per_card_seconds=_whole(c, pm, "per_card_seconds", pp, 0, 0, MAX_SECONDS),
                per_person_seconds=_whole(c, pm, "per_person_seconds", pp, 0, 0, MAX_SECONDS),
            )
        )
    if "parts" in m and not parts:
        c.error(p + ("parts",), "a run sheet needs at least one part")
    lists = {}
    for key in ("prepare", "welcome", "after", "ground_rules", "evaluation"):
        lists[key] = c.texts(m, key, p)
        for i, text in enumerate(lists[key]):
            placeholders(c, text, p + (key, i))
        if key in SLIDE_LISTS:
            most, chars = SLIDE_LISTS[key]
            if len(lists[key]) > most:
                c.error(p + (key,), f"{len(lists[key])} items; their slide holds {most}")
            for i, text in enumerate(lists[key]):
                c.limit(p + (key, i), chars)
                if len(text) > chars:
                    c.error(p + (key, i), f"{len(text)} characters; at most {chars} fit on its slide")
    if len(parts) > MAX_PARTS:
        c.error(p + ("parts",), f"{len(parts)} parts; the agenda slide holds {MAX_PARTS}")
    must, if_time = _debrief(c, m, p)
    return RunSheet(
        parts=tuple(parts),
        start=start,
        per_table=per_table,
        length=_whole(c, m, "length", p, 0, 1, MAX_SESSION),
        prepare=lists["prepare"],
        welcome=lists["welcome"],
        read_aloud=t(m, "read_aloud", p, False, READ_ALOUD),
        after=lists["after"],
        service=_service(c, m, p, t),
        ground_rules=lists["ground_rules"],
        sensitive=_moments(c, m, p, t, long, placeholders),
        evaluation=lists["evaluation"],
        must=must,
        if_time=if_time,
    )


def _start(c: Checker, m: dict, p: Path_) -> str:
    """``start``: a time HH:MM in quotes, or ""."""
    if "start" not in m:
        return ""
    value = m["start"]
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML reads an unquoted 13:30 as the number 810 (base 60).
        c.error(p + ("start",), 'write the time in quotes, e.g. start: "13:30"')
    elif not isinstance(value, str):
        c.error(p + ("start",), f"expected a time HH:MM in quotes, got {describe(value)}")
    else:
        try:
            clock_minutes(value)
            return value.strip()
        except ValueError as exc:
            c.error(p + ("start",), str(exc))
    return ""


def _service(c: Checker, m: dict, p: Path_, t) -> Service:
    """``service``: what the service fills in itself, each field optional (empty: a line to write on)."""
    if "service" not in m:
        return Service()
    sp = p + ("service",)
    sm = c.mapping(m["service"], sp) or {}
    c.keys(sm, sp, [], list(SERVICE_FIELDS))
    return Service(**{key: t(sm, key, sp, False, SERVICE) for key in SERVICE_FIELDS if sm.get(key) is not None})


def _moments(c: Checker, m: dict, p: Path_, t, long, placeholders) -> tuple[Moment, ...]:
    """``sensitive_moments``: each a text, or a moment with what may come up and what to say."""
    out = []
    for i, raw in enumerate(c.sequence(m.get("sensitive_moments", []), p + ("sensitive_moments",)) or []):
        mp = p + ("sensitive_moments", i)
        if isinstance(raw, dict):
            c.keys(raw, mp, ["moment"], ["comes_up", "say"])
            out.append(Moment(t(raw, "moment", mp), long(raw, "comes_up", mp, False), long(raw, "say", mp, False)))
        elif isinstance(raw, str) and raw.strip():
            out.append(Moment(placeholders(c, c.text({i: raw}, i, p + ("sensitive_moments",)), mp)))
        else:
            c.error(mp, f"expected a text or a moment with comes_up and say, got {describe(raw)}")
    return tuple(out)


def _debrief(c: Checker, m: dict, p: Path_) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``debrief``: the comparisons (attribute keys) that must be shown, and those shown if there is time; each
    once. The keys are checked against answers.yaml when the whole deck is read."""
    if "debrief" not in m:
        return (), ()
    dp = p + ("debrief",)
    dm = c.mapping(m["debrief"], dp) or {}
    c.keys(dm, dp, [], ["must", "if_time"])
    must, later = c.texts(dm, "must", dp), c.texts(dm, "if_time", dp)
    for key, items in (("must", must), ("if_time", later)):
        seen = set(must) if key == "if_time" else set()
        for i, item in enumerate(items):
            if item in seen or items.index(item) != i:
                c.error(dp + (key, i), f"'{item}' is named twice in the debrief's order")
            seen.add(item)
    return must, later


def _whole(c: Checker, m: dict, key: str, path: Path_, default: int, low: int, high: int) -> int:
    """A whole number within [low, high], or an error naming the range."""
    if key not in m:  # a required key that is missing was reported by Checker.keys
        return default
    value = m[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        c.error(path + (key,), f"expected a whole number from {low} to {high}, got {describe(value)}")
        return default
    return value
