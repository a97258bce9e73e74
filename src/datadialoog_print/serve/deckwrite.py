"""The one place the workspace writes a deck's files (the persons page, the texts page).

Until the project has its one staged, locked deck-write path, this calls
:mod:`~datadialoog_print.trainer.safefile` as ``import`` does: each file replaced atomically, its old
text kept in the deck's ``backups/``; when a later file of the same save fails, the earlier ones
are put back. Switching to that path is a change here only.
"""

from __future__ import annotations

from pathlib import Path


def save_deck_files(folder: Path, files: dict[str, bytes]) -> None:
    """Replace the deck files named in ``files`` (already validated as a whole deck), keeping backups."""
    from ..trainer.safefile import write_atomically, write_with_backup

    done: list[tuple[Path, bytes, Path]] = []
    try:
        for name, data in files.items():
            target = folder / name
            old = target.read_bytes()
            done.append((target, old, write_with_backup(target, data, folder / "backups")))
    except BaseException:
        for target, old, backup in reversed(done):
            write_atomically(target, old)
            backup.unlink(missing_ok=True)
        raise
