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
   the files it brings and the files of the old set it removes (each with the hash the old
   manifest recorded). Check, before anything moves (:mod:`.owned`), that the folder's
   manifest is this tool's, that every file replaced or removed is still the one that manifest
   vouches for (a file the user changed or put there stays), and that every folder the move
   touches can be written by this process (a read-only ``preview/`` refuses the build here).
4. **Commit point**: rename ``.staging-X`` to ``.commit``: one atomic rename.
5. Apply: delete ``manifest.json``; move each new file from ``.commit`` into OUT
   (``os.replace``, atomic per file); delete the removed files whose bytes still hash to
   their record; move the new ``manifest.json`` in; delete ``.commit``.

Why a crash at any instant loses nothing: before step 4, OUT holds the old set and its
manifest, untouched, and the next writer removes the staging folder. From step 4 on, the
new set is complete on disk (in ``.commit`` and OUT together) and decided; step 5 is
idempotent (each move or delete checks what is already done), so the next command that
writes in OUT finishes it before anything else; what it cannot move it names, with the reason,
and the set stays sealed in ``.commit`` until the next run can. Only during step 5, a few renames in one
folder (well under a millisecond), are old and new files side by side, and then OUT has
no manifest.json but a ``.commit``: nothing vouches for the mix, and ``verify`` says a
build was interrupted. Files the user put in OUT are in no manifest and never touched.

Why not replace the whole folder with one rename: POSIX cannot rename a directory onto a
non-empty one (``renameat2``'s exchange is Linux-only and not in the standard library),
Windows not at all, and OUT also holds the user's files and may be a shell's current folder.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import OutputError, os_reason, short
from ..folderlock import LOCK, LOCK_WAIT_S, FolderLock
from ..folderlock import being_written as being_written  # verify asks whether a build is writing
from ..holdsignals import interrupts_held
from ..safefile import MAX_JSON_BYTES as MAX_JSON_BYTES
from ..safefile import fsync_dir, read_json, remove_tree
from .owned import MANIFEST, PREVIEW_DIR, WHAT, blocked, collisions, kind, matches, not_ours, own_manifest, safe_name

__all__ = [
    "COMMIT", "LOCK", "MANIFEST", "PREVIEW_DIR", "RECORD", "STAGING_PREFIX",
    "OutputFolder", "Staging", "being_written", "collisions", "read_json", "safe_name",
]  # fmt: skip

COMMIT = ".commit"
STAGING_PREFIX = ".staging-"
RECORD = ".record.json"
"""In a staging or commit folder: the names it brings and the names it removes, each with its recorded hash."""


class OutputFolder:
    """An output folder held for writing: locked, its manifest checked as this tool's, tidied (``manifest()``)."""

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
            own_manifest(self.path)  # another program's manifest: refused before anything moves
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
        refused, never followed; a staging folder's own modes (``umask 777``) do not keep it."""
        commit = kind(self.path / COMMIT)
        if commit == "folder":
            _apply(self.path)
        elif commit is not None:
            raise OutputError(
                f"{short(str(self.path / COMMIT))} is {WHAT[commit]}, not a commit of this tool; "
                "remove it, nothing was changed"
            )
        for entry in self.path.iterdir():
            if entry.name.startswith(STAGING_PREFIX) and kind(entry) == "folder":
                remove_tree(entry)

    def manifest(self) -> dict | None:
        """The folder's manifest (this tool's: :func:`.owned.own_manifest` refuses any other), or None."""
        return own_manifest(self.path)

    def stage(self) -> Staging:
        """A new hidden staging folder in this output folder, ours to write whatever the umask."""
        try:
            folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.path))
            os.chmod(folder, 0o700)  # under umask 777 mkdtemp makes it 000: unwritable, and unremovable for us
            return Staging(self.path, folder)
        except OSError as exc:
            raise OutputError(f"cannot write to {self.path}: {os_reason(exc)}; nothing there was changed") from None


class Staging:
    """One set of files being written; ``commit`` puts the whole set in place, else nothing changes."""

    def __init__(self, out_dir: Path, folder: Path):
        self.out_dir = out_dir
        self.dir = folder
        self.names: list[str] = []
        self.left: tuple[str, ...] = ()
        """Files of the old set that were to go but stay, being no longer what the old manifest recorded."""

    def path(self, name: str) -> Path:
        """Where to write the file that will become ``out_dir/name`` (``name`` may be ``sub/file``)."""
        if name not in self.names:
            self.names.append(name)
        target = self.dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def commit(self, removes: Mapping[str, str] | None = None, *, owned: Mapping[str, str] | None = None) -> list[Path]:
        """Flush, check, seal and apply: the staged files replace their namesakes, ``removes`` go; their final paths.

        ``removes``: name → the SHA-256 the old manifest recorded; a file whose bytes no longer hash to it
        stays (listed in :attr:`left`). ``owned``: every file the old manifest vouches for, with its hash;
        given, a file the new set would replace must be one of them, unchanged (else the build is refused);
        None where no manifest keeps the folder (the calibration sheet's).
        """
        for name in self.names:
            with open(self.dir / name, "rb+") as f:
                os.fsync(f.fileno())
        going = {n: d for n, d in (removes or {}).items() if n not in self.names}
        self.left = tuple(
            sorted(n for n, d in going.items() if kind(self.out_dir / n) and not matches(self.out_dir / n, d))
        )
        going = {n: d for n, d in going.items() if n not in self.left}
        self._check(going, owned)
        record = {"files": self.names, "removes": going}
        with open(self.dir / RECORD, "w", encoding="utf-8") as f:
            json.dump(record, f)
            f.flush()
            os.fsync(f.fileno())
        with interrupts_held(f"the new set in {short(str(self.out_dir))}"):  # past the commit point the move finishes
            os.rename(self.dir, self.out_dir / COMMIT)  # the commit point
            fsync_dir(self.out_dir)
            _apply(self.out_dir)
        return [self.out_dir / name for name in self.names]

    def _check(self, going: Mapping[str, str], owned: Mapping[str, str] | None) -> None:
        """Everything the move will do, checked before the commit point; OutputError, nothing changed, if not."""
        into = short(str(self.out_dir))
        clash = collisions(self.out_dir, self.names, going)
        theirs = not_ours(self.out_dir, self.names, owned) if owned is not None else []
        if clash or theirs:
            raise OutputError(
                f"cannot write the new set into {into}: {'; '.join([*clash, *theirs][:5])}; "
                "these are not files a build wrote: move them away (or build into another folder with -o); "
                "nothing there was changed"
            )
        cannot = blocked(self.out_dir, self.names, going)
        if cannot:
            raise OutputError(
                f"cannot write the new set into {into}: {'; '.join(cannot[:5])}; "
                "make it writable or move it away; nothing there was changed"
            )

    def discard(self) -> None:
        remove_tree(self.dir)

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
    record) or onto something of the user's is refused, not obeyed. A file that cannot be moved
    does not stop the others; the set stays sealed (no manifest vouches for the mix) and the
    message names what blocked it, for the next run to finish once that is cleared."""
    commit = out_dir / COMMIT
    try:
        record = read_json(commit / RECORD)
        files, removes = list(record["files"]), dict(record["removes"])  # removes: name → its recorded hash
    except FileNotFoundError:
        remove_tree(commit)  # never sealed: not a commit
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
    failed: list[str] = []
    for name in files:
        if name != MANIFEST and kind(commit / name) == "file":
            try:
                (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
                os.replace(commit / name, out_dir / name)
            except OSError as exc:
                failed.append(f"{name} ({os_reason(exc)})")
    for name, digest in removes.items():
        try:
            if matches(out_dir / name, digest if isinstance(digest, str) else None):
                (out_dir / name).unlink()
            parent = (out_dir / name).parent
            if parent != out_dir and kind(parent) == "folder" and not any(parent.iterdir()):
                parent.rmdir()
        except OSError as exc:
            failed.append(f"{name} ({os_reason(exc)})")
    if failed:
        raise OutputError(
            f"the new set in {short(str(out_dir))} is complete and sealed in {COMMIT}/, but could not all be put in "
            f"place: {'; '.join(failed[:5])}; clear that, then any build there finishes the move"
        )
    if has_manifest:
        os.replace(commit / MANIFEST, out_dir / MANIFEST)
    fsync_dir(out_dir)
    remove_tree(commit)
