"""Is each person plausible? The rules kept as data (``data/plausibility.yaml``) and the names of well-known
people (``data/well_known_names.yaml``), for every deck: ``check`` and ``import`` warn, ``generate`` keeps them.

Warnings, not errors: a deck may mean a 17-year-old on benefits. What cannot be (a decimal
in a whole-number attribute) is refused where persons are read (:mod:`.persons`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import DatadialoogError
from .finding import Finding
from .language import language
from .model import Deck, Kind, Person
from .rules import Rule, compile_rule
from .yamlfile import load_data

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Plausibility:
    """The rules every plausible person keeps, and how other languages name the categories they read."""

    rules: tuple[Rule, ...]
    aliases: Mapping[str, Mapping[str, str]]
    """Per attribute: a deck's category → the category as the rules name it."""
    well_known: Mapping[tuple[str, str], str]
    """(initial, surname), folded (see :func:`name_key`) → who carries that name ("" when no one person)."""

    def canonical(self, key: str, value: object) -> object:
        """A value as the rules name it (an English category becomes the Dutch one)."""
        return self.aliases.get(key, {}).get(value, value) if isinstance(value, str) else value

    def rules_for(self, deck: Deck) -> tuple[Rule, ...]:
        """The rules whose attributes the deck has."""
        keys = {a.key for a in deck.attributes}
        return tuple(r for r in self.rules if set(r.names) <= keys)

    def broken(self, rules: tuple[Rule, ...], values: Mapping[str, object]) -> list[Rule]:
        """The rules a person's values break."""
        context = {k: self.canonical(k, v) for k, v in values.items()}
        return [r for r in rules if not r.holds(context)]

    def who(self, name: str) -> str | None:
        """Who is well known by this name ("" when no one person is meant), or None for a name no one owns."""
        return self.well_known.get(name_key(name))


def name_key(name: str) -> tuple[str, str]:
    """A name as (initial, surname), case and accents folded: "R. de Boer" and "Ronald De Boer" are alike."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    first, _, rest = plain.strip().partition(" ")
    return (first[:1], " ".join(rest.split()))


def _read(name: str) -> dict:
    return load_data(DATA / name)


@cache
def plausibility() -> Plausibility:
    """The shipped data, read and compiled once."""
    data = _read("plausibility.yaml")
    known = _read("well_known_names.yaml")
    rules = tuple(
        compile_rule(r["rule"], r.get("why", ""), {k: v for k, v in r.items() if k not in ("rule", "why")})
        for r in data["rules"]
    )
    return Plausibility(
        rules=rules,
        aliases={key: dict(words) for key, words in data.get("aliases", {}).items()},
        well_known={name_key(n["name"]): str(n.get("who", "")) for n in known["names"]},
    )


def _persons_file(deck: Deck) -> str:
    return str(next((f for f in deck.files if f.name == "persons.yaml"), deck.path / "persons.yaml"))


def _values_text(deck: Deck, person: Person, keys: tuple[str, ...]) -> str:
    lang = language(deck.language)
    parts = []
    for key in keys:
        attribute = deck.attribute(key)
        value = person.values[key]
        shown = lang.number(value, attribute.decimals) if attribute.kind is Kind.NUMBER else str(value)
        parts.append(f"{attribute.label} {shown}")
    return lang["list_separator"].join(parts)


def person_findings(deck: Deck) -> list[Finding]:
    """A warning, in the deck's language, for every rule a person breaks and every well-known name."""
    data = plausibility()
    lang = language(deck.language)
    rules, file = data.rules_for(deck), _persons_file(deck)
    out = []
    for index, person in enumerate(deck.persons):
        field = f"persons[{index + 1}]"
        if len(person.values) == len(deck.attributes):
            for rule in data.broken(rules, person.values):
                text = lang.t(
                    "plausible_rule",
                    person=person.name,
                    values=_values_text(deck, person, rule.names),
                    why=rule.reason(deck.language),
                )
                out.append(Finding(text, file, person.line or None, field))
        who = data.who(person.name)
        if who is not None:
            text = lang.t("well_known_name", person=person.name, who=who or lang["well_known_someone"])
            out.append(Finding(text, file, person.line or None, field + ".name"))
    return out


class ImplausiblePersons(DatadialoogError):
    """A build refused because a person breaks a rule or carries a well-known name (``--allow-implausible-persons``
    builds it): what ``check`` warns about would otherwise go on paper without a word."""


def implausible_summary(deck: Deck) -> list[str]:
    """The persons' warnings under a heading, in the deck's language; empty when every person is plausible."""
    found = person_findings(deck)
    if not found:
        return []
    lang = language(deck.language)
    heading = lang["implausible_one"] if len(found) == 1 else lang.t("implausible_many", count=len(found))
    return [heading, *(f"  {f.text}" for f in found)]


def refuse_implausible(deck: Deck) -> None:
    """Raise :class:`ImplausiblePersons` with the warnings, in the deck's language, when any person has one."""
    if lines := implausible_summary(deck):
        lang = language(deck.language)
        raise ImplausiblePersons("\n".join([*lines, lang.t("implausible_refused", deck=deck.name)]))
