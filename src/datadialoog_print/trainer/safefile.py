"""Files written whole or not at all: a full disk or a crash never leaves a truncated file or a temporary one.

Every file is written to a hidden temporary file beside its target, flushed to disk and
then renamed over the target in one step. A file that is replaced keeps its permissions
(a ``persons.yaml`` of 0644 stays 0644); a new file gets the usual ones (0666 less the umask).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from ..errors import DatadialoogError


def write_atomically(path: Path, data: bytes, *, mode_from: Path | None = None) -> None:
    """Write ``data`` to ``path`` in one step; raise DatadialoogError (with nothing changed) if it cannot be done.

    The permissions are those of ``mode_from`` (default: ``path`` itself, when it exists).
    """
    path = Path(path)
    try:
        reference = mode_from if mode_from is not None else path
        mode = stat.S_IMODE(reference.stat().st_mode) if reference.exists() else None
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise DatadialoogError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed") from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError):
            raise DatadialoogError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed") from None
        raise


def write_with_backup(path: Path, data: bytes, backups: Path) -> Path:
    """Save the current ``path`` as ``backups/<stem>-N<suffix>``, then replace it with ``data``.

    If the new file cannot be written, the backup just made is removed again (and the
    backups folder, if this call made it), so a failure leaves the folder as it was.
    """
    made_folder = not backups.exists()
    try:
        old = path.read_bytes()
        backups.mkdir(exist_ok=True)
    except OSError as exc:
        raise DatadialoogError(f"cannot write {backups}: {exc.strerror or exc}; nothing was changed") from None
    n = 1
    while (backup := backups / f"{path.stem}-{n}{path.suffix}").exists():
        n += 1
    try:
        write_atomically(backup, old, mode_from=path)
        try:
            write_atomically(path, data)
        except BaseException:
            _remove(backup)
            raise
    except BaseException:
        if made_folder:
            with contextlib.suppress(OSError):
                backups.rmdir()
        raise
    return backup


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
