"""Rendered snapshots: selected pages of the shipped default deck, rendered small with pypdfium2 and compared
with reviewed PNGs in tests/golden/snapshots/ within a tolerance (anti-aliasing may differ by a shade).

A card sheet's front and back of each series, the answer sheet, a comparison slide and the booklet's cover:
what is on the table and on the wall. A meant change is rendered anew with the golden option, each
PNG looked at, and reviewed as a diff:

    .venv/bin/python -m pytest tests/test_snapshots.py --regen-golden
    git diff --stat tests/golden/snapshots/
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

SNAPSHOTS = Path(__file__).parent / "golden" / "snapshots"
SCALE = 0.3
"""Pixels per point: an A4 page is 179 × 253 pixels, enough to see a colour, a frame or a shifted block."""
PAGES = {
    "cards-1-front": ("kaarten-reeks-1-groen.pdf", 0),
    "cards-1-back": ("kaarten-reeks-1-groen.pdf", 1),
    "cards-2-front": ("kaarten-reeks-2-geel.pdf", 0),
    "cards-2-back": ("kaarten-reeks-2-geel.pdf", 1),
    "answer-sheet": ("antwoordblad.pdf", 0),
    "slide-age": (
        "dias.pdf",
        8,
    ),  # the first comparison, after the title, programme, rules, sheets, sources and exercises
    "booklet-cover": ("gespreksleider-boekje-a4.pdf", 0),
}
SHADE = 48
"""A pixel counts as changed when a channel differs by more than this (of 255): anti-aliasing stays below it."""
CHANGED = 0.002
"""At most this share of the pixels may change: a few edge pixels, never a word, a colour or a block."""


def render(pdf: Path, index: int) -> np.ndarray:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return np.asarray(doc[index].render(scale=SCALE).to_pil().convert("RGB"))
    finally:
        doc.close()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_looks_like_its_reviewed_snapshot(name, shipped_build, regen_golden: bool):
    """The page rendered now differs from the reviewed PNG in fewer than CHANGED of its pixels."""
    file, index = PAGES[name]
    image = render(shipped_build("default") / file, index)
    golden = SNAPSHOTS / f"{name}.png"
    if regen_golden:
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        Image.fromarray(image).save(golden, optimize=True)
        return
    assert golden.is_file(), f"no snapshot {golden}; see this module's docstring"
    expected = np.asarray(Image.open(golden).convert("RGB"))
    assert image.shape == expected.shape, f"{name}: page size changed, {image.shape} ≠ {expected.shape}"
    changed = (np.abs(image.astype(int) - expected.astype(int)).max(axis=2) > SHADE).mean()
    assert changed <= CHANGED, f"{name}: {changed:.2%} of the pixels differ from {golden.name}; see the docstring"
