"""Typographic quotes and apostrophes in every text a deck prints, converted once when the deck is loaded.

A trainer types ``risico's`` and ``"Dit wil ik niet"`` on a keyboard; a printed page wants
``risico’s`` and ``“Dit wil ik niet”``, beside the curly quotes the tool prints itself.
Converting the validated deck in one place means no renderer has to remember to do it.
Identifiers (keys, colour names, the pseudonym secret, patterns) are left exactly as typed.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Mapping
from pathlib import Path

from .model import Attribute, CardSize, Colour, Comparison, Correlation, Deck, Person, Series, Source
from .workshop import RunPart, RunSheet

_OPENS_AFTER = " \t\n([{‘“/–—-"
"""A straight quote after one of these (or at the start) opens; anywhere else it closes."""

_ELISION = re.compile(r"'(?=[stn]\b)")
"""An apostrophe at the start of a word that stands for left-out letters: ’s avonds, ’t, ’n."""


def curly(text: str) -> str:
    """``text`` with straight quotes made typographic: ' → ‘ ’ (and the apostrophe ’), " → “ ”."""
    if "'" not in text and '"' not in text:
        return text
    text = _ELISION.sub("’", text) if "'" in text else text
    out = []
    for i, ch in enumerate(text):
        if ch in "'\"":
            opens = i == 0 or text[i - 1] in _OPENS_AFTER
            if ch == "'":
                ch = "‘" if opens else "’"
            else:
                ch = "“" if opens else "”"
        out.append(ch)
    return "".join(out)


_KEEP: dict[type, frozenset[str]] = {
    Deck: frozenset({"name", "path", "language", "pseudonym_key", "files"}),
    Source: frozenset({"key", "marker"}),
    Attribute: frozenset({"key", "pattern"}),
    Series: frozenset({"key"}),
    Person: frozenset({"series"}),
    Comparison: frozenset({"attribute"}),
    Correlation: frozenset({"attribute"}),
    RunSheet: frozenset({"start", "must", "if_time"}),
    RunPart: frozenset({"see"}),
}
"""Fields that are identifiers, not printed text: kept exactly as the trainer typed them."""

_OPAQUE = (Colour, CardSize, Path, enum.Enum, int, float, bool, type(None))


def _convert(value, memo: dict[int, object]):
    """The value with every printed string converted; the same object when nothing changed."""
    if isinstance(value, str):
        return curly(value)
    if isinstance(value, _OPAQUE):
        return value
    if id(value) in memo:
        return memo[id(value)]
    if isinstance(value, tuple):
        items = tuple(_convert(v, memo) for v in value)
        result = value if all(a is b for a, b in zip(items, value, strict=True)) else items
    elif isinstance(value, Mapping):
        items = {k: _convert(v, memo) for k, v in value.items()}
        result = value if all(items[k] is v for k, v in value.items()) else items
    elif dataclasses.is_dataclass(value):
        keep = _KEEP.get(type(value), frozenset())
        changes = {}
        for f in dataclasses.fields(value):
            if f.name in keep:
                continue
            old = getattr(value, f.name)
            new = _convert(old, memo)
            if new is not old:
                changes[f.name] = new
        result = dataclasses.replace(value, **changes) if changes else value
    else:
        result = value
    memo[id(value)] = result
    return result


def typeset(deck: Deck) -> Deck:
    """The deck with typographic quotes in everything it prints (names and category values alike,
    consistently, so a pre-pseudonymised name still finds its person)."""
    return _convert(deck, {})
