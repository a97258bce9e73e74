"""What ``generate`` draws from: value ranges, how strongly to show the lesson, and names, read from package files.

The rules every person keeps are the ones ``check`` warns by (:mod:`datadialoog_print.deck.plausible`);
this module holds what only the generator needs (``data/personas.yaml``), and the names it draws from
(``deck/data/names.yaml``, whose surnames ``check`` also reads to tell a name in a text from a word).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..deck.plausible import plausibility
from ..deck.yamlfile import load_data

DATA = Path(__file__).parent / "data"
NAMES = Path(__file__).parents[1] / "deck" / "data" / "names.yaml"


@dataclass(frozen=True)
class NumberValues:
    """How a number attribute's values fall: a triangle from low over peak to high, rounded to step."""

    low: float
    high: float
    peak: float
    step: float
    none: float = 0.0
    """The share of persons with exactly 0 (no student debt at all)."""


@dataclass(frozen=True)
class ChoiceValues:
    """How often each category comes up, by the category's name in the rules."""

    weights: Mapping[str, float]
    deal: bool = False
    """Deal the categories out within each series in proportion to the weights (5 men and 5 women in 10),
    so an attribute the lesson is not about shows no difference between the series by chance."""


@dataclass(frozen=True)
class Aim:
    """How clearly a generated deck shows each row (``strength`` in ``data/personas.yaml``), as shares of the
    shipped deck's own clarity (see :mod:`datadialoog_print.figures.clarity`)."""

    low: float
    """Every row at least this share of the shipped deck's (1.0: as clear as the original); at least its margin."""
    high: float
    """And at most this share, so no row overshoots into a caricature (a debt 3× the other series')."""


@dataclass(frozen=True)
class NameGroup:
    surnames: tuple[str, ...]
    feminine: Mapping[str, str]
    """Surname ending → a woman's form of it ("ski" → "ska")."""


@dataclass(frozen=True)
class NameMix:
    """How the names of a deck in one language are drawn."""

    mix: Mapping[str, float]
    background_attribute: str
    background_share: float
    background_home: str
    """The background whose persons, when not given its group's surname, get one from the whole mix."""
    background_groups: Mapping[str, str]
    feminine_attribute: str
    feminine_value: str
    beyond_ascii: int
    special: int = 0
    """At least this many names with one of ``letters`` (ë, ş, ı, ğ, ç)."""
    letters: str = ""


@dataclass(frozen=True)
class Personas:
    """Everything ``generate`` knows about plausible persons."""

    values: Mapping[str, NumberValues | ChoiceValues]
    aims: Mapping[str, Aim]
    """Per ``--strength``, how far past the margins to aim."""
    together: float
    """'equal' rows: at most this share of ``equal_within`` apart."""
    mode_count: int
    """Different most frequent values: each series' own held by at least this many of its persons."""
    correlation_together: float
    """A correlation meant to show no relation: |r| at most this share of its threshold."""
    initials: tuple[str, ...]
    groups: Mapping[str, NameGroup]
    languages: Mapping[str, NameMix]

    def canonical(self, key: str, value: object) -> object:
        """A value as the rules name it (an English category becomes the Dutch one)."""
        return plausibility().canonical(key, value)


def _read(name: str) -> dict:
    return load_data(DATA / name)


@cache
def personas() -> Personas:
    """The shipped data, read and compiled once."""
    data = _read("personas.yaml")
    names = load_data(NAMES)
    values: dict[str, NumberValues | ChoiceValues] = {}
    for key, spec in data["values"].items():
        if "weights" in spec:
            values[key] = ChoiceValues(
                {str(k): float(v) for k, v in spec["weights"].items()}, deal=bool(spec.get("deal", False))
            )
        else:
            values[key] = NumberValues(
                low=spec["min"], high=spec["max"], peak=spec["peak"], step=spec["step"], none=spec.get("none", 0.0)
            )
    languages = {}
    for code, spec in names["languages"].items():
        background = spec.get("background", {})
        feminine = spec.get("feminine", {})
        languages[code] = NameMix(
            mix=dict(spec["mix"]),
            background_attribute=background.get("attribute", ""),
            background_share=float(background.get("share", 0)),
            background_home=str(background.get("home", "")),
            background_groups=dict(background.get("groups", {})),
            feminine_attribute=feminine.get("attribute", ""),
            feminine_value=feminine.get("value", ""),
            beyond_ascii=int(spec.get("beyond_ascii", 0)),
            special=int(spec.get("special", 0)),
            letters=str(spec.get("letters", "")),
        )
    return Personas(
        values=values,
        aims={key: Aim(**spec) for key, spec in data["strength"].items()},
        together=float(data["together"]),
        mode_count=int(data["mode_count"]),
        correlation_together=float(data["correlation_together"]),
        initials=tuple(names["initials"]),
        groups={
            key: NameGroup(tuple(g["surnames"]), dict(g.get("feminine", {}))) for key, g in names["groups"].items()
        },
        languages=languages,
    )
