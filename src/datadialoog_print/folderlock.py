"""One writer at a time in a folder: the lock file ``.datadialoog.lock``, held while a command writes there.

The output folder (:mod:`.build.staging`) and a deck folder (:mod:`.trainer.deckwrite`) are held
the same way: the lock file is opened without following a symbolic link (a planted link would
have us truncate a file elsewhere) and locked with ``fcntl.flock`` (``msvcrt`` on Windows). The
lock belongs to the open file, so it is released when the process ends, however it ends, and
two threads of one process (the workspace) exclude each other too. A second writer waits, saying
so once, and after ``wait`` seconds stops with a message naming the process that holds it.

Readers (:func:`reading`: ``check``, ``build`` and every command reading a deck, ``verify``
reading an output folder) take the same lock shared, where its file stands: no writer runs
while they read, so they never see the old ``deck.yaml`` beside the new ``persons.yaml``. A
reader never creates the file (a shipped deck may be read-only); where there is none, no writer
was in the folder when it looked, and the reader checks afterwards that none came
(:func:`fingerprint`), else it reads again. A thread that holds a folder for writing reads it
without taking the lock again (it would wait for itself).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import DatadialoogError, short

LOCK = ".datadialoog.lock"

LOCK_WAIT_S = 120.0
"""How long a second writer waits for the first before it gives up with a message."""

_writing = threading.local()
"""Per thread: the folders it holds for writing (their real paths)."""


def _held_here() -> set[str]:
    if not hasattr(_writing, "folders"):
        _writing.folders = set()
    return _writing.folders


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
        _held_here().add(os.path.realpath(self.folder))
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
                    doing = self.doing if holder else "is using"  # no pid: a reader holds it (verify, check)
                    raise self.error(
                        f"another datadialoog-print{holder} {doing} {self.folder} (waited {self.wait:g} s); "
                        f"{self.advice}"
                    ) from None
                if not told:
                    _say_waiting(holder, self.doing, self.folder)
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
            _held_here().discard(os.path.realpath(self.folder))
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


def _say_waiting(holder: str, doing: str, folder: Path) -> None:
    """The one line a waiter prints; a console that cannot take it (a closed terminal) does not stop the wait."""
    doing = doing.removeprefix("is ") if holder else "to finish with"  # no pid: a reader holds it (verify, check)
    with contextlib.suppress(OSError, ValueError):
        print(f"Waiting for another datadialoog-print{holder} {doing} {folder} …", file=sys.stderr)


@contextlib.contextmanager
def reading(
    folder: Path,
    *,
    wait: float | None = None,
    doing: str = "is writing to",
    advice: str = "let it finish and try again",
    error: type[DatadialoogError] = DatadialoogError,
) -> Iterator[bool]:
    """``with reading(folder) as locked:`` no writer changes ``folder`` while the block runs when ``locked``.

    The folder's lock is taken shared, waiting up to ``wait`` seconds for a writer (saying so once; then
    ``error``). ``locked`` is False where the folder has no lock file (or it cannot be opened): then the
    caller compares :func:`fingerprint` before and after, and reads again if they differ.
    """
    folder = Path(folder)
    if os.path.realpath(folder) in _held_here() or sys.platform == "win32":
        yield os.path.realpath(folder) in _held_here()  # this thread writes there; Windows: no shared locks here
        return
    wait = LOCK_WAIT_S if wait is None else wait
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fd = os.open(folder / LOCK, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            yield False  # no lock file (no writer there now), or not ours to open: read, then compare
            return
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise error(f"{short(str(folder / LOCK))} is not a plain file, not this tool's lock; remove it")
            if _shared(fd, deadline, told, folder, f"{doing} {folder} (waited {wait:g} s); {advice}", error):
                here = os.lstat(folder / LOCK) if os.path.lexists(folder / LOCK) else None
                ours = os.fstat(fd)
                if here is not None and (here.st_dev, here.st_ino) == (ours.st_dev, ours.st_ino):
                    yield True
                    return
            told = True
        finally:
            os.close(fd)  # releases the shared lock
        # The writer we waited for removed the lock file on leaving (a deck's): look again.


def _shared(fd: int, deadline: float, told: bool, folder: Path, message: str, error) -> bool:
    """Take the shared lock on ``fd``, waiting until ``deadline`` (then ``error`` with ``message``); True once held."""
    import fcntl

    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return True
        except OSError:
            pid = _pread(fd, 32).decode("ascii", "replace").strip()
            holder = f" (process {pid})" if pid.isdigit() else ""
            if time.monotonic() >= deadline:
                raise error(f"another datadialoog-print{holder} {message}") from None
            if not told:
                _say_waiting(holder, message.split(f" {folder} ")[0], folder)
                told = True
            time.sleep(0.01)  # a reader takes the next gap between two writers


def read_consistently(folder: Path, names: tuple[str, ...], read, *, tries: int = 5, doing: str = "is writing to"):
    """``read()``'s result (or its exception) from a moment no writer changed ``folder``: read under the folder's
    lock taken shared, or, where there is no lock file, read again while :func:`fingerprint` of ``names`` changed
    under it (at most ``tries`` times; then the last read stands)."""
    for attempt in range(tries):
        with reading(folder, doing=doing) as locked:
            before = None if locked else fingerprint(folder, names)
            try:
                result, failure = read(), None
            except Exception as exc:  # judged below: a half-old, half-new read fails for no reason of its own
                result, failure = None, exc
            if locked or attempt == tries - 1 or fingerprint(folder, names) == before:
                if failure is not None:
                    raise failure
                return result
    raise AssertionError("unreachable")  # pragma: no cover


def fingerprint(folder: Path, names: tuple[str, ...]) -> tuple:
    """What a writer's commit changes in ``folder``: each named file's identity (a rename gives a new one),
    size and time, and whether a lock file stands; equal before and after a read means no writer came between."""
    marks = []
    for name in (*names, LOCK):
        try:
            info = os.lstat(Path(folder) / name)
            marks.append((name, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
        except OSError:
            marks.append((name, None))
    return tuple(marks)


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
