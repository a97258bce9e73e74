"""The output folder belongs to the build: one writer at a time, one commit point, and a roll-forward.

An output folder ``OUT`` holds:

* ``OUT/manifest.json`` and the files it names: the set the last build wrote;
* ``OUT/.datadialoog.lock``: locked (``fcntl``/``msvcrt``) by whichever command writes in OUT;
* ``OUT/.staging-*/``: a set being written; hidden, incomplete, removable;
* ``OUT/.commit/``: a complete set that is being moved into place (the journal);
* anything else: the user's, never touched.

Writing a set:

1. Lock OUT; a second build waits (up to :data:`LOCK_WAIT_S` seconds, then a message).
2. Tidy: finish a ``.commit`` left by a crash (step 5), remove every ``.staging-*``
   (with the lock held, no live writer owns one).
3. Write every new file into ``.staging-X/`` and flush it to disk, with a record of
   the files it brings and the files of the old set it removes.
4. **Commit point**: rename ``.staging-X`` to ``.commit``: one atomic rename.
5. Apply: delete ``manifest.json``; move each new file from ``.commit`` into OUT
   (``os.replace``, atomic per file); delete the removed files; move the new
   ``manifest.json`` in; delete ``.commit``.

Why a crash at any instant loses nothing: before step 4, OUT holds the old set and its
manifest, untouched, and the next writer removes the staging folder. From step 4 on, the
new set is complete on disk (in ``.commit`` and OUT together) and decided; step 5 is
idempotent (each move or delete checks what is already done), so the next command that
writes in OUT finishes it before anything else. Only during step 5, a few renames in one
folder (well under a millisecond), are old and new files side by side, and then OUT has
no manifest.json but a ``.commit``: nothing vouches for the mix, and ``verify`` says a
build was interrupted. Files the user put in OUT are in no manifest and never touched.

Why not replace the whole folder with one rename: POSIX cannot rename a directory onto a
non-empty one (``renameat2``'s exchange is Linux-only and not in the standard library),
Windows not at all, and OUT also holds the user's files and may be a shell's current folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError, os_reason

LOCK = ".datadialoog.lock"
COMMIT = ".commit"
STAGING_PREFIX = ".staging-"
RECORD = ".record.json"
"""In a staging or commit folder: the names it brings and the names it removes."""
MANIFEST = "manifest.json"

LOCK_WAIT_S = 120.0
"""How long a second build waits for the first before it gives up with a message."""

TOOL_ENTRIES = frozenset({LOCK, COMMIT, MANIFEST})
"""Entries of an output folder that are the tool's own bookkeeping."""


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


def _fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX; Windows has no directory handles to flush)."""
    if sys.platform != "win32":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class OutputFolder:
    """An output folder held for writing: locked, tidied, and read back (``manifest()``)."""

    def __init__(self, path: Path, *, wait: float | None = None):
        self.path = Path(path)
        self.wait = LOCK_WAIT_S if wait is None else wait
        self._fd: int | None = None

    def __enter__(self) -> OutputFolder:
        if self.path.exists() and not self.path.is_dir():
            raise OutputError(f"output folder {self.path} is a file, not a folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot write to {self.path}: {os_reason(exc)}; nothing there was changed") from None
        self._acquire()
        try:
            self.tidy()
        except OSError as exc:
            self.__exit__(None, None, None)
            raise OutputError(f"cannot tidy {self.path}: {os_reason(exc)}") from None
        return self

    def _acquire(self) -> None:
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            try:
                _lock(self._fd)
                break
            except OSError:
                holder = self._holder()
                if time.monotonic() >= deadline:
                    os.close(self._fd)
                    self._fd = None
                    raise OutputError(
                        f"another datadialoog-print{holder} is writing to {self.path} (waited {self.wait:g} s); "
                        "let it finish, or write to another folder with -o"
                    ) from None
                if not told:
                    print(f"Waiting for another datadialoog-print{holder} writing to {self.path} …", file=sys.stderr)
                    told = True
                time.sleep(0.05)
        try:
            os.ftruncate(self._fd, 0)
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the pid is only for the message above; a full disk must not stop the build here

    def _holder(self) -> str:
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            pid = os.read(self._fd, 32).decode("ascii", "replace").strip()
        except OSError:
            pid = ""
        return f" (process {pid})" if pid.isdigit() else ""

    def __exit__(self, kind, value, traceback) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):  # an empty lock file: the folder is as before after a failure
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing releases the lock
            self._fd = None

    def tidy(self) -> None:
        """Finish an interrupted commit and remove every staging folder (the lock is held)."""
        if (self.path / COMMIT).is_dir():
            _apply(self.path)
        for entry in self.path.iterdir():
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)

    def manifest(self) -> dict | None:
        """The current manifest as data, or None when there is none or it cannot be read."""
        try:
            data = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def stage(self) -> Staging:
        """A new hidden staging folder in this output folder."""
        try:
            return Staging(self.path, Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.path)))
        except OSError as exc:
            raise OutputError(f"cannot write to {self.path}: {os_reason(exc)}; nothing there was changed") from None


class Staging:
    """One set of files being written; ``commit`` puts the whole set in place, else nothing changes."""

    def __init__(self, out_dir: Path, folder: Path):
        self.out_dir = out_dir
        self.dir = folder
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Where to write the file that will become ``out_dir/name`` (``name`` may be ``sub/file``)."""
        if name not in self.names:
            self.names.append(name)
        target = self.dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def commit(self, removes: Iterable[str] = ()) -> list[Path]:
        """Flush, seal and apply: the staged files replace their namesakes, ``removes`` go; their final paths."""
        for name in self.names:
            with open(self.dir / name, "rb+") as f:
                os.fsync(f.fileno())
        record = {"files": self.names, "removes": sorted(set(removes) - set(self.names))}
        with open(self.dir / RECORD, "w", encoding="utf-8") as f:
            json.dump(record, f)
            f.flush()
            os.fsync(f.fileno())
        os.rename(self.dir, self.out_dir / COMMIT)  # the commit point
        _fsync_dir(self.out_dir)
        _apply(self.out_dir)
        return [self.out_dir / name for name in self.names]

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.discard()
        if not isinstance(value, OSError):
            return
        if (self.out_dir / COMMIT).exists():
            raise OutputError(
                f"the new files are complete but could not all be moved into {self.out_dir}: {os_reason(value)}; "
                "the next build there finishes the move"
            ) from None
        raise OutputError(f"cannot write to {self.out_dir}: {os_reason(value)}; nothing there was changed") from None


def _apply(out_dir: Path) -> None:
    """Move a sealed commit into place; safe to repeat after a crash at any point."""
    commit = out_dir / COMMIT
    try:
        record = json.loads((commit / RECORD).read_text(encoding="utf-8"))
        files, removes = list(record["files"]), list(record["removes"])
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(commit, ignore_errors=True)  # never sealed: not a commit
        return
    has_manifest = (commit / MANIFEST).exists()
    if has_manifest:
        (out_dir / MANIFEST).unlink(missing_ok=True)
    for name in files:
        if name != MANIFEST and (commit / name).exists():
            (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(commit / name, out_dir / name)
    for name in removes:
        (out_dir / name).unlink(missing_ok=True)
        parent = (out_dir / name).parent
        if parent != out_dir and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
    if has_manifest:
        os.replace(commit / MANIFEST, out_dir / MANIFEST)
    _fsync_dir(out_dir)
    shutil.rmtree(commit)
