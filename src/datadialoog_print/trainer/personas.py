"""The data that makes generated persons plausible: value ranges, rules, margins and names, read from package files.

The rules are data (``data/personas.yaml``), not special cases in code: each is one
comparison in plain arithmetic, checked here to use nothing but names, numbers, texts,
arithmetic, comparisons and ``and``/``or``/``not``/``in``, then compiled once.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..figures.lesson import Margins

DATA = Path(__file__).parent / "data"

_NODES = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Compare,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.Eq,
    ast.NotEq,
    ast.In,
    ast.NotIn,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.Tuple,
    ast.List,
)


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
class Rule:
    """One rule every generated person keeps, compiled from its text."""

    text: str
    why: str
    names: tuple[str, ...]
    """The attribute keys it reads; it applies to a deck that has them all."""
    code: object

    def holds(self, values: Mapping[str, object]) -> bool:
        """Whether a person's values (categories as the rules name them) keep the rule."""
        try:
            return bool(eval(self.code, {"__builtins__": {}}, values))  # safe: only whitelisted nodes compiled
        except (TypeError, ZeroDivisionError):
            return False


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


@dataclass(frozen=True)
class Personas:
    """Everything ``generate`` knows about plausible persons."""

    values: Mapping[str, NumberValues | ChoiceValues]
    rules: tuple[Rule, ...]
    margins: Margins
    aliases: Mapping[str, Mapping[str, str]]
    """Per attribute: a deck's category → the category as the rules name it."""
    initials: tuple[str, ...]
    groups: Mapping[str, NameGroup]
    languages: Mapping[str, NameMix]

    def canonical(self, key: str, value: object) -> object:
        """A value as the rules name it (an English category becomes the Dutch one)."""
        return self.aliases.get(key, {}).get(value, value) if isinstance(value, str) else value


def compile_rule(text: str, why: str = "") -> Rule:
    """A rule from its text; ValueError for anything beyond plain arithmetic and comparisons."""
    tree = ast.parse(text, mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            raise ValueError(f"rule '{text}': {type(node).__name__} is not allowed in a rule")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str)):
            raise ValueError(f"rule '{text}': only numbers and texts may appear in a rule")
    names = tuple(dict.fromkeys(n.id for n in ast.walk(tree) if isinstance(n, ast.Name)))
    return Rule(text=text, why=why, names=names, code=compile(tree, "<rule>", "eval"))


def _read(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@cache
def personas() -> Personas:
    """The shipped data, read and compiled once."""
    data = _read("personas.yaml")
    names = _read("names.yaml")
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
        )
    return Personas(
        values=values,
        rules=tuple(compile_rule(r["rule"], r.get("why", "")) for r in data["rules"]),
        margins=Margins(**data["margins"]),
        aliases={key: dict(words) for key, words in data.get("aliases", {}).items()},
        initials=tuple(names["initials"]),
        groups={
            key: NameGroup(tuple(g["surnames"]), dict(g.get("feminine", {}))) for key, g in names["groups"].items()
        },
        languages=languages,
    )
