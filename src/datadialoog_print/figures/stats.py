"""The answer sheet's figures, computed from a deck's persons in plain Python.

Twenty rows need no data-frame library: sums are exact (``math.fsum``), counts come from
``collections.Counter`` and correlations from ``statistics``. pandas is used only where it
shines, reading the CSV and ODS files that ``import`` takes (:mod:`..trainer.sheetread`),
so a build never pays for importing it.

Pure functions: a deck goes in, frozen results come out. Which figure each attribute
gets, and the wording of its assumption, come from the deck's comparisons; this
module only decides which wording the figures support.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass

from ..deck.language import Language
from ..deck.model import RECOGNISABLE_K, Comparison, Deck, Kind, Measure

MAX_MODES = 6
"""Most frequent values printed at most; a large deck with many ties says how many more."""


@dataclass(frozen=True)
class SeriesFigure:
    """One series' figures for one comparison; only the fields its measure needs are filled."""

    series: str
    persons: int
    total: float | None = None
    mean: float | None = None
    count: int | None = None
    """For COUNT: persons with one of the counted categories."""
    share: float | None = None
    """For COUNT: count / persons."""
    modes: tuple[str, ...] = ()
    """For MODE: the most frequent values, ties included, in order of first appearance in the attribute."""
    distribution: tuple[tuple[str, int], ...] = ()
    """For DISTRIBUTION (and MODE): (value, persons) from most to least frequent."""


@dataclass(frozen=True)
class CorrelationResult:
    """Pearson's r between the row's attribute and another, over all persons, and the remark it supports."""

    other: str
    r: float | None
    remark: str


@dataclass(frozen=True)
class Row:
    """One row of the answer sheet."""

    comparison: Comparison
    figures: tuple[SeriesFigure, ...]
    direction: str
    """'higher', 'lower' or 'equal' (series 1 against series 2), or 'different' for unordered figures."""
    difference: float
    """Relative difference (ordered) or total variation distance (distribution), 0–1."""
    assumption: str
    """The claim to test that the figures support; "" where the row only observes."""
    rare: tuple[tuple[str, int], ...]
    """Values of this attribute that fewer than k persons in the whole deck share, with their count."""
    correlation: CorrelationResult | None
    unit_before: str = ""
    """The attribute's unit when it goes before the number (a currency, "€"): printed with every amount."""
    observation: str = ""
    """What the figures show, in the deck's words for this direction; "" for none."""
    question: str = ""
    """The assumption as a question to the group, for this direction; "" for none."""


def _column(persons, key: str) -> list:
    return [p.values[key] for p in persons]


def _counts(values) -> Counter:
    return Counter(str(v) for v in values)


def rare_values(deck: Deck, *, k: int = RECOGNISABLE_K) -> dict[str, tuple[tuple[str, int], ...]]:
    """Per category or code attribute, the values fewer than k persons share: who has them is recognisable."""
    out = {}
    for attribute in deck.attributes:
        if attribute.kind is Kind.NUMBER:
            continue
        counts = _counts(_column(deck.persons, attribute.key))
        rare = [(v, n) for v, n in counts.items() if 0 < n < k]
        out[attribute.key] = tuple(sorted(rare, key=lambda vn: _order(attribute.categories, vn[0])))
    return out


def _order(categories: tuple[str, ...], value: str) -> tuple[int, str]:
    return (categories.index(value), "") if value in categories else (len(categories), value)


def _figure(comparison: Comparison, categories: tuple[str, ...], key: str, column: list) -> SeriesFigure:
    n = len(column)
    measure = comparison.measure
    if measure in (Measure.MEAN, Measure.TOTAL, Measure.TOTAL_MEAN):
        total = math.fsum(float(v) for v in column)
        return SeriesFigure(key, n, total=total, mean=total / n if n else math.nan)
    if measure is Measure.COUNT:
        count = sum(1 for v in column if v in comparison.categories)
        return SeriesFigure(key, n, count=count, share=count / n if n else math.nan)
    ordered = sorted(_counts(column).items(), key=lambda vc: (-vc[1], _order(categories, vc[0])))
    top = ordered[0][1] if ordered else 0
    modes = tuple(v for v, c in ordered if c == top)
    return SeriesFigure(key, n, modes=modes, distribution=tuple(ordered))


def compare(
    comparison: Comparison, categories: tuple[str, ...], columns: tuple[tuple[str, list], tuple[str, list]]
) -> tuple[tuple[SeriesFigure, SeriesFigure], str, float]:
    """One comparison over two columns of values, (series key, values) each: the figures, the direction and the difference.

    The answer sheet and the persona generator (which tries many columns) share this one judgement.
    """
    (key_a, a), (key_b, b) = columns
    figures = (_figure(comparison, categories, key_a, a), _figure(comparison, categories, key_b, b))
    return (figures, *_direction(comparison, *figures))


def _direction(comparison: Comparison, a: SeriesFigure, b: SeriesFigure) -> tuple[str, float]:
    measure = comparison.measure
    if measure is Measure.MODE:
        return ("different" if not set(a.modes) & set(b.modes) else "equal"), 0.0
    if measure is Measure.DISTRIBUTION:
        share_a = {v: c / a.persons for v, c in a.distribution}
        share_b = {v: c / b.persons for v, c in b.distribution}
        tvd = sum(abs(share_a.get(v, 0) - share_b.get(v, 0)) for v in {*share_a, *share_b}) / 2
        return ("equal" if tvd <= comparison.equal_within else "different"), tvd
    x, y = (a.share, b.share) if measure is Measure.COUNT else (a.mean, b.mean)
    scale = max(abs(x), abs(y))
    relative = abs(x - y) / scale if scale else 0.0
    # A hair of tolerance so a difference of exactly the threshold counts as equal, as the deck says.
    if relative <= comparison.equal_within + 1e-12:
        return "equal", relative
    return ("higher" if x > y else "lower"), relative


def _correlation(comparison: Comparison, deck: Deck) -> CorrelationResult | None:
    spec = comparison.correlation
    if spec is None:
        return None
    x = [float(v) for v in _column(deck.persons, comparison.attribute)]
    y = [float(v) for v in _column(deck.persons, spec.attribute)]
    try:
        r = statistics.correlation(x, y) if len(x) >= 3 else None
    except statistics.StatisticsError:  # a constant column: no relation to speak of
        r = None
    if r is None or abs(r) < spec.threshold:
        remark = spec.none
    else:
        remark = spec.positive if r > 0 else spec.negative
    return CorrelationResult(spec.attribute, r, remark)


def _unit_before(deck: Deck, comparison: Comparison) -> str:
    """ "€" for a money attribute: amounts carry the unit the cards print before them; others none."""
    attribute = deck.attribute(comparison.attribute)
    if comparison.measure in (Measure.MEAN, Measure.TOTAL, Measure.TOTAL_MEAN) and attribute.unit_before:
        return attribute.unit
    return ""


def amount_text(row: Row, value: float, language: Language) -> str:
    """An amount in the deck's number format, with a currency before it where the attribute has one ("€ 7.600")."""
    number = language.number(value, row.comparison.decimals)
    return f"{row.unit_before} {number}" if row.unit_before else number


def answer_sheet(deck: Deck, *, k: int = RECOGNISABLE_K) -> tuple[Row, ...]:
    """Every row of the answer sheet, series 1 beside series 2, with the wording the figures support."""
    rare = rare_values(deck, k=k)
    rows = []
    for comparison in deck.comparisons:
        columns = tuple((s.key, _column(deck.persons_in(s), comparison.attribute)) for s in deck.series)
        categories = deck.attribute(comparison.attribute).categories
        figures, direction, difference = compare(comparison, categories, columns)
        rows.append(
            Row(
                comparison=comparison,
                figures=figures,
                direction=direction,
                difference=difference,
                assumption=getattr(comparison.assumption, direction),
                observation=getattr(comparison.observation, direction),
                question=getattr(comparison.question, direction),
                rare=rare.get(comparison.attribute, ()),
                correlation=_correlation(comparison, deck),
                unit_before=_unit_before(deck, comparison),
            )
        )
    return tuple(rows)


def figure_text(row: Row, figure: SeriesFigure, language: Language) -> str:
    """A series' figure as the answer sheet prints it: "9 van 10 WO/HBO", "gemiddeld 39,5", "vooral 3582/3583"."""
    comparison = row.comparison
    measure = comparison.measure
    if figure.persons == 0:
        return language["none"]
    if measure is Measure.MEAN:
        return language.t("mean", value=amount_text(row, figure.mean, language))
    if measure is Measure.TOTAL:
        return language.t("total", value=amount_text(row, figure.total, language))
    if measure is Measure.TOTAL_MEAN:
        return language.t(
            "total_mean", total=amount_text(row, figure.total, language), mean=amount_text(row, figure.mean, language)
        )
    if measure is Measure.COUNT:
        return language.t("count_of", count=figure.count, total=figure.persons, label=comparison.category_label)
    if measure is Measure.MODE:
        shown = language["value_separator"].join(figure.modes[:MAX_MODES])
        if len(figure.modes) > MAX_MODES:
            shown += " " + language.t("more_values", count=len(figure.modes) - MAX_MODES)
        return language.t("mostly", values=shown)
    # A non-breaking space keeps each count with its value ("motorvoertuigen 1" never splits).
    return language["list_separator"].join(f"{value}\u00a0{count}" for value, count in figure.distribution)


def rare_text(row: Row, language: Language, *, k: int = RECOGNISABLE_K) -> str:
    """The recognisability remark for a row, or "" when no value singles anyone out."""
    if not row.rare:
        return ""
    values = language["list_separator"].join(language.t("quote", value=v) for v, _ in row.rare)
    if len(row.rare) == 1 and row.rare[0][1] == 1:
        return language.t("recognisable", values=values, count=1)
    return language.t("recognisable_many", values=values, k=k)


def to_records(deck: Deck, rows: tuple[Row, ...]) -> list[dict]:
    """The rows as plain data with raw numbers, for JSON and CSV."""
    out = []
    for row in rows:
        series = {}
        for f in row.figures:
            entry: dict = {"persons": f.persons}
            if f.total is not None:
                entry.update(total=_clean(f.total), mean=_clean(f.mean))
            if f.count is not None:
                entry.update(count=f.count, share=_clean(f.share))
            if f.distribution:
                entry.update(modes=list(f.modes), distribution=dict(f.distribution))
            series[f.series] = entry
        out.append(
            {
                "attribute": row.comparison.attribute,
                "title": row.comparison.title,
                "measure": row.comparison.measure.value,
                "series": series,
                "direction": row.direction,
                "difference": round(row.difference, 6),
                "observation": row.observation,
                "assumption": row.assumption,
                "question": row.question,
                "recognisable": dict(row.rare),
                "correlation": None
                if row.correlation is None
                else {
                    "with": row.correlation.other,
                    "r": None if row.correlation.r is None else round(row.correlation.r, 6),
                    "remark": row.correlation.remark,
                },
            }
        )
    return out


def _clean(x: float | None) -> float | int | None:
    """Whole numbers as ints in JSON (50, not 50.0); others rounded to 6 places."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return int(x) if float(x).is_integer() else round(x, 6)
