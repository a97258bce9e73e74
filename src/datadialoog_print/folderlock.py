"""One writer at a time in a folder: the lock file ``.datadialoog.lock``, held while a command writes there.

The output folder (:mod:`.build.staging`) and a deck folder (:mod:`.trainer.deckwrite`) are held
the same way: the lock file is opened without following a symbolic link (a planted link would
have us truncate a file elsewhere) and locked with ``fcntl.flock`` (``msvcrt`` on Windows). The
lock belongs to the open file, so it is released when the process ends, however it ends, and
two threads of one process (the workspace) exclude each other too. A second writer waits, saying
so once, and after ``wait`` seconds stops with a message naming the process that holds it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from pathlib import Path

from .errors import DatadialoogError, short

LOCK = ".datadialoog.lock"

LOCK_WAIT_S = 120.0
"""How long a second writer waits for the first before it gives up with a message."""


class FolderLock:
    """``with FolderLock(folder, ...):`` the folder held for writing; ``error`` is raised when it cannot be.

    ``doing`` says what the holder does, for the messages ("is writing to", "is changing the deck");
    ``advice`` what the user can do when the wait is over. An OSError of the machine (a full disk,
    a read-only folder) while creating the lock file is raised as it is, for the caller to word.
    """

    def __init__(
        self,
        folder: Path,
        *,
        wait: float | None = None,
        doing: str = "is writing to",
        advice: str = "let it finish and try again",
        error: type[DatadialoogError] = DatadialoogError,
        remove: bool = False,
    ):
        """``remove``: take the lock file away again on release, so the folder is left as it was found (a deck)."""
        self.folder = Path(folder)
        self.path = self.folder / LOCK
        self.wait = LOCK_WAIT_S if wait is None else wait
        self.doing, self.advice, self.error = doing, advice, error
        self.remove = remove and sys.platform != "win32"  # Windows cannot remove a file that is open
        self._fd: int | None = None

    def __enter__(self) -> FolderLock:
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            self._fd = self._open(self.path)
            try:
                told = self._acquire(deadline, told)
            except BaseException:
                self._close()
                raise
            if not self.remove or self._still_there():
                break
            self._close()  # the holder we waited for removed this file: lock the one that is there now
            if time.monotonic() >= deadline:
                raise self.error(f"{short(str(self.path))} keeps being replaced while we lock it; {self.advice}")
        with contextlib.suppress(OSError):  # the pid is only for the message; a full disk must not stop the writer
            os.ftruncate(self._fd, 0)
            _pwrite(self._fd, f"{os.getpid()}\n".encode())
        return self

    def _acquire(self, deadline: float, told: bool) -> bool:
        """Wait for the lock until ``deadline``, saying so once; whether it was said."""
        while True:
            try:
                _lock(self._fd)
                return told
            except OSError:
                holder = self._holder()
                if time.monotonic() >= deadline:
                    raise self.error(
                        f"another datadialoog-print{holder} {self.doing} {self.folder} (waited {self.wait:g} s); "
                        f"{self.advice}"
                    ) from None
                if not told:
                    waiting = self.doing.removeprefix("is ")
                    print(f"Waiting for another datadialoog-print{holder} {waiting} {self.folder} …", file=sys.stderr)
                    told = True
                time.sleep(0.05)

    def _still_there(self) -> bool:
        """Is the file we locked still the one at the lock's path? (A releaser that removes it may have.)"""
        try:
            here, ours = os.lstat(self.path), os.fstat(self._fd)
        except OSError:
            return False
        return (here.st_dev, here.st_ino) == (ours.st_dev, ours.st_ino)

    def __exit__(self, kind, value, traceback) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):  # an empty lock file: the folder is as before after a failure
                os.ftruncate(self._fd, 0)
            if self.remove:
                with contextlib.suppress(OSError):  # while still held: a waiter then finds it gone, opens a new one
                    os.unlink(self.path)
            self._close()  # closing releases the lock

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _holder(self) -> str:
        try:
            pid = _pread(self._fd, 32).decode("ascii", "replace").strip()
        except OSError:
            pid = ""
        return f" (process {pid})" if pid.isdigit() else ""

    def _open(self, path: Path) -> int:
        """The lock file, opened without following a link; refused when it is a link or not a plain file."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(path, flags, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP or path.is_symlink():
                raise self.error(
                    f"{short(str(path))} is a symbolic link, not this tool's lock; remove it, nothing was changed"
                ) from None
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise self.error(f"{short(str(path))} is not a plain file, not this tool's lock; remove it")
        return fd


def _pwrite(fd: int, data: bytes) -> None:
    """Write at the start of the file (``os.pwrite``: one call, no seek; Windows has only the seek)."""
    if hasattr(os, "pwrite"):
        os.pwrite(fd, data, 0)
    else:  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)


def _pread(fd: int, size: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, 0)
    os.lseek(fd, 0, os.SEEK_SET)  # pragma: no cover - Windows
    return os.read(fd, size)  # pragma: no cover - Windows


def _lock(fd: int) -> None:
    """Take the lock without waiting; BlockingIOError (or PermissionError on Windows) if held."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def being_written(folder: Path) -> bool:
    """Is a command writing in ``folder`` right now? (Its lock is held; POSIX only, False elsewhere.)"""
    if sys.platform == "win32" or not (Path(folder) / LOCK).is_file():
        return False
    import fcntl

    try:
        fd = os.open(Path(folder) / LOCK, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)
