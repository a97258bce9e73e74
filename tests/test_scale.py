"""A big deck keeps usable documents: the booklet lists a sample of persons, the answer sheet stays one page."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print.cli import cli
from datadialoog_print.render.booklet.appendix import MAX_TABLE_PERSONS

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from bench import synthetic_deck


def test_big_deck_keeps_a_usable_booklet_and_answer_sheet(tmp_path: Path):
    """1 000 persons: the booklet stays short (a sample per series, and how many more), the answer sheet one page."""
    deck = synthetic_deck(tmp_path / "big", 1000)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(deck), "-o", str(out), "-q", "--only", "booklet", "--only", "answers"]
    )
    assert result.exit_code == 0, result.output
    booklet = PdfReader(out / "gespreksleider-a5.pdf")
    assert len(booklet.pages) <= 38  # 26 pages for the default deck, the persons' table a few more
    text = " ".join(" ".join(p.extract_text() for p in booklet.pages).split())
    shown = 500 - MAX_TABLE_PERSONS
    assert f"… en nog {shown} personen in Reeks 1" in text and f"… en nog {shown} personen in Reeks 2" in text
    assert len(PdfReader(out / "antwoordblad.pdf").pages) == 1
    sheet = " ".join(PdfReader(out / "antwoordblad.pdf").pages[0].extract_text().split())
    assert "500 van 500" not in sheet and "van 500" in sheet  # counts out of the series size


def test_light_commands_do_not_import_heavy_modules():
    """check, new and verify never import pandas or ReportLab (they cost half a second to import)."""
    import subprocess

    code = (
        "import sys\n"
        "from datadialoog_print.cli import cli\n"
        "try:\n"
        "    cli(['check'], standalone_mode=False)\n"
        "finally:\n"
        "    print(sorted(m for m in ('pandas', 'reportlab', 'numpy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]", out


def test_build_keeps_pandas_out_of_the_main_process(tmp_path: Path):
    """The statistics are plain Python: a build, the process that draws the cards, never imports pandas."""
    import subprocess

    code = (
        "import sys\n"
        "from datadialoog_print import load_deck\n"
        "from datadialoog_print.assemble import build\n"
        f"build(load_deck(), {str(tmp_path)!r})\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "False", out
