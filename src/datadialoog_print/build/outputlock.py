"""One writer at a time in an output folder: its lock file, taken without waiting, and who holds it.

The lock is ``fcntl.flock`` (``msvcrt.locking`` on Windows) on ``OUT/.datadialoog.lock``;
closing the file releases it, so a crashed build never leaves a folder locked. The waiting
and the commit are :mod:`.staging`'s.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from ..errors import OutputError, short

LOCK = ".datadialoog.lock"
"""The lock file in an output folder; it holds the writer's process id, for the message of a second one."""

LOCK_WAIT_S = 120.0
"""How long a second build waits for the first before it gives up with a message."""


def take_lock(fd: int) -> None:
    """Take the lock without waiting; BlockingIOError (or PermissionError on Windows) if held."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def open_lock(path: Path) -> int:
    """The lock file, opened without following a link (a planted link would have us write elsewhere)."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise OutputError(
                f"{short(str(path))} is a symbolic link, not this tool's lock; remove it, nothing was changed"
            ) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OutputError(f"{short(str(path))} is not a plain file, not this tool's lock; remove it")
    return fd


def being_written(folder: Path) -> bool:
    """Is a build writing in ``folder`` right now? (Its lock is held; POSIX only, False elsewhere.)"""
    if sys.platform == "win32" or not (Path(folder) / LOCK).is_file():
        return False
    import fcntl

    try:
        fd = os.open(Path(folder) / LOCK, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)
