"""What a built output folder holds, read from its manifest, with the booklet guide's print advice per file.

The advice comes from the registry of documents the booklet's print-and-cut guide prints
(:func:`~datadialoog_print.build.documents.print_advice`), for the options each file was built with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..build.manifest import safe_name
from ..build.options import BuildOptions
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
    from ..build.documents import DOCUMENTS, print_advice

    kinds = manifest.get("kinds") if isinstance(manifest.get("kinds"), dict) else {}
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
