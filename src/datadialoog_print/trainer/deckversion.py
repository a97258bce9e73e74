"""Which version of a deck a page (or any reader) saw, so a save made from an out-of-date reading is refused.

A version is the SHA-256 of each of the deck folder's own files a reader depends on (all of
:data:`~..deck.load.DECK_FILES`, or those a page edits: :data:`PERSONS`, :data:`TEXTS`), shortened:
``deck.yaml:1a2b…,persons.yaml:-`` (``-`` where the folder has no such file, as a deck that takes its persons
from another). It is taken from the bytes a loaded deck was read from (:func:`version_of`), never from the
files read again afterwards, so a save landing between the read and the version cannot hide. Under the deck's
lock the writer compares it with the files as they are (:func:`folder_version`); any difference is a
:class:`StaleDeck`, naming the files that changed, when, and where their earlier text is kept (``backups/``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..deck.load import DECK_FILES
from ..deck.model import Deck
from ..errors import DatadialoogError

SHORT = 16
"""Hex digits kept of each file's SHA-256: 64 bits, plenty to tell two versions of one file apart."""

NONE = "-"
"""A file the folder does not have."""

PERSONS = ("deck.yaml", "persons.yaml")
"""What the persons (a table, a spreadsheet) are read against: the attributes and series, and the persons."""

TEXTS = ("deck.yaml", "answers.yaml", "texts.yaml")
"""Where the texts a page edits stand."""

KEPT_LOOKED_AT = 20
"""Backups of a file searched for the version a reader saw (the newest first): saves far apart are not compared."""


def _entry(name: str, digest: str | None) -> str:
    return f"{name}:{digest[:SHORT] if digest else NONE}"


def version_of(deck: Deck, files: tuple[str, ...] = DECK_FILES) -> str:
    """The version of the deck folder's own ``files`` as ``deck`` was read from them."""
    own = Path(deck.path).resolve()
    digests = {
        path.name: digest
        for path, digest in zip(deck.files, deck.digests, strict=True)
        if Path(path).resolve().parent == own
    }
    return ",".join(_entry(name, digests.get(name)) for name in files)


def folder_version(folder: Path, files: tuple[str, ...] = DECK_FILES) -> str:
    """The version of the deck folder's ``files`` as they are on disk now."""
    return ",".join(_entry(name, _sha256(Path(folder) / name)) for name in files)


def bytes_version(contents: dict[str, bytes], files: tuple[str, ...] = DECK_FILES) -> str:
    """The version of deck files given as bytes (name → bytes): what a reader that read them saw."""
    return ",".join(
        _entry(name, hashlib.sha256(contents[name]).hexdigest() if name in contents else None) for name in files
    )


def parse(version: str) -> dict[str, str]:
    """File name → shortened digest (or ``-``); empty for text that is no version (a forged or mangled field)."""
    entries = {}
    for part in str(version).split(","):
        name, _, digest = part.partition(":")
        if name not in DECK_FILES or name in entries or not digest or len(digest) > SHORT:
            return {}
        entries[name] = digest
    return entries


def narrowed(version: str, files: tuple[str, ...]) -> str:
    """The part of ``version`` that speaks of ``files`` (what a page that edits only those sends)."""
    named = parse(version)
    return ",".join(f"{name}:{named.get(name, NONE)}" for name in files)


def files_of(version: str) -> tuple[str, ...]:
    """The files a version speaks of, in deck order (all of them for text that is no version)."""
    named = parse(version)
    return tuple(name for name in DECK_FILES if name in named) or DECK_FILES


@dataclass(frozen=True)
class Change:
    """One deck file that changed since a version was read."""

    name: str
    """Its name in the deck folder (``persons.yaml``)."""
    when: datetime | None
    """When it was last written (the file's time, local), None when it is gone."""
    before: Path | None = None
    """A copy of the file as the reader saw it (in the deck's ``backups/``), when one is kept."""


class StaleDeck(DatadialoogError):
    """A save from an out-of-date reading of the deck: nothing was written."""

    def __init__(self, folder: Path, changes: tuple[Change, ...], current: str):
        self.folder = Path(folder)
        self.changes = changes
        self.current = current
        """The version the deck has now: a save that means to replace it (after seeing it) sends this one."""
        if not changes:  # no version was given at all (:func:`given`)
            super().__init__(
                f"a save to the deck {self.folder.name} named no version of it, so whether it changed since it was "
                f"read cannot be told; nothing was written: send the version read (or, to replace whatever is "
                f"there now, {current})"
            )
            return
        names = ", ".join(c.name for c in changes)
        super().__init__(
            f"the deck {self.folder.name} changed since it was read ({names}); nothing was written: "
            "read it again and make your change again"
        )


def given(folder: Path, version: str | None, files: tuple[str, ...]) -> str:
    """``version`` when the writer sent one; else StaleDeck naming no change, with the version of the deck's ``files``
    now: a save that names no version could undo any change since its reading, so only one that then sends that
    version (a deliberate *save anyway*) writes."""
    if version and version.strip():
        return version
    raise StaleDeck(folder, (), folder_version(folder, files))


def check_version(folder: Path, expected: str) -> None:
    """StaleDeck unless the deck folder's files are still those of version ``expected`` (call under the lock)."""
    require(folder, folder_version(folder, files_of(expected)), expected)


def require(folder: Path, seen: str, expected: str) -> None:
    """StaleDeck unless ``seen`` (the version of what was just read from ``folder``) is ``expected``."""
    if seen == expected:
        return
    before, now = parse(expected), parse(seen)
    names = [name for name in DECK_FILES if before.get(name) != now.get(name)]
    raise StaleDeck(folder, tuple(_change(Path(folder), name, before.get(name, "")) for name in names), seen)


def _change(folder: Path, name: str, digest: str) -> Change:
    try:
        when = datetime.fromtimestamp(os.stat(folder / name).st_mtime, tz=UTC).astimezone()
    except OSError:
        when = None
    return Change(name, when, _kept_copy(folder, name, digest))


def _kept_copy(folder: Path, name: str, digest: str) -> Path | None:
    """The newest copy in ``backups/`` of ``name`` whose bytes have ``digest`` (the version the reader saw)."""
    from .deckwrite import BACKUPS

    if not digest or digest == NONE:
        return None
    stem, suffix = os.path.splitext(name)
    kept = sorted(
        (Path(folder) / BACKUPS).glob(f"{stem}-*{suffix}"),
        key=lambda p: int(p.stem.rpartition("-")[2]) if p.stem.rpartition("-")[2].isdigit() else 0,
        reverse=True,
    )
    return next((p for p in kept[:KEPT_LOOKED_AT] if (_sha256(p) or "").startswith(digest)), None)


def _sha256(path: Path) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:  # gone, a folder, unreadable: not the file the reader saw
        return None
