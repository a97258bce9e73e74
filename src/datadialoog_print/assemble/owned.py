"""What in an output folder a build may replace or remove: only what its own manifest vouches for, and only where it can.

Checked before the commit point (:mod:`.staging`), so a refusal changes nothing:

* **Its own manifest.** A ``manifest.json`` already in the folder must be this tool's: a JSON
  object whose ``tool`` is ``datadialoog-print``, with a ``files`` table of names and SHA-256
  hashes. Another program's (a web app's, a static site's) or one that is not JSON refuses the
  build by name before anything moves: its list is never taken as files to delete.
* **Its own files.** A file of an earlier build is removed, or replaced by a new one, only when it
  is a regular file whose bytes still hash to what that manifest recorded for it. A file the user
  changed since, or put there under a name a build writes, is the user's: a removal leaves it in
  place (and the build says so); a replacement refuses the build, naming it.
* **Room to write.** Every folder the commit moves files into or out of must be writable by this
  process, and a file it replaces or removes in a folder with the sticky bit must be its own:
  a read-only ``preview/`` or a file of another user refuses the build before the commit point,
  instead of stopping half way through the move.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import OutputError, short
from ..safefile import read_json

TOOL = "datadialoog-print"
"""The ``tool`` field of every manifest this tool writes."""

MANIFEST = "manifest.json"

PREVIEW_DIR = "preview"
"""The folder ``preview`` writes its PNGs into, inside the output folder; it belongs to the build."""

BUILT_SUFFIXES = (".pdf", ".png")
"""What a build writes besides its manifest: a file of another kind (``notes.txt``) is never a build's to remove,
whatever a manifest lists."""

MAX_HASHED_BYTES = 1 << 30
"""The largest file hashed to see whether it is ours: a build's files are megabytes."""

_SHA256 = re.compile(r"[0-9a-f]{64}")


def safe_name(name: object) -> bool:
    """A name a manifest or record may hold: a plain file name, or one inside ``preview/`` (never ``..``, ``/x``, ``.x``)."""
    if not isinstance(name, str):
        return False
    parts = name.split("/")
    plain = all(p and not p.startswith(".") and "\\" not in p and "\0" not in p and ":" not in p for p in parts)
    return plain and (len(parts) == 1 or (len(parts) == 2 and parts[0] == PREVIEW_DIR))


def kind(path: Path) -> str | None:
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


WHAT = {"link": "a symbolic link", "folder": "a folder", "other": "a special file", "file": "a file"}


def manifest_problem(data: object) -> str | None:
    """Why ``data`` is not a manifest this tool writes, or None when it is one."""
    if not isinstance(data, dict):
        return "not a JSON object"
    tool = data.get("tool")
    if tool != TOOL:
        return "it names no tool" if tool is None else f"it is {short(repr(tool), 60)}'s, not {TOOL}'s"
    for key in ("files", "previews"):
        table = data.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            return f"its '{key}' is not a table of files"
    return None


def own_manifest(out_dir: Path) -> dict | None:
    """The folder's manifest when it is this tool's; None when there is none; OutputError, by name, for any other."""
    path = Path(out_dir) / MANIFEST
    try:
        data = read_json(path)
        why = manifest_problem(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        why = str(exc) if isinstance(exc, ValueError) else (exc.strerror or str(exc))
    if why is not None:
        raise OutputError(
            f"{short(str(path))} is not a manifest of {TOOL} ({why}); a build writes only into a folder with no "
            "manifest or its own: choose another folder with -o, or move that file away; nothing was changed"
        )
    return data  # type: ignore[return-value]


def recorded(manifest: Mapping | None) -> dict[str, str]:
    """Name → SHA-256 of every file (and preview) ``manifest`` vouches for, where name and hash are well formed."""
    if manifest is None:
        return {}
    found = {}
    for key in ("files", "previews"):
        table = manifest.get(key)
        for name, facts in table.items() if isinstance(table, dict) else ():
            digest = facts.get("sha256") if isinstance(facts, dict) else None
            built = isinstance(name, str) and name.lower().endswith(BUILT_SUFFIXES)
            if built and safe_name(name) and isinstance(digest, str) and _SHA256.fullmatch(digest):
                found[name] = digest
    return found


def matches(path: Path, digest: str | None) -> bool:
    """Is ``path`` a regular file (not a link) whose bytes hash to ``digest``?"""
    if digest is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HASHED_BYTES:
            return False
        h = hashlib.sha256()
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest() == digest


def collisions(out_dir: Path, files: Iterable[str], removes: Iterable[str] = ()) -> list[str]:
    """Names the commit would write or remove where something not a plain file of ours stands (the user's)."""
    found = []
    for name in [*files, *removes]:
        if not safe_name(name):
            found.append(f"'{short(name)}' is no name a build writes")
            continue
        if "/" in name:
            parent = kind(out_dir / PREVIEW_DIR)
            if parent not in (None, "folder"):
                found.append(f"{PREVIEW_DIR} is {WHAT[parent]}, not the previews' folder")
                continue
        what = kind(out_dir / name)
        if what not in (None, "file"):
            found.append(f"{name} is {WHAT[what]}")
    return list(dict.fromkeys(found))


def not_ours(out_dir: Path, files: Iterable[str], owned: Mapping[str, str]) -> list[str]:
    """Files the commit would replace that the old manifest does not vouch for (the user's, or changed since)."""
    found = []
    for name in files:
        if name != MANIFEST and kind(out_dir / name) == "file" and not matches(out_dir / name, owned.get(name)):
            why = "changed since the build that wrote it" if name in owned else "no manifest of this tool lists it"
            found.append(f"{name} is there already and {why}")
    return found


def blocked(out_dir: Path, files: Iterable[str], removes: Iterable[str]) -> list[str]:
    """What the commit could not do in this folder as this process: a folder it cannot write into (read-only,
    another owner's), a file in a sticky folder that is not its to replace or remove."""
    euid = None if _may_change_anything() else os.geteuid()
    found: list[str] = []
    folders: dict[Path, bool] = {}
    for name in [*files, *removes]:
        target = out_dir / name
        folder = target.parent
        if folder not in folders:
            folders[folder] = _writable(folder if kind(folder) == "folder" else out_dir)
            if not folders[folder]:
                found.append(f"{short(str(folder))}/ cannot be written (read-only, or another user's)")
        if not folders[folder] or euid is None or kind(target) is None:
            continue
        try:
            where, what = os.stat(folder), os.lstat(target)
        except OSError:
            continue
        if where.st_mode & stat.S_ISVTX and euid not in (where.st_uid, what.st_uid):
            found.append(f"{name} belongs to another user, in a folder only its owner may change")
    return found


def _writable(folder: Path) -> bool:
    """May this process create, rename and remove entries in ``folder``?"""
    return os.access(folder, os.W_OK | os.X_OK)


def _may_change_anything() -> bool:
    """Whether this process may remove another user's file from a sticky folder: not POSIX, or root with its
    powers (``CAP_FOWNER``; a root stripped of them, as in a container, may not)."""
    if not hasattr(os, "geteuid"):
        return True
    if os.geteuid() != 0:
        return False
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) & (1 << 3))  # CAP_FOWNER
    except (OSError, ValueError):
        pass
    return True
