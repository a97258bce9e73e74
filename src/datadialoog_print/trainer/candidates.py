"""``generate --candidates N``: several seeds side by side, each row's gap in the terms of its margin, and the pick.

A candidate's strength is that of its weakest row, each row measured against the source
deck's own gap (1.0: as clear as the original deck); the strongest candidate is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..deck.language import language
from ..deck.model import Deck, Measure, Value
from ..figures.lesson import gap
from ..figures.lessontext import margin_text
from .reference import Reference, row_figures


@dataclass(frozen=True)
class Candidate:
    """One seed's persons, measured."""

    seed: int
    gaps: tuple[float, ...]
    """Per row with a stated direction (higher, lower, different), its gap toward that direction."""
    score: float
    """The weakest row's gap as a share of the source deck's own (higher is stronger)."""


def _rows(deck: Deck) -> list[int]:
    return [i for i, c in enumerate(deck.comparisons) if c.expect in ("higher", "lower", "different")]


def measure(
    deck: Deck, values: list[dict[str, Value]], series: list[int], seed: int, reference: Reference
) -> Candidate:
    """The gaps of a draft deck's persons (``values``, each person's series index in ``series``), and its strength
    measured against the shipped deck the lesson comes from (``reference``)."""
    found = row_figures(deck, values, series, set(_rows(deck)) | set(reference.clarities))
    gaps = tuple(gap(deck.comparisons[i], *found[i]) for i in _rows(deck))
    return Candidate(seed, gaps, reference.score(found))


def candidate_rows(deck: Deck, candidates) -> list[tuple[str, tuple[str, ...]]]:
    """Per row with a stated direction, its title and each candidate's gap in the terms of its margin ("6 van 10"),
    in the deck's language: what ``generate --candidates`` prints and the workspace's generate page shows."""
    lang = language(deck.language)
    out = []
    for n, index in enumerate(_rows(deck)):
        c = deck.comparisons[index]
        size = (lambda g: abs(g)) if c.measure is not Measure.MODE else (lambda g: g)
        out.append((c.title, tuple(margin_text(lang, c.margin, size(k.gaps[n])) for k in candidates)))
    return out


def strength_text(deck: Deck, candidate: Candidate) -> str:
    """A candidate's strength as the deck's language writes it (0,95 in Dutch)."""
    return language(deck.language).number(candidate.score, 2, keep_zeros=True)


def candidates_table(made) -> str:
    """The candidates side by side: a column per seed, a line per row, the pick marked; in the deck's language."""
    deck = made.source
    lang = language(deck.language)
    header = [
        "",
        *(lang.t("candidates_seed", seed=c.seed) + (" *" if c.seed == made.seed else "") for c in made.candidates),
    ]
    body = [[title, *gaps] for title, gaps in candidate_rows(deck, made.candidates)]
    body.append([lang["candidates_strength"], *(strength_text(deck, k) for k in made.candidates)])
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in [header, *body]]
    return "\n".join([lang.t("candidates_note", deck=deck.name), *lines])


@dataclass(frozen=True)
class Column:
    """One column of the candidates table: the shipped deck first, then each candidate."""

    seed: int | None
    """None for the shipped deck the lesson comes from."""
    figures: tuple[str, ...]
    """Per row with a stated direction, both series' figures as the answer sheet prints them ("39,5 – 50")."""
    strength: str
    names: str
    """A few of its persons' names."""


def figure_columns(origin: Deck, tried, *, names: int = 3) -> tuple[list[str], list[Column]]:
    """The rows' titles and the columns the generate page shows: the shipped deck the lesson comes from (strength
    1,00 by definition), then each candidate with its answer-sheet figures, its strength and a few names."""
    from ..assemble.decks import load_deck
    from ..figures.stats import answer_sheet, figure_text
    from .reference import reference_for

    lang = language(origin.language)
    rows = _rows(origin)
    dash = " – "

    def figures_of(deck: Deck) -> tuple[str, ...]:
        sheet = answer_sheet(deck)
        return tuple(dash.join(figure_text(sheet[i], f, lang) for f in sheet[i].figures) for i in rows)

    def some(deck: Deck) -> str:
        return lang["list_separator"].join(p.name for p in deck.persons[:names])

    shipped = reference_for(origin).deck
    columns = [Column(None, figures_of(shipped), lang.number(1.0, 2, keep_zeros=True), some(shipped))]
    for t in tried:
        made = load_deck(origin.path, replacing=t.files)
        columns.append(Column(t.candidate.seed, figures_of(made), strength_text(origin, t.candidate), some(made)))
    return [origin.comparisons[i].title for i in rows], columns
