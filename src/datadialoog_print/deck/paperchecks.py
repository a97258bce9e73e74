"""What the stages that print tell the deck's checks: which texts the font can print, which places a text may name.

The deck knows no fonts and no documents, yet a deck is only valid if every letter prints
and every ``see:`` and ``slides:`` names a place the booklet and the slides have. The stages
that know fill a :class:`Printing` (``assemble.decks.printing``: the font's check from
``paper.glyphs``, the places from the document registry) and hand it to
:func:`~datadialoog_print.deck.load.load_deck`, which gives it to every Checker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

TextCheck = Callable[[str], "str | None"]
"""Why a text cannot be printed (a letter the font lacks), or None."""


@dataclass(frozen=True)
class Printing:
    """The checks a deck gets from the documents it is printed into; a field left None is not checked."""

    printable: TextCheck | None = None
    """The font's check of every text the deck prints."""
    booklet_places: tuple[str, ...] | None = None
    """Places in the booklet a text can point to (``see:``), besides ``assignment-KEY`` for each assignment."""
    slide_groups: tuple[str, ...] | None = None
    """Groups of slides a run-sheet part can show (``slides:``), in the order the slides come."""
