"""A deck as one zip file, to keep it safe or hand it to a colleague, and a deck opened again from one.

The zip holds ``NAME/deck.yaml`` and the deck's other files, the deck standing on its own (persons taken
from another deck written out). Opening one is ``new`` from a file: the zip read with bounds (its size,
its number of entries, each file's unpacked size, names that are deck files and never paths), the deck
written under ``decks/`` whole and checked as every command checks it, or nothing at all.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from ..deck.load import DECK_FILES
from ..deck.yamlfile import MAX_FILE_BYTES
from ..errors import DatadialoogError

MAX_ZIP_BYTES = 20 * 1024 * 1024
"""The largest zip opened (as large as a spreadsheet ``import`` takes)."""
MAX_ENTRIES = 64
"""Entries a deck's zip may hold (a deck has four files; folders and a README are ignored)."""


def deck_zip(folder: Path, name: str) -> bytes:
    """The deck at ``folder`` as a zip of ``NAME/file``, with fixed dates: the same deck gives the same bytes."""
    from .newdeck import standalone_files

    files = standalone_files(folder, name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in DECK_FILES:
            if file in files:
                info = zipfile.ZipInfo(f"{name}/{file}", date_time=(2000, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, files[file])
    return buffer.getvalue()


def read_deck_zip(data: bytes) -> tuple[str, dict[str, bytes]]:
    """The deck files in a deck's zip and the name its folder has there ("" when the files lie at its top)."""
    if len(data) > MAX_ZIP_BYTES:
        raise DatadialoogError(f"the zip is larger than {MAX_ZIP_BYTES // 2**20} MB: this is not a deck's zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DatadialoogError("this file is not a zip file: choose the zip that ‘download as a zip’ made") from None
    if len(entries) > MAX_ENTRIES:
        raise DatadialoogError(f"the zip holds {len(entries)} entries; a deck's zip holds a few: this is not one")
    files: dict[str, bytes] = {}
    folders = set()
    for entry in entries:
        path = PurePosixPath(entry.filename.replace("\\", "/"))
        if entry.is_dir() or path.name not in DECK_FILES:
            continue
        if len(path.parts) > 2 or any(part in ("", ".", "..") for part in path.parts):
            raise DatadialoogError(f"the zip holds {path.name} at {entry.filename!r}: a deck's files lie in one folder")
        if path.name in files:
            raise DatadialoogError(f"the zip holds {path.name} twice: this is not one deck")
        if entry.file_size > MAX_FILE_BYTES:
            raise DatadialoogError(f"{path.name} in the zip is larger than {MAX_FILE_BYTES // 2**20} MB")
        try:
            with archive.open(entry) as stream:
                content = stream.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            raise DatadialoogError(f"{path.name} in the zip cannot be read: the zip is damaged") from None
        if len(content) > MAX_FILE_BYTES:
            raise DatadialoogError(f"{path.name} in the zip is larger than {MAX_FILE_BYTES // 2**20} MB")
        files[path.name] = content
        folders.add(path.parts[0] if len(path.parts) == 2 else "")
    if "deck.yaml" not in files:
        raise DatadialoogError("the zip holds no deck.yaml: choose the zip that ‘download as a zip’ made")
    if len(folders) > 1:
        raise DatadialoogError("the zip holds the files of more than one deck: open one deck at a time")
    return folders.pop(), files


def open_deck_zip(data: bytes, name: str = "", *, decks_dir: Path | None = None) -> Path:
    """The deck in ``data`` written as ``decks/NAME`` (``name``, else the zip's folder name), checked whole; its
    folder. Never replaces a deck; on any refusal nothing is written."""
    from .deckwrite import write_new_deck
    from .newdeck import target_folder

    folder, files = read_deck_zip(data)
    target = target_folder(name.strip() or folder, decks_dir)
    return write_new_deck(target, files).path
