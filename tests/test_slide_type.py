"""No text on any slide above the footer line is under 18 pt, measured from the PDF's own text operators
(the font size of each Tf times the scale of the text and graphics matrices), in both shipped decks."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print.cli import cli

from .conftest import ROOT

FOOTER_LINE = 40.0
"""Points from the page's foot: the footer (deck, part, slide number) and the build stamp stand below it."""
LEAST = 18.0


def _times(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


def text_sizes(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, every piece of text drawn: (size in points as it lands on the page, baseline height, text)."""
    out = []
    for page in PdfReader(pdf).pages:
        found: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                m = _times(list(tm), list(cm))
                found.append((size * math.hypot(m[2], m[3]), m[5], text.strip()))

        page.extract_text(visitor_text=visit)
        out.append(found)
    return out


@pytest.mark.parametrize("deck", ["default", "default-en"])
def test_no_slide_text_under_18_pt_above_the_footer(deck: str, tmp_path: Path):
    """Headings, charts, cautions, questions, statements, agenda, break and closing: all at least 18 pt."""
    result = CliRunner().invoke(
        cli, ["build", str(ROOT / "decks" / deck), "-o", str(tmp_path), "-q", "--only", "slides"]
    )
    assert result.exit_code == 0, result.output
    pages = text_sizes(next(tmp_path.glob("*.pdf")))
    assert len(pages) == 32 and all(pages)
    small = [
        (number, round(size, 1), text)
        for number, found in enumerate(pages, 1)
        for size, y, text in found
        if y > FOOTER_LINE and size < LEAST - 0.05
    ]
    assert small == []
    # The measure sees the footer (13 pt) for what it is, so it would see a small text above it too.
    assert any(size < LEAST and y < FOOTER_LINE for size, y, _ in pages[1])
