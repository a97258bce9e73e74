"""The ready-made kits: the shipped decks' complete sets, built once when the site is written, as plain downloads.

An organiser who needs only the standard workshop is done in one click, even where the browser cannot run
the workspace: each kit is one zip of the files a CLI build of that deck and those options writes (with its
manifest, so ``verify`` passes on it), and the entry page shows the booklet guide's print advice beside it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

DECKS = ("default", "default-en")
"""The shipped decks offered, Dutch first."""
PAPERS = ("a4", "letter")
SETS = (1, 2)


@dataclass(frozen=True)
class KitFile:
    """One file of a kit with the print plan's advice (the result page's line for it)."""

    name: str
    paper: str
    duplex: str
    sheets: int | None
    """Sheets of paper for all its copies; None where it is not printed on sheets."""


@dataclass(frozen=True)
class Kit:
    """One ready-made kit as the entry page lists it."""

    deck: str
    language: str
    title: str
    paper: str
    sets: int
    file: str
    """Its file name under ``kits/``."""
    size: int
    """Bytes, for the page."""
    documents: tuple
    """The built files with their print advice (:class:`KitFile`), in the guide's order."""


def build_kits(target: Path, *, progress=None) -> list[Kit]:
    """Build every kit into ``target`` (a folder that exists); the kits, in the page's order."""
    import tempfile

    from ..assemble import build
    from ..assemble.decks import load_deck
    from ..assemble.options import BuildOptions
    from ..deck.locate import shipped_dir
    from ..serve.results import plan_rows, read_manifest

    kits = []
    for name in DECKS:
        deck = load_deck(shipped_dir() / name)
        for paper in PAPERS:
            for sets in SETS:
                with tempfile.TemporaryDirectory(prefix="datadialoog-kit-") as scratch:
                    out = Path(scratch) / name
                    build(deck, out, options=BuildOptions(paper=paper, sets=sets))
                    file = f"{name}-{paper}-{sets}.zip"
                    data = _zip(out, name)
                    (target / file).write_bytes(data)
                    rows = plan_rows(deck, read_manifest(out) or {"files": {}})
                    docs = tuple(KitFile(r.name, r.line.file.paper, r.line.file.duplex, r.line.total) for r in rows)
                kits.append(Kit(name, deck.language, deck.title, paper, sets, file, len(data), docs))
                if progress:
                    progress(file)
    return kits


def _zip(folder: Path, name: str) -> bytes:
    """The set as the workspace's download zips it (``NAME/file``: the files the manifest lists, and the manifest),
    with fixed dates: the same bytes each time."""
    from ..serve.results import built_files, read_manifest

    buffer = io.BytesIO()
    names = [*built_files(read_manifest(folder) or {"files": {}}), "manifest.json"]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
        for path in sorted(folder / n for n in names):
            info = zipfile.ZipInfo(f"{name}/{path.name}", date_time=(2000, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()
