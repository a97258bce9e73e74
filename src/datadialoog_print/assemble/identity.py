"""Which deck and which tool made a file: a hash over the deck's files and the tool version.

Printed small on the booklet's cover and stored in every PDF's metadata, so a printed
set can be traced to the deck version it came from. Never a date: rebuilds stay identical.
"""

from __future__ import annotations

from .. import __version__
from ..deck.model import Deck


def deck_digest(deck: Deck) -> str:
    """SHA-256 over the deck's files, each by name and content, as the loader read them (never read again: a file
    replaced during the build must not give the PDFs made from the old one the new one's hash)."""
    return deck.digest


def identity_line(deck: Deck) -> str:
    """ "default · 3f2a9c1e · datadialoog-print 0.1.0": short enough for a cover."""
    return f"{deck.name} · {deck_digest(deck)[:8]} · datadialoog-print {__version__}"


def keywords(deck: Deck) -> tuple[str, ...]:
    """PDF keywords: deck name, short hash and tool version."""
    return (deck.name, f"deck-sha256:{deck_digest(deck)[:16]}", f"datadialoog-print {__version__}")
