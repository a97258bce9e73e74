"""Golden files: each document's page count, page sizes and extracted text, per shipped deck.

A change that alters what a document says shows up here as a diff to review. When the
change is meant, write the files anew and review them with git:

    .venv/bin/python -m pytest tests/test_golden.py --regen-golden
    git diff tests/golden/
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from .conftest import SHIPPED

GOLDEN = Path(__file__).parent / "golden"
STAMP = re.compile(r"(·) [0-9a-f]{8} (· datadialoog-print)")


def describe(pdf: Path) -> str:
    """Pages, their size in mm and their text, line by line with the spacing normalised; the deck's short
    hash in the build stamp is masked, so an edit that prints nothing different needs no new golden file."""
    doc = pdfium.PdfDocument(str(pdf))
    out = [f"pages: {len(doc)}"]
    for i in range(len(doc)):
        page = doc[i]
        width, height = (v * 25.4 / 72 for v in page.get_size())
        out.append(f"--- page {i + 1} ({width:.1f} × {height:.1f} mm)")
        text = page.get_textpage().get_text_range()
        out += [STAMP.sub(r"\1 <deck> \2", " ".join(line.split())) for line in text.splitlines() if line.strip()]
    doc.close()
    return "\n".join(out) + "\n"


@pytest.fixture(params=SHIPPED)
def built(request, shipped_build) -> tuple[str, Path]:
    return request.param, shipped_build(request.param)


def test_documents_match_their_golden_files(built, regen_golden: bool):
    """Every PDF of the shipped decks says exactly what its golden file says, page by page."""
    deck, out = built
    folder = GOLDEN / deck
    pdfs = sorted(out.glob("*.pdf"))
    assert pdfs
    if regen_golden:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.txt"):
            old.unlink()
        for pdf in pdfs:
            (folder / f"{pdf.stem}.txt").write_text(describe(pdf), encoding="utf-8")
        return
    expected = sorted(p.stem for p in folder.glob("*.txt"))
    assert sorted(p.stem for p in pdfs) == expected, "documents differ from tests/golden; see this module's docstring"
    for pdf in pdfs:
        golden = (folder / f"{pdf.stem}.txt").read_text(encoding="utf-8")
        assert describe(pdf) == golden, f"{deck}/{pdf.name} differs from its golden file; see this module's docstring"
