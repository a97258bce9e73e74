"""Files written whole or not at all: a full disk or a crash never leaves a truncated file or a temporary one.

Every file is written to a hidden temporary file beside its target, flushed to disk and
then renamed over the target in one step. A file that is replaced keeps its permissions
(a ``persons.yaml`` of 0644 stays 0644); a new file gets the usual ones (0666 less the umask).
Deck files are written through :mod:`.trainer.deckwrite`, which builds on :func:`write_hidden`;
the output folder's commit (:mod:`.build.staging`) and a new deck's rename use :func:`fsync_dir`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from pathlib import Path

from .errors import EnvironmentFailure, os_reason


def mode_of(path: Path) -> int | None:
    """The permissions of ``path``, or None when there is no such file (then the umask decides)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def write_file(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """A new file ``path`` (never an existing one, never through a link) holding ``data``, flushed to disk.

    On any failure (OSError, Ctrl-C) the part written is removed again and the error raised as it is.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(path, mode)
    except BaseException:
        remove(path)
        raise


def write_hidden(target: Path, data: bytes, *, mode: int | None = None) -> Path:
    """``data`` in a new hidden file beside ``target`` (``.persons.yaml.1a2b3c4d.tmp``), to be renamed over it."""
    tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
    write_file(tmp, data, mode=mode)
    return tmp


def write_atomically(path: Path, data: bytes, *, mode_from: Path | None = None) -> None:
    """Write ``data`` to ``path`` in one step; raise EnvironmentFailure (with nothing changed) if it cannot be done.

    The permissions are those of ``mode_from`` (default: ``path`` itself, when it exists).
    """
    path = Path(path)
    tmp = None
    try:
        tmp = write_hidden(path, data, mode=mode_of(mode_from if mode_from is not None else path))
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            remove(tmp)
        raise EnvironmentFailure(f"cannot write {path}: {os_reason(exc)}; nothing was changed") from None
    except BaseException:
        if tmp is not None:
            remove(tmp)
        raise


def remove(path: Path) -> None:
    """Remove a file of ours if it is there."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX; Windows has no directory handles to flush)."""
    if sys.platform != "win32":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
