"""Every person a text names must be on the cards: a name in texts.yaml or answers.yaml that no card carries.

The booklet tells the facilitator "van de persoon B. Bos staat er op de kaartjes …"; rename
B. Bos in persons.yaml, or pseudonymise B. Bos, and the booklet would send the group looking
for cards that do not exist. A name here is an initial, a full stop and a capitalised word
("B. Bos", "K. El Amrani", "B. Bos’s"); it must be the start of the name of a person printed
with a name (not pre-pseudonymised).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .checker import Checker
from .model import Person
from .yamlfile import Path_

MENTION = re.compile(
    r"(?<![\w.])([A-ZÀ-ÖØ-ÞŞİĞÇŁŚŻŹ])\. (?:(?:van|de|der|den|ten|ter|te|el|al|'t)[ -])*[A-ZÀ-ÖØ-ÞŞİĞÇŁŚŻŹ]"
)
"""Where a name starts in a text: an initial and a capitalised word after it (Dutch particles allowed)."""


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _word_end(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end].isalnum() or text[end] == "-")


def check_named(checkers: list[Checker], persons: list[Person], pseudonymised: set[str]) -> None:
    """Report, at its text, each name that is no person's, or a pre-pseudonymised person's (no card shows it)."""
    printed = sorted((p.name for p in persons if p.name not in pseudonymised), key=len, reverse=True)
    hidden = sorted(pseudonymised, key=len, reverse=True)
    for checker in checkers:
        for path, text in _strings(checker.doc.data, ()):
            for match in MENTION.finditer(text):
                start = match.start()
                if any(text.startswith(n, start) and _word_end(text, start + len(n)) for n in printed):
                    continue
                shown = re.match(r"[^\s,;:()]+(?: [^\s,;:()]+)?", text[start:])
                name = re.sub(r"(?:[’']s)?[.’']*$", "", shown.group(0) if shown else match.group(0))
                if found := next((n for n in hidden if text.startswith(n, start)), None):
                    checker.error(
                        path,
                        f"names '{found}', whose cards carry a pseudonym number, not the name; name a person printed"
                        " with a name, or take them off the pseudonymised list in deck.yaml",
                    )
                else:
                    checker.error(
                        path,
                        f"names '{name}', but no person in persons.yaml has that name; rename the text or the person",
                    )
