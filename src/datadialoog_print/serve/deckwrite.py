"""The one place the workspace writes a deck's files (the persons page, the texts page).

It hands them to the project's one deck-write path, :func:`~datadialoog_print.trainer.deckwrite.replace_deck_files`,
with the documents' checks (``build.decks.printing``): the deck folder locked (a save waits for an import
and the other way round), the whole deck with the new files checked again under the lock, each replaced
file's old text kept in the deck's ``backups/``, and all files of one save written or none.
"""

from __future__ import annotations

from pathlib import Path


def save_deck_files(folder: Path, files: dict[str, bytes]) -> None:
    """Replace the deck files named in ``files`` (name → new bytes), keeping backups; DatadialoogError if refused."""
    from ..build.decks import printing
    from ..trainer.deckwrite import replace_deck_files

    replace_deck_files(folder, files, printing=printing())
