"""The workspace's builds, each a set of its own that no later build changes: what a result page shows and serves.

Plain files and folders, found again after a restart (and kept the same way in the browser's storage by the web
edition), beside the CLI's output folders::

    output/<deck>/                     the newest set, as ``build`` writes it (the CLI's folder; verify passes)
    output/.builds/<deck>/<id>/        one build's set with its own manifest (``verify`` passes on it too)
    output/.builds/<deck>/<id>.json    what was asked and when: written last, so a build without it is unfinished

A build id is the time it was asked for and four random hex digits (``20261207-143012-9f3a``): it sorts as time
does, says when, and is never used twice, so an old link never finds another build's files. At most
:data:`KEEP` builds are kept per deck; the oldest go when a new one is done, and any can be removed from the
page. A removed build is gone for its links too: they answer, in words, that it no longer exists.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
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


def builds_folder(deck: str) -> Path:
    """Where the builds of the deck called ``deck`` are: ``output/.builds/<deck>`` in the workspace's folder."""
    return Path("output") / ROOT / deck


def new_build_id(now: datetime | None = None) -> str:
    """A fresh id for a build asked for at ``now`` (local time)."""
    now = now or datetime.now().astimezone()
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


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
    paper: str
    layout: str
    duplex: str
    back_offset: tuple[float, float]
    sets: int
    shop: str
    documents: tuple[str, ...]
    """The kinds built (``only``), in the registry's order."""
    mono: bool
    plain_stock: bool
    card_size: str
    files: int
    cards: int


def finish(deck: str, build_id: str, *, asked: datetime, printer: str) -> None:
    """Record a build whose set is complete (the last step: a build without its record is unfinished)."""
    from ..safefile import write_atomically

    record = {"deck": deck, "id": build_id, "asked": asked.isoformat(), "printer": printer}
    write_atomically(_record_path(deck, build_id), json.dumps(record, ensure_ascii=False).encode("utf-8"))


def discard(deck: str, build_id: str) -> None:
    """Remove what a failed build left in its folder (nothing of another build)."""
    shutil.rmtree(set_folder(deck, build_id), ignore_errors=True)


def read_build(deck: str, build_id: str) -> BuildFacts | None:
    """The build ``build_id`` of ``deck`` if it exists (finished and not removed), else None."""
    from ..assemble.documents import KINDS
    from ..assemble.staging import read_json
    from .results import read_manifest

    if not BUILD_ID.match(build_id):
        return None
    try:
        record = read_json(_record_path(deck, build_id), limit=RECORD_BYTES)
        asked = datetime.fromisoformat(record["asked"])
        printer = str(record.get("printer", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    folder = set_folder(deck, build_id)
    manifest = read_manifest(folder)
    if manifest is None or not isinstance(manifest.get("options"), dict):
        return None
    options, files = manifest["options"], manifest["files"]
    try:
        only = [str(k) for k in options.get("only", ())]
        x, y = options.get("back_offset_mm", (0, 0))
        return BuildFacts(
            deck=deck,
            id=build_id,
            asked=asked,
            folder=folder,
            printer=printer,
            paper=str(options.get("paper", "")),
            layout=str(options.get("layout", "")),
            duplex=str(options.get("duplex", "")),
            back_offset=(float(x), float(y)),
            sets=int(options.get("sets", 1)),
            shop=str(options.get("shop", "") or ""),
            documents=tuple(k for k in KINDS if k in only),
            mono=options.get("edition") == "mono",
            plain_stock=bool(options.get("plain_stock", False)),
            card_size=str((options.get("card_size") or {}).get("name", "")),
            files=len(files),
            cards=sum(int(f.get("cards") or 0) for f in files.values() if isinstance(f, dict)),
        )
    except (TypeError, ValueError, AttributeError):
        return None


def list_builds(deck: str) -> list[BuildFacts]:
    """The deck's kept builds, newest first."""
    folder = builds_folder(deck)
    if not folder.is_dir():
        return []
    found = (read_build(deck, p.stem) for p in folder.glob("*.json") if BUILD_ID.match(p.stem))
    return sorted((b for b in found if b is not None), key=lambda b: (b.asked, b.id), reverse=True)


def remove_build(deck: str, build_id: str) -> bool:
    """Remove one build: its record first (from then on its links say it is gone), then its set. Whether it was there."""
    if not BUILD_ID.match(build_id):
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
    kept = list_builds(deck)
    removed = [b.id for b in kept[keep:] if remove_build(deck, b.id)]
    folder = builds_folder(deck)
    names = {b.id for b in kept[:keep]} | set(running)
    for entry in list(folder.iterdir()) if folder.is_dir() else ():
        stem = entry.name.removesuffix(".json")
        if stem in names or not BUILD_ID.match(stem):
            continue
        if entry.is_dir() and not entry.is_symlink():
            if not being_written(entry):
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.suffix == ".json" and not set_folder(deck, stem).is_dir():
            with contextlib.suppress(OSError):
                os.unlink(entry)  # a record whose set is gone (removed by hand)
    return removed
