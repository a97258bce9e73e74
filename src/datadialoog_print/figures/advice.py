"""What to change so a row shows its lesson again, in plain words of the deck's language, for the persons page.

A verdict says that "Ziekenhuisbezoeken (totaal)" no longer shows series 1 lower by its margin;
a trainer editing persons wants to know what to change: "Reeks 2 heeft samen 8 keer meer nodig
(of Reeks 1 3 minder) om het verschil te laten zien". The amounts are the least that clears the
row's margin in answers.yaml, computed from the same figures the answer sheet prints.
"""

from __future__ import annotations

import math

from ..deck.language import language
from ..deck.model import Deck, Kind, Measure
from .lesson import Verdict
from .stats import Row, amount_text


def _amount(deck: Deck, row: Row, total: float) -> str:
    """A total as the cards count it: whole where the attribute is whole, with its unit ("8 keer", "€ 3.000")."""
    lang = language(deck.language)
    attribute = deck.attribute(row.comparison.attribute)
    step = 10.0**-attribute.decimals
    value = math.ceil(total / step - 1e-9) * step
    if row.unit_before:
        return amount_text(row, value, lang)
    unit = attribute.unit_one if value == 1 and attribute.unit_one else attribute.unit
    number = lang.number(value, attribute.decimals)
    return f"{number} {unit}" if unit else number


def advice(deck: Deck, rows: tuple[Row, ...], verdict: Verdict) -> str:
    """The least change that makes a broken row show its direction by its margin again; "" where none is computed
    (a row kept, a correlation, the telling value: their verdict says what is wrong)."""
    if verdict.kept or verdict.row is None or verdict.intended not in ("higher", "lower", "different"):
        return ""
    lang = language(deck.language)
    row = rows[verdict.row]
    c = row.comparison
    share = c.margin.share if c.margin else 0.0
    first, second = row.figures
    labels = [s.label for s in deck.series]
    if c.measure in (Measure.MEAN, Measure.TOTAL, Measure.TOTAL_MEAN) and first.total is not None:
        # the series meant to be higher (more) must reach less / (1 - margin) in mean; or less come down to it
        up, down = (0, 1) if c.expect == "higher" else (1, 0)
        figures = (first, second)
        more, less = figures[up], figures[down]
        if not more.persons or not less.persons:
            return ""
        need_up = (less.mean / (1 - share) - more.mean) * more.persons if share < 1 else math.inf
        need_down = (less.mean - more.mean * (1 - share)) * less.persons
        if need_up <= 0 or math.isinf(need_up):
            return ""
        return lang.t(
            "advice_more",
            series=labels[up],
            amount=_amount(deck, row, need_up),
            other=labels[down],
            amount_other=_amount(deck, row, max(need_down, 0)),
        )
    if c.measure is Measure.COUNT and first.share is not None and second.share is not None:
        up, down = (0, 1) if c.expect == "higher" else (1, 0)
        figures = (first, second)
        apart = figures[up].share - figures[down].share
        missing = share - apart
        if missing <= 0:
            missing = 1 / max(figures[up].persons, 1)  # apart enough as shares, but read as equal: one more
        return lang.t(
            "advice_count",
            series=labels[up],
            count=math.ceil(missing * figures[up].persons - 1e-9),
            label=c.category_label,
            other=labels[down],
            count_other=math.ceil(missing * figures[down].persons - 1e-9),
        )
    if c.measure is Measure.MODE and deck.attribute(c.attribute).kind is not Kind.NUMBER:
        everyone = first.persons + second.persons
        shared = sum(
            n for f, o in ((first, second), (second, first)) for v, n in f.distribution if v in dict(o.distribution)
        )
        extra = math.ceil(shared - share * everyone - 1e-9)
        if extra <= 0:
            return lang.t("advice_mode_own", label=deck.attribute(c.attribute).label.lower())
        return lang.t("advice_mode", count=extra, label=deck.attribute(c.attribute).label.lower())
    return ""
