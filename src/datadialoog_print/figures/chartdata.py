"""The answer sheet's figures shaped for charts: what each bar stands for and the text beside it.

Plain data computed from :func:`stats.answer_sheet`, so the slides draw exactly the figures
the answer sheet prints, in the deck's number format; nothing here knows about drawing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..deck.language import Language
from ..deck.model import Deck, Kind, Measure
from .stats import Row, amount_text

MAX_CHART_ROWS = 9
"""Categories a distribution chart shows; the least frequent ones beyond are summed as 'other'."""

UNIT_CHART_MAX = 30
"""Up to this many persons a share is drawn as one box per person ("9 of 10" as 10 boxes)."""


class ChartKind(enum.Enum):
    """How a comparison is drawn."""

    AMOUNTS = "amounts"
    """One bar per series, its length the mean or total (from zero)."""
    SHARES = "shares"
    """Per series, persons with the counted categories out of all its persons."""
    DISTRIBUTION = "distribution"
    """Per value, persons with it in each series side by side (postcodes, sectors)."""


@dataclass(frozen=True)
class ChartRow:
    """One value of a distribution: how many persons of each series have it."""

    label: str
    counts: tuple[int, ...]
    texts: tuple[str, ...]
    """The counts as printed."""
    other: bool = False
    """The values beyond the first rows, summed: printed as counts only, and left out of the scale
    (a long tail would otherwise dwarf every bar)."""


@dataclass(frozen=True)
class Chart:
    """One comparison ready to draw: series 1 beside series 2."""

    kind: ChartKind
    series: tuple[str, ...]
    """Series labels, in deck order."""
    values: tuple[float, ...] = ()
    """AMOUNTS: the mean or total per series; SHARES: the count per series."""
    texts: tuple[str, ...] = ()
    """The values as printed next to their bars ("€ 7.600", "39,5", "9 van 10")."""
    totals: tuple[int, ...] = ()
    """SHARES: persons per series (the whole that the count is part of)."""
    rows: tuple[ChartRow, ...] = ()
    """DISTRIBUTION: one row per value."""
    scale: float = 1.0
    """The largest value the axis must hold (never 0)."""
    units: bool = False
    """SHARES: draw one box per person (small series) instead of one long bar."""
    summarised: bool = False
    """DISTRIBUTION: the answer sheet sums it up in a few words (the most frequent values), worth
    printing beside the chart; a whole distribution is only the chart itself."""


def chart(row: Row, deck: Deck, language: Language) -> Chart:
    """The chart for one answer-sheet row, following the same measure the sheet prints."""
    labels = tuple(s.label for s in deck.series)
    measure = row.comparison.measure
    figures = row.figures
    if measure in (Measure.MEAN, Measure.TOTAL, Measure.TOTAL_MEAN):
        # A total-and-mean row is compared on its means (series may differ in size), as the sheet's wording is.
        use_total = measure is Measure.TOTAL
        values = tuple(0.0 if f.persons == 0 else (f.total if use_total else f.mean) for f in figures)
        texts = tuple(
            amount_text(row, v, language) if f.persons else language["none"]
            for v, f in zip(values, figures, strict=True)
        )
        return Chart(ChartKind.AMOUNTS, labels, values, texts, scale=max([*map(abs, values), 0]) or 1.0)
    if measure is Measure.COUNT:
        counts = tuple(f.count or 0 for f in figures)
        totals = tuple(f.persons for f in figures)
        texts = tuple(
            # the chart's heading names the category: "8 of 10", never "8 of 10:" with the label dropped
            language.t("count_of_bare", count=c, total=t)
            for c, t in zip(counts, totals, strict=True)
        )
        return Chart(
            ChartKind.SHARES,
            labels,
            tuple(map(float, counts)),
            texts,
            totals=totals,
            scale=max([*totals, 1]),
            units=max(totals) <= UNIT_CHART_MAX,
        )
    return _distribution(row, deck, language, labels)


def _distribution(row: Row, deck: Deck, language: Language, labels: tuple[str, ...]) -> Chart:
    """Every value either series has, in the attribute's own order (codes sorted), counts side by side."""
    attribute = deck.attribute(row.comparison.attribute)
    per_series = [dict(f.distribution) for f in row.figures]
    seen = {v for counts in per_series for v in counts}
    if attribute.kind is Kind.CODE:
        order = sorted(seen)
    else:
        order = [c for c in attribute.categories if c in seen] + sorted(seen - set(attribute.categories))
    if len(order) > MAX_CHART_ROWS:
        by_total = sorted(order, key=lambda v: -sum(c.get(v, 0) for c in per_series))
        kept = set(by_total[: MAX_CHART_ROWS - 1])
        rest = [v for v in order if v not in kept]
        order = [v for v in order if v in kept]
    else:
        rest = []
    rows = [_row(v, [c.get(v, 0) for c in per_series], language) for v in order]
    scale = max([n for r in rows for n in r.counts] + [1])
    if rest:
        rows.append(_row(language["other"], [sum(c.get(v, 0) for v in rest) for c in per_series], language, True))
    summarised = row.comparison.measure is Measure.MODE
    return Chart(ChartKind.DISTRIBUTION, labels, rows=tuple(rows), scale=scale, summarised=summarised)


def _row(label: str, counts: list[int], language: Language, other: bool = False) -> ChartRow:
    return ChartRow(label, tuple(counts), tuple(language.number(n) for n in counts), other)


def charts(deck: Deck, rows: tuple[Row, ...], language: Language) -> tuple[Chart, ...]:
    """One chart per answer-sheet row, in the sheet's order."""
    return tuple(chart(row, deck, language) for row in rows)
