"""The one place the workspace writes a deck's files (the persons page, the texts page).

It hands them to the project's one deck-write path, :mod:`~datadialoog_print.trainer.deckwrite`, with
the documents' checks (``assemble.decks.printing``): the deck folder locked (a save waits for an import
and the other way round), the whole deck with the new files checked again under the lock, each replaced
file's old text kept in the deck's ``backups/``, and all files of one save written or none.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from ..trainer.deckwrite import DeckEdit


@contextlib.contextmanager
def editing(folder: Path) -> Iterator[DeckEdit]:
    """The deck locked while a page reads the files it changes and saves them (``edit.replace``), so nothing an
    import writes in between is lost; DatadialoogError when another writer holds it too long."""
    from ..trainer.deckwrite import edit_deck

    with edit_deck(folder) as edit:
        yield edit


def save_deck_files(folder: Path, files: dict[str, bytes]) -> None:
    """Replace the deck files named in ``files`` (name → new bytes), keeping backups; DatadialoogError if refused."""
    with editing(folder) as edit:
        edit.replace(files)
