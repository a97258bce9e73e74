"""The build manifest: which deck, tool and options made which files, with their hashes.

``manifest.json`` is written beside the PDFs by every build (no dates, so rebuilds stay
byte-identical), and ``verify`` reads it back to tell whether an output folder is intact
and still matches its deck.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..deck.model import Deck
from .identity import deck_digest

MANIFEST = "manifest.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pdf_facts(path: Path) -> dict:
    """Pages and the physical size of the first page (mm), read from the PDF itself, without a PDF library."""
    import re

    data = path.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    box = re.search(rb"/MediaBox\s*\[\s*([\d.\-]+)\s+([\d.\-]+)\s+([\d.\-]+)\s+([\d.\-]+)\s*\]", data)
    size = None
    if box:
        x0, y0, x1, y1 = (float(v) for v in box.groups())
        size = [round((x1 - x0) * 25.4 / 72, 1), round((y1 - y0) * 25.4 / 72, 1)]
    return {"pages": pages, "page_size_mm": size}


def manifest_text(deck: Deck, options: dict, files: list[tuple[Path, int]]) -> str:
    """The manifest as JSON text: files is (staged path, cards in it) per PDF."""
    payload = {
        "tool": "datadialoog-print",
        "version": __version__,
        "deck": {
            "name": deck.name,
            "path": str(deck.path),
            "sha256": deck_digest(deck),
            "files": {p.name if p.parent == deck.path else str(p): sha256(p) for p in deck.files},
        },
        "options": options,
        "files": {path.name: {"sha256": sha256(path), "cards": cards, **pdf_facts(path)} for path, cards in files},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class Verdict:
    """What verify found: nothing wrong, or every difference."""

    problems: tuple[str, ...]
    checked: int

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(folder: Path) -> Verdict:
    """Compare an output folder with its manifest and the deck it names."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not path.is_file():
        return Verdict((f"no {MANIFEST} in {folder}: not a build folder, or built before manifests existed",), 0)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
        deck_info = manifest["deck"]
    except (ValueError, KeyError, TypeError) as exc:
        return Verdict((f"{MANIFEST} is damaged: {exc}",), 0)
    problems = []
    for name, facts in sorted(files.items()):
        pdf = folder / name
        if not pdf.is_file():
            problems.append(f"{name}: missing")
        elif sha256(pdf) != facts.get("sha256"):
            problems.append(f"{name}: changed since the build (edited, damaged, or rebuilt without its manifest)")
    for pdf in sorted(folder.glob("*.pdf")):
        if pdf.name not in files:
            problems.append(f"{pdf.name}: not in the manifest (left over from another build?)")
    deck_path = Path(deck_info.get("path", ""))
    for name, digest in sorted(deck_info.get("files", {}).items()):
        source = deck_path / name if "/" not in name else Path(name)
        if not source.is_file():
            problems.append(f"deck file {source}: missing")
        elif sha256(source) != digest:
            problems.append(f"deck file {source}: edited since the build; build again")
    if manifest.get("version") != __version__:
        problems.append(f"built with datadialoog-print {manifest.get('version')}, this is {__version__}")
    return Verdict(tuple(problems), len(files))
