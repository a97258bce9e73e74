"""What a print-day run found outside the PDF/X keys: the guide's sheet counts on a partial build, the notes
a sheet layout owes the organiser, an environment variable named as such, and a closed pipe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from .pdfcheck import page_text


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.output


def guide_text(pdf: Path) -> str:
    """The text of every page from the print guide's table on, as one string (from its opening sentence:
    the file names also appear after the table, so a later mention would skip the table's counts)."""
    from pypdf import PdfReader

    from datadialoog_print.deck.words_nl import WORDS

    intro = WORDS["guide_intro"].replace(" ", "")
    pages = [page_text(pdf, i) for i in range(len(PdfReader(pdf).pages))]
    start = min(i for i, text in enumerate(pages) if intro in "".join(text.split()))
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
    # And the full build's guide has the count (the booklet renders after the handouts): the sheet's own pages.
    from pypdf import PdfReader

    # One per participant (one table of four by default), so the sheets of all four copies.
    sheets = len(PdfReader(tmp_path / "full" / "stellingen-deelnemers.pdf").pages)
    assert f"stellingen-deelnemers.pdf A4, wit papier enkelzijdig 4 {4 * sheets} " in " ".join(full.split())


def test_66x93_on_letter_says_it_gets_six_cards_and_is_cut_vertical_first(tmp_path: Path):
    """Letter, 66 × 93 mm: six cards and vertical-first cutting, unlike poker cards on Letter; the build says both."""
    code, out = run("build", "-o", str(tmp_path), "--only", "cards", "--paper", "letter", "--card-size", "66x93", "-q")
    assert code == 0, out
    assert "Note: 6 cards per LETTER sheet, not 9 as for poker cards" in out
    assert "cut the vertical lines first, not the horizontal ones as for poker cards on LETTER" in out
    code, out = run("build", "-o", str(tmp_path / "poker"), "--only", "cards", "--paper", "letter", "-q")
    assert code == 0 and "LETTER sheet" not in out and "not the horizontal" not in out, out


def test_near_empty_last_sheets_are_named_with_the_way_to_fill_them(tmp_path: Path):
    """100 cards on 9-up sheets leave 1 card on each set's 12th sheet: the build names the file and the count,
    once per set with --sets 3, and --pack-sets fills them: 34 sheets instead of 36, the guide saying so."""
    code, out = run("build", "-o", str(tmp_path / "one"), "--only", "cards", "-q")
    assert code == 0
    assert "Note: kaarten-reeks-1-groen.pdf: the last sheet holds 1 of 9 cards, 8 places stay empty" in out
    code, out = run("build", "-o", str(tmp_path / "three"), "--only", "cards", "--only", "booklet", "--sets", "3", "-q")
    assert code == 0
    assert (
        "Note: kaarten-reeks-2-geel.pdf: the last sheet of each set holds 1 of 9 cards (3 such sheets); "
        "--pack-sets lets each set begin on the sheet where the previous one ends (34 sheets instead of 36"
    ) in out
    code, out = run(
        "build", "-o", str(tmp_path / "packed"), "--only", "cards", "--only", "booklet", "--sets", "3", "--pack-sets"
    )
    assert code == 0 and "last sheet" not in out, out
    from pypdf import PdfReader

    for folder, sheets in (("three", 36), ("packed", 34)):
        assert len(PdfReader(tmp_path / folder / "kaarten-reeks-1-groen.pdf").pages) == 2 * sheets
    guide = " ".join(guide_text(tmp_path / "packed" / "gespreksleider-a5.pdf").split())
    assert "een set begint op het vel waar de vorige eindigt" in guide
    # The table's row for each card file: one copy (it holds every set), 34 sheets, not 36.
    assert re.search(r"kaarten-reeks-1-groen\.pdf .*? lange kant 1 34 ", guide), guide
    # Sheet 12 of the packed file: set A's last card, then set B's first eight, each with its letter.
    sheet = page_text(tmp_path / "packed" / "kaarten-reeks-1-groen.pdf", 22)
    assert sheet.count("set A") == 1 and sheet.count("set B") == 8
    back = page_text(tmp_path / "packed" / "kaarten-reeks-1-groen.pdf", 23)
    assert back.count("set A") == 1 and back.count("set B") == 8


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DATADIALOOG_BACK_OFFSET", "nan"), ("DATADIALOOG_PAPER", "a3"), ("DATADIALOOG_BUILD_BLEED", "inf")],
)
def test_a_bad_value_from_the_environment_names_the_variable(tmp_path: Path, variable: str, value: str):
    """DATADIALOOG_BACK_OFFSET=nan: the message names the variable, not an option the user never typed."""
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "out")], env={variable: value})
    assert result.exit_code == 2
    assert f"Invalid value for the variable {variable}: '{value}'" in result.output
    assert "'--" not in result.output.split("Error:")[1] and not (tmp_path / "out").exists()


def test_a_bad_option_still_names_the_option(tmp_path: Path):
    """--back-offset nan typed on the command line: the option is named."""
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path), "--back-offset", "nan"])
    assert result.exit_code == 2 and "Invalid value for '--back-offset': 'nan'" in result.output


def test_a_closed_pipe_ends_quietly_with_the_files_complete(tmp_path: Path):
    """`build | head -1` with the reader gone before the first line: exit 0, no "Exception ignored" or
    "Broken pipe" on stderr, and the output folder holds the whole set (verify passes)."""
    import subprocess
    import sys

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "datadialoog_print", "build", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader is gone before the build has written a word
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    text = err.decode()
    assert "Exception ignored" not in text and "Broken pipe" not in text and "Traceback" not in text, text
    code, output = run("verify", str(out))
    assert code == 0, output
