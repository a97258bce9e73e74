"""Small validators over one YAML file: each failure becomes a located Problem and a None result."""

from __future__ import annotations

import contextlib
import difflib
import math
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from ..errors import Problem, short
from .paperchecks import Printing, TextCheck
from .reason import Reason
from .yamlfile import Doc, Path_, field_name

MAX_MAGNITUDE = 1e12
"""No number in a deck is larger than this (in either direction): a figure beyond a
trillion is a typo, and floats stop counting whole units exactly not far above it."""

TITLE = 80
"""Characters a title or subtitle may have (the title stands on every card back and in every PDF)."""

LABEL = 40
"""Characters a series label may have: large on its card backs (two lines fit 60 on the smallest preset),
on the cover's card and in file names."""

LINE = 300
"""Characters a one-line text may have (a label, a name, a wording in a table cell)."""

PARAGRAPHS = 20_000
"""Characters a text of paragraphs may have (an introduction, an explanation)."""


TextLimits = dict[tuple[str, Path_], tuple[int, bool]]
"""(file label, path) → (the most characters the text may have, whether it must not be empty)."""

_READ: ContextVar[TextLimits | None] = ContextVar("texts_read", default=None)


@contextlib.contextmanager
def recording_texts() -> Iterator[TextLimits]:
    """Every text the Checkers read inside this block, with its limit as the loader enforces it, in reading order:
    the workspace's texts form offers exactly these, with exactly these limits."""
    read: TextLimits = {}
    token = _READ.set(read)
    try:
        yield read
    finally:
        _READ.reset(token)


class Checker:
    """Small validators over one Doc; each failure becomes a Problem and a None result."""

    def __init__(self, doc: Doc, problems: list[Problem], printing: Printing | None = None):
        self.doc = doc
        self.problems = problems
        self.printing = printing or Printing()
        """What the documents the deck prints into check (see :mod:`.paperchecks`)."""

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.doc.label, self.doc.line(path), field_name(path), message))

    def mapping(self, value: Any, path: Path_, what: str = "a mapping of keys to values") -> dict | None:
        if isinstance(value, dict):
            return value
        self.error(path, f"expected {what}, got {describe(value)}")
        return None

    def sequence(self, value: Any, path: Path_, what: str = "a list") -> list | None:
        if isinstance(value, list):
            return value
        self.error(path, f"expected {what}, got {describe(value)}")
        return None

    def keys(self, m: dict, path: Path_, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        """Report missing required keys and unknown ones (typos), with a suggestion."""
        required = list(required)
        allowed = required + list(optional)
        for key in m:
            if key not in allowed:
                self.error(path + (key,), f"unknown key '{key}'{suggest(str(key), allowed)}")
        for key in required:
            if key not in m:
                self.error(path, f"missing required key '{key}'")

    def text(
        self,
        m: dict,
        key: str,
        path: Path_,
        *,
        required: bool = True,
        default: str = "",
        limit: int = LINE,
        printed: bool = True,
    ) -> str:
        """The text at ``key``, within ``limit`` characters and, where it is ``printed``, one the font can print
        (a text never printed, the pseudonym key, is only bounded in length)."""
        if key not in m:
            return default
        value = m[key]
        if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
            self.error(path + (key,), f"expected text, got {describe(value)}")
            return default
        self.limit(path + (key,), limit, required)
        text = str(value).strip() if isinstance(value, str) else str(value)
        if required and not text:
            self.error(path + (key,), Reason("must not be empty", "empty"))
        if not printed and len(text) > limit:
            self.error(path + (key,), f"{len(text):,} characters; at most {limit:,}")
            return default
        if printed and (problem := text_problem(text, limit, self.printing.printable)):
            self.error(path + (key,), problem)
            return default
        return text

    def number(
        self,
        m: dict,
        key: str,
        path: Path_,
        default: float | None = None,
        *,
        low: float = -MAX_MAGNITUDE,
        high: float = MAX_MAGNITUDE,
        whole: bool = False,
    ) -> float | None:
        """The number at ``key``, finite and within ``low``–``high`` (a whole number if ``whole``), else default."""
        if key not in m:
            return default
        value = m[key]
        if problem := number_problem(value, low, high, whole):
            self.error(path + (key,), problem)
            return default
        return value

    def choice(self, m: dict, key: str, path: Path_, options: Iterable[str], default: str | None = None) -> str | None:
        if key not in m:
            return default
        options = list(options)
        value = m[key]
        if not isinstance(value, str) or value not in options:
            self.error(path + (key,), f"'{value}' is not one of: {', '.join(options)}{suggest(str(value), options)}")
            return None
        return value

    def texts(self, m: dict, key: str, path: Path_) -> tuple[str, ...]:
        seq = self.sequence(m.get(key, []), path + (key,), "a list of texts")
        out = []
        for i, item in enumerate(seq or []):
            if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
                self.error(path + (key, i), f"expected a text, got {describe(item)}")
            elif problem := text_problem(str(item).strip(), LINE, self.printing.printable):
                self.error(path + (key, i), problem)
            else:
                self.limit(path + (key, i), LINE, True)
                out.append(str(item).strip())
        return tuple(out)

    def limit(self, path: Path_, limit: int, required: bool = True) -> None:
        """Record a text's limit for :func:`recording_texts` (a rule stricter than its reading states it again)."""
        if (read := _READ.get()) is not None:
            read[(self.doc.label, path)] = (limit, required)


_LONG_NUMBER = re.compile(r"[-+]?[0-9]{16,}(?:[.,][0-9]+)?")
"""Plain digits, more of them than a number in a deck may have (see persons.py)."""


def too_many_digits(value: Any, low: float, high: float, whole: bool = False) -> str | None:
    """The message for a number written in plain digits, only too many of them (the loader keeps those as text);
    None for anything else."""
    if isinstance(value, str) and _LONG_NUMBER.fullmatch(value.strip()):
        digits = sum(ch.isdigit() for ch in value)
        what = "a whole number" if whole else "a number"
        return f"a number of {digits:,} digits ('{value.strip()[:12]}…'), too large: expected {what} from {low:g} to {high:g}"
    return None


def number_problem(value: Any, low: float, high: float, whole: bool = False) -> str | None:
    """Why ``value`` is not a usable number from ``low`` to ``high``, or None."""
    if long := too_many_digits(value, low, high, whole):
        return long
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = "; write it in plain digits, like 1000 or 2.5" if isinstance(value, str) and value[:1].isdigit() else ""
        return f"expected a number, got {describe(value)}{hint}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a number, got {value}"
    if whole and value != int(value):
        return f"expected a whole number from {low:g} to {high:g}, got {value:g}"
    if not low <= value <= high:
        what = "a whole number" if whole else "a number"
        return f"expected {what} from {low:g} to {high:g}, got {value:g}"
    return None


def text_problem(text: str, limit: int, printable: TextCheck | None = None) -> str | None:
    """Why ``text`` cannot be printed (too long, or what ``printable`` finds), or None."""
    if len(text) > limit:
        message = f"{len(text):,} characters; at most {limit:,} fit where this text is printed"
        return Reason(message, "too_long", length=len(text), limit=limit)
    return printable(text) if printable else None


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no value '{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text '{short(value, 60)}'"
    if isinstance(value, (int, float)):
        return f"number {value}"
    return f"'{value}' ({type(value).__name__})"


def suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
