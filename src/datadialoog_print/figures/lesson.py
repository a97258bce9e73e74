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
from ..deck.model import RECOGNISABLE_K, Comparison, Deck, Measure
from ..errors import Problem
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
    """'higher', 'lower', 'equal', 'different', or SINGLES_OUT."""
    found: str
    """The direction the figures show; for SINGLES_OUT, 'one' when kept and 'none', 'many' or 'shared' when not."""
    kept: bool
    row: int | None = None
    """The 0-based answer-sheet row this verdict judges; None for SINGLES_OUT."""
    figures: tuple[str, ...] = ()
    """Each series' figure as the answer sheet prints it ("Reeks 1 gemiddeld 39,5")."""
    difference: float = 0.0
    """The row's relative difference or total variation distance."""
    equal_within: float = 0.0
    value: str = ""
    """For SINGLES_OUT: the value the deck names, if it names one."""
    holders: int = 0
    """For SINGLES_OUT: persons holding the named value, or values of the attribute held by one person."""
    others: tuple[tuple[str, str], ...] = ()
    """For SINGLES_OUT: (attribute label, value) of other values that single someone out."""


@dataclass(frozen=True)
class Margins:
    """How clearly a figure must show its direction before a group sees it (``generate`` keeps these)."""

    apart: float = 0.1
    """higher, lower, different: at least ``equal_within`` + this apart."""
    together: float = 0.5
    """equal: at most this fraction of ``equal_within`` apart."""
    share_apart: float = 0.0
    """higher, lower for counts: the two shares also at least this far apart (0.25: 3 more persons in 10)."""
    mode_count: int = 2
    """different most frequent values: each series' own held by at least this many of its persons, and by
    nobody in the other series (so a group sorting the cards sees two parts of the city)."""


def verdicts(deck: Deck, rows: tuple[Row, ...] | None = None, *, k: int = RECOGNISABLE_K) -> tuple[Verdict, ...]:
    """Every intention the deck states, in answers.yaml order, with what the figures show."""
    rows = answer_sheet(deck, k=k) if rows is None else rows
    lang = language(deck.language)
    out = []
    for index, row in enumerate(rows):
        comparison = row.comparison
        if not comparison.expect:
            continue
        out.append(
            Verdict(
                field=f"comparisons[{index + 1}].expect",
                line=comparison.line,
                title=comparison.title,
                intended=comparison.expect,
                found=row.direction,
                kept=row.direction == comparison.expect,
                row=index,
                figures=tuple(
                    f"{s.label} {figure_text(row, f, lang)}" for s, f in zip(deck.series, row.figures, strict=False)
                ),
                difference=row.difference,
                equal_within=comparison.equal_within,
            )
        )
    if deck.singles_out is not None:
        out.append(singles_out_verdict(deck, k=k))
    return tuple(out)


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


def warnings(deck: Deck, found: tuple[Verdict, ...]) -> list[Problem]:
    """A located warning for every intention the figures no longer keep (for ``check``, in English)."""
    file = str(deck.path / "answers.yaml")
    return [Problem(file, v.line or None, v.field, warning_text(v)) for v in found if not v.kept]


def warning_report(deck: Deck) -> str:
    """``check``'s warnings, one a line with a count at the end; empty when the deck keeps its lesson."""
    found = warnings(deck, verdicts(deck))
    if not found:
        return ""
    count = f"{len(found)} warning{'s' if len(found) != 1 else ''}"
    lines = [f"warning: {p}" for p in found] + [f"{count}: the figures no longer show the lesson answers.yaml states"]
    return "\n".join(lines) + "\n"


_SHOWN = {"higher": "series 1 higher", "lower": "series 1 lower", "equal": "about equal", "different": "different"}


def warning_text(v: Verdict) -> str:
    """What the figures show against what was intended, with the figures themselves."""
    if v.intended == SINGLES_OUT:
        named = f"'{v.value}'" if v.value else "a value"
        if v.found == "one":
            problem = ""
        elif v.value:
            problem = f"'{v.value}' is held by {v.holders} persons" if v.holders else f"no person has '{v.value}'"
        else:
            problem = f"{v.holders} values single out a person" if v.holders else "no value singles out a person"
        extra = ", ".join(f"{label} '{value}'" for label, value in v.others)
        parts = [p for p in (problem, f"also singling out: {extra}" if extra else "") if p]
        return f"{v.title}: {'; '.join(parts)}; intended: exactly one value held by one person ({named})"
    figures = "; ".join(v.figures)
    apart = f"{_percent(v.difference)} apart; equal within {_percent(v.equal_within)}"
    return f"{v.title} ({figures}): the figures show {_SHOWN[v.found]} ({apart}), intended: {_SHOWN[v.intended]}"


def _percent(x: float) -> str:
    return f"{x * 100:.0f} %"


def shortfall(
    comparison: Comparison, figures: tuple[SeriesFigure, SeriesFigure], difference: float, margins: Margins
) -> float:
    """How far two series' figures are from showing ``comparison.expect`` clearly; 0 when they do.

    Ordered figures are measured by their signed relative difference, distributions by
    their total variation distance, most frequent values by how many they share.
    """
    expect = comparison.expect
    if not expect:
        return 0.0
    a, b = figures
    apart = comparison.equal_within + margins.apart
    together = comparison.equal_within * margins.together
    if comparison.measure is Measure.MODE:
        shared = len([v for v in a.modes if v in b.modes])
        if expect == "equal":
            return 0.0 if shared else 1.0
        weak = sum(max(0, margins.mode_count - (f.distribution[0][1] if f.distribution else 0)) for f in figures)
        mixed = sum(n for f, other in ((a, b), (b, a)) for v, n in other.distribution if v in f.modes)
        return float(shared + weak + mixed)
    if comparison.measure is Measure.DISTRIBUTION:
        return max(0.0, difference - together) if expect == "equal" else max(0.0, apart - difference)
    x, y = (a.share, b.share) if comparison.measure is Measure.COUNT else (a.mean, b.mean)
    if x is None or y is None or math.isnan(x) or math.isnan(y):
        return 1.0
    scale = max(abs(x), abs(y))
    signed = (x - y) / scale if scale else 0.0
    plain = x - y if comparison.measure is Measure.COUNT else 0.0
    share = margins.share_apart if comparison.measure is Measure.COUNT else 0.0
    if expect == "higher":
        return max(0.0, apart - signed) + max(0.0, share - plain)
    if expect == "lower":
        return max(0.0, apart + signed) + max(0.0, share + plain)
    return max(0.0, abs(signed) - together)


def lesson_text(deck: Deck, v: Verdict) -> str:
    """The verdict in the deck's language, for the ``stats`` table: what was intended, and what the figures show."""
    lang = language(deck.language)
    first = deck.series[0].label

    def shown(direction: str) -> str:
        return lang.t(f"lesson_{direction}", first=first)

    if v.intended != SINGLES_OUT:
        intended, found = shown(v.intended), shown(v.found)
    else:
        attribute = v.title
        named = lang.t("lesson_value_named", attribute=attribute, value=v.value) if v.value else ""
        intended = lang.t("lesson_singles_out", value=named or lang.t("lesson_value_any", attribute=attribute))
        problems = []
        if v.found != "one" and v.value:
            problems.append(
                lang.t("lesson_held_by", value=v.value, count=v.holders)
                if v.holders
                else lang.t("lesson_held_by_none", value=v.value)
            )
        elif v.found != "one":
            key = "lesson_values_many" if v.holders else "lesson_values_none"
            problems.append(lang.t(key, count=v.holders, attribute=attribute))
        if v.others:
            values = lang["list_separator"].join(
                lang.t("lesson_value_named", attribute=a, value=value) for a, value in v.others
            )
            problems.append(lang.t("lesson_also", values=values))
        found = "; ".join(problems)
    return (
        lang.t("lesson_kept", intended=intended) if v.kept else lang.t("lesson_broken", intended=intended, found=found)
    )
