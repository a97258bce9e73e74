"""Patterns for code attributes, matched by RE2, an engine that cannot backtrack.

Python's ``re`` backtracks: ``(a+)+b`` against forty a's runs for hours, and nothing can
interrupt it. A ``pattern`` in deck.yaml is therefore compiled by RE2 (Google's
``google-re2``), which matches in time linear in the value's length whatever the pattern.
Its syntax is Python's for everything a code needs (literals, ``.``, classes, ``\\d \\w \\s``,
groups, ``|``, ``* + ? {n,m}``); what only a backtracking engine can do (back-references,
look-arounds) is refused with RE2's own reason, as are patterns over :data:`MAX_PATTERN`
characters and those whose automaton would need more than :data:`MAX_MEMORY` bytes.

Where RE2 cannot load (the web edition, in the browser tab), Python's ``re`` compiles the same
patterns, and refuses what RE2 refuses by syntax (back-references, look-arounds, atomic groups,
possessive repeats, repeats over 1000): a deck the browser accepts is one the CLI accepts. A pattern
that backtracks there is stopped by the tab, which ends the worker the work runs in past a time bound.
"""

from __future__ import annotations

from functools import lru_cache

MAX_PATTERN = 200
"""Characters a pattern may have."""

MAX_MEMORY = 1 << 20
"""Bytes RE2 may use for one compiled pattern: ample for a code, small enough that ``(a{100}){100}`` is refused."""


class PatternError(ValueError):
    """A pattern this tool does not accept; the message says why."""


MAX_REPEAT = 1000
"""RE2's largest repeat count, kept by the ``re`` fallback too."""


@lru_cache(maxsize=256)
def compile_pattern(text: str):
    """The compiled pattern; PatternError says what is not accepted."""
    if len(text) > MAX_PATTERN:
        raise PatternError(f"a pattern may have at most {MAX_PATTERN} characters; this one has {len(text)}")
    try:
        import re2
    except ImportError:
        return _compile_re(text)
    options = re2.Options()
    options.log_errors = False  # the reason goes into the message, not to the terminal
    options.max_mem = MAX_MEMORY
    try:
        return re2.compile(text, options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"{reason} (RE2 runs no back-references or look-arounds)") from None


def fullmatch(pattern: str, text: str) -> bool:
    """Does the whole of ``text`` match ``pattern``? (The pattern was accepted by ``compile_pattern``.)"""
    return compile_pattern(pattern).fullmatch(text) is not None


BEYOND_RE2 = ("(?=", "(?!", "(?<=", "(?<!", "(?>", "(?P=", "(?(")
"""Group openings of what Python's ``re`` runs and RE2 does not: look-arounds, atomic groups, named back-references
and conditionals."""


def _compile_re(text: str):
    """``text`` by Python's ``re`` where RE2 is absent, refusing what RE2 refuses by its syntax."""
    import re

    _refuse_beyond_re2(text)
    try:
        return re.compile(text)
    except re.error as exc:
        raise PatternError(exc.msg) from None


def _refuse_beyond_re2(text: str) -> None:
    """Read the pattern as RE2 would, outside character classes: back-references (``\\1``), the groups of
    :data:`BEYOND_RE2`, possessive repeats (``a++``) and counts over :data:`MAX_REPEAT`."""
    beyond = "back-references, look-arounds and atomic groups are not accepted (RE2 runs none)"
    i, in_class = 0, False
    while i < len(text):
        char = text[i]
        if char == "\\":
            if text[i + 1 : i + 2].isdigit() and text[i + 1] != "0":  # in a class too: RE2 takes no octal
                raise PatternError(beyond)
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 + (text[i + 1 : i + 2] == "^")
            i += text[i : i + 1] == "]"  # a "]" first in a class is one of its letters
            continue
        elif (char == "(" and text.startswith(BEYOND_RE2, i)) or (char in "*+?}" and text[i + 1 : i + 2] == "+"):
            raise PatternError(beyond)  # a group RE2 has not, or a possessive repeat
        elif char == "{" and (count := _repeat_count(text, i)) is not None and count > MAX_REPEAT:
            raise PatternError(f"bad repetition operator: a count may be at most {MAX_REPEAT}")
        i += 1


def _repeat_count(text: str, at: int) -> int | None:
    """The largest number of a repeat ``{n}``, ``{n,}`` or ``{n,m}`` at ``at``; None where ``{`` is a letter."""
    end = text.find("}", at)
    inside = text[at + 1 : end] if end > at else ""
    numbers = inside.split(",")
    if not inside or len(numbers) > 2 or not all(n.isdigit() for n in numbers if n) or not numbers[0]:
        return None
    return max(int(n) for n in numbers if n)
