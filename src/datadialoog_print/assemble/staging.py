"""The output folder belongs to the build: one writer at a time, one commit point, and a roll-forward.

An output folder ``OUT`` holds:

* ``OUT/manifest.json`` and the files it names: the set the last build wrote;
* ``OUT/.datadialoog.lock``: locked by whichever command writes in OUT (:mod:`..folderlock`, as a deck is);
* ``OUT/.staging-*/``: a set being written; hidden, incomplete, removable;
* ``OUT/.commit/``: a complete set that is being moved into place (the journal);
* anything else: the user's, never touched.

Writing a set:

1. Lock OUT (:mod:`..folderlock`); a second build waits (up to ``LOCK_WAIT_S`` seconds, then a message).
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

import errno
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError, os_reason, short
from ..folderlock import LOCK, LOCK_WAIT_S, FolderLock
from ..folderlock import being_written as being_written  # verify asks whether a build is writing
from ..holdsignals import interrupts_held
from ..safefile import fsync_dir

COMMIT = ".commit"
STAGING_PREFIX = ".staging-"
RECORD = ".record.json"
"""In a staging or commit folder: the names it brings and the names it removes."""
MANIFEST = "manifest.json"

TOOL_ENTRIES = frozenset({LOCK, COMMIT, MANIFEST})
"""Entries of an output folder that are the tool's own bookkeeping."""

PREVIEW_DIR = "preview"
"""The folder ``preview`` writes its PNGs into, inside the output folder; it belongs to the build."""

MAX_JSON_BYTES = 16 << 20
"""A manifest or commit record is a few kilobytes; anything over this is not one of ours."""


def safe_name(name: object) -> bool:
    """A name a manifest or record may hold: a plain file name, or one inside ``preview/`` (never ``..``, ``/x``, ``.x``)."""
    if not isinstance(name, str):
        return False
    parts = name.split("/")
    plain = all(p and not p.startswith(".") and "\\" not in p and "\0" not in p and ":" not in p for p in parts)
    return plain and (len(parts) == 1 or (len(parts) == 2 and parts[0] == PREVIEW_DIR))


def read_json(path: Path, *, limit: int = MAX_JSON_BYTES) -> object:
    """A small JSON file of ours, read without following a symlink, within ``limit`` bytes and Python's nesting limit.

    ValueError for anything that is not such a file (too large, a link, a FIFO, too deeply nested).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError("a symbolic link, not a file") from None
        raise
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > limit:
            raise ValueError(f"larger than {limit >> 20} MB")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"larger than {limit >> 20} MB")
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None


def _kind(path: Path) -> str | None:
    """What is at ``path`` without following a link: None (nothing), 'file', 'folder', 'link' or 'other'."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "other"


_WHAT = {"link": "a symbolic link", "folder": "a folder", "other": "a special file", "file": "a file"}


def collisions(out_dir: Path, files: Iterable[str], removes: Iterable[str] = ()) -> list[str]:
    """Names the commit would write or remove where something not a plain file of ours stands (the user's)."""
    found = []
    names = [*files, *removes]
    for name in names:
        if not safe_name(name):
            found.append(f"'{short(name)}' is no name a build writes")
            continue
        if "/" in name:
            parent = _kind(out_dir / PREVIEW_DIR)
            if parent not in (None, "folder"):
                found.append(f"{PREVIEW_DIR} is {_WHAT[parent]}, not the previews' folder")
                continue
        kind = _kind(out_dir / name)
        if kind not in (None, "file"):
            found.append(f"{name} is {_WHAT[kind]}")
    return list(dict.fromkeys(found))


class OutputFolder:
    """An output folder held for writing: locked, tidied, and read back (``manifest()``)."""

    def __init__(self, path: Path, *, wait: float | None = None):
        self.path = Path(path)
        self.wait = LOCK_WAIT_S if wait is None else wait
        self._lock: FolderLock | None = None

    def __enter__(self) -> OutputFolder:
        shown = short(str(self.path))
        if self.path.is_symlink() and not self.path.exists():
            raise OutputError(
                f"output folder {shown} is a symbolic link to nothing (dangling, or a loop); "
                "point it at a folder or remove it"
            )
        if self.path.exists() and not self.path.is_dir():
            raise OutputError(f"output folder {shown} is a file, not a folder")
        self._lock = FolderLock(
            self.path, wait=self.wait, advice="let it finish, or write to another folder with -o", error=OutputError
        )
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._lock.__enter__()
        except OutputError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write to {shown}: {os_reason(exc)}; nothing there was changed") from None
        try:
            self.tidy()
        except OSError as exc:
            self.__exit__(None, None, None)
            raise OutputError(f"cannot tidy {shown}: {os_reason(exc)}") from None
        except BaseException:
            self.__exit__(None, None, None)  # the lock released and emptied: the folder as it was
            raise
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if self._lock is not None:
            self._lock.__exit__(kind, value, traceback)
            self._lock = None

    def tidy(self) -> None:
        """Finish an interrupted commit and remove every staging folder (the lock is held).

        Only real folders are removed: a ``.commit`` or ``.staging-*`` that is a symbolic link is
        refused, never followed."""
        commit = _kind(self.path / COMMIT)
        if commit == "folder":
            _apply(self.path)
        elif commit is not None:
            raise OutputError(
                f"{short(str(self.path / COMMIT))} is {_WHAT[commit]}, not a commit of this tool; "
                "remove it, nothing was changed"
            )
        for entry in self.path.iterdir():
            if entry.name.startswith(STAGING_PREFIX) and _kind(entry) == "folder":
                shutil.rmtree(entry, ignore_errors=True)

    def manifest(self) -> dict | None:
        """The current manifest as data, or None when there is none or it cannot be read."""
        try:
            data = read_json(self.path / MANIFEST)
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
        clash = collisions(self.out_dir, record["files"], record["removes"])
        if clash:
            raise OutputError(
                f"cannot write the new set into {short(str(self.out_dir))}: {'; '.join(clash[:5])}; "
                "these are not files a build wrote: move them away; nothing there was changed"
            )
        with open(self.dir / RECORD, "w", encoding="utf-8") as f:
            json.dump(record, f)
            f.flush()
            os.fsync(f.fileno())
        with interrupts_held():  # past the commit point the move finishes; a Ctrl-C here waits milliseconds
            os.rename(self.dir, self.out_dir / COMMIT)  # the commit point
            fsync_dir(self.out_dir)
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
    """Move a sealed commit into place; safe to repeat after a crash at any point.

    The record is checked before anything moves: a name outside the output folder (a planted
    record) or onto something of the user's is refused, not obeyed."""
    commit = out_dir / COMMIT
    try:
        record = read_json(commit / RECORD)
        files, removes = list(record["files"]), list(record["removes"])
    except FileNotFoundError:
        shutil.rmtree(commit, ignore_errors=True)  # never sealed: not a commit
        return
    except (OSError, ValueError, KeyError, TypeError):
        raise OutputError(
            f"{short(str(commit / RECORD))} is not a record this tool writes; nothing was changed: "
            f"look at {COMMIT}/ and remove it"
        ) from None
    bad = collisions(out_dir, files, removes)
    if bad:
        raise OutputError(
            f"{short(str(commit / RECORD))} asks for what a build never does ({'; '.join(bad[:5])}); refused, "
            f"nothing was changed: look at {COMMIT}/ and remove it"
        )
    has_manifest = (commit / MANIFEST).exists()
    if has_manifest:
        (out_dir / MANIFEST).unlink(missing_ok=True)
    for name in files:
        if name != MANIFEST and _kind(commit / name) == "file":
            (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(commit / name, out_dir / name)
    for name in removes:
        if _kind(out_dir / name) == "file":
            (out_dir / name).unlink()
        parent = (out_dir / name).parent
        if parent != out_dir and _kind(parent) == "folder" and not any(parent.iterdir()):
            parent.rmdir()
    if has_manifest:
        os.replace(commit / MANIFEST, out_dir / MANIFEST)
    fsync_dir(out_dir)
    shutil.rmtree(commit)
