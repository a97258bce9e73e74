"""What a built output folder holds, read from its manifest, with the booklet guide's print advice per file.

The advice comes from the registry of documents the booklet's print-and-cut guide prints
(:func:`~datadialoog_print.assemble.documents.print_advice`), for the options each file was built with.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..assemble.manifest import safe_name
from ..assemble.options import BuildOptions
from ..deck.model import Deck

SHOWN_PAGES = 6
"""Thumbnails shown per document; the page says how many more there are."""


@dataclass(frozen=True)
class Document:
    """One built file as the result page shows it."""

    name: str
    kind: str
    pages: int
    cards: int
    paper: str = ""
    duplex: str = ""
    sheets: int | None = None


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


def documents(deck: Deck | None, manifest: dict) -> list[Document]:
    """Every built file with its print advice, in the guide's order (no advice without a deck that loads)."""
    from ..assemble.documents import DOCUMENTS, print_advice

    kinds = manifest.get("kinds") if isinstance(manifest.get("kinds"), dict) and deck is not None else {}
    advice = {}
    for kind in (doc.kind for doc in DOCUMENTS if doc.kind in kinds):  # the registry's order is the guide's
        try:
            options = BuildOptions.from_description(kinds[kind], only=(kind,))
            planned = print_advice(deck, options, kind)
        except (KeyError, ValueError):  # a manifest of another version, or a kind no longer built
            continue
        advice.update((f.name, f) for f in planned)
    order = {name: i for i, name in enumerate(advice)}
    out = []
    for name in sorted(built_files(manifest), key=lambda n: (order.get(n, len(order)), n)):
        facts = manifest["files"][name]
        if facts.get("format") == "PNG":  # a PNG shop's images: see image_sets
            continue
        pages = int(facts.get("pages") or 0)
        f = advice.get(name)
        sheets = f.sheets if f and f.printed else None  # the slides are shown, not printed
        if f and f.printed and sheets is None and f.pages_per_sheet:  # counted once laid out, as the guide counts it
            sheets = -(-pages // f.pages_per_sheet)
        out.append(
            Document(
                name,
                str(facts.get("kind", "")),
                pages,
                int(facts.get("cards") or 0),
                f.paper if f else "",
                f.duplex if f else "",
                sheets,
            )
        )
    return out


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
