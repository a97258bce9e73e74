"""The card PDFs read back as a printer would: sizes, counts, text per card, fonts, registration."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print import load_deck
from datadialoog_print.assemble import BuildOptions, build
from datadialoog_print.cli import cli
from datadialoog_print.deck.cardtext import series_cards
from datadialoog_print.deck.pseudonym import pseudonyms
from datadialoog_print.paper.layout import Duplex, sheet_layout

from .conftest import DEFAULT_DECK, DeckFolder
from .pdfcheck import (
    colour_extents,
    dominant_colour,
    font_names,
    fonts_not_embedded,
    page_sizes_mm,
    pdfs,
    render,
    text_in_box,
)

DPI = 200


def run_build(*args: str, everything: bool = False) -> tuple[int, str]:
    """`build` on the CLI; cards only unless everything is asked for (the other documents have their own tests)."""
    extra = [] if everything or "--only" in args else ["--only", "cards"]
    result = CliRunner().invoke(cli, ["build", *args, *extra], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sheets")
    code, output = run_build("-o", str(out), "--only", "cards")
    assert code == 0, output
    return out


@pytest.fixture(scope="module")
def deck():
    return load_deck(DEFAULT_DECK)


def test_files_are_named_by_series_and_colour(sheets: Path):
    """One PDF per series with a clear name."""
    assert sorted(p.name for p in sheets.glob("*.pdf")) == ["kaarten-reeks-1-groen.pdf", "kaarten-reeks-2-geel.pdf"]


@pytest.mark.parametrize("paper,size", [("a4", (210.0, 297.0)), ("letter", (215.9, 279.4))])
def test_sheet_page_size(tmp_path: Path, paper: str, size):
    """Every page is exactly the paper size, to 0.1 mm."""
    code, out = run_build("-o", str(tmp_path), "--paper", paper)
    assert code == 0, out
    for pdf in pdfs(tmp_path, 2):
        for w, h in page_sizes_mm(pdf):
            assert w == pytest.approx(size[0], abs=0.1) and h == pytest.approx(size[1], abs=0.1)


def test_card_count_and_text_of_every_card(sheets: Path, deck):
    """persons × attributes cards per series; each card's own rectangle holds its name, label and value."""
    layout = sheet_layout(card_width=63, card_height=88)
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    for series in deck.series:
        pdf = (
            sheets / f"kaarten-{series.label.lower().replace(' ', '-')}-{'groen' if series.key == '1' else 'geel'}.pdf"
        )
        cards = series_cards(deck, series)
        assert len(cards) == len(deck.persons_in(series)) * len(deck.attributes) == 100
        pages = len(PdfReader(pdf).pages)
        assert pages == 2 * -(-len(cards) // 9)
        for i, card in enumerate(cards):
            page = 2 * (i // 9)
            slot = layout.slots[i % 9]
            text = text_in_box(pdf, page, (slot.x, slot.y, slot.x + slot.width, slot.y + slot.height))
            flat = " ".join(text.split())
            person = card.person
            if person.name in series.pseudonymised:
                assert str(numbers[person.name]) in flat and person.name not in flat
            else:
                assert person.name in " ".join(flat.split()), (person.name, flat)
            assert card.attribute.label in flat
            assert card.value in flat, (card.value, flat)


def test_non_ascii_names_survive_extraction(sheets: Path):
    """Names with ş, ı, ğ, ç and ë come back letter for letter."""
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(sheets / "kaarten-reeks-1-groen.pdf").pages)
    text += "".join(p.extract_text() for p in PdfReader(sheets / "kaarten-reeks-2-geel.pdf").pages)
    for name in ["A. Yıldız", "R. Daniëls", "N. Kaçar", "M. Güneş", "S. Doğan", "E. Çelik"]:
        assert name in text, name


def test_pseudonymised_persons_show_their_number(sheets: Path, deck):
    """The three pre-pseudonymised persons of series 2 never appear by name."""
    text = "".join(p.extract_text() for p in PdfReader(sheets / "kaarten-reeks-2-geel.pdf").pages)
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    for name in deck.series[1].pseudonymised:
        assert name not in text
        assert text.count(str(numbers[name])) >= len(deck.attributes)


def test_every_font_embedded_and_no_helvetica(sheets: Path):
    """Only Fira Sans, embedded and subset."""
    for pdf in pdfs(sheets, 2):
        assert fonts_not_embedded(pdf) == []
        names = font_names(pdf)
        assert names and all("FiraSans" in n and "+" in n for n in names), names


def test_viewer_preferences_for_printing(sheets: Path):
    """PrintScaling None and the duplex flip are suggested to the printer dialog."""
    root = PdfReader(sheets / "kaarten-reeks-1-groen.pdf").trailer["/Root"]
    prefs = root["/ViewerPreferences"]
    assert prefs["/PrintScaling"] == "/None"
    assert prefs["/Duplex"] == "/DuplexFlipLongEdge"


def test_rebuild_is_byte_identical(tmp_path: Path):
    """Two builds of the same deck give the same bytes, for every document."""
    digests = []
    for name in ("a", "b"):
        code, out = run_build("-o", str(tmp_path / name), everything=True)
        assert code == 0, out
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / name).glob("*.pdf")})
    assert len(digests[0]) == 10
    assert digests[0] == digests[1]


def _extents(pdf: Path, page: int):
    pixels = render(pdf, page, DPI)
    return colour_extents(pixels, dominant_colour(pixels), DPI)


def mirrored(extent: tuple[float, float], size: float) -> tuple[float, float]:
    return (size - extent[1], size - extent[0])


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("page", [0, 22])
def test_backs_land_behind_their_fronts(tmp_path: Path, duplex: str, page: int):
    """Rendered: the backs' fill lies within 0.2 mm of the fronts' mirrored across the flip axis.

    Page 0 is a full sheet; page 22 holds the 100th card alone in the top-left slot, so a back
    that is not mirrored (or mirrored the wrong way) cannot pass by symmetry.
    """
    code, out = run_build("-o", str(tmp_path), "--duplex", duplex)
    assert code == 0, out
    pdf = tmp_path / "kaarten-reeks-1-groen.pdf"
    fx, fy = _extents(pdf, page)
    bx, by = _extents(pdf, page + 1)
    assert len(fx) == len(fy) == len(bx) == len(by) == 1
    if duplex == "long":
        expected_x, expected_y = mirrored(fx[0], 210), fy[0]
    else:
        expected_x, expected_y = fx[0], mirrored(fy[0], 297)
    assert bx[0] == pytest.approx(expected_x, abs=0.2)
    assert by[0] == pytest.approx(expected_y, abs=0.2)
    if page == 22:
        # The lone card in the top-left slot, its colour running 1.5 mm past every cut line.
        assert fx[0] == pytest.approx((9.0, 75.0), abs=0.2)
        assert fy[0] == pytest.approx((194.0, 285.0), abs=0.2)


def test_two_cards_on_the_last_sheet_mirror_as_a_pair(tmp_path: Path, deck_copy: DeckFolder):
    """Two persons give 20 cards: the last sheet's two cards (top-left, top-middle) back onto top-right, top-middle."""
    persons = deck_copy.read("persons.yaml")["persons"]
    keep = [p for p in persons if p["series"] == 1][:2] + [p for p in persons if p["series"] == 2]
    deck_copy.set_persons(keep)  # 2 against 10 persons: the lesson no longer holds, built anyway
    code, out = run_build(str(deck_copy.path), "-o", str(tmp_path), "--allow-broken-lesson")
    assert code == 0, out
    pdf = tmp_path / "kaarten-reeks-1-groen.pdf"
    fx, fy = _extents(pdf, 4)
    bx, by = _extents(pdf, 5)
    assert fx == [pytest.approx((9.0, 138.0), abs=0.2)]
    assert bx == [pytest.approx((72.0, 201.0), abs=0.2)]
    assert by == [pytest.approx(fy[0], abs=0.2)]


def test_back_offset_moves_the_backs_exactly(tmp_path: Path):
    """--back-offset 1.5,-1 moves every back by 1.5 mm right and 1 mm down, nothing else."""
    for name, extra in (("plain", []), ("shifted", ["--back-offset", "1.5,-1"])):
        code, out = run_build("-o", str(tmp_path / name), *extra)
        assert code == 0, out
    px, py = _extents(tmp_path / "plain" / "kaarten-reeks-1-groen.pdf", 23)
    sx, sy = _extents(tmp_path / "shifted" / "kaarten-reeks-1-groen.pdf", 23)
    assert sx[0][0] - px[0][0] == pytest.approx(1.5, abs=0.2) and sx[0][1] - px[0][1] == pytest.approx(1.5, abs=0.2)
    assert sy[0][0] - py[0][0] == pytest.approx(-1.0, abs=0.2) and sy[0][1] - py[0][1] == pytest.approx(-1.0, abs=0.2)


def test_bleed_gutter_between_cards():
    """--bleed 2 leaves 4 mm between cards for the colour to run into; fewer columns fit."""
    layout = sheet_layout(card_width=63, card_height=88, bleed=2)
    assert (layout.columns, layout.rows) == (2, 3)
    assert layout.slots[1].x - (layout.slots[0].x + 63) == pytest.approx(4)
    assert layout.cuts_x == pytest.approx((40.0, 103.0, 107.0, 170.0))


def test_nothing_printed_in_the_printer_margin(sheets: Path):
    """Crop marks and cards keep out of the 5 mm an office printer cannot print."""
    for page in (0, 1):
        pixels = render(sheets / "kaarten-reeks-1-groen.pdf", page, DPI)
        m = int(5 * DPI / 25.4) - 1
        for strip in (pixels[:m], pixels[-m:], pixels[:, :m], pixels[:, -m:]):
            assert strip.min() >= 250


def test_colour_runs_past_outer_cut_lines_and_through_the_gutters():
    """A card's colour runs 1.5 mm past cut lines with no card beside it, to the middle of a gutter, never into a neighbour."""
    layout = sheet_layout(card_width=63, card_height=88)
    middle = layout.fill_rect(4, 9)
    assert (middle.x, middle.width) == (layout.slots[4].x, 63)
    assert (middle.y, middle.height) == (layout.slots[4].y - 1.5, 91)  # half of each 3 mm gutter
    corner = layout.fill_rect(0, 9)
    assert corner.x == pytest.approx(layout.slots[0].x - 1.5) and corner.width == pytest.approx(64.5)
    alone = layout.fill_rect(0, 1)
    assert alone.width == pytest.approx(66) and alone.height == pytest.approx(91)


def test_single_cards_have_trim_and_bleed_boxes(tmp_path: Path, deck):
    """--layout single: page = card + 3 mm bleed; TrimBox is the card; BleedBox the page; backs in their own file."""
    code, out = run_build("-o", str(tmp_path), "--layout", "single")
    assert code == 0, out
    fronts = PdfReader(tmp_path / "kaarten-reeks-1-groen.pdf")
    backs = PdfReader(tmp_path / "kaarten-reeks-1-groen-achterkanten.pdf")
    assert len(fronts.pages) == len(backs.pages) == 100
    MM = 72 / 25.4
    for page in (fronts.pages[0], fronts.pages[-1], backs.pages[0]):
        assert float(page.mediabox.width) / MM == pytest.approx(69.0, abs=0.1)
        assert float(page.mediabox.height) / MM == pytest.approx(94.0, abs=0.1)
        trim = [float(v) / MM for v in page.trimbox]
        bleed = [float(v) / MM for v in page.bleedbox]
        assert trim == pytest.approx([3, 3, 66, 91], abs=0.05)
        assert bleed == pytest.approx([0, 0, 69, 94], abs=0.05)


@pytest.mark.parametrize(
    "preset,size,per_sheet",
    [
        ("poker", (63, 88), 9),
        ("us-poker", (63.5, 88.9), 9),
        ("bridge", (57, 89), 9),
        ("tarot", (70, 120), 4),
        ("a7", (74, 105), 4),
    ],
)
def test_card_presets(tmp_path: Path, preset: str, size, per_sheet: int):
    """Each preset builds; the cards per sheet follow from the size."""
    code, out = run_build("-o", str(tmp_path), "--card-size", preset)
    assert code == 0, out
    layout = sheet_layout(card_width=size[0], card_height=size[1])
    assert layout.per_sheet == per_sheet
    assert len(PdfReader(tmp_path / "kaarten-reeks-1-groen.pdf").pages) == 2 * -(-100 // per_sheet)


def test_plain_stock_has_no_fill(tmp_path: Path):
    """--plain-stock: the page is white where the card colour would be."""
    code, out = run_build("-o", str(tmp_path), "--plain-stock")
    assert code == 0, out
    pixels = render(tmp_path / "kaarten-reeks-1-groen.pdf", 1, 50)
    assert (pixels >= 245).all(axis=2).mean() > 0.9


def test_value_too_long_fails_naming_it_and_keeps_earlier_output(tmp_path: Path, deck_copy: DeckFolder):
    """A sector no card can hold: exit 2, person and attribute named, the earlier PDFs untouched."""
    out = tmp_path / "out"
    code, output = run_build(str(deck_copy.path), "-o", str(out))
    assert code == 0, output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    long_word = "Motorvoertuigenonderhoudsbedrijfsleiderassistentenopleidingscentrum"
    deck_copy.replace("deck.yaml", "      - motorvoertuigen", f"      - {long_word}")
    deck_copy.replace("persons.yaml", "sector: motorvoertuigen", f"sector: {long_word}")
    deck_copy.replace("answers.yaml", "value: motorvoertuigen", f"value: {long_word}")
    code, output = run_build(str(deck_copy.path), "-o", str(out))
    assert code == 2
    assert "the value of 'sector' for W. Mulder (Reeks 2) is too long" in output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_long_values_wrap_instead_of_failing(deck_copy: DeckFolder, tmp_path: Path):
    """A long sector name with spaces wraps and shrinks onto the card."""
    long_name = "handel en reparatie van auto's, motorfietsen en andere motorvoertuigen"
    deck_copy.replace("deck.yaml", "      - motorvoertuigen", f'      - "{long_name}"')
    deck_copy.replace("persons.yaml", "sector: motorvoertuigen", f'sector: "{long_name}"')
    deck_copy.replace("answers.yaml", "value: motorvoertuigen", f'value: "{long_name}"')
    code, output = run_build(str(deck_copy.path), "-o", str(tmp_path))
    assert code == 0, output
    text = " ".join("".join(p.extract_text() for p in PdfReader(tmp_path / "kaarten-reeks-2-geel.pdf").pages).split())
    assert long_name.replace("'", "’") in text  # the deck's straight apostrophe printed typographic


def test_output_folder_that_is_a_file(tmp_path: Path):
    """-o pointing at a file: a clear message, exit 2."""
    target = tmp_path / "file.pdf"
    target.write_text("x")
    code, output = run_build("-o", str(target))
    assert code == 2 and "is a file" in output


def test_no_progress_bar_when_not_a_terminal(tmp_path: Path):
    """In a pipe the build prints only its summary."""
    code, output = run_build("-o", str(tmp_path))
    assert code == 0
    assert "Cards" not in output and "2 files (200 cards)" in output


def test_pseudonyms_stable_distinct_and_keyed():
    """Same key, same numbers; 10 000 names, no collision; another key, other numbers."""
    names = [f"Persoon {i}" for i in range(10_000)]
    a = pseudonyms(names, "sleutel")
    assert len(set(a.values())) == len(names)
    assert pseudonyms(reversed(names), "sleutel") == a
    b = pseudonyms(names[:20], "andere sleutel")
    assert sum(a[n] == b[n] for n in names[:20]) < 3
    small = pseudonyms(names[:20], "sleutel")
    assert all(100 <= v <= 999 for v in small.values())


def test_library_build_without_cli(tmp_path: Path, deck):
    """build() is usable on its own and reports what it wrote."""
    result = build(deck, tmp_path, options=BuildOptions(duplex=Duplex.NONE))
    assert result.cards == 200
    cards = next(f for f in result.files if f.name == "kaarten-reeks-1-groen.pdf")
    assert len(PdfReader(cards).pages) == 12
