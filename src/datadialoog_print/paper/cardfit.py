"""Fitting a card's texts into their boxes, and refusing a deck whose texts cannot fit at the minimum size."""

from __future__ import annotations

from functools import lru_cache

from ..deck.cardtext import Card, series_cards
from ..deck.model import Deck, MonoStyle, Source
from ..errors import LayoutError
from . import fonts, geometry
from .cardface import FrontGeometry
from .geometry import MM
from .textfit import Fit, fit


@lru_cache(maxsize=65536)
def fit_name(text: str, g: FrontGeometry) -> Fit | None:
    w, h = g.name_area
    return fit(
        text,
        fonts.BOLD,
        max_size=round(13 * g.scale * 2) / 2,
        min_size=geometry.MIN_FONT_PT,
        width=w * MM,
        height=h * MM,
        max_lines=2,
    )


@lru_cache(maxsize=65536)
def fit_label(text: str, g: FrontGeometry) -> Fit | None:
    _, _, w, h = g.label_area
    return fit(
        text,
        fonts.REGULAR,
        max_size=round(10.5 * g.scale * 2) / 2,
        min_size=geometry.MIN_FONT_PT,
        width=w * MM,
        height=h * MM,
        max_lines=2,
    )


def value_font(source: Source, mono: bool) -> str:
    return fonts.BOLD_ITALIC if mono and source.mono is MonoStyle.ITALIC else fonts.BOLD


@lru_cache(maxsize=65536)
def fit_value(text: str, font: str, g: FrontGeometry) -> Fit | None:
    _, _, w, h = g.value_area
    # Boxed values need room for the frame; keep it for every style so sizes match across editions.
    return fit(
        text,
        font,
        max_size=round(22 * g.scale * 2) / 2,
        min_size=geometry.MIN_FONT_PT,
        width=(w - 4) * MM,
        height=(h - 4) * MM,
        max_lines=4,
    )


BACK_INSET_MM = 5.0
"""Text on a card back stays this far (plus 3 mm) from the trim: a duplex printer is often a few mm off."""


def fit_back_label(text: str, g: FrontGeometry) -> Fit | None:
    """The series label on a card back: large, at most two lines."""
    return fit(
        text,
        fonts.BOLD,
        max_size=28 * g.scale,
        min_size=geometry.MIN_FONT_PT,
        width=(g.width - 2 * BACK_INSET_MM - 6) * MM,
        height=40 * MM,
        max_lines=2,
    )


def fit_back_title(text: str, g: FrontGeometry) -> Fit | None:
    """The deck's title under the label on a card back, at most three lines."""
    return fit(
        text,
        fonts.REGULAR,
        max_size=12 * g.scale,
        min_size=geometry.MIN_FONT_PT,
        width=(g.width - 2 * BACK_INSET_MM - 6) * MM,
        height=25 * MM,
        max_lines=3,
    )


def check_cards_fit(
    deck: Deck,
    width: float,
    height: float,
    *,
    mono: bool = False,
    cards: dict[str, list[Card]] | None = None,
    safe: float = geometry.SAFE_ZONE_MM,
) -> None:
    """Raise LayoutError naming every person and attribute whose text cannot be set at the minimum size
    (inside ``safe`` mm from the trim: the card's own safe zone, or a print shop's if larger)."""
    g = FrontGeometry(width, height, safe)
    failures: list[str] = []
    if fit_back_title(deck.title, g) is None:
        failures.append(f"the deck's title, on every card back, is too long: '{deck.title}'")
    for series in deck.series:
        if fit_back_label(series.label, g) is None:
            failures.append(f"the label of series '{series.key}', on its card backs, is too long: '{series.label}'")
        for card in (cards or {}).get(series.key) or series_cards(deck, series):
            where = f"{card.person.name} ({series.label})"
            if fit_name(card.shown_name, g) is None:
                failures.append(f"the name of {where} is too long: '{card.shown_name}'")
            if fit_label(card.attribute.label, g) is None:
                failures.append(f"the label of attribute '{card.attribute.key}' is too long: '{card.attribute.label}'")
            if fit_value(card.value, value_font(card.attribute.source, mono), g) is None:
                failures.append(f"the value of '{card.attribute.key}' for {where} is too long: '{card.value}'")
    if failures:
        unique = list(dict.fromkeys(failures))
        shown = unique[:20] + ([f"… and {len(unique) - 20} more"] if len(unique) > 20 else [])
        raise LayoutError(
            f"text does not fit on a {width:g} × {height:g} mm card even at {geometry.MIN_FONT_PT:g} pt; "
            "shorten it or choose a larger card (--card-size):\n" + "\n".join(f"  {line}" for line in shown)
        )
