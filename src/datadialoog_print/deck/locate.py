"""Where a deck named on the command line is found."""

from __future__ import annotations

from pathlib import Path

from ..errors import DeckError, Problem


def decks_dir() -> Path:
    """Where deck names are looked up: ``decks/`` in the current folder, else the one shipped beside the code."""
    here = Path("decks")
    if (here / "default" / "deck.yaml").is_file():
        return here
    return Path(__file__).resolve().parents[3] / "decks"


def resolve_deck_path(deck: str | Path | None) -> Path:
    """A deck named by folder path, or by its name under ``decks/``; the default deck for None."""
    if deck is None:
        return decks_dir() / "default"
    path = Path(deck)
    if path.is_dir():
        return path
    named = decks_dir() / str(deck)
    if not path.is_absolute() and len(path.parts) == 1 and named.is_dir():
        return named
    available = sorted(p.name for p in decks_dir().glob("*") if (p / "deck.yaml").is_file())
    hint = f" (decks under decks/: {', '.join(available)})" if available else ""
    raise DeckError([Problem(str(deck), None, "", f"no deck folder here{hint}")])
