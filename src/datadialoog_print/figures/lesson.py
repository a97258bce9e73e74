"""The lesson a deck states, held against its figures: what each row is meant to show, and the one telling value.

A deck states in answers.yaml the direction each comparison is meant to show (``expect``)
and which attribute carries the one value that makes a person recognisable after
pseudonymisation (``singles_out``). The answer sheet's wording follows the figures
whatever they say; this module says whether they still say what the deck intends, for
``check`` (warnings), ``stats`` (per row) and ``generate`` (how far a draft deck is off).
Plain Python, like the figures it reads: no pandas, no ReportLab.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..deck.language import language
from ..deck.model import RECOGNISABLE_K, Comparison, Deck, Margin, Measure
from .stats import Row, SeriesFigure, answer_sheet, figure_text, rare_values

SINGLES_OUT = "singles_out"
"""The ``intended`` of the verdict on the deck's telling value."""


@dataclass(frozen=True)
class Verdict:
    """One stated intention and whether the figures keep it."""

    field: str
    """Where the intention is stated in answers.yaml ("comparisons[3].expect", "singles_out")."""
    line: int
    title: str
    """The row's title, or the label of the attribute meant to single someone out."""
    intended: str
    """'higher', 'lower', 'equal', 'different', SINGLES_OUT, or for a correlation CORRELATION + the remark."""
    found: str
    """The direction the figures show; 'weak' when it is the intended one but within the margin; for
    SINGLES_OUT, 'one' when kept and 'none', 'many' or 'shared' when not; for a correlation, its remark."""
    kept: bool
    row: int | None = None
    """The 0-based answer-sheet row this verdict judges; None for SINGLES_OUT."""
    figures: tuple[str, ...] = ()
    """Each series' figure as the answer sheet prints it ("gemiddeld 39,5")."""
    difference: float = 0.0
    """The row's relative difference or total variation distance."""
    equal_within: float = 0.0
    gap: float = 0.0
    """How far the row shows its direction, in the margin's terms (see :func:`gap`)."""
    margin: Margin | None = None
    value: str = ""
    """For SINGLES_OUT: the value the deck names, if it names one; for a correlation: r in the deck's format."""
    holders: int = 0
    """For SINGLES_OUT: persons holding the named value, or values of the attribute held by one person."""
    others: tuple[tuple[str, str], ...] = ()
    """For SINGLES_OUT: (attribute label, value) of other values that single someone out."""
    remark: str = ""
    """For a correlation: the remark the answer sheet prints now."""
    wanted: str = ""
    """For a correlation: the remark the deck means it to print."""
    other: str = ""
    """For a correlation: the label of the attribute it relates to."""


CORRELATION = "correlation:"
"""The ``intended`` of a correlation's verdict starts with this, then the remark ('none', ...)."""


def gap(comparison: Comparison, figures: tuple[SeriesFigure, ...], difference: float) -> float:
    """How far a row shows its direction, in the terms of its margin.

    Counts: series 1's share of persons minus series 2's (0.3: 3 persons in 10 more). Means and
    totals: the same difference as a share of the larger figure, signed. Distributions: the total
    variation distance. Most frequent values: the share of all persons whose value occurs in both
    series (the fewer, the more the two series live apart).
    """
    a, b = figures[0], figures[1]
    measure = comparison.measure
    if measure is Measure.MODE:
        held_a, held_b = dict(a.distribution), dict(b.distribution)
        shared = sum(held_a[v] + held_b[v] for v in held_a if v in held_b)
        everyone = a.persons + b.persons
        return shared / everyone if everyone else 0.0
    if measure is Measure.DISTRIBUTION:
        return difference
    x, y = (a.share, b.share) if measure is Measure.COUNT else (a.mean, b.mean)
    if x is None or y is None or math.isnan(x) or math.isnan(y):
        return 0.0
    if measure is Measure.COUNT:
        return x - y
    scale = max(abs(x), abs(y))
    return (x - y) / scale if scale else 0.0


def margin_met(comparison: Comparison, found_gap: float, share: float) -> bool:
    """Whether a row whose figures show its ``expect`` shows it by at least ``share`` (its margin's terms)."""
    expect, tiny = comparison.expect, 1e-9
    if expect == "higher":
        return found_gap >= share - tiny
    if expect == "lower":
        return -found_gap >= share - tiny
    if expect == "different" and comparison.measure is Measure.MODE:
        return found_gap <= share + tiny
    if expect == "different":
        return found_gap >= share - tiny
    return True


def verdicts(deck: Deck, rows: tuple[Row, ...] | None = None, *, k: int = RECOGNISABLE_K) -> tuple[Verdict, ...]:
    """Every intention the deck states, in answers.yaml order, with what the figures show."""
    rows = answer_sheet(deck, k=k) if rows is None else rows
    lang = language(deck.language)
    out = []
    for index, row in enumerate(rows):
        comparison = row.comparison
        if comparison.expect:
            found_gap = gap(comparison, row.figures, row.difference)
            found = row.direction
            share = comparison.margin.share if comparison.margin else 0.0
            if found == comparison.expect and not margin_met(comparison, found_gap, share):
                found = "weak"
            out.append(
                Verdict(
                    field=f"comparisons[{index + 1}].expect",
                    line=comparison.line,
                    title=comparison.title,
                    intended=comparison.expect,
                    found=found,
                    kept=found == comparison.expect,
                    row=index,
                    figures=tuple(figure_text(row, f, lang) for f in row.figures),
                    difference=row.difference,
                    equal_within=comparison.equal_within,
                    gap=found_gap,
                    margin=comparison.margin,
                )
            )
        spec = comparison.correlation
        if spec is not None and spec.expect and row.correlation is not None:
            r = row.correlation.r
            found = correlation_found(r, spec.threshold)
            out.append(
                Verdict(
                    field=f"comparisons[{index + 1}].correlation.expect",
                    line=spec.line,
                    title=comparison.title,
                    intended=CORRELATION + spec.expect,
                    found=CORRELATION + found,
                    kept=found == spec.expect,
                    row=index,
                    value="" if r is None else lang.number(r, 2),
                    remark=row.correlation.remark,
                    wanted=getattr(spec, spec.expect),
                    other=deck.attribute(spec.attribute).label.lower(),
                )
            )
    if deck.singles_out is not None:
        out.append(singles_out_verdict(deck, k=k))
    return tuple(out)


def correlation_found(r: float | None, threshold: float) -> str:
    """Which remark a correlation supports: 'none' below the threshold (or without an r), else its sign."""
    if r is None or abs(r) < threshold:
        return "none"
    return "positive" if r > 0 else "negative"


def singles_out_verdict(deck: Deck, *, k: int = RECOGNISABLE_K) -> Verdict:
    """Whether exactly one value in the whole deck singles out one person, and it is the one the deck names."""
    spec = deck.singles_out
    assert spec is not None
    rare = rare_values(deck, k=k)
    target = deck.attribute(spec.attribute)
    if spec.value:
        holders = sum(1 for p in deck.persons if str(p.values[spec.attribute]) == spec.value)
    else:
        holders = len(rare.get(spec.attribute, ()))
    others = tuple(
        (deck.attribute(key).label, value)
        for key, values in rare.items()
        for value, _ in values
        if not (key == spec.attribute and (not spec.value or value == spec.value))
    )
    found = "one" if holders == 1 else ("none" if holders == 0 else ("shared" if spec.value else "many"))
    return Verdict(
        field=SINGLES_OUT,
        line=spec.line,
        title=target.label,
        intended=SINGLES_OUT,
        found=found,
        kept=holders == 1 and not others,
        value=spec.value,
        holders=holders,
        others=others,
    )


def shortfall(
    comparison: Comparison,
    figures: tuple[SeriesFigure, SeriesFigure],
    difference: float,
    target: float,
    *,
    mode_count=2,
) -> float:
    """How far two series' figures are from showing ``comparison.expect`` by ``target`` (the margin's terms,
    see :func:`gap`; for 'equal', the most they may differ); 0 when they do. For ``generate``, which aims
    past the deck's margin. Different most frequent values also need each series' own held by at least
    ``mode_count`` of its persons, so a group sorting the cards sees two parts of the city."""
    expect = comparison.expect
    if not expect:
        return 0.0
    a, b = figures
    if comparison.measure is Measure.MODE:
        shared = len([v for v in a.modes if v in b.modes])
        if expect == "equal":
            return 0.0 if shared else 1.0
        weak = sum(max(0, mode_count - (f.distribution[0][1] if f.distribution else 0)) for f in figures)
        mixed = sum(n for f, other in ((a, b), (b, a)) for v, n in other.distribution if v in f.modes)
        # Persons too many in shared values, counted as persons like the rest, so moving one out pays.
        everyone = a.persons + b.persons
        return float(shared + weak + mixed) + max(0.0, gap(comparison, figures, difference) - target) * everyone
    if comparison.measure is Measure.DISTRIBUTION:
        return max(0.0, difference - target) if expect == "equal" else max(0.0, target - difference)
    x, y = (a.share, b.share) if comparison.measure is Measure.COUNT else (a.mean, b.mean)
    if x is None or y is None or math.isnan(x) or math.isnan(y):
        return 1.0
    signed = gap(comparison, figures, difference)
    if expect == "equal":
        scale = max(abs(x), abs(y))
        return max(0.0, (abs(x - y) / scale if scale else 0.0) - target)
    apart = signed if expect == "higher" else -signed
    # A count also needs to clear equal_within as a relative difference, or it would read as "equal".
    relative = difference if apart > 0 else 0.0
    floor = comparison.equal_within + 1e-6 - relative if comparison.measure is Measure.COUNT else 0.0
    return max(0.0, target - apart) + max(0.0, floor)
