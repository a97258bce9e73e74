"""The site's Python archive (``runtime/python.zip``) unpacked into the tab's Python when it starts from a kept memory.

A fresh start unpacks every file (Pyodide's own ``unpackArchive``, as this module is in the archive). A start from a
kept memory (``static/worker.js``) already holds every module imported before that memory was kept, this one among
them (``runtime.warm``), so their sources are left in the archive.
Every folder is still made and every other file written (templates, fonts, decks, the modules not imported yet); a
traceback then shows no source line for a module left out, as none is read.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile


def module_of(name: str) -> str | None:
    """The module an archive member is the source or the compiled form of (``a/b/__init__.py`` and
    ``a/b/__pycache__/__init__.cpython-314.pyc`` are ``a.b``), else None."""
    parts = name.split("/")
    if name.endswith(".pyc") and len(parts) >= 2 and parts[-2] == "__pycache__":
        parts = [*parts[:-2], parts[-1].split(".")[0]]
    elif name.endswith(".py"):
        parts[-1] = parts[-1][: -len(".py")]
    else:
        return None
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) if parts and all(part.isidentifier() for part in parts) else None


def unpack(data, target: str) -> int:
    """The archive's files under ``target``, less the sources of modules already imported; how many were written."""
    raw = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)  # the worker hands a JavaScript buffer
    made: set[str] = set()
    written = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for member in archive.infolist():
            name = member.filename
            parts = name.rstrip("/").split("/")
            if name.startswith("/") or "\\" in name or any(part in ("", ".", "..") for part in parts):
                raise ValueError(f"{name}: outside the folder it is unpacked into")
            folder = "/".join(parts if member.is_dir() else parts[:-1])
            if folder not in made:
                os.makedirs(os.path.join(target, folder), exist_ok=True)
                made.add(folder)
            if member.is_dir() or module_of(name) in sys.modules:
                continue
            with open(os.path.join(target, name), "wb") as out:
                out.write(archive.read(member))
            written += 1
    return written
