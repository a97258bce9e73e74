"""Statements that can be run in a quarter of an hour: five picked by default, one per theme (marked in the booklet, checked
like any field), and a participant sheet with 'weet niet', a line for why and a client/staff tick."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print.cli import cli

from .conftest import ROOT, DeckFolder

WORDS = {
    "default": (
        "stellingen-deelnemers.pdf",
        "gespreksleider-a5.pdf",
        "weet niet",
        "Waarom?",
        "cliënt",
        "medewerker",
        "standaard",
    ),
    "default-en": (
        "statements-participants.pdf",
        "facilitator-a5.pdf",
        "don’t know",
        "Why?",
        "client",
        "member of staff",
        "default",
    ),
}


def flat(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)


@pytest.mark.parametrize("deck", sorted(WORDS))
def test_participant_sheet_and_the_default_pick(deck: str, tmp_path: Path):
    """Every statement numbered with four answers and a why line; the role tick; four defaults marked."""
    sheet, booklet, dont_know, why, client, staff, picked = WORDS[deck]
    result = CliRunner().invoke(
        cli, ["build", str(ROOT / "decks" / deck), "-o", str(tmp_path), "-q", "--only", "handouts", "--only", "booklet"]
    )
    assert result.exit_code == 0, result.output
    text = flat(tmp_path / sheet)
    assert dont_know in text and client in text and staff in text
    assert text.count(why) == 13
    assert all(f"{n}. " in text for n in range(1, 14))
    parts = re.split(r"(\d+)\. … ", flat(tmp_path / booklet))
    marked = [number for number, item in zip(parts[1::2], parts[2::2], strict=True) if f"({picked})" in item[:200]]
    assert marked == ["1", "5", "7", "10", "12"]  # one per theme


@pytest.mark.parametrize(
    "pick,message",
    [("[1, 14]", "expected a statement number from 1 to 13, got number 14"), ("[5, 5]", "statement 5 is picked twice")],
)
def test_a_bad_pick_is_named(deck_copy: DeckFolder, pick: str, message: str):
    """A pick beyond the statements or twice the same: check names the field."""
    deck_copy.replace("texts.yaml", "  pick: [1, 5, 7, 10, 12]", f"  pick: {pick}")
    result = CliRunner().invoke(cli, ["check", str(deck_copy.path)])
    assert result.exit_code == 2 and message in result.output and "part2.pick" in result.output, result.output


def _text_span(pdf: Path, page: int, below_mm: float) -> tuple[float, float]:
    """Lowest and highest character edge (mm from the foot) of the text below ``below_mm`` from the top."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    height = doc[page].get_size()[1]
    textpage = doc[page].get_textpage()
    boxes = [
        textpage.get_charbox(c)
        for c in range(textpage.count_chars())
        if textpage.get_text_range(c, 1).strip() and textpage.get_charbox(c)[3] < height - below_mm * 72 / 25.4
    ]
    return min(b[1] for b in boxes) * 25.4 / 72, max(b[3] for b in boxes) * 25.4 / 72


def test_questions_and_statements_centred_on_their_pages(tmp_path: Path):
    """The questions (with their heading) and every statement stand in the middle of the page, not under
    its header line with the rest empty."""
    result = CliRunner().invoke(
        cli, ["build", str(ROOT / "decks" / "default"), "-o", str(tmp_path), "-q", "--only", "handouts"]
    )
    assert result.exit_code == 0, result.output
    low, high = _text_span(tmp_path / "vragen.pdf", 0, 30)
    assert abs((low + high) / 2 - 297 / 2) < 15 and high - low > 80, (low, high)
    for page in range(13):
        low, high = _text_span(tmp_path / "stellingen.pdf", page, 25)
        assert abs((low + high) / 2 - 210 / 2) < 8, (page, low, high)
