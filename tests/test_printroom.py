"""The print room: sets for several tables, the ink limit, a print guide that follows every option, options in any case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print.cli import cli
from datadialoog_print.paper.layout import sheet_layout

from .conftest import DeckFolder
from .pdfcheck import page_text, text_in_box


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def guide(pdf: Path) -> str:
    """The booklet's print-and-cut guide, as one text."""
    pages = [page_text(pdf, i) for i in range(len(PdfReader(pdf).pages))]
    start = next(i for i, t in enumerate(pages) if "Bestand" in t or "File" in t.split("\n", 3)[-1])
    return "\n".join(pages[start:])


# ---------------------------------------------------------------- sets


@pytest.fixture(scope="module")
def three_sets(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sets")
    code, text = run("build", "-o", str(out), "--sets", "3", "--only", "cards", "--only", "booklet", "-q")
    assert code == 0, text
    return out


def test_three_sets_three_times_the_cards_each_marked(three_sets: Path):
    """--sets 3: 300 cards per series on 36 sheets; each set starts on its own sheet, every card front and back says its set."""
    facts = manifest(three_sets)
    assert facts["options"]["sets"] == 3
    pdf = three_sets / "kaarten-reeks-1-groen.pdf"
    assert facts["files"][pdf.name]["cards"] == 300 and facts["files"][pdf.name]["pages"] == 72
    layout = sheet_layout(card_width=63, card_height=88)
    for letter, front in (("A", 0), ("B", 24), ("C", 48), ("C", 70)):
        used = 1 if front == 70 else 9  # a set's last sheet holds its 100th card alone
        for slot in layout.slots[:used]:
            corner = text_in_box(pdf, front, (slot.x + 40, slot.y, slot.x + 63, slot.y + 7))
            assert " ".join(corner.split()) == f"set {letter}", (front, corner)
            top = text_in_box(pdf, front, (slot.x, slot.y + 60, slot.x + 63, slot.y + 88))
            assert "set" not in top  # not near the name or the write-in box
        back = page_text(pdf, front + 1)
        assert back.count(f"set {letter}") == used and "set A" not in back.replace(f"set {letter}", "")
    assert page_text(pdf, 22).count("set A") == 1 and page_text(pdf, 24).count("set B") == 9


def test_the_guide_counts_the_sheets_of_all_sets(three_sets: Path):
    """The booklet says 36 sheets per card file and explains the sets, A to C."""
    text = " ".join(guide(three_sets / "gespreksleider-a5.pdf").split())
    # one copy of the file (it holds all three sets), 36 sheets
    assert (
        "kaarten-reeks-1-groen.pdf A4, wit karton (ca. 250 g/m²) dubbelzijdig, omslaan via de lange kant 1 36" in text
    )
    assert "3 sets, één per tafel (A tot en met C)" in text


def test_sets_from_the_deck_and_the_option_overriding_it(tmp_path: Path, deck_copy: DeckFolder):
    """sets: 2 in deck.yaml prints two sets; --sets 1 prints one, with no letter on the cards."""
    deck_copy.replace("deck.yaml", "card_size: poker\n", "card_size: poker\nsets: 2\n")
    code, text = run("build", str(deck_copy.path), "-o", str(tmp_path / "a"), "--only", "cards", "-q")
    assert code == 0, text
    assert manifest(tmp_path / "a")["options"]["sets"] == 2
    assert manifest(tmp_path / "a")["files"]["kaarten-reeks-2-geel.pdf"]["cards"] == 200
    code, text = run("build", str(deck_copy.path), "-o", str(tmp_path / "b"), "--only", "cards", "--sets", "1", "-q")
    assert code == 0, text
    assert manifest(tmp_path / "b")["options"]["sets"] == 1
    assert "set" not in page_text(tmp_path / "b" / "kaarten-reeks-2-geel.pdf", 0)


@pytest.mark.parametrize("value", ["0", "27", "2.5", "drie", ".nan", "true", "[2]"])
def test_a_bad_number_of_sets_in_the_deck(deck_copy: DeckFolder, value: str):
    """sets: that is not 1–26 whole: exit 2 naming deck.yaml, its line and the field."""
    deck_copy.replace("deck.yaml", "card_size: poker\n", f"card_size: poker\nsets: {value}\n")
    code, text = run("check", str(deck_copy.path))
    line = deck_copy.line_of("deck.yaml", "sets:")
    assert code == 2 and f"deck.yaml:{line}: sets:" in text, text


@pytest.mark.parametrize("value", ["0", "27", "x"])
def test_a_bad_sets_option(tmp_path: Path, value: str):
    code, text = run("build", "-o", str(tmp_path), "--sets", value)
    assert code == 2 and "--sets" in text


# ---------------------------------------------------------------- ink limit


def test_a_colour_over_the_ink_limit_is_refused_by_name(tmp_path: Path, deck_copy: DeckFolder):
    """A 400 % card colour: exit 2 naming the series and the colour, earlier output untouched; mono does not print it."""
    out = tmp_path / "out"
    code, text = run("build", str(deck_copy.path), "-o", str(out), "--only", "cards", "-q")
    assert code == 0, text
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    deck_copy.replace("deck.yaml", "series:\n", "colours:\n  rijkzwart: [100, 100, 100, 100]\nseries:\n")
    deck_copy.replace("deck.yaml", "    colour: green\n", "    colour: rijkzwart\n")
    code, text = run("build", str(deck_copy.path), "-o", str(out), "--only", "cards", "-q")
    assert code == 2
    assert "limit of 300 % (--max-ink)" in text and "card colour of series '1' (rijkzwart): 400 %" in text
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    code, text = run("build", str(deck_copy.path), "-o", str(tmp_path / "mono"), "--only", "cards", "--mono", "-q")
    assert code == 0, text


def test_max_ink_240_for_print_on_demand(tmp_path: Path, deck_copy: DeckFolder):
    """An ink of 250 % passes the default 300 % and is refused at --max-ink 240; the default deck passes at 240."""
    code, text = run("build", "-o", str(tmp_path / "default"), "--only", "cards", "--max-ink", "240", "-q")
    assert code == 0, text
    assert manifest(tmp_path / "default")["options"]["max_ink_percent"] == 240
    deck_copy.replace("deck.yaml", "series:\n", "colours:\n  donkerrood: [50, 100, 100, 0]\nseries:\n")
    deck_copy.replace("deck.yaml", "    ink: red\n", "    ink: donkerrood\n")
    code, text = run("build", str(deck_copy.path), "-o", str(tmp_path / "a"), "--only", "cards", "-q")
    assert code == 0, text
    code, text = run("build", str(deck_copy.path), "-o", str(tmp_path / "b"), "--only", "cards", "--max-ink", "240")
    assert code == 2 and "ink of source 'uitkering' (donkerrood): 250 %" in text


@pytest.mark.parametrize("value", ["50", "401", "veel"])
def test_a_max_ink_out_of_range(tmp_path: Path, value: str):
    code, text = run("build", "-o", str(tmp_path), "--max-ink", value)
    assert code == 2 and "--max-ink" in text


# ---------------------------------------------------------------- the guide follows every option


def test_guide_for_fronts_only_says_so(tmp_path: Path):
    """--duplex none: the guide says fronts only, not that the backs are on the next page."""
    code, text = run("build", "-o", str(tmp_path), "--only", "booklet", "--duplex", "none", "-q")
    assert code == 0, text
    text = " ".join(guide(tmp_path / "gespreksleider-a5.pdf").split())
    assert "alleen voorkanten: print enkelzijdig" in text
    assert "achterkanten staan op de volgende pagina" not in text and "voor- en achterkanten" not in text


def test_guide_for_letter_cuts_the_horizontal_lines_first(tmp_path: Path):
    """--paper letter: Letter card stock, 9 cards, horizontal lines first."""
    code, text = run("build", "-o", str(tmp_path), "--only", "booklet", "--paper", "letter", "-q")
    assert code == 0, text
    text = " ".join(guide(tmp_path / "gespreksleider-a5.pdf").split())
    assert "kaarten-reeks-1-groen.pdf Letter, wit karton" in text and "9 kaarten (3 × 3)" in text
    assert "snijd alle horizontale lijnen" in text and "langs de verticale lijnen" in text


@pytest.mark.parametrize("deck,backs", [("default", "achterkanten"), ("default-en", "backs")])
def test_guide_for_a_print_shop_fills_every_cell_and_breaks_names_at_hyphens(tmp_path: Path, deck: str, backs: str):
    """--layout single: every row says how and how many; a file name is split only after a hyphen."""
    code, text = run("build", deck, "-o", str(tmp_path), "--only", "booklet", "--layout", "single", "-q")
    assert code == 0, text
    booklet = next(tmp_path.glob("*-a5.pdf"))
    # pdfium marks a hyphen that ends a line with U+FFFE; any other break in a name becomes a space.
    flat = " ".join(guide(booklet).replace("\ufffe", "-").replace("-\n", "-").split())
    stem = "kaarten-reeks-1-groen" if deck == "default" else "cards-series-1-green"
    assert f"{stem}-{backs}.pdf" in flat
    for name in (p.name for p in tmp_path.glob("*.pdf")):
        assert name in flat, name
    assert "PDF/X-4" in flat and "FOGRA39" in flat
    assert ("100 kaarten" if deck == "default" else "100 cards") in flat


# ---------------------------------------------------------------- option values in any case


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--paper", "A4", "--only", "answers"],
        ["build", "--paper", "Letter", "--only", "answers"],
        ["build", "--layout", "SINGLE", "--only", "answers"],
        ["build", "--duplex", "NONE", "--only", "answers"],
        ["build", "--only", "ANSWERS"],
        ["build", "--card-size", "POKER", "--only", "answers"],
        ["stats", "--format", "JSON"],
        ["calibrate", "--duplex", "SHORT", "--paper", "LETTER"],
    ],
    ids=lambda a: " ".join(a[1:3]),
)
def test_option_values_ignore_case(tmp_path: Path, args: list[str]):
    extra = [] if args[0] == "stats" else ["-o", str(tmp_path)]
    code, text = run(*args, *extra)
    assert code == 0, text


def test_card_size_in_the_deck_ignores_case(tmp_path: Path, deck_copy: DeckFolder):
    deck_copy.replace("deck.yaml", "card_size: poker", "card_size: Poker")
    code, text = run("check", str(deck_copy.path))
    assert code == 0, text
