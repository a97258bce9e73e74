"""Patterns for code attributes, matched by RE2, an engine that cannot backtrack.

Python's ``re`` backtracks: ``(a+)+b`` against forty a's runs for hours, and nothing can
interrupt it. A ``pattern`` in deck.yaml is therefore compiled by RE2 (Google's
``google-re2``), which matches in time linear in the value's length whatever the pattern.
Its syntax is Python's for everything a code needs (literals, ``.``, classes, ``\\d \\w \\s``,
groups, ``|``, ``* + ? {n,m}``); what only a backtracking engine can do (back-references,
look-arounds) is refused with RE2's own reason, as are patterns over :data:`MAX_PATTERN`
characters and those whose automaton would need more than :data:`MAX_MEMORY` bytes.
"""

from __future__ import annotations

from functools import lru_cache

MAX_PATTERN = 200
"""Characters a pattern may have."""

MAX_MEMORY = 1 << 20
"""Bytes RE2 may use for one compiled pattern: ample for a code, small enough that ``(a{100}){100}`` is refused."""


class PatternError(ValueError):
    """A pattern this tool does not accept; the message says why."""


@lru_cache(maxsize=256)
def compile_pattern(text: str):
    """The compiled pattern; PatternError says what is not accepted."""
    import re2

    if len(text) > MAX_PATTERN:
        raise PatternError(f"a pattern may have at most {MAX_PATTERN} characters; this one has {len(text)}")
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
