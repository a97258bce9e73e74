"""Every person a text names must be on the cards: a name in texts.yaml or answers.yaml that no card carries.

The booklet tells the facilitator "van de persoon B. Bos staat er op de kaartjes …"; rename
B. Bos in persons.yaml, or pseudonymise B. Bos, and the booklet would send the group looking
for cards that do not exist.

A name in a text is an initial, a full stop and a surname: the surname of a person of the deck,
one of the common surnames generate draws from (``data/names.yaml``) or a well-known name's, or
any capitalised word after a lowercase particle ("L. de Graaf"). "Kaarten van reeks A. Daarna
…" ends a sentence with a label; "Daarna" is no one's surname, so it is no name. A name must be
that of a person printed with a name (not pre-pseudonymised). A name no deck and no list knows
("Z. Zwartendijk" after it was renamed) is not recognised: better a name missed than an ordinary
sentence refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .checker import Checker
from .model import Person
from .reason import Reason
from .yamlfile import Path_, load_data

CAPITAL = "A-ZÀ-ÖØ-ÞŞİĞÇŁŚŻŹĆŃÓ"
"""Capitals a name's initial and surname start with (Dutch, Turkish and Polish names among them)."""

INITIAL = re.compile(rf"(?<![\w.])[{CAPITAL}]\. (?=\S)")
"""Where a name may start: a capital with a full stop and a space, not inside a word or a row of initials."""

PARTICLE = re.compile(rf"(?:(?:van|de|der|den|ten|ter|te|el|al|'t)[ -])+[{CAPITAL}][\w-]*")
"""A surname with lowercase particles ("de Graaf", "van der Meer"): a name in any sentence."""

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Mention:
    """A name a text gives that no card carries."""

    path: Path_
    """Where the text is, in its file."""
    name: str
    """The name as the text writes it ("B. Bos")."""
    hidden: bool
    """A pre-pseudonymised person's name: their cards carry a number, not the name."""


@cache
def common_surnames() -> frozenset[str]:
    """The surnames generate draws from, and those of the well-known names (what check warns about)."""
    names = load_data(DATA / "names.yaml")
    known = load_data(DATA / "well_known_names.yaml")
    out = {s for group in names["groups"].values() for s in group["surnames"]}
    out |= {str(n["name"]).split(". ", 1)[1] for n in known["names"] if ". " in str(n["name"])}
    return frozenset(out)


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end].isalnum() or text[end] in "-_")


def _at(text: str, start: int, options: Iterable[str]) -> str | None:
    """The longest of ``options`` written at ``start`` as whole words, if any."""
    found = [o for o in options if text.startswith(o, start) and _ends_word(text, start + len(o))]
    return max(found, key=len) if found else None


def mentions(data: Any, persons: Iterable[Person], pseudonymised: set[str]) -> list[Mention]:
    """Each name in ``data`` (a texts.yaml or answers.yaml, as read) that no card carries, where it stands."""
    names = [p.name for p in persons]
    printed = [n for n in names if n not in pseudonymised]
    hidden = [n for n in names if n in pseudonymised]
    surnames = common_surnames() | {n.split(". ", 1)[1] for n in names if ". " in n}
    out = []
    for path, text in _strings(data, ()):
        for match in INITIAL.finditer(text):
            start, rest = match.start(), match.end()
            if _at(text, start, printed):
                continue
            if found := _at(text, start, hidden):
                out.append(Mention(path, found, True))
            elif surname := _at(text, rest, surnames) or _particled(text, rest):
                out.append(Mention(path, text[start:rest] + surname, False))
    return out


def _particled(text: str, start: int) -> str | None:
    match = PARTICLE.match(text, start)
    return match.group(0) if match and _ends_word(text, match.end()) else None


def check_named(checkers: list[Checker], persons: list[Person], pseudonymised: set[str]) -> None:
    """Report, at its text, each name that is no person's, or a pre-pseudonymised person's (no card shows it)."""
    for checker in checkers:
        for m in mentions(checker.doc.data, persons, pseudonymised):
            if m.hidden:
                message = (
                    f"names '{m.name}', whose cards carry a pseudonym number, not the name; name a person printed"
                    " with a name, or take them off the pseudonymised list in deck.yaml"
                )
                checker.error(m.path, Reason(message, "names_hidden", name=m.name))
            else:
                message = (
                    f"names '{m.name}', but no person in persons.yaml has that name; rename the text or the person"
                )
                checker.error(m.path, Reason(message, "names_unknown", name=m.name))
