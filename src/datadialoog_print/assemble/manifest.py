"""The build manifest: which deck, tool and options made which files, with their hashes.

``manifest.json`` is written beside the PDFs by every build (no dates, so rebuilds stay
byte-identical); ``verify`` reads it back. The deck's path is stored relative to the
manifest's own folder (and absolute, as a fallback), so the folder verifies from any
working folder and after moving output and decks together.

The manifest is also the record of which files the build owns. A new build writes a new
manifest and removes the files of the old one it did not write again; with ``--only`` it
keeps the other documents and their entries (and the options they were built with), as
long as they were built from the same deck, unchanged, by the same version.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from .. import __version__
from ..deck.model import Deck
from ..render.pdf import source_date
from .documents import KINDS, tool_names
from .identity import deck_digest
from .options import BuildOptions
from .owned import MANIFEST, PREVIEW_DIR, TOOL, recorded, safe_name
from .renderers import Written

__all__ = ["MANIFEST", "PREVIEW_DIR", "new_manifest", "safe_name", "sha256", "tool_names"]


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def pdf_facts(path: Path) -> dict:
    """Pages and the physical size of the first page (mm), read from the PDF itself, without a PDF library."""
    data = path.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    box = re.search(rb"/MediaBox\s*\[\s*([\d.\-]+)\s+([\d.\-]+)\s+([\d.\-]+)\s+([\d.\-]+)\s*\]", data)
    size = None
    if box:
        x0, y0, x1, y1 = (float(v) for v in box.groups())
        size = [round((x1 - x0) * 25.4 / 72, 1), round((y1 - y0) * 25.4 / 72, 1)]
    return {"pages": pages, "page_size_mm": size}


def _relative(path: Path, start: Path) -> str:
    """``path`` relative to ``start`` with forward slashes; absolute when there is no relative way (Windows drives)."""
    try:
        return Path(os.path.relpath(Path(path).absolute(), Path(start).absolute())).as_posix()
    except ValueError:
        return Path(path).absolute().as_posix()


def deck_record(deck: Deck, out_dir: Path) -> dict:
    """The deck as the manifest names it: where (relative to the manifest), its hash and each file's hash.

    The hashes are of the bytes the build read (``Deck.digests``), not of the files as they are now."""
    return {
        "name": deck.name,
        "path": _relative(deck.path, out_dir),
        "absolute_path": Path(deck.path).absolute().as_posix(),
        "sha256": deck_digest(deck),
        "files": {_relative(p, deck.path): digest for p, digest in zip(deck.files, deck.digests, strict=True)},
    }


def _same_deck(old: dict, deck: Deck) -> bool:
    record = old.get("deck")
    return (
        old.get("version") == __version__
        and isinstance(record, dict)
        and record.get("name") == deck.name
        and record.get("sha256") == deck_digest(deck)
    )


def described_options(deck: Deck, options: BuildOptions) -> dict:
    """The options as the manifest records them, with the date that stands in every file's bytes."""
    return {**options.describe(deck), "source_date_epoch": source_date()}


def file_facts(w: Written) -> dict:
    """What the manifest records of one written file: its kind, hash, cards, pages and size, and the renderer's facts."""
    return {"kind": w.kind, "sha256": sha256(w.path), "cards": w.cards, **pdf_facts(w.path), **w.facts}


def shop_record(options: BuildOptions) -> dict | None:
    """The print shop's preset as the manifest records it, or None without ``--shop``."""
    return options.preset().describe(options.png_dpi()) if options.shop else None


def new_manifest(
    deck: Deck,
    out_dir: Path,
    options: BuildOptions,
    written: list[Written],
    previews: list[Path],
    old: dict | None,
) -> tuple[str, list[str], dict[str, str]]:
    """The new manifest's text, the names it keeps from ``old``, and the names the commit removes, each with
    the hash ``old`` recorded for it (the commit removes a file only while its bytes still have that hash).

    Removed: every file of the old manifest that is neither written again nor kept; nothing
    else (a file no manifest lists is the user's, whatever its name).
    """
    described = described_options(deck, options)
    files = {w.path.name: file_facts(w) for w in written}
    # Per kind, the options of the build that wrote it, ``only`` included, so verify renders each
    # document again exactly as that build did.
    kinds = dict.fromkeys(options.only, described)
    kept: list[str] = []
    old_hashes = recorded(old)
    if old is not None:
        old_files = old.get("files") if isinstance(old.get("files"), dict) else {}
        old_kinds = old.get("kinds") if isinstance(old.get("kinds"), dict) else {}
        if _same_deck(old, deck):
            for name, facts in old_files.items():
                kind = facts.get("kind") if isinstance(facts, dict) else None
                keep = safe_name(name) and kind in KINDS and kind not in options.only and kind in old_kinds
                if keep and name not in files:
                    files[name] = facts
                    kinds.setdefault(kind, old_kinds[kind])
                    kept.append(name)
    new_previews = {f"{PREVIEW_DIR}/{p.name}": {"sha256": sha256(p)} for p in previews}
    # Only what the old manifest lists goes: a file under a name a build writes but that no manifest of
    # ours lists (a folder never built into, the user's own dias.pdf) is the user's and stays.
    removes = {
        n: d for n, d in sorted(old_hashes.items()) if n not in files and n not in new_previews and n != MANIFEST
    }
    payload = {
        "tool": TOOL,
        "version": __version__,
        "deck": deck_record(deck, out_dir),
        "options": described,
        "kinds": dict(sorted(kinds.items())),
        "files": files,
        "previews": new_previews,
        **({"shop": shop_record(options)} if options.shop else {}),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n", kept, removes
