"""What a built output folder holds, read from its manifest, with the booklet guide's print advice per file.

The advice comes from the same plan the booklet's print-and-cut guide prints
(:func:`~datadialoog_print.paper.printplan.plan`), for the options each file was built with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..build.manifest import safe_name
from ..build.options import KINDS, BuildOptions, card_layout
from ..deck.model import Deck
from ..paper.printplan import PAGES_PER_SHEET, booklet_sheets, plan

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


def documents(deck: Deck, manifest: dict) -> list[Document]:
    """Every built file with its print advice, in the guide's order."""
    kinds = manifest.get("kinds") if isinstance(manifest.get("kinds"), dict) else {}
    advice = {}
    for described in {json.dumps(v, sort_keys=True) for v in kinds.values()}:
        try:
            options = BuildOptions.from_description(json.loads(described), only=KINDS)
        except ValueError:
            continue
        for f in plan(
            deck,
            card_layout(deck, options),
            duplex=options.duplex,
            plain_stock=options.plain_stock,
            mono=options.mono,
            only=KINDS,
            sets=options.set_count(deck),
        ):
            advice.setdefault(f.name, f)
    order = {name: i for i, name in enumerate(advice)}
    out = []
    for name in sorted(built_files(manifest), key=lambda n: (order.get(n, len(order)), n)):
        facts = manifest["files"][name]
        pages = int(facts.get("pages") or 0)
        f = advice.get(name)
        sheets = f.sheets if f else None
        if f and sheets is None and f.kind in PAGES_PER_SHEET:
            sheets = booklet_sheets(f.kind, pages)
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
