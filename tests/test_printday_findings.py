"""What a print-day run found outside the PDF/X keys: the guide's sheet counts on a partial build, the notes
a sheet layout owes the organiser, an environment variable named as such, and a closed pipe."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from .pdfcheck import page_text


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.output


def guide_text(pdf: Path) -> str:
    """The text of every page from the print guide on, as one string."""
    from pypdf import PdfReader

    pages = [page_text(pdf, i) for i in range(len(PdfReader(pdf).pages))]
    start = max(i for i, text in enumerate(pages) if "stellingen-deelnemers" in text.replace("\r\n", ""))
    return "\n".join(pages[start:])


@pytest.mark.parametrize("only", [("booklet",), ("booklet", "cards"), ("booklet", "answers", "slides")])
def test_guide_counts_the_participant_sheet_when_the_handouts_are_not_built(tmp_path: Path, only):
    """--only booklet (with or without other kinds): the guide reads exactly as in a full build."""
    code, out = run("build", "-o", str(tmp_path / "full"), "-q")
    assert code == 0, out
    args = [a for kind in only for a in ("--only", kind)]
    code, out = run("build", "-o", str(tmp_path / "part"), "-q", *args)
    assert code == 0, out
    full, part = (guide_text(tmp_path / name / "gespreksleider-a5.pdf") for name in ("full", "part"))
    assert part == full


def test_66x93_on_letter_says_it_gets_six_cards_and_is_cut_vertical_first(tmp_path: Path):
    """Letter, 66 × 93 mm: six cards and vertical-first cutting, unlike poker cards on Letter; the build says both."""
    code, out = run("build", "-o", str(tmp_path), "--only", "cards", "--paper", "letter", "--card-size", "66x93", "-q")
    assert code == 0, out
    assert "Note: 6 cards per LETTER sheet, not 9 as for poker cards" in out
    assert "cut the vertical lines first, not the horizontal ones as for poker cards on LETTER" in out
    code, out = run("build", "-o", str(tmp_path / "poker"), "--only", "cards", "--paper", "letter", "-q")
    assert code == 0 and "Note:" not in out, out
