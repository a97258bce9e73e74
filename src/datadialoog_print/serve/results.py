"""What a built output folder holds, read from its manifest, as the print plan the booklet's guide gives.

The plan comes from :func:`~datadialoog_print.assemble.copies.print_plan`, the registry's plan counted as the
booklet's guide and run sheet count it, for the options each file was built with.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..assemble.copies import PlanLine
from ..assemble.manifest import safe_name
from ..assemble.options import BuildOptions
from ..deck.model import Deck

SHOWN_PAGES = 6
"""Thumbnails shown per document; the page says how many more there are."""


@dataclass(frozen=True)
class Row:
    """One built file as the result page lists it: its line of the print plan, and its pages for the thumbnails."""

    line: PlanLine
    pages: int

    @property
    def name(self) -> str:
        return self.line.file.name


@dataclass(frozen=True)
class ImageSet:
    """The PNG files of one card file of a PNG shop (``--shop mpc``, ``tgc``): shown as one entry with their
    contact sheet, not as hundreds of downloads (the zip holds them all, in the order the shop's uploader wants)."""

    stem: str
    count: int
    pixels: tuple[int, int]
    dpi: int
    first: str
    overview: str = ""


NUMBERED = re.compile(r"^(?P<stem>.+)-(?P<number>[0-9]+)\.png$")


def read_manifest(out_dir: Path) -> dict | None:
    """The folder's manifest, or None when nothing was built there (or it is damaged)."""
    try:
        data = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None


def built_files(manifest: dict) -> list[str]:
    """The plain file names the manifest lists (the files a download may serve)."""
    return [n for n in manifest["files"] if safe_name(n) and "/" not in n]


def plan_rows(deck: Deck | None, manifest: dict, mine: set[str] | None = None) -> list[Row]:
    """The files of ``mine`` (a build's; all the manifest lists if None) as the print plan lists them, in the
    guide's order, each counted for the options its document was built with (the manifest keeps them per kind);
    none without a deck that loads (a deck broken since its build: the page then lists the files alone)."""
    if deck is None:
        return []
    from ..assemble.copies import print_plan
    from ..assemble.documents import DOCUMENTS
    from ..errors import DatadialoogError

    kinds = manifest.get("kinds") if isinstance(manifest.get("kinds"), dict) else {}
    files = manifest["files"]
    pages = {n: int(files[n].get("pages") or 0) for n in built_files(manifest) if mine is None or n in mine}
    rows = []
    for kind in (doc.kind for doc in DOCUMENTS if doc.kind in kinds):  # the registry's order is the guide's
        try:
            options = BuildOptions.from_description(kinds[kind], only=(kind,))
            lines = print_plan(deck, options, {n: p for n, p in pages.items() if files[n].get("kind") == kind})
        except (KeyError, ValueError, DatadialoogError):  # a manifest of another version, or a deck changed since
            continue
        rows += [Row(line, pages[line.file.name]) for line in lines]
    return rows


def paper_totals(rows: list[Row]) -> list[tuple[str, int]]:
    """Sheets to have at hand, per paper, for every copy of the plan."""
    totals: dict[str, int] = {}
    for row in rows:
        if row.line.total:
            totals[row.line.file.paper] = totals.get(row.line.file.paper, 0) + row.line.total
    return list(totals.items())


def image_sets(manifest: dict) -> list[ImageSet]:
    """A PNG shop's images, one set per card file (fronts, backs), each with the contact sheet made for it."""
    images = {n: manifest["files"][n] for n in built_files(manifest) if manifest["files"][n].get("format") == "PNG"}
    sets: dict[str, list[tuple[str, dict]]] = {}
    for name, facts in sorted(images.items()):
        if match := NUMBERED.match(name):
            sets.setdefault(match["stem"], []).append((name, facts))
    overviews = [n for n in images if not NUMBERED.match(n)]
    out = []
    for stem, files in sets.items():
        mine = [
            n
            for n in overviews
            if n.startswith(f"{stem}-")
            and not any(other != stem and other.startswith(stem) and n.startswith(f"{other}-") for other in sets)
        ]  # the fronts' contact sheet, not the backs' (whose stem begins with the fronts')
        first, facts = files[0]
        pixels = facts.get("pixels") or (0, 0)
        size = (int(pixels[0]), int(pixels[1]))
        out.append(ImageSet(stem, len(files), size, int(facts.get("dpi") or 0), first, mine[0] if mine else ""))
    return out
