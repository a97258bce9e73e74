"""Fresh values for a deck's persons that keep its lesson: drawn plausibly, then nudged until every intention holds.

Each person's values are drawn from ``data/personas.yaml`` (or, for an attribute it does
not name, from the range of the source deck's own values) and keep every rule there. The
draft is then changed one value at a time, a change kept only when it brings the
figures closer to what the deck states (``expect`` per row, ``singles_out``) without
breaking a rule, until every intention holds with the margins a group can see. All
randomness comes from the one ``random.Random`` passed in, so a seed gives one deck.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from random import Random

from ..deck.model import Attribute, Comparison, Deck, Kind, Measure, Value
from ..deck.plausible import plausibility
from ..deck.rules import Rule
from ..errors import DatadialoogError
from ..figures.clarity import Band, band_shortfall, directional
from ..figures.lesson import shortfall
from ..figures.stats import compare
from .personas import ChoiceValues, NumberValues, Personas

MAX_STEPS = 6000
"""Changes tried per attempt before starting afresh."""
ATTEMPTS = 3
"""Fresh starts before giving up and naming what could not be met."""
REPAIRS = 30
"""Redraws of other values to bring one changed person back within the rules."""
OTHER_CODE = 0.2
"""Weight of a code no source person of the series has, beside 1 per source person who has it."""


class CannotGenerate(DatadialoogError):
    """A deck that cannot be made within its intentions and the rules for plausible persons.

    ``words`` (a phrase of the deck's language tables and its values), where given, says the same
    to a trainer in the deck's language; the message itself is English, as every CLI message is.
    """

    def __init__(self, message: str, *, words: tuple[str, dict] | None = None) -> None:
        super().__init__(message)
        self.words = words


@dataclass(frozen=True)
class Singled:
    """The one value meant to single a person out, and who holds it."""

    attribute: str
    value: str
    holder: int
    """Index of the holder among the draft's persons."""


def _round_step(values: list[float], decimals: int) -> float:
    """The step a person writes these numbers in (500 for 12000, 18500, 4500), 1 when nothing rounder fits."""
    nonzero = [v for v in values if v]
    for step in (1000, 500, 100, 50, 10, 5):
        if len(nonzero) >= 3 and all(float(v) % step == 0 for v in nonzero):
            return float(step)
    return 10.0**-decimals


@dataclass
class Values:
    """How each attribute's values are drawn for one deck."""

    deck: Deck
    """The source deck: its attributes, and its persons' values for attributes the rules do not name."""
    personas: Personas
    numbers: dict[str, NumberValues] = field(default_factory=dict)
    choices: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = field(default_factory=dict)
    local: dict[str, tuple[tuple[float, ...], ...]] = field(default_factory=dict)
    """Per code attribute and series, the weight of each code (see __post_init__)."""
    dealt: tuple[str, ...] = ()
    """Category attributes dealt out within each series rather than drawn (see ChoiceValues.deal)."""
    rules: tuple[Rule, ...] = ()
    reference: Deck | None = None
    """The shipped deck the lesson comes from: its persons' codes and ranges, so a chain of generated decks keeps
    the original's parts of town (the source deck when None)."""

    def __post_init__(self) -> None:
        self.rules = plausibility().rules_for(self.deck)
        like = self.reference or self.deck
        for attribute in self.deck.attributes:
            spec = self.personas.values.get(attribute.key)
            column = [p.values[attribute.key] for p in like.persons]
            if attribute.kind is Kind.NUMBER:
                self.numbers[attribute.key] = self._number(attribute, spec, column)
            elif attribute.kind is Kind.CATEGORY:
                weights = spec.weights if isinstance(spec, ChoiceValues) else {}
                if isinstance(spec, ChoiceValues) and spec.deal:
                    self.dealt += (attribute.key,)
                known = list(weights.values()) or [1.0]
                fallback = sum(known) / len(known)
                self.choices[attribute.key] = (
                    attribute.categories,
                    tuple(
                        weights.get(str(self.personas.canonical(attribute.key, c)), fallback)
                        for c in attribute.categories
                    ),
                )
            else:
                codes = tuple(dict.fromkeys(str(v) for v in column))
                self.choices[attribute.key] = (codes, (1.0,) * len(codes))
                # Codes (postcodes) come mostly from those of the source's persons in the same series,
                # so the new persons live in the parts of town the source's texts speak of.
                self.local[attribute.key] = tuple(
                    tuple(
                        sum(1 for p in like.persons_in(s) if str(p.values[attribute.key]) == c) + OTHER_CODE
                        for c in codes
                    )
                    for s in like.series
                )

    def _number(self, attribute: Attribute, spec, column: list) -> NumberValues:
        if isinstance(spec, NumberValues):
            base = spec
        else:
            numbers = [float(v) for v in column]
            base = NumberValues(
                low=min(numbers),
                high=max(numbers),
                peak=statistics.median(numbers),
                step=_round_step(numbers, attribute.decimals),
            )
        low = max(base.low, attribute.minimum) if attribute.minimum is not None else base.low
        high = min(base.high, attribute.maximum) if attribute.maximum is not None else base.high
        if low > high:  # the deck's bounds leave the rules' range: keep to the deck's
            low, high = attribute.minimum or 0.0, attribute.maximum if attribute.maximum is not None else low
        return NumberValues(low, high, min(max(base.peak, low), high), base.step, base.none)

    def draw(self, key: str, rng: Random, *, series: int = 0, avoid: str | None = None) -> Value:
        """One plausible value of an attribute for a person of a series; never ``avoid`` (the value kept for the
        one person it singles out)."""
        if key in self.numbers:
            spec = self.numbers[key]
            if spec.none and spec.low <= 0 and rng.random() < spec.none:
                return 0
            x = rng.triangular(spec.low, spec.high, spec.peak)
            step = spec.step
            first, last = math.ceil(spec.low / step - 1e-9), math.floor(spec.high / step + 1e-9)
            n = min(max(round(x / step), first), last)
            value = n * step
            decimals = self.deck.attribute(key).decimals
            return round(value) if decimals == 0 and float(step).is_integer() else round(value, decimals)
        options, weights = self.choices[key]
        if key in self.local:
            weights = self.local[key][series]
        if avoid is not None and avoid in options:
            kept = [(o, w) for o, w in zip(options, weights, strict=True) if o != avoid]
            if not kept:
                return options[0]
            options, weights = tuple(o for o, _ in kept), tuple(w for _, w in kept)
        return rng.choices(options, weights)[0]

    def breaks(self, values: dict[str, Value]) -> list[Rule]:
        """The rules a person's values break."""
        return plausibility().broken(self.rules, values)


@dataclass
class Draft:
    """The persons being made, with how far each intention still is from holding."""

    deck: Deck
    values: Values
    series: list[int]
    """Index of each person's series (0 or 1)."""
    singled: Singled | None
    rng: Random
    targets: dict[int, Band | float] = field(default_factory=dict)
    """Per row with an ``expect``: a directional row's band of clarity (see :mod:`..figures.clarity`), an 'equal'
    row's largest gap (see :func:`aim_targets`)."""
    persons: list[dict[str, Value]] = field(default_factory=list)
    rows: list[tuple[int, Comparison]] = field(default_factory=list)
    short: dict[tuple[str, object], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rows = [(i, c) for i, c in enumerate(self.deck.comparisons) if c.expect]
        self.telling = [a.key for a in self.deck.attributes if a.kind is not Kind.NUMBER]
        self.persons = [self._person(i) for i in range(len(self.series))]
        for key in self.values.dealt:
            if not (self.singled and key == self.singled.attribute):
                self._deal(key)
        self.short = {key: self._shortfall(key) for key in self._keys()}

    def _deal(self, key: str) -> None:
        """Share a category out within each series in proportion to its weights, in random order."""
        options, weights = self.values.choices[key]
        for series in sorted(set(self.series)):
            members = [i for i, s in enumerate(self.series) if s == series]
            quotas = [w / sum(weights) * len(members) for w in weights]
            counts = [math.floor(q) for q in quotas]
            by_remainder = sorted(range(len(options)), key=lambda j: (counts[j] - quotas[j], j))
            for j in by_remainder[: len(members) - sum(counts)]:
                counts[j] += 1
            dealt = [o for o, n in zip(options, counts, strict=True) for _ in range(n)]
            self.rng.shuffle(dealt)
            for i, value in zip(members, dealt, strict=True):
                self.persons[i][key] = value
                self._repair(i, self.persons[i], {key}, set())

    def _keys(self) -> list[tuple[str, object]]:
        keys: list[tuple[str, object]] = [("row", i) for i, _ in self.rows]
        keys += [("corr", i) for i, c in enumerate(self.deck.comparisons) if c.correlation and c.correlation.expect]
        if self.singled is not None:
            keys += [("rare", key) for key in self.telling]
        return keys

    def _fixed(self, index: int, key: str) -> bool:
        return self.singled is not None and index == self.singled.holder and key == self.singled.attribute

    def _avoid(self, index: int, key: str) -> str | None:
        s = self.singled
        return s.value if s is not None and key == s.attribute and index != s.holder else None

    def _person(self, index: int) -> dict[str, Value]:
        for _ in range(20):
            values = {
                a.key: self.singled.value if self._fixed(index, a.key) else self._draw(index, a.key)
                for a in self.deck.attributes
            }
            if self._repair(index, values, set(), set()):
                return values
        broken = "; ".join(f"{r.text} ({r.why})" for r in self.values.breaks(values))
        raise CannotGenerate(f"cannot make a person within the rules for plausible persons: {broken}")

    def _draw(self, index: int, key: str) -> Value:
        return self.values.draw(key, self.rng, series=self.series[index], avoid=self._avoid(index, key))

    def _repair(self, index: int, values: dict[str, Value], keep: set[str], changed: set[str]) -> bool:
        """Redraw values other than ``keep`` until the person keeps every rule; False when that fails."""
        for _ in range(REPAIRS):
            broken = self.values.breaks(values)
            if not broken:
                return True
            free = [n for r in broken for n in r.names if n not in keep and not self._fixed(index, n)]
            if not free:
                return False
            key = self.rng.choice(free)
            values[key] = self._draw(index, key)
            changed.add(key)
        return not self.values.breaks(values)

    def column(self, key: str, series: int) -> list[Value]:
        return [p[key] for p, s in zip(self.persons, self.series, strict=True) if s == series]

    def _shortfall(self, key: tuple[str, object]) -> float:
        kind, what = key
        if kind == "row":
            comparison = self.deck.comparisons[what]
            categories = self.deck.attribute(comparison.attribute).categories
            columns = tuple((s.key, self.column(comparison.attribute, i)) for i, s in enumerate(self.deck.series))
            figures, _, difference = compare(comparison, categories, columns)
            target, count = self.targets[what], self.values.personas.mode_count
            if isinstance(target, Band):
                return band_shortfall(comparison, figures, difference, target, mode_count=count)
            return shortfall(comparison, figures, difference, target, mode_count=count)
        if kind == "corr":
            return self._correlation_shortfall(self.deck.comparisons[what])
        counts = Counter(str(p[what]) for p in self.persons)
        s = self.singled
        return float(sum(1 for v, n in counts.items() if n == 1 and not (s and what == s.attribute and v == s.value)))

    def _correlation_shortfall(self, comparison: Comparison) -> float:
        spec = comparison.correlation
        x = [float(p[comparison.attribute]) for p in self.persons]
        y = [float(p[spec.attribute]) for p in self.persons]
        try:
            r = statistics.correlation(x, y) if len(x) >= 3 else 0.0
        except statistics.StatisticsError:
            r = 0.0
        if spec.expect == "none":
            return max(0.0, abs(r) - spec.threshold * self.values.personas.correlation_together)
        sign = 1.0 if spec.expect == "positive" else -1.0
        return max(0.0, spec.threshold * 1.2 - sign * r)

    def _attributes(self, key: tuple[str, object]) -> tuple[str, ...]:
        """The attributes whose values an intention reads."""
        kind, what = key
        if kind == "rare":
            return (what,)
        comparison = self.deck.comparisons[what]
        if kind == "corr":
            return (comparison.attribute, comparison.correlation.attribute)
        return (comparison.attribute,)

    def total(self) -> float:
        return sum(self.short.values())

    def unmet(self) -> list[tuple[str, object]]:
        return [key for key, s in self.short.items() if s > 1e-12]

    def step(self) -> None:
        """Try one change aimed at an intention not yet met; keep it if the figures come closer."""
        rng = self.rng
        chosen = rng.choice(self.unmet())
        kind = chosen[0]
        key = rng.choice(self._attributes(chosen))
        index = rng.randrange(len(self.persons))
        if kind == "rare" and rng.random() < 0.5:
            counts = Counter(str(p[key]) for p in self.persons)
            lonely = [i for i, p in enumerate(self.persons) if counts[str(p[key])] == 1 and not self._fixed(i, key)]
            index = rng.choice(lonely) if lonely else index
        if self._fixed(index, key):
            return
        proposal = dict(self.persons[index])
        if key in self.values.choices and rng.random() < 0.5:
            other = self.persons[rng.randrange(len(self.persons))][key]
            proposal[key] = other if other != self._avoid(index, key) else self._draw(index, key)
        else:
            proposal[key] = self._draw(index, key)
        changed = {key}
        if not self._repair(index, proposal, {key}, changed):
            return
        before, old = self.total(), self.persons[index]
        self.persons[index] = proposal
        affected = [k for k in self.short if changed.intersection(self._attributes(k))]
        previous = {k: self.short[k] for k in affected}
        for k in affected:
            self.short[k] = self._shortfall(k)
        after = self.total()
        if after < before - 1e-12 or (after <= before + 1e-12 and rng.random() < 0.3):
            return
        self.persons[index] = old
        self.short.update(previous)

    def describe(self, key: tuple[str, object]) -> str:
        """An intention not met, as a trainer reads it."""
        kind, what = key
        if kind == "row":
            c = self.deck.comparisons[what]
            return f"{c.title} (expect: {c.expect})"
        if kind == "corr":
            c = self.deck.comparisons[what]
            return f"{c.title} (correlation with {c.correlation.attribute}, expect: {c.correlation.expect})"
        attribute = self.deck.attribute(what)
        named = f"'{self.singled.value}'" if self.singled else "one value"
        return f"only {named} singling out one person ({attribute.label} has values only one person holds)"


def aim_targets(deck: Deck, bands: dict[int, Band], together: float, *, persons: list[int]) -> dict[int, Band | float]:
    """Per row with an ``expect``: a directional row's band (from the shipped deck, ``bands``); an 'equal' row at
    most ``together`` × its ``equal_within`` apart, or its whole ``equal_within`` where one person alone (of the
    smallest series, ``persons``) already puts the series further apart."""
    out: dict[int, Band | float] = {}
    for index, c in enumerate(deck.comparisons):
        if directional(c) and index in bands:
            out[index] = bands[index]
        elif c.expect == "equal":
            tight = c.equal_within * together
            alone = 1 / min(persons) if persons and c.measure is Measure.DISTRIBUTION else 0.0
            out[index] = c.equal_within if alone > tight + 1e-12 else tight
    return out


def loosened(target: Band | float) -> Band | float:
    """A directional row's band with its upper end moved out by the band's width (the lower end kept)."""
    if isinstance(target, Band):
        return Band(target.low, target.high + (target.high - target.low), target.own)
    return target


def make_values(
    deck: Deck,
    personas: Personas,
    *,
    series: list[int],
    singled: Singled | None,
    rng: Random,
    request: str,
    targets: dict[int, Band | float],
    reference: Deck | None = None,
) -> list[dict[str, Value]]:
    """Values for every person, in the order of ``series``, that keep every intention of ``deck``.

    ``request`` says what was asked ("3 persons per series"), for the message when it cannot be done.
    """
    values = Values(deck, personas, reference=reference)
    best: Draft | None = None
    for _ in range(ATTEMPTS):
        draft = Draft(deck, values, series, singled, rng, targets)
        for _ in range(MAX_STEPS):
            if not draft.unmet():
                return draft.persons
            draft.step()
        if not draft.unmet():
            return draft.persons
        if best is None or draft.total() < best.total():
            best = draft
    assert best is not None
    missing = "; ".join(best.describe(k) for k in best.unmet())
    raise CannotGenerate(
        f"cannot make {request} that keep the lesson of '{deck.name}' within the rules for plausible persons; "
        f"not met: {missing}"
    )
