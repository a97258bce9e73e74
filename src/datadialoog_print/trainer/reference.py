"""The shipped deck a deck's lesson comes from, and each row's clarity in it: what ``generate`` measures against.

A deck made with ``new`` or ``generate`` (from the default deck, or from a deck generated from
it) states the lesson of a shipped deck. Measured against its own source, a chain of generated
decks would drift a little weaker with every generation; measured against the shipped deck, the
tenth generation aims at the same figures as the first. A deck whose lesson is a trainer's own
(other attributes, other rows or directions) is its own reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..assemble.decks import load_deck
from ..deck.locate import shipped_dir
from ..deck.model import Deck, Measure
from ..figures.clarity import Band, band_for, clarity, directional, own_values, ratio, split_kept
from ..figures.stats import SeriesFigure, answer_sheet, compare


@dataclass(frozen=True)
class Reference:
    """The deck a lesson is measured against, and each of its rows' clarity (by answer-sheet row)."""

    deck: Deck
    clarities: dict[int, float]
    own: dict[int, tuple[frozenset[str], ...]]
    """Most frequent values: per row, the values each series alone has in the reference."""

    def bands(self, deck: Deck, low: float, high: float) -> dict[int, Band]:
        """Per directional row, the band ``low``–``high`` times the reference's clarity, never below ``deck``'s
        own margin for the row (see :func:`band_for`)."""
        rows = deck.comparisons
        return {i: band_for(rows[i], c, low, high, own=self.own.get(i, ())) for i, c in self.clarities.items()}

    def score(self, figures_by_row: dict[int, tuple[tuple[SeriesFigure, ...], float]]) -> float:
        """The weakest row's clarity as a share of the reference's (1.0: every row at least as clear)."""
        return min(self.shares(figures_by_row), default=1.0)

    def shares(self, figures_by_row: dict[int, tuple[tuple[SeriesFigure, ...], float]]) -> list[float]:
        """Each directional row's clarity as a share of the reference's; a series whose most frequent value left its
        part of town counts 0."""
        shares = []
        for index, reference in self.clarities.items():
            figures, difference = figures_by_row[index]
            c = self.deck.comparisons[index]
            if c.measure is Measure.MODE and not split_kept(figures, Band(0, 1, self.own.get(index, ()))):
                shares.append(0.0)
                continue
            shares.append(ratio(clarity(c, figures, difference), reference))
        return shares


def _signature(deck: Deck) -> tuple:
    """What a lesson is: the attributes, each row's attribute, measure and direction, the telling value's attribute."""
    return (
        tuple((a.key, a.kind) for a in deck.attributes),
        tuple((c.attribute, c.measure, c.expect, len(c.categories)) for c in deck.comparisons),
        deck.singles_out.attribute if deck.singles_out else None,
    )


@cache
def _shipped() -> tuple[Deck, ...]:
    folders = sorted(p for p in Path(shipped_dir()).iterdir() if (p / "deck.yaml").is_file())
    return tuple(load_deck(p) for p in folders)


def _measured(deck: Deck) -> Reference:
    clarities, own = {}, {}
    for index, row in enumerate(answer_sheet(deck)):
        c = row.comparison
        if directional(c):
            clarities[index] = clarity(c, row.figures, row.difference)
            if c.measure is Measure.MODE:
                own[index] = own_values(row.figures)
    return Reference(deck, clarities, own)


def reference_for(deck: Deck) -> Reference:
    """The shipped deck whose lesson ``deck`` states (its own language first), measured; else ``deck`` itself."""
    mine = _signature(deck)
    same = [d for d in _shipped() if _signature(d) == mine]
    same.sort(key=lambda d: (d.language != deck.language, d.name))
    return _measured(same[0] if same else deck)


def row_figures(deck: Deck, values: list[dict], series: list[int], rows) -> dict[int, tuple]:
    """Per answer-sheet row index in ``rows``, the figures and difference of a draft's persons."""
    out = {}
    for index in rows:
        c = deck.comparisons[index]
        columns = tuple(
            (s.key, [v[c.attribute] for v, k in zip(values, series, strict=True) if k == n])
            for n, s in enumerate(deck.series)
        )
        figures, _, difference = compare(c, deck.attribute(c.attribute).categories, columns)
        out[index] = (figures, difference)
    return out
