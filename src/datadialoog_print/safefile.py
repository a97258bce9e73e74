"""Files written whole or not at all, read within bounds, and folders of ours removed whatever their modes.

Every file is written to a hidden temporary file beside its target (``.datadialoog-1a2b3c4d.tmp``:
a short name of its own, so a target of 255 characters still has one), flushed to disk and
then renamed over the target in one step. A file that is replaced keeps its permissions
(a ``persons.yaml`` of 0644 stays 0644); a new file gets the usual ones (0666 less the umask).
Deck files are written through :mod:`.trainer.deckwrite`, which builds on :func:`write_hidden`;
the output folder's commit (:mod:`.assemble.staging`) and a new deck's rename use :func:`fsync_dir`.
A temporary file left by a kill is recognised by :func:`is_temporary` and removed by the next writer.

Files the tool reads that are not deck files (a manifest, a commit's record, the printers'
settings) are read by :func:`read_json`: a regular file only (never a FIFO that would hang, nor
``/dev/zero`` behind a link), within a size bound, nested no deeper than Python parses.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import shutil
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


TEMPORARY = re.compile(r"\.datadialoog-[0-9a-f]{8}\.tmp")
"""The name of a temporary file of ours: hidden, 22 characters whatever the target's name."""


def is_temporary(name: str) -> bool:
    """Whether ``name`` is one of our temporary files (left by a process that was killed while writing)."""
    return TEMPORARY.fullmatch(name) is not None


def write_hidden(target: Path, data: bytes, *, mode: int | None = None) -> Path:
    """``data`` in a new hidden file beside ``target`` (``.datadialoog-1a2b3c4d.tmp``), to be renamed over it."""
    tmp = target.parent / f".datadialoog-{secrets.token_hex(4)}.tmp"
    write_file(tmp, data, mode=mode)
    return tmp


def write_atomically(path: Path, data: bytes, *, mode_from: Path | None = None) -> None:
    """Write ``data`` to ``path`` in one step; raise EnvironmentFailure (with nothing changed) if it cannot be done.

    The permissions are those of ``mode_from`` (default: ``path`` itself, when it exists).
    """
    from .errors import short
    from .holdsignals import interrupts_held

    path = Path(path)
    tmp = None
    try:
        tmp = write_hidden(path, data, mode=mode_of(mode_from if mode_from is not None else path))
        with interrupts_held(short(path)):  # one rename: the commit
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


def remove_tree(path: Path) -> bool:
    """Remove a folder of ours (a staging folder) and all in it, also where its own modes forbid it
    (a folder of mode 000 made under ``umask 777``): each folder is made ours to change first. Whether it is gone.

    Never follows a symbolic link: a link inside is removed as a link."""

    def unlock(function, name, exc_info) -> None:
        parent = os.path.dirname(name)
        with contextlib.suppress(OSError):
            os.chmod(parent, stat.S_IMODE(os.lstat(parent).st_mode) | stat.S_IRWXU)
            if os.path.isdir(name) and not os.path.islink(name):
                os.chmod(name, stat.S_IMODE(os.lstat(name).st_mode) | stat.S_IRWXU)
            function(name)

    path = Path(path)
    with contextlib.suppress(OSError):
        if stat.S_ISDIR(os.lstat(path).st_mode):
            os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) | stat.S_IRWXU)
    for _ in range(3):  # each round unlocks one more level of folders that were closed to us
        shutil.rmtree(path, onerror=unlock)
        if not os.path.lexists(path):
            return True
    return False


MAX_JSON_BYTES = 16 << 20
"""A manifest, a commit's record or the printers' settings are kilobytes; anything over this is not one of ours."""


def read_json(path: Path, *, limit: int = MAX_JSON_BYTES, follow: bool = False) -> object:
    """A small JSON file, read only when it is a regular file within ``limit`` bytes (never through a symbolic
    link unless ``follow``: a settings file may be one, a manifest never), and nested no deeper than Python
    parses; its numbers bounded in digits as Python's are.

    ValueError with the reason for anything that is not such a file (a link, a FIFO, a device, too large,
    not UTF-8, not JSON, nested too deeply); OSError (FileNotFoundError) as the machine says it.
    """
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            raise ValueError("a symbolic link, not a file") from None
        raise
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("a folder, not a file" if stat.S_ISDIR(info.st_mode) else "not a regular file")
        if info.st_size > limit:
            raise ValueError(f"too large, at most {limit:,} bytes")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"too large, at most {limit:,} bytes")
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    except ValueError as exc:  # json's own (not JSON) and int()'s (a number of thousands of digits)
        raise ValueError(f"not JSON: {str(exc)[:80]}") from None
