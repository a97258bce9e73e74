"""How clearly a row shows its direction, as one number a trainer can hold against the shipped deck's own.

``generate`` aims each row of a new deck at a band of the shipped deck's clarity (``--strength``:
mild, original, strong), and the strength a candidate shows is its weakest row as a share of
the shipped deck's (1.0: every row at least as clear as the original). The measure is the one a
group sees at the table:

* means and totals: how many times the one series' figure is the other's, less one, toward the
  row's direction (hospital visits 49 against 15: 2.27; ages 50 against 39.5: 0.27); a total is
  compared per person, so series of other sizes compare fairly;
* counts: the two series' shares apart (9 of 10 against 3 of 10: 0.6);
* distributions meant to differ: the total variation distance;
* most frequent values (postcodes): the share of persons living in a value only their own series
  has (16 of 20: 0.8), and each series' most frequent value must be one the shipped deck gives to
  that series alone (its part of town).

Plain Python, like the figures it reads.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..deck.model import Comparison, Measure
from .lesson import gap, shortfall
from .stats import SeriesFigure

DIRECTIONAL = ("higher", "lower", "different")
"""The directions a row can show more or less clearly; 'equal' rows are kept within ``equal_within`` instead."""


@dataclass(frozen=True)
class Band:
    """The clarity one row of a generated deck aims at, and, for most frequent values, where each series lives."""

    low: float
    high: float
    own: tuple[frozenset[str], ...] = ()
    """Most frequent values: per series, the values its most frequent one must be among (empty: any)."""


def directional(comparison: Comparison) -> bool:
    """Whether a row states a direction that can show more or less clearly."""
    return comparison.expect in DIRECTIONAL


def clarity(comparison: Comparison, figures: Sequence[SeriesFigure], difference: float) -> float:
    """How clearly the figures show the row's direction (see the module); below 0 when they show the other way."""
    a, b = figures[0], figures[1]
    measure = comparison.measure
    if measure is Measure.MODE:
        return 1.0 - gap(comparison, tuple(figures), difference)
    if measure is Measure.DISTRIBUTION:
        return difference
    if measure is Measure.COUNT:
        if a.share is None or b.share is None or math.isnan(a.share) or math.isnan(b.share):
            return 0.0
        apart = a.share - b.share
        return -apart if comparison.expect == "lower" else apart
    x, y = a.mean, b.mean
    if x is None or y is None or math.isnan(x) or math.isnan(y):
        return 0.0
    more, less = (y, x) if comparison.expect == "lower" else (x, y)
    if more == less:
        return 0.0
    smaller = min(abs(more), abs(less))
    if smaller == 0:
        return math.inf if more > less else -math.inf
    return (more - less) / smaller


def margin_clarity(comparison: Comparison) -> float:
    """The row's margin (answers.yaml) in the terms of :func:`clarity`: the least a row may show."""
    share = comparison.margin.share if comparison.margin else 0.0
    if comparison.measure is Measure.MODE:
        return 1.0 - share
    if comparison.measure in (Measure.MEAN, Measure.TOTAL, Measure.TOTAL_MEAN):
        return share / (1.0 - share) if share < 1 else math.inf
    return share


def own_values(figures: Sequence[SeriesFigure]) -> tuple[frozenset[str], ...]:
    """Per series, the values only its persons have (the shipped deck's parts of town)."""
    held = [frozenset(v for v, _ in f.distribution) for f in figures]
    return tuple(h - frozenset().union(*(o for j, o in enumerate(held) if j != i)) for i, h in enumerate(held))


def split_kept(figures: Sequence[SeriesFigure], band: Band) -> bool:
    """Whether each series' most frequent values are all among the values the band gives that series."""
    return all(not own or set(f.modes) <= own for f, own in zip(figures, band.own, strict=False))


def ratio(found: float, reference: float) -> float:
    """A row's clarity as a share of the shipped deck's (1.0: as clear); 1.0 when the shipped deck shows none."""
    if reference <= 0 or math.isinf(reference):
        return 1.0 if found >= reference else 0.0
    return found / reference


def band_for(comparison: Comparison, reference: float, low: float, high: float, **kw) -> Band:
    """The band a row aims at: ``low`` to ``high`` times the shipped deck's clarity, never below the row's margin;
    most frequent values at most all persons apart, and counts at most all persons apart."""
    floor = margin_clarity(comparison)
    lowest = max(floor, low * reference)
    highest = max(high * reference, lowest * 1.15)
    if comparison.measure is Measure.MODE:
        lowest, highest = min(lowest, 1.0), 1.0
    elif comparison.measure in (Measure.COUNT, Measure.DISTRIBUTION):
        lowest, highest = min(lowest, 1.0), min(max(highest, lowest), 1.0)
    return Band(lowest, highest, **kw)


def band_shortfall(
    comparison: Comparison, figures: Sequence[SeriesFigure], difference: float, band: Band, *, mode_count: int = 2
) -> float:
    """How far a row's clarity is outside its band, in clarity's terms (0 inside). Most frequent values: the
    persons in values both series have beyond the band (see :func:`.lesson.shortfall`), and one more for each
    series whose most frequent value is not in its part of town. A count also clears ``equal_within``."""
    if comparison.measure is Measure.MODE:
        off = shortfall(comparison, tuple(figures), difference, 1.0 - band.low, mode_count=mode_count)
        return off + sum(
            sum(1 for m in f.modes if own and m not in own) for f, own in zip(figures, band.own, strict=False)
        )
    found = clarity(comparison, figures, difference)
    if math.isinf(found):
        found = band.high + 10 if found > 0 else band.low - 10
    off = max(0.0, band.low - found) + max(0.0, found - band.high)
    if comparison.measure is Measure.COUNT:
        relative = difference if found > 0 else 0.0
        off += max(0.0, comparison.equal_within + 1e-6 - relative)
    return off
