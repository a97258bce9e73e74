"""Every write into a deck folder, made the way the output folder is written: one writer at a time, whole or nothing.

``new``, ``generate``, ``import`` and the workspace's saves all write through here, by one of two ways:

* :func:`write_new_deck` — a new deck folder: its files go into a hidden staging folder beside
  it (``decks/.staging-NAME-…``), flushed to disk and loaded as a deck (``check``'s rules), and
  only then is the folder renamed into place, in one step. A full disk, Ctrl-C or a failing check
  leave no ``decks/NAME``, no staging folder, and no ``decks/`` when this call made it.
* :func:`edit_deck` — an existing deck changed: ``with edit_deck(folder) as edit:`` holds the
  deck folder's lock (the output folder's lock, :mod:`..folderlock`, its file removed again on
  release) while the caller reads the deck and ``edit.replace({"persons.yaml": data})`` writes.
  A second writer waits (up to :data:`~..folderlock.LOCK_WAIT_S`, saying so, then a message)
  and then reads the deck as the first one left it: two imports at once both land.
  A writer that read the deck earlier (a page, when it was shown) passes the ``version`` it read
  (:mod:`.deckversion`); under the lock, a deck changed since is refused with
  :class:`~.deckversion.StaleDeck` and nothing is written: of two saves from one reading, one lands.
  :func:`save_deck_files` is the one save of whole files, for the workspace's pages and the trainer alike.

``replace`` checks the whole deck with the new files first (nothing is written unless it
passes), saves each file it replaces as ``backups/<stem>-N<suffix>`` (``persons-3.yaml``), writes
each new file to a hidden temporary file beside it, flushes everything, and only then renames
the new files over the old ones. Until those renames nothing a deck reader sees has changed, and
a failure removes the temporary files and the backups just made. A rename fails only on a disk
that is going (there is no room to run out of), and then the files already renamed are put back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..assemble.decks import load_deck
from ..deck.load import DECK_FILES
from ..deck.locate import is_shipped
from ..deck.model import Deck
from ..errors import DatadialoogError, EnvironmentFailure, os_reason, short
from ..folderlock import FolderLock
from ..holdsignals import interrupts_held
from ..safefile import fsync_dir, mode_of, remove, write_file, write_hidden
from . import deckstaging
from .deckstaging import staging_folder
from .deckversion import check_version

BACKUPS = "backups"
"""The deck's folder of replaced files."""

STAGING_PREFIX = deckstaging.STAGING_PREFIX
"""A new deck being written: ``decks/.staging-NAME-xxxx``, hidden, removed on any failure (:mod:`.deckstaging`)."""


class HalfWritten(EnvironmentFailure):
    """A rename failed after others were done, and putting those back failed too: the backups hold the old deck."""


@dataclass(frozen=True)
class Replaced:
    """What :meth:`DeckEdit.replace` did."""

    deck: Deck
    """The deck as it is now, loaded and checked."""
    backups: dict[str, Path] = field(default_factory=dict)
    """Where each replaced file's old version was saved, by file name."""


class DeckEdit:
    """A deck folder held for writing (made by :func:`edit_deck`)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def replace(self, files: Mapping[str, bytes], *, backup: bool = True) -> Replaced:
        """Put ``files`` (deck file name → its new bytes, UTF-8 YAML) into the deck, all of them or none.

        DeckError (nothing written) when the deck with these files fails ``check``; with ``backup``
        each replaced file's old version is kept in ``backups/`` first.
        """
        unknown = sorted(set(files) - set(DECK_FILES))
        if unknown:
            raise ValueError(f"not deck files: {unknown}")
        texts = {name: data.decode("utf-8") for name, data in files.items()}
        deck = load_deck(self.folder, replacing=texts)
        made: list[Path] = []  # backups and temporary files, removed again if anything fails
        saved: dict[str, Path] = {}
        folder_made = False
        try:
            olds = {name: _old(self.folder / name) for name in files}
            if backup and any(old is not None for old in olds.values()):
                folder_made = _backups_folder(self.folder / BACKUPS)
            for name, old in olds.items():
                if backup and old is not None:
                    saved[name] = _backup(self.folder / BACKUPS, name, old, mode_of(self.folder / name))
                    made.append(saved[name])
            temps = {}
            for name, data in files.items():
                temps[name] = write_hidden(self.folder / name, data, mode=mode_of(self.folder / name))
                made.append(temps[name])
            with interrupts_held(f"the deck {short(self.folder)}"):  # the renames are the commit: a Ctrl-C waits
                _rename_all(self.folder, temps, olds)
        except HalfWritten:
            raise  # the backups are the old deck now: they stay
        except BaseException as exc:
            for path in made:
                remove(path)
            if folder_made:
                with contextlib.suppress(OSError):
                    (self.folder / BACKUPS).rmdir()
            if isinstance(exc, OSError):
                where = short(exc.filename if exc.filename else self.folder)
                raise EnvironmentFailure(f"cannot write {where}: {os_reason(exc)}; nothing was changed") from None
            raise
        return Replaced(deck=deck, backups=saved)


@contextlib.contextmanager
def edit_deck(folder: Path, *, wait: float | None = None, version: str | None = None) -> Iterator[DeckEdit]:
    """The deck folder locked for as long as the ``with`` block runs; read the deck inside it, then ``replace``.

    Refuses a deck shipped with the tool. ``wait``: seconds to wait for another writer (default
    :data:`~..folderlock.LOCK_WAIT_S`). ``version``: the deck as its caller read it earlier
    (:func:`~.deckversion.version_of`); StaleDeck, with the lock released, if the files differ from it now.
    """
    folder = Path(folder)
    if is_shipped(folder):
        raise DatadialoogError(f"{folder.name} is shipped with the tool and is not changed in place")
    lock = FolderLock(
        folder,
        wait=wait,
        doing="is changing the deck",
        advice="let it finish and try again; nothing was changed",
        remove=True,
    )
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(lock)
            deckstaging.tidy_deck(folder)  # what a killed writer left: with the lock held, no live one's
            deckstaging.tidy_staging(folder.parent)
        except OSError as exc:  # the lock file cannot be made: a full disk, a read-only deck
            raise EnvironmentFailure(
                f"cannot write to {short(folder)}: {os_reason(exc)}; nothing was changed"
            ) from None
        if version is not None:
            check_version(folder, version)
        yield DeckEdit(folder)


def save_deck_files(
    folder: Path, files: Mapping[str, bytes], *, version: str | None = None, backup: bool = True
) -> Replaced:
    """``files`` (name → new bytes) put into the deck at ``folder`` under its lock, checked whole, the old ones in
    ``backups/``; with ``version``, only if the deck is still as its caller read it (else StaleDeck, nothing written)."""
    with edit_deck(folder, version=version) as edit:
        return edit.replace(files, backup=backup)


def write_new_deck(
    target: Path,
    files: Mapping[str, bytes],
    *,
    check: Callable[[Deck], None] | None = None,
) -> Deck:
    """The new deck folder ``target`` holding ``files``, in one step, or nothing at all; returns the deck there.

    The staged deck is loaded (DeckError when it fails ``check``'s rules) and given to ``check``,
    which may raise to refuse it. An existing ``target`` is never replaced. The deck returned is
    the one loaded from the staging folder, named by its new place: nothing is left to do after
    the rename, so a Ctrl-C after it cannot find the command between "written" and "done".
    """
    target = Path(target)
    parent = target.parent
    parent_made = not parent.exists()
    try:
        parent.mkdir(parents=True, exist_ok=True)
        if parent_made:
            deckstaging.make_usable(parent)
        with staging_folder(parent, target.name) as staging:  # hidden, held, removed on leaving (deckstaging)
            for name, data in files.items():
                write_file(staging / name, data, mode=deckstaging.file_mode())
            made = load_deck(staging)
            if check is not None:
                check(made)
            if os.path.lexists(target):
                raise FileExistsError(errno.EEXIST, "exists", str(target))
            with interrupts_held(f"the deck {short(target)}"):  # the commit point: a Ctrl-C now waits a millisecond
                os.rename(staging, target)
                made = _moved(made, staging, target)
                with contextlib.suppress(OSError):  # done; flushing the folder only makes the rename durable sooner
                    fsync_dir(parent)
    except BaseException as exc:
        if parent_made:
            with contextlib.suppress(OSError):
                parent.rmdir()
        if isinstance(exc, OSError):
            if exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
                raise DatadialoogError(
                    f"{short(target)} already exists; choose another name (nothing was changed)"
                ) from None
            raise EnvironmentFailure(f"cannot create {short(target)}: {os_reason(exc)}; nothing was changed") from None
        raise
    return made


def _moved(deck: Deck, staging: Path, target: Path) -> Deck:
    """``deck``, loaded from ``staging``, as loading it from ``target`` gives it (the same bytes, another folder)."""
    files = tuple(target / f.relative_to(staging) if f.is_relative_to(staging) else f for f in deck.files)
    return dataclasses.replace(deck, name=target.name, path=target, files=files)


def _old(path: Path) -> bytes | None:
    """The file's current bytes, or None when the deck has no such file yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _backups_folder(backups: Path) -> bool:
    """Make sure ``backups/`` is a real folder of the deck (never a link out of it); whether it was made now."""
    try:
        mode = os.lstat(backups).st_mode
    except FileNotFoundError:
        backups.mkdir()
        deckstaging.make_usable(backups)  # under umask 777 it would be 000, and no backup could go in
        return True
    if not stat.S_ISDIR(mode):
        raise DatadialoogError(
            f"{short(backups)} is not a folder (a symbolic link or a file); move it away, nothing was changed"
        )
    return False


def _backup(backups: Path, name: str, data: bytes, mode: int | None) -> Path:
    """The next free ``backups/<stem>-N<suffix>``, holding ``data``: written whole to a temporary file first and
    then linked to its name, so a kill never leaves half a backup (only a temporary file, which the next edit
    removes)."""
    stem, suffix = os.path.splitext(name)
    tmp = write_hidden(backups / name, data, mode=mode)
    try:
        n = 1
        while not _put(tmp, backups / f"{stem}-{n}{suffix}"):
            n += 1
        return backups / f"{stem}-{n}{suffix}"
    finally:
        remove(tmp)


def _put(tmp: Path, path: Path) -> bool:
    """``tmp`` under ``path``'s name unless a file has that name (then False): a hard link, which never replaces one;
    where there are none (a file system without them, or Pyodide's ``os``, which has no ``link``) a rename, the
    deck's lock keeping other writers out."""
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except (OSError, AttributeError):
        if os.path.lexists(path):
            return False
        os.rename(tmp, path)
        return True


def _rename_all(folder: Path, temps: dict[str, Path], olds: dict[str, bytes | None]) -> None:
    """Each temporary file over its namesake; if one rename fails, those already done are undone."""
    done: list[str] = []
    try:
        for name, tmp in temps.items():
            os.replace(tmp, folder / name)
            done.append(name)
    except BaseException as exc:
        try:
            for name in done:
                if olds[name] is None:
                    remove(folder / name)
                else:
                    os.replace(write_hidden(folder / name, olds[name], mode=mode_of(folder / name)), folder / name)
        except OSError:
            why = os_reason(exc) if isinstance(exc, OSError) else "stopped"
            raise HalfWritten(
                f"{short(folder)}: {', '.join(done)} written, the rest not ({why}), "
                f"and the old files could not be put back; they are in {BACKUPS}/"
            ) from None
        raise
    with contextlib.suppress(OSError):  # the renames are done; flushing the folder only makes them durable sooner
        fsync_dir(folder)
