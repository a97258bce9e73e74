"""answers.yaml: which figure the answer sheet computes per attribute, and the assumption's wordings."""

from __future__ import annotations

import re
from typing import Any

from .checker import Checker, describe, suggest
from .model import Attribute, Comparison, Correlation, Kind, Margin, Measure, SinglesOut, Wording
from .yamlfile import Path_

_ORDERED = {Measure.MEAN, Measure.TOTAL, Measure.TOTAL_MEAN, Measure.COUNT}

ORDERED_DIRECTIONS = ("higher", "lower", "equal")
"""What an ordered figure (mean, total, count) can show, series 1 against series 2."""
UNORDERED_DIRECTIONS = ("different", "equal")
"""What an unordered figure (most frequent values, distribution) can show."""
CORRELATION_REMARKS = ("none", "positive", "negative")
"""Which of a correlation's remarks a row can be meant to print."""

COUNT_MARGIN = Margin(0.3, 10)
"""A count's margin when the deck states none: 3 persons in 10 apart."""
MARGIN_OVER_EQUAL = 0.1
"""Any other ordered or distribution row's margin when the deck states none: ``equal_within`` + this."""
_OF = re.compile(r"\s*([0-9]{1,4})\s+of\s+([0-9]{1,4})\s*")


def read_comparisons(
    c: Checker,
    value: Any,
    path: Path_,
    attributes: list[Attribute],
    footnotes: dict,
    *,
    declared: set[str] = frozenset(),
) -> list[Comparison]:
    """Every comparison; ``declared`` are attribute keys already reported as unusable (not reported again)."""
    by_key = {a.key: a for a in attributes}
    out: list[Comparison] = []
    listed = c.sequence(value, path)
    if listed == []:
        c.error(path, "needs at least one comparison: they are the rows of the answer sheet")
    for i, raw in enumerate(listed or []):
        p = path + (i,)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(
            m,
            p,
            ["attribute", "measure", "assumption"],
            [
                "title",
                "categories",
                "category_label",
                "equal_within",
                "decimals",
                "correlation",
                "footnote",
                "expect",
                "margin",
                "observation",
                "question",
                "caution",
            ],
        )
        key = c.text(m, "attribute", p)
        attribute = by_key.get(key)
        if attribute is None and key and key not in declared:
            c.error(p + ("attribute",), f"unknown attribute '{key}'{suggest(key, by_key)}")
        measure_raw = c.choice(m, "measure", p, [x.value for x in Measure])
        measure = Measure(measure_raw) if measure_raw else None
        if attribute and measure:
            numeric = measure in (Measure.MEAN, Measure.TOTAL, Measure.TOTAL_MEAN)
            if numeric and attribute.kind is not Kind.NUMBER:
                c.error(
                    p + ("measure",), f"'{measure.value}' needs a number attribute; '{key}' is a {attribute.kind.value}"
                )
                measure = None  # its wordings cannot be checked against a measure that does not apply
            elif not numeric and attribute.kind is Kind.NUMBER:
                c.error(p + ("measure",), f"'{measure.value}' needs a category or code attribute; '{key}' is a number")
                measure = None
        categories = c.texts(m, "categories", p) if "categories" in m else ()
        if measure is Measure.COUNT:
            if not categories:
                c.error(p, "a count needs 'categories' to count")
            for j, cat in enumerate(categories):
                if attribute and attribute.categories and cat not in attribute.categories:
                    c.error(
                        p + ("categories", j),
                        f"'{cat}' is not a category of '{key}'{suggest(cat, attribute.categories)}",
                    )
        equal_within = c.number(m, "equal_within", p, 0.1, low=0, high=1)
        decimals = c.number(m, "decimals", p, 1, low=0, high=4, whole=True)
        observation = read_wording(c, m.get("observation", {}), p + ("observation",), measure, partial=True)
        question = read_question(c, m, p, measure)
        wording = read_wording(c, m.get("assumption"), p + ("assumption",), measure, observed=observation)
        correlation = None
        if "correlation" in m and (cm := c.mapping(m["correlation"], p + ("correlation",))) is not None:
            cp = p + ("correlation",)
            c.keys(cm, cp, ["attribute", "none", "positive", "negative"], ["threshold", "expect"])
            other = c.text(cm, "attribute", cp)
            if other and other not in declared and (other not in by_key or by_key[other].kind is not Kind.NUMBER):
                c.error(cp + ("attribute",), f"'{other}' is not a number attribute of this deck")
            if attribute and attribute.kind is not Kind.NUMBER:
                c.error(cp, f"a correlation needs a number attribute; '{key}' is a {attribute.kind.value}")
            correlation = Correlation(
                attribute=other,
                threshold=c.number(cm, "threshold", cp, 0.3, low=0, high=1),
                positive=c.text(cm, "positive", cp),
                negative=c.text(cm, "negative", cp),
                none=c.text(cm, "none", cp),
                expect=c.choice(cm, "expect", cp, CORRELATION_REMARKS, default="") or "",
                line=c.doc.line(cp + ("expect",)) or 0,
            )
        footnote_key = c.text(m, "footnote", p, required=False)
        if footnote_key and footnote_key not in footnotes:
            c.error(p + ("footnote",), f"no footnote '{footnote_key}' in texts.yaml answer_sheet.footnotes")
        expect = read_expect(c, m, p, measure)
        margin = read_margin(c, m, p, measure, expect, float(equal_within or 0))
        if attribute is None or measure is None:
            continue
        out.append(
            Comparison(
                attribute=key,
                measure=measure,
                title=c.text(m, "title", p, required=False) or attribute.label,
                categories=categories,
                category_label=c.text(m, "category_label", p, required=False) or "/".join(categories),
                equal_within=float(equal_within or 0),
                decimals=int(decimals or 0),
                assumption=wording,
                correlation=correlation,
                footnote=footnotes.get(footnote_key, ""),
                expect=expect,
                margin=margin,
                line=c.doc.line(p + ("expect",)) or 0,
                observation=observation,
                question=question,
                caution=c.text(m, "caution", p, required=False),
            )
        )
    return out


def read_wording(
    c: Checker,
    value: Any,
    path: Path_,
    measure: Measure | None,
    *,
    partial: bool = False,
    observed: Wording = Wording(),
) -> Wording:
    """Texts per direction. ``partial``: any of the directions may be left out (observations, questions).
    An assumption must name every direction, but may be empty (``""``) where ``observed`` has a text for it:
    a row that only observes (no striking difference) puts no claim to the group."""
    m = c.mapping(value, path, "the wordings per direction (higher, lower, equal or different, equal)")
    if m is None or measure is None:
        return Wording()
    directions = list(ORDERED_DIRECTIONS if measure in _ORDERED else UNORDERED_DIRECTIONS)
    c.keys(m, path, [] if partial else directions, directions if partial else ())
    texts = {k: c.text(m, k, path, required=False) for k in directions if k in m}
    if not partial:
        for k, text in texts.items():
            if not text and not getattr(observed, k):
                c.error(path + (k,), "must not be empty (it may be, where 'observation' has a text for it)")
    return Wording(**texts)


def read_question(c: Checker, m: dict, path: Path_, measure: Measure | None) -> Wording:
    """``question``: one text for every direction, or a text per direction (as the assumption has)."""
    if "question" not in m:
        return Wording()
    value = m["question"]
    if isinstance(value, dict):
        return read_wording(c, value, path + ("question",), measure, partial=True)
    text = c.text(m, "question", path)
    if measure is None:
        return Wording()
    directions = ORDERED_DIRECTIONS if measure in _ORDERED else UNORDERED_DIRECTIONS
    return Wording(**dict.fromkeys(directions, text))


def read_expect(c: Checker, m: dict, path: Path_, measure: Measure | None) -> str:
    """The direction a comparison is meant to show; which ones fit depends on whether its figure is ordered."""
    if "expect" not in m or measure is None:
        return ""
    allowed = ORDERED_DIRECTIONS if measure in _ORDERED else UNORDERED_DIRECTIONS
    value = m["expect"]
    if value not in allowed:
        kind = "an ordered" if measure in _ORDERED else "an unordered"
        c.error(
            path + ("expect",),
            f"'{value}' does not fit {kind} figure ({measure.value}); expect one of: {', '.join(allowed)}"
            + suggest(str(value), allowed),
        )
        return ""
    return value


def read_margin(
    c: Checker, m: dict, path: Path_, measure: Measure | None, expect: str, equal_within: float
) -> Margin | None:
    """``margin``: "3 of 10" for a count (persons apart) or postcodes (persons sharing a value with the other
    series, at most), a share from 0 to 1 for a mean, a total or a distribution; a default when unstated."""
    if not expect or measure is None:
        if "margin" in m and "expect" not in m:  # a wrong expect or measure is reported already
            c.error(path + ("margin",), "a margin needs an 'expect' to measure")
        return None
    if expect == "equal":
        if "margin" in m:
            c.error(path + ("margin",), "'equal' is measured by equal_within; a margin is for the other directions")
        return Margin(equal_within)
    counted = measure in (Measure.COUNT, Measure.MODE)
    if "margin" not in m:
        if measure is Measure.COUNT:
            return COUNT_MARGIN
        return Margin(1.0, 0) if measure is Measure.MODE else Margin(min(1.0, equal_within + MARGIN_OVER_EQUAL))
    value = m["margin"]
    if counted:
        found = _OF.fullmatch(value) if isinstance(value, str) else None
        if found is None or not 0 <= int(found[1]) <= int(found[2]) or int(found[2]) == 0:
            what = "persons apart" if measure is Measure.COUNT else "persons at most in values both series have"
            c.error(path + ("margin",), f"expected N of M ({what}), e.g. '3 of 10'; got {describe(value)}")
            return None
        return Margin(int(found[1]) / int(found[2]), int(found[2]))
    share = c.number(m, "margin", path, None, low=0, high=1)
    if share is None:
        return None
    if share <= equal_within:
        c.error(path + ("margin",), f"{share:g} is not more than equal_within ({equal_within:g})")
    return Margin(float(share))


def read_singles_out(c: Checker, value: Any, path: Path_, attributes: list[Attribute]) -> SinglesOut | None:
    """``singles_out``: the category or code attribute (and optionally its value) meant to make one person recognisable."""
    if (m := c.mapping(value, path, "{attribute: KEY, value: VALUE}")) is None:
        return None
    c.keys(m, path, ["attribute"], ["value"])
    by_key = {a.key: a for a in attributes}
    key = c.text(m, "attribute", path)
    attribute = by_key.get(key)
    if attribute is None:
        if key:
            c.error(path + ("attribute",), f"unknown attribute '{key}'{suggest(key, by_key)}")
        return None
    if attribute.kind is Kind.NUMBER:
        c.error(path + ("attribute",), f"'{key}' is a number; a value that singles someone out is a category or code")
        return None
    chosen = c.text(m, "value", path, required=False)
    if chosen and attribute.kind is Kind.CATEGORY and chosen not in attribute.categories:
        c.error(
            path + ("value",),
            f"'{chosen}' is not a category of '{key}'{suggest(chosen, attribute.categories)}",
        )
    if chosen and attribute.kind is Kind.CODE and attribute.pattern and not re.fullmatch(attribute.pattern, chosen):
        c.error(path + ("value",), f"'{chosen}' does not match the pattern {attribute.pattern} of '{key}'")
    return SinglesOut(attribute=key, value=chosen, line=c.doc.line(path) or 0)
