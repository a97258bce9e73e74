"""Rules about a person's values as data ("opleiding != 'WO' or leeftijd >= 23"): parsed, checked, compiled once.

Each rule is one comparison in plain arithmetic, checked here to use nothing but names,
numbers, texts, arithmetic, comparisons and ``and``/``or``/``not``/``in`` before it is compiled;
``check``, ``import`` and ``generate`` all read the same rules (:mod:`.plausible`).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field

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
class Rule:
    """One rule every plausible person keeps, compiled from its text."""

    text: str
    why: str
    """Why it holds, in English (the generator's messages)."""
    names: tuple[str, ...]
    """The attribute keys it reads; it applies to a deck that has them all."""
    code: object
    said: Mapping[str, str] = field(default_factory=dict)
    """Why it holds, per language code, as a warning names it."""

    def holds(self, values: Mapping[str, object]) -> bool:
        """Whether a person's values (categories as the rules name them) keep the rule."""
        try:
            return bool(eval(self.code, {"__builtins__": {}}, values))  # safe: only whitelisted nodes compiled
        except (TypeError, ZeroDivisionError):
            return False

    def reason(self, language: str) -> str:
        """Why the rule holds, in a deck's language (English when the rule has no such text)."""
        return self.said.get(language, self.why)


def compile_rule(text: str, why: str = "", said: Mapping[str, str] | None = None) -> Rule:
    """A rule from its text; ValueError for anything beyond plain arithmetic and comparisons."""
    tree = ast.parse(text, mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            raise ValueError(f"rule '{text}': {type(node).__name__} is not allowed in a rule")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str)):
            raise ValueError(f"rule '{text}': only numbers and texts may appear in a rule")
    names = tuple(dict.fromkeys(n.id for n in ast.walk(tree) if isinstance(n, ast.Name)))
    return Rule(text=text, why=why, names=names, code=compile(tree, "<rule>", "eval"), said=dict(said or {}))
