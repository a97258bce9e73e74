"""The workspace's builds, each a set of its own that no later build changes: what a result page shows and serves.

Plain files and folders, found again after a restart (and kept the same way in the browser's storage by the web
edition), beside the CLI's output folders::

    output/<deck>/                     the newest set, as ``build`` writes it (the CLI's folder; verify passes)
    output/.builds/<deck>/<id>/        one build's set with its own manifest (``verify`` passes on it too)
    output/.builds/<deck>/<id>.json    what was asked and when: written last, so a build without it is unfinished

A build id is the time it was asked for and four random hex digits (``20261207-143012-9f3a``): it sorts as time
does, says when, and is never used twice (its folder is made for it alone, :func:`reserve`), so an old link
never finds another build's files. At most :data:`KEEP` builds are kept per deck; the oldest go when a new one is
done, and any can be removed from the page. A removed build is gone for its links too: they answer, in words,
that it no longer exists. Symbolic links are never followed: a ``.builds``, ``.builds/<deck>`` or build folder
that is one serves nothing (a build folder that is one is listed as unreadable, to be removed: the link goes,
never what it points at). A kept build whose manifest holds what this version does not know (another version's
options, a value edited by hand) is listed too, as unreadable, and can be removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

KEEP = 20
"""Builds kept per deck: enough to go back a print day, few enough to leave the disk alone."""

ROOT = ".builds"
"""The folder of every deck's builds, in ``output/``: a name no deck can have (a deck's starts with a letter)."""

BUILD_ID = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$")
"""A build id as a URL may carry it: never a path."""

RECORD_BYTES = 4096
"""A record is a few hundred bytes; anything larger is not one of ours."""

RESERVE_TRIES = 64
"""Fresh ids tried before giving up (two builds in one second share one in 65 536 tries)."""

JUST_MADE_S = 60.0
"""An unfinished build's folder younger than this may be one just reserved, its job not yet queued: left alone."""


def builds_folder(deck: str) -> Path:
    """Where the builds of the deck called ``deck`` are: ``output/.builds/<deck>`` in the workspace's folder."""
    return Path("output") / ROOT / deck


def new_build_id(now: datetime | None = None) -> str:
    """An id for a build asked for at ``now`` (local time); :func:`reserve` makes it the build's alone."""
    now = now or datetime.now().astimezone()
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def linked(deck: str) -> bool:
    """Is ``output/.builds`` or ``output/.builds/<deck>`` a symbolic link (never followed)?"""
    return any(p.is_symlink() for p in (builds_folder(deck).parent, builds_folder(deck)))


def reserve(deck: str, now: datetime | None = None) -> str:
    """A fresh id for a build of ``deck`` asked for at ``now``, its folder made exclusively (``mkdir`` fails where
    anything of that name is): no two builds ever share one, not even in the same second. OutputError where the
    builds' folder is a symbolic link or cannot be made."""
    from ..errors import OutputError, os_reason

    folder = builds_folder(deck)
    if linked(deck):
        raise OutputError(f"{folder} is a symbolic link; the workspace never writes through one: remove it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(RESERVE_TRIES):
            build_id = new_build_id(now)
            if os.path.lexists(_record_path(deck, build_id)):
                continue
            with contextlib.suppress(FileExistsError):
                set_folder(deck, build_id).mkdir()
                return build_id
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {os_reason(exc)}") from None
    raise OutputError(f"no free build id in {folder} for this second; try again")


def set_folder(deck: str, build_id: str) -> Path:
    """The folder one build writes its set into (and, once done, serves it from)."""
    return builds_folder(deck) / build_id


def _record_path(deck: str, build_id: str) -> Path:
    return builds_folder(deck) / f"{build_id}.json"


@dataclass(frozen=True)
class BuildFacts:
    """Which build, which facts: what its result page names, from its record (when, which printer) and its
    manifest (everything else, as the build recorded it). Plain data for a template."""

    deck: str
    id: str
    asked: datetime
    """When the build was asked for (local time)."""
    folder: Path
    """Its set: the files and manifest it serves, and nothing else."""
    printer: str
    """The saved printer chosen on the form, or empty."""
    readable: bool = True
    """False for a set that cannot be read as this version writes one (a manifest missing, damaged or holding a
    value it does not know; a folder that is a symbolic link): its page says so, and it can be removed. The facts
    below are then empty."""
    paper: str = ""
    layout: str = ""
    duplex: str = ""
    back_offset: tuple[float, float] = (0.0, 0.0)
    sets: int = 0
    shop: str = ""
    documents: tuple[str, ...] = ()
    """The kinds built (``only``), in the registry's order."""
    mono: bool = False
    plain_stock: bool = False
    card_size: str = ""
    files: int = 0
    cards: int = 0


def finish(deck: str, build_id: str, *, asked: datetime, printer: str) -> None:
    """Record a build whose set is complete (the last step: a build without its record is unfinished)."""
    from ..safefile import write_atomically

    record = {"deck": deck, "id": build_id, "asked": asked.isoformat(), "printer": printer}
    write_atomically(_record_path(deck, build_id), json.dumps(record, ensure_ascii=False).encode("utf-8"))


def discard(deck: str, build_id: str) -> None:
    """Remove what a failed build left in its folder (nothing of another build; a link itself, never its target)."""
    folder = set_folder(deck, build_id)
    if folder.is_symlink() or linked(deck):
        if not linked(deck):
            with contextlib.suppress(OSError):
                folder.unlink()
        return
    shutil.rmtree(folder, ignore_errors=True)


def read_build(deck: str, build_id: str) -> BuildFacts | None:
    """The build ``build_id`` of ``deck`` if it exists (finished and not removed), else None; one whose set cannot be
    read is told by ``readable``."""
    from ..assemble.documents import KINDS
    from ..assemble.options import BuildOptions
    from ..assemble.staging import read_json
    from .results import read_manifest

    if not BUILD_ID.match(build_id) or linked(deck) or _record_path(deck, build_id).is_symlink():
        return None
    try:
        record = read_json(_record_path(deck, build_id), limit=RECORD_BYTES)
        asked = datetime.fromisoformat(record["asked"])
        printer = str(record.get("printer", ""))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    folder = set_folder(deck, build_id)
    unreadable = BuildFacts(deck=deck, id=build_id, asked=asked, folder=folder, printer=printer, readable=False)
    manifest = read_manifest(folder) if not folder.is_symlink() else None
    if manifest is None or not isinstance(manifest.get("options"), dict):
        return unreadable
    options, files = manifest["options"], manifest["files"]
    try:
        only = tuple(str(k) for k in options.get("only", ()))
        asked_for = BuildOptions.from_description(options, only=only)  # every value one this version knows
        for entry in files.values():  # each read as the result page reads it (ValueError, TypeError where it cannot)
            int(entry.get("pages") or 0) + int(entry.get("cards") or 0)
        return BuildFacts(
            deck=deck,
            id=build_id,
            asked=asked,
            folder=folder,
            printer=printer,
            paper=asked_for.paper,
            layout=asked_for.layout,
            duplex=asked_for.duplex.value,
            back_offset=asked_for.back_offset,
            sets=int(options.get("sets", 1)),
            shop=asked_for.shop,
            documents=tuple(k for k in KINDS if k in only),
            mono=asked_for.mono,
            plain_stock=asked_for.plain_stock,
            card_size=asked_for.card_size.name if asked_for.card_size else "",
            files=len(files),
            cards=sum(int(f.get("cards") or 0) for f in files.values()),
        )
    except (TypeError, ValueError, AttributeError):
        return unreadable


def list_builds(deck: str) -> list[BuildFacts]:
    """The deck's kept builds, newest first."""
    folder = builds_folder(deck)
    if linked(deck) or not folder.is_dir():
        return []
    found = (read_build(deck, p.stem) for p in folder.glob("*.json") if BUILD_ID.match(p.stem))
    return sorted((b for b in found if b is not None), key=lambda b: (b.asked, b.id), reverse=True)


def remove_build(deck: str, build_id: str) -> bool:
    """Remove one build: its record first (from then on its links say it is gone), then its set. Whether it was there."""
    if not BUILD_ID.match(build_id) or linked(deck):
        return False
    try:
        _record_path(deck, build_id).unlink()
    except FileNotFoundError:
        return False
    discard(deck, build_id)
    return True


def prune(deck: str, *, keep: int | None = None, running: frozenset[str] = frozenset()) -> list[str]:
    """Keep the newest ``keep`` builds (:data:`KEEP`); remove the others, and what unfinished builds left (not those
    ``running``, nor a folder another process is writing). The ids removed."""
    from ..folderlock import being_written

    keep = KEEP if keep is None else keep
    if linked(deck):
        return []
    kept = list_builds(deck)
    removed = [b.id for b in kept[keep:] if remove_build(deck, b.id)]
    folder = builds_folder(deck)
    names = {b.id for b in kept[:keep]} | set(running)
    for entry in list(folder.iterdir()) if folder.is_dir() else ():
        stem = entry.name.removesuffix(".json")
        if stem in names or not BUILD_ID.match(stem):
            continue
        if entry.is_dir() and not entry.is_symlink():
            if not being_written(entry) and not _just_made(entry):
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.suffix == ".json" and not set_folder(deck, stem).is_dir():
            with contextlib.suppress(OSError):
                os.unlink(entry)  # a record whose set is gone (removed by hand)
    return removed


def _just_made(folder: Path) -> bool:
    try:
        return time.time() - folder.stat().st_mtime < JUST_MADE_S
    except OSError:
        return False
