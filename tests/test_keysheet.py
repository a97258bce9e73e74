"""Exercise 1 as it is played: a blank key sheet per table, counted in the materials and the print guide,
the pre-numbered persons already on it, and a recognisability slide that shows a card as it will lie on
the table (no number the key does not hold) and says to wait for question 3."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.render.keysheet import key_rows

from .conftest import ROOT
from .pdfcheck import fonts_not_embedded, page_sizes_mm, page_text

NAMES = {
    "default": ("sleutelblad.pdf", "gespreksleider-a5.pdf", "dias.pdf"),
    "default-en": ("key-sheet.pdf", "facilitator-a5.pdf", "slides.pdf"),
}
PRE_NUMBERED = {"270", "424", "875"}
"""The printed numbers of the three pre-pseudonymised persons of series 2 (the booklet's key)."""


@pytest.fixture(scope="module", params=sorted(NAMES))
def built(request, tmp_path_factory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(request.param)
    result = CliRunner().invoke(
        cli, ["build", str(ROOT / "decks" / request.param), "-o", str(out), "-q", "--sets", "3"]
    )
    assert result.exit_code == 0, result.output
    return request.param, out


def flat(text: str) -> str:
    return " ".join(text.split())


def test_key_sheet_is_one_a4_page_with_a_row_per_person(built):
    """One A4 page, fonts embedded, a row per person: the pre-numbered ones filled in, the rest blank."""
    deck, out = built
    sheet = out / NAMES[deck][0]
    assert page_sizes_mm(sheet) == [pytest.approx((210, 297), abs=0.1)]
    assert fonts_not_embedded(sheet) == []
    text = flat(page_text(sheet, 0))
    assert set(re.findall(r"\b\d{3}\b", text)) == PRE_NUMBERED
    given = "al gepseudonimiseerd" if deck == "default" else "already pseudonymised"
    assert text.count(given) == 3
    assert ("Wie mag dit blad bewaren?" if deck == "default" else "Who may keep this sheet?") in text
    rows = key_rows(load_deck(ROOT / "decks" / deck))
    assert len(rows) == 20 and sum(1 for number, _, _ in rows if number) == 3


def test_key_sheet_counted_in_materials_and_print_guide(built):
    """The run sheet counts one key sheet per table; the print guide lists the file with its one sheet."""
    deck, out = built
    name, booklet = NAMES[deck][:2]
    text = flat(" ".join(page.extract_text() for page in PdfReader(out / booklet).pages))
    assert f"3 × {name}" in text
    assert re.search(rf"{re.escape(name)} A4, (wit papier|white paper) (enkelzijdig|single-sided) 1\b", text), text[
        -800:
    ]


def test_recognisability_slide_after_question_3_and_no_invented_number(built):
    """The recognisability slide says nothing meant for the facilitator (the booklet says to show it after
    question 3) and prints no number that is not a pre-printed one."""
    deck, out = built
    text = flat(page_text(out / NAMES[deck][2], 6))
    assert text.startswith("Herkenbaar" if deck == "default" else "Recognisable")
    assert ("na vraag 3" if deck == "default" else "after question 3") not in text
    assert set(re.findall(r"\b\d{3}\b", text)) <= PRE_NUMBERED
    assert "motor" in text
