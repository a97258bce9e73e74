"""``generate --candidates N``: several seeds side by side, each row's gap in the terms of its margin, and the pick.

A candidate's strength is that of its weakest row, each row measured against the source
deck's own gap (1.0: as clear as the original deck); the strongest candidate is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..deck.language import language
from ..deck.model import Deck, Measure, Value
from ..figures.lesson import gap
from ..figures.lessontext import margin_text
from ..figures.stats import answer_sheet, compare


@dataclass(frozen=True)
class Candidate:
    """One seed's persons, measured."""

    seed: int
    gaps: tuple[float, ...]
    """Per row with a stated direction (higher, lower, different), its gap toward that direction."""
    score: float
    """The weakest row's gap as a share of the source deck's own (higher is stronger)."""


def _rows(deck: Deck) -> list[int]:
    return [i for i, c in enumerate(deck.comparisons) if c.expect in ("higher", "lower", "different")]


def _toward(deck: Deck, index: int, value: float) -> float:
    """A gap turned so that more is clearer: lower rows negated, shared postcodes counted as persons apart."""
    c = deck.comparisons[index]
    if c.measure is Measure.MODE:
        return 1.0 - value
    return -value if c.expect == "lower" else value


def measure(deck: Deck, values: list[dict[str, Value]], series: list[int], seed: int) -> Candidate:
    """The gaps of a draft deck's persons (``values``, each person's series index in ``series``), against ``deck``."""
    own = {i: gap(row.comparison, row.figures, row.difference) for i, row in enumerate(answer_sheet(deck))}
    gaps, ratios = [], []
    for index in _rows(deck):
        c = deck.comparisons[index]
        columns = tuple(
            (s.key, [v[c.attribute] for v, k in zip(values, series, strict=True) if k == n])
            for n, s in enumerate(deck.series)
        )
        figures, _, difference = compare(c, deck.attribute(c.attribute).categories, columns)
        found = gap(c, figures, difference)
        gaps.append(found)
        source = _toward(deck, index, own[index])
        ratios.append(_toward(deck, index, found) / source if source > 0 else 1.0)
    return Candidate(seed, tuple(gaps), min(ratios, default=1.0))


def candidates_table(made) -> str:
    """The candidates side by side: a column per seed, a line per row, the pick marked."""
    deck = made.source
    lang = language(deck.language)
    rows = _rows(deck)
    header = ["", *(f"seed {c.seed}" + (" *" if c.seed == made.seed else "") for c in made.candidates)]
    body = []
    for n, index in enumerate(rows):
        c = deck.comparisons[index]
        size = (lambda g: abs(g)) if c.measure is not Measure.MODE else (lambda g: g)
        body.append([c.title, *(margin_text(lang, c.margin, size(k.gaps[n])) for k in made.candidates)])
    body.append(["strength", *(f"{k.score:.2f}" for k in made.candidates)])
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in [header, *body]]
    note = (
        f"Each row's gap in the terms of its margin (postcodes: persons in codes both series have); strength: "
        f"the weakest row against the source deck's own (1.00 as clear as '{deck.name}'). * the deck written."
    )
    return "\n".join([note, *lines])
