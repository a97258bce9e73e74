"""Where a deck is written before it is in place, and how what a killed writer left is tidied by the next one.

``new`` and ``generate`` write a new deck into a staging folder beside it,
``decks/.staging-NAME-xxxxxxxx``: hidden (``decks`` lists no name that starts with a dot), made
ours to write and remove whatever the umask (``umask 777`` would make it 000), and held by its
writer with a lock on the folder itself (``flock`` on its directory handle, released when the
process ends however it ends). A staging folder nobody holds is a dead writer's: the next command
that writes decks there (``new``, ``generate``, ``import``) removes it first. The parent folder is
locked the same way, briefly, while a staging folder is made and locked and while leftovers are
looked for, so a tidier never finds a live writer's folder in the instant before it is locked.

An edit (``import``, a page's save) writes its files as hidden temporary files in the deck
folder and its ``backups/`` (:func:`~..safefile.is_temporary`) while it holds the deck's lock; a
temporary file found there by the next writer, holding the lock in turn, is a dead one's.

Windows has no locks on folders, and the web edition's file system (Emscripten) grants every lock:
there a leftover is removed once it is a day old.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..safefile import is_temporary, remove_tree

STAGING_PREFIX = ".staging-"
STAGING = re.compile(r"\.staging-[a-z0-9][a-z0-9_-]{0,63}-[a-z0-9_]{8}")
"""A staging folder's name: the prefix, the new deck's name, ``mkdtemp``'s eight characters."""

FOLDER_WAIT_S = 10.0
"""How long to wait for the parent folder's brief lock (held for milliseconds by another writer)."""

WINDOWS_AGE_S = 24 * 3600.0

NO_FOLDER_LOCKS = sys.platform in ("win32", "emscripten")
"""Where a lock on a folder cannot tell a live writer from a dead one."""


@contextlib.contextmanager
def staging_folder(parent: Path, name: str) -> Iterator[Path]:
    """A new staging folder for the deck ``name`` in ``parent``, held until the block ends; leftovers tidied first.

    On leaving, the folder is removed if it is still there (it is not once it was renamed into place).
    """
    with _folder_locked(parent):
        tidy_staging(parent, locked=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{name}-", dir=parent))
        make_usable(folder)
        held = _hold(folder)
    try:
        yield folder
    finally:
        try:
            if os.path.lexists(folder):
                remove_tree(folder)
        finally:
            if held is not None:
                os.close(held)


def _umask() -> int:
    """The process's umask: read where the system tells it (Linux), else set and put back (a moment in which
    another thread of the workspace could create a file with the wrong modes, so only where it must)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii", errors="replace") as f:
        for line in f:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    umask = os.umask(0o077)
    os.umask(umask)
    return umask


def make_usable(folder: Path) -> None:
    """A folder this command made, with the modes the umask gives any folder, and always usable by its owner
    (under ``umask 777`` a new folder would be 000: nothing could be written into it or removed from it)."""
    os.chmod(folder, 0o700 | (0o777 & ~_umask()))


def file_mode() -> int:
    """A new deck file's mode: what the umask gives any file, and always readable and writable by its owner."""
    return 0o600 | (0o666 & ~_umask())


def tidy_staging(parent: Path, *, locked: bool = False) -> list[str]:
    """Remove every staging folder in ``parent`` whose writer is gone; the names removed."""
    if not Path(parent).is_dir():
        return []
    if not locked:
        with _folder_locked(parent):
            return tidy_staging(parent, locked=True)
    removed = []
    for entry in sorted(Path(parent).iterdir()):
        if STAGING.fullmatch(entry.name) and _abandoned(entry) and remove_tree(entry):
            removed.append(entry.name)
    return removed


def tidy_deck(folder: Path) -> list[str]:
    """Remove the temporary files a killed writer left in a deck folder and its ``backups/`` (its lock held)."""
    removed = []
    for where in (Path(folder), Path(folder) / "backups"):
        with contextlib.suppress(OSError):
            for entry in where.iterdir():
                if is_temporary(entry.name) and stat.S_ISREG(os.lstat(entry).st_mode):
                    entry.unlink()
                    removed.append(str(entry.relative_to(folder)))
    return removed


def _abandoned(folder: Path) -> bool:
    """Is ``folder`` a real folder (not a link) that no live writer holds?"""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
    except OSError:
        return False
    if NO_FOLDER_LOCKS:  # pragma: no cover - no folder locks there
        return time.time() - os.lstat(folder).st_mtime > WINDOWS_AGE_S
    import fcntl

    fd = _open_folder(folder)
    if fd is None:
        return True  # a folder even its owner cannot open (mode 000): no writer works in it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _hold(folder: Path) -> int | None:
    """The staging folder locked by this writer for as long as the handle is open."""
    if NO_FOLDER_LOCKS:  # pragma: no cover
        return None
    import fcntl

    fd = _open_folder(folder)
    if fd is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # new and ours: nobody else can hold it yet
    return fd


@contextlib.contextmanager
def _folder_locked(parent: Path) -> Iterator[None]:
    """``parent`` held for the milliseconds in which a staging folder is made and locked, or leftovers tidied."""
    if NO_FOLDER_LOCKS:  # pragma: no cover
        yield
        return
    import fcntl

    fd = _open_folder(Path(parent))
    if fd is None:
        yield
        return
    try:
        deadline = time.monotonic() + FOLDER_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    break  # a process that holds the folder this long is not one of ours: go on without it
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)


def _open_folder(folder: Path) -> int | None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(folder, flags)
    except OSError:
        return None
