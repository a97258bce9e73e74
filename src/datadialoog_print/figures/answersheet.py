"""The answer sheet's content as printed texts: per attribute, each series' figure, the assumption and the remarks.

Kept apart from the rendering: the rows are computed once per build from the figures of
:mod:`.stats` (plain Python) and are plain data, texts only, that the answer sheet and the
slides print alike; computing them needs no ReportLab, and rendering them no statistics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..deck.language import Language, language
from ..deck.model import RECOGNISABLE_K, Deck, Measure

MAX_DISTRIBUTION_VALUES = 8
"""A distribution lists at most this many values per series; the rest are summed up as 'other'."""


@dataclass(frozen=True)
class AnswerRow:
    """One row as printed: texts only, in the deck's language and number format."""

    title: str
    figures: tuple[tuple[str, str], ...]
    """(series label, figure text) per series."""
    assumption: str
    """The claim for the group to test; "" where the row only observes."""
    remarks: tuple[str, ...]
    """Recognisability and correlation remarks that the figures support, then the lesson's warnings."""
    footnote: str
    observation: str = ""
    """What the figures show (or that they show no striking difference)."""
    question: str = ""
    """The assumption put to the group as a question."""
    caution: str = ""
    """What else could explain the difference (the deck's confounder note for this row)."""
    warnings: int = 0
    """How many of the last ``remarks`` are the lesson's warnings: for the facilitator, not for the slides."""


def answer_rows(deck: Deck, *, k: int = RECOGNISABLE_K, sheet: tuple | None = None) -> tuple[AnswerRow, ...]:
    """The answer sheet's rows as printed texts, from ``sheet`` (:func:`~.stats.answer_sheet`'s rows) when the
    caller computed it already, else computed here."""
    from .lesson import verdicts
    from .lessontext import verdict_text
    from .stats import answer_sheet, rare_text

    lang = language(deck.language)
    rows = answer_sheet(deck, k=k) if sheet is None else sheet
    warned = _lesson_notes(deck, rows, verdicts(deck, rows, k=k), verdict_text, lang)
    out = []
    for index, row in enumerate(rows):
        remarks = [rare_text(row, lang, k=k)]
        if row.correlation:
            remarks.append(row.correlation.remark)
        remarks += warned.get(index, [])
        out.append(
            AnswerRow(
                title=row.comparison.title,
                figures=tuple((s.label, _figure(row, f, lang)) for s, f in zip(deck.series, row.figures, strict=False)),
                assumption=row.assumption,
                remarks=tuple(r for r in remarks if r),
                warnings=len([r for r in warned.get(index, []) if r]),
                footnote=row.comparison.footnote,
                observation=row.observation,
                question=row.question,
                caution=row.comparison.caution,
            )
        )
    return tuple(out)


def _lesson_notes(deck: Deck, rows, found, verdict_text, lang: Language) -> dict[int, list[str]]:
    """Per row, a note for each intention its figures no longer keep (a build with ``--allow-broken-lesson``);
    the telling value's goes with the row of its attribute."""
    notes: dict[int, list[str]] = {}
    for v in found:
        if v.kept:
            continue
        index = v.row
        if index is None:
            key = deck.singles_out.attribute if deck.singles_out else ""
            index = next((i for i, r in enumerate(rows) if r.comparison.attribute == key), len(rows) - 1)
        if rows:
            notes.setdefault(index, []).append(lang.t("answer_lesson_broken", text=verdict_text(deck, v, short=True)))
    return notes


def _figure(row, figure, lang: Language) -> str:
    """A figure's text; a long distribution keeps its most frequent values and sums up the rest."""
    from .stats import figure_text

    if row.comparison.measure is not Measure.DISTRIBUTION:
        return _unbroken(figure_text(row, figure, lang))
    if len(figure.distribution) > MAX_DISTRIBUTION_VALUES:
        shown = figure.distribution[:MAX_DISTRIBUTION_VALUES]
        rest = sum(c for _, c in figure.distribution[MAX_DISTRIBUTION_VALUES:])
        parts = [f"{v}\u00a0{c}" for v, c in shown] + [lang.t("other_values", count=rest)]
        return lang["list_separator"].join(parts)
    return figure_text(row, figure, lang)


def _unbroken(text: str) -> str:
    """Figure text that never breaks before a number: "gemiddeld 3,8" and "9 van 10" stay on one line."""
    return re.sub(r" (?=[\d€−-])", "\u00a0", text)
