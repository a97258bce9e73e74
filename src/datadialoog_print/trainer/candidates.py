"""``generate --candidates N``: several seeds side by side, each row's answer-sheet figures, and the pick.

A candidate's strength is that of its weakest row, each row measured against the shipped deck
the lesson comes from (1.0: on every row at least as clear as it); the strongest candidate is
written. The CLI's table and the workspace's generate page show the same columns
(:func:`figure_columns`).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from ..deck.language import language
from ..deck.model import Deck, Value
from ..figures.lesson import gap
from .reference import Reference, row_figures


@dataclass(frozen=True)
class Candidate:
    """One seed's persons, measured."""

    seed: int
    gaps: tuple[float, ...]
    """Per row with a stated direction (higher, lower, different), its gap toward that direction."""
    score: float
    """The weakest row's clarity as a share of the shipped deck's (1.0: every row at least as clear)."""
    mean: float = 1.0
    """The rows' clarity on average, as a share of the shipped deck's: of two candidates equally clear on their
    weakest row (a count row often equals the original's exactly), the one that shows the lesson more clearly."""

    @property
    def rank(self) -> tuple[float, float]:
        """How a candidate is chosen as the strongest: its weakest row, then its rows on average (rounded, so a
        float's last bit never decides)."""
        return (round(self.score, 6), round(self.mean, 6))


def _rows(deck: Deck) -> list[int]:
    return [i for i, c in enumerate(deck.comparisons) if c.expect in ("higher", "lower", "different")]


def measure(
    deck: Deck, values: list[dict[str, Value]], series: list[int], seed: int, reference: Reference
) -> Candidate:
    """The gaps of a draft deck's persons (``values``, each person's series index in ``series``), and its strength
    measured against the shipped deck the lesson comes from (``reference``)."""
    found = row_figures(deck, values, series, set(_rows(deck)) | set(reference.clarities))
    gaps = tuple(gap(deck.comparisons[i], *found[i]) for i in _rows(deck))
    shares = reference.shares(found)
    return Candidate(seed, gaps, min(shares, default=1.0), fmean(shares) if shares else 1.0)


def strength_text(deck: Deck, candidate: Candidate) -> str:
    """A candidate's strength as the deck's language writes it (0,95 in Dutch)."""
    return language(deck.language).number(candidate.score, 2, keep_zeros=True)


def mean_text(deck: Deck, candidate: Candidate) -> str:
    """A candidate's strength over its rows on average, as the deck's language writes it (1,14 in Dutch)."""
    return language(deck.language).number(candidate.mean, 2, keep_zeros=True)


def candidates_table(made) -> str:
    """The candidates side by side, as the workspace's generate page shows them: the shipped deck the lesson comes
    from, then a column per seed with each row's answer-sheet figures, its strength and a few names; the pick
    marked; in the deck's language."""
    deck = made.source
    lang = language(deck.language)
    titles, columns = made.table
    header = [""]
    for c in columns:
        if c.seed is None:
            header.append(lang.t("candidates_shipped", deck=made.shipped))
        else:
            header.append(lang.t("candidates_seed", seed=c.seed) + (" *" if c.seed == made.seed else ""))
    body = [[title, *(" – ".join(c.figures[n]) for c in columns)] for n, title in enumerate(titles)]
    body.append([lang["candidates_strength"], *(c.strength for c in columns)])
    body.append([lang["candidates_mean"], *(c.mean for c in columns)])
    body.append([lang["candidates_names"], *(c.names for c in columns)])
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in [header, *body]]
    return "\n".join([lang.t("candidates_note", shipped=made.shipped), *lines])


@dataclass(frozen=True)
class Column:
    """One column of the candidates table: the shipped deck first, then each candidate."""

    seed: int | None
    """None for the shipped deck the lesson comes from."""
    figures: tuple[tuple[str, ...], ...]
    """Per row with a stated direction, each series' figure as the answer sheet prints it ("gemiddeld 39,5")."""
    strength: str
    mean: str
    """The strength over the rows on average."""
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

    def figures_of(deck: Deck) -> tuple[tuple[str, ...], ...]:
        sheet = answer_sheet(deck)
        return tuple(tuple(figure_text(sheet[i], f, lang) for f in sheet[i].figures) for i in rows)

    def some(deck: Deck) -> str:
        return lang["list_separator"].join(p.name for p in deck.persons[:names])

    shipped = reference_for(origin).deck
    one = lang.number(1.0, 2, keep_zeros=True)
    columns = [Column(None, figures_of(shipped), one, one, some(shipped))]
    for t in tried:
        made = load_deck(origin.path, replacing=t.files)
        c = t.candidate
        columns.append(Column(c.seed, figures_of(made), strength_text(origin, c), mean_text(origin, c), some(made)))
    return [origin.comparisons[i].title for i in rows], columns
