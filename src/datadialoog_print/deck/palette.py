"""Named print colours in CMYK, so decks say "red" and print shops get clean separations."""

from __future__ import annotations

from .model import Colour

# Inks are strong and pure: black is K only (no rich black in small text, which
# would blur when the plates are off by a hair). Card colours are light tints, so
# red, black and blue text keeps a contrast of at least 4:1 on them (red is
# slightly darkened for that; red on green is the hardest pair).
BUILTIN: dict[str, tuple[float, float, float, float]] = {
    "black": (0, 0, 0, 1),
    "red": (0, 1, 1, 0.1),
    "blue": (1, 0.6, 0, 0),
    "green": (0.2, 0, 0.3, 0),
    "yellow": (0, 0.03, 0.45, 0),
    "orange": (0, 0.4, 0.8, 0),
    "purple": (0.5, 0.8, 0, 0),
    "pink": (0, 0.35, 0.05, 0),
    "grey": (0, 0, 0, 0.25),
    "white": (0, 0, 0, 0),
}


def colour(name: str, extra: dict[str, tuple[float, float, float, float]] | None = None) -> Colour:
    """The named colour from the deck's own colours or the built-in ones; KeyError if unknown."""
    table = {**BUILTIN, **(extra or {})}
    return Colour(name, table[name])
