"""The tab's compiled Python, kept between visits: the next start imports it instead of compiling every module again.

Pyodide writes no bytecode (``sys.dont_write_bytecode``) and the site ships sources only (compiled files for
Pyodide's Python would double what a first visit downloads). So the tab compiles each module the first time it
imports it, as always, but now writes the result beside it (``__pycache__``, in memory); once the tab is idle,
the worker (``static/worker.js``) packs what was written with :func:`packed` and keeps it in the browser's
storage, under the name of the archive it came from. The next visit unpacks it over the sources before
anything is imported: a module of another archive (the site written again) is never read, as the name differs.

Python checks a compiled file against its source's time and size; the sources are unpacked anew at every
start, so :func:`prepare` gives each the same fixed time first.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

FIXED_TIME = 315532800
"""1980-01-01, the time a zip archive's entries carry: every source gets it, at every start."""

_packed: set[str] = set()


def prepare(purelib: str) -> None:
    """Give every unpacked source the same time, and let imports write their compiled files from now on. Compiled
    files already there came with the site's archive (:mod:`.precompile`): kept with it, never packed again."""
    root = Path(purelib)
    for folder, _, files in os.walk(purelib):
        for name in files:
            if name.endswith(".py"):
                os.utime(os.path.join(folder, name), (FIXED_TIME, FIXED_TIME))
            elif name.endswith(".pyc"):
                _packed.add(Path(folder, name).relative_to(root).as_posix())
    sys.dont_write_bytecode = False


def packed(purelib: str) -> bytes | None:
    """The compiled files under ``purelib`` as one zip (names relative to it), or None when none is new since the
    last call (nothing to keep again)."""
    root = Path(purelib)
    found = sorted(p.relative_to(root).as_posix() for p in root.rglob("__pycache__/*.pyc"))
    if set(found) <= _packed:
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name in found:
            archive.write(root / name, name)
    _packed.update(found)
    return buffer.getvalue()
