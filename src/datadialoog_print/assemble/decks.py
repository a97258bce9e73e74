"""A deck read as every command reads it: the deck's own rules, and what the documents it prints into ask.

The deck stage knows no fonts and no documents (:mod:`~datadialoog_print.deck.paperchecks`);
this is where the font's check (``paper.glyphs``) and the places the booklet and the slides
have (their ``anchors`` in the document registry) are handed to it, so ``check``, ``build``,
``import`` and the workspace report the same problems with the same file, line and field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..deck import load
from ..deck.model import Deck
from ..deck.paperchecks import Printing
from ..paper.glyphs import unprintable
from .documents import BOOKLET, SLIDES


@cache
def printing() -> Printing:
    """The font's check and the documents' places, for :func:`~datadialoog_print.deck.load.read_deck`."""
    return Printing(printable=unprintable, booklet_places=BOOKLET.anchors, slide_groups=SLIDES.anchors)


def load_deck(deck: str | Path | None = None, *, replacing: dict[str, str] | None = None) -> Deck:
    """Read and validate a deck folder (or a deck name under ``decks/``) as it will print; DeckError with every
    problem. ``replacing`` maps a file name to text that stands in for it (see the deck stage's ``read_deck``)."""
    return load.read_deck(deck, replacing=replacing, printing=printing())
