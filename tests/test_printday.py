"""Print day: the duplex calibration sheet, the build manifest with verify, and the black-and-white edition."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print import __version__, load_deck
from datadialoog_print.assemble.documents import KINDS
from datadialoog_print.assemble.identity import deck_digest
from datadialoog_print.assemble.manifest import sha256
from datadialoog_print.cli import cli
from datadialoog_print.paper.layout import sheet_layout

from .conftest import DEFAULT_DECK, DeckFolder
from .pdfcheck import colour_extents, dominant_colour, pdfs, render
from .planned import verified

DPI = 200


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.output


def cross(pdf: Path, page: int) -> tuple[float, float]:
    """Centre of the long cross lines on a page, in mm from the bottom-left: the darkest column and row."""
    pixels = render(pdf, page, DPI).astype(int).sum(axis=2)
    h, w = pixels.shape
    px = DPI / 25.4
    # Look only in the middle of the page (±60 mm), away from the instructions at top and bottom.
    dark = np.zeros_like(pixels, dtype=bool)
    r0, r1, c0, c1 = int(h / 2 - 60 * px), int(h / 2 + 60 * px), int(w / 2 - 60 * px), int(w / 2 + 60 * px)
    dark[r0:r1, c0:c1] = pixels[r0:r1, c0:c1] < 600  # hairlines render grey, not black
    col = int(np.argmax(dark.sum(axis=0)))
    row = int(np.argmax(dark.sum(axis=1)))
    # a line is a few pixels wide: take the middle of the dark run around the maximum
    cols = np.where(dark.sum(axis=0) >= dark.sum(axis=0)[col] * 0.8)[0]
    rows = np.where(dark.sum(axis=1) >= dark.sum(axis=1)[row] * 0.8)[0]
    cols = cols[np.abs(cols - col) < 5]
    rows = rows[np.abs(rows - row) < 5]
    return ((cols.mean() + 0.5) / px, (h - rows.mean() - 0.5) / px)


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_calibration_crosses_where_a_perfect_printer_puts_them(tmp_path: Path, duplex: str):
    """Front cross at the page centre; the back's cross behind it (mirrored for the flip), to 0.2 mm."""
    code, out = run("calibrate", "-o", str(tmp_path), "--duplex", duplex)
    assert code == 0, out
    pdf = tmp_path / f"duplex-kalibratie-a4-{duplex}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"
    fx, fy = cross(pdf, 0)
    bx, by = cross(pdf, 1)
    assert (fx, fy) == pytest.approx((105.0, 148.5), abs=0.2)
    mirrored = (210 - bx, by) if duplex == "long" else (bx, 297 - by)
    assert mirrored == pytest.approx((fx, fy), abs=0.2)


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_back_offset_moves_the_calibration_cross_and_the_card_backs_alike(tmp_path: Path, duplex: str):
    """--back-offset 1.5,-1 moves the back's cross by exactly (1.5, −1) mm on its page, and the card backs too."""
    run("calibrate", "-o", str(tmp_path / "a"), "--duplex", duplex)
    run("calibrate", "-o", str(tmp_path / "b"), "--duplex", duplex, "--back-offset", "1.5,-1")
    name = f"duplex-kalibratie-a4-{duplex}.pdf"
    (ax, ay), (bx, by) = cross(tmp_path / "a" / name, 1), cross(tmp_path / "b" / name, 1)
    assert (bx - ax, by - ay) == pytest.approx((1.5, -1.0), abs=0.2)
    assert cross(tmp_path / "b" / name, 0) == pytest.approx(cross(tmp_path / "a" / name, 0), abs=0.05)
    for folder, extra in (("c", []), ("d", ["--back-offset", "1.5,-1"])):
        code, out = run("build", "-o", str(tmp_path / folder), "--only", "cards", "--duplex", duplex, *extra)
        assert code == 0, out
    pixels = [render(tmp_path / f / "kaarten-reeks-1-groen.pdf", 23, DPI) for f in ("c", "d")]
    (cx, cy), (dx, dy) = (colour_extents(p, dominant_colour(p), DPI) for p in pixels)
    assert dx[0][0] - cx[0][0] == pytest.approx(1.5, abs=0.2)
    assert dy[0][0] - cy[0][0] == pytest.approx(-1.0, abs=0.2)


def test_calibration_sheet_explains_itself_in_the_decks_language(tmp_path: Path):
    """Dutch for the default deck, English for default-en; where the numbers go, in words (no command)."""
    run("calibrate", "-o", str(tmp_path))
    text = " ".join(PdfReader(tmp_path / "duplex-kalibratie-a4-long.pdf").pages[0].extract_text().split())
    assert "ware grootte (100 %" in text and "omslaan via de lange kant" in text
    assert "pagina Printers" in text  # what to do with the numbers, in words: no command, no variable
    assert "datadialoog-print" not in text and "DATADIALOOG" not in text and "--" not in text
    run("calibrate", "default-en", "-o", str(tmp_path), "--paper", "letter", "--duplex", "short")
    pdf = tmp_path / "duplex-calibration-letter-short.pdf"
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "actual size (100%" in text and "flip on the short edge" in text
    assert float(PdfReader(pdf).pages[0].mediabox.width) == pytest.approx(612, abs=0.3)


def test_a_sheet_made_with_an_offset_in_use_says_so_and_gives_the_sum(tmp_path: Path):
    """What such a sheet shows is the error that remains: it names the offset it was made with and the sum to type."""
    run("calibrate", "-o", str(tmp_path / "plain"))
    plain = " ".join(PdfReader(tmp_path / "plain" / "duplex-kalibratie-a4-long.pdf").pages[0].extract_text().split())
    assert "al in gebruik" not in plain
    code, out = run("calibrate", "-o", str(tmp_path / "used"), env={"DATADIALOOG_BACK_OFFSET": "1.5,-1"})
    assert code == 0, out
    text = " ".join(PdfReader(tmp_path / "used" / "duplex-kalibratie-a4-long.pdf").pages[0].extract_text().split())
    assert "gemaakt met de verschuiving die al in gebruik is, X = 1,5 en Y = −1 mm" in text
    assert "X = 1,5 plus wat u bij X afleest, Y = −1 plus wat u bij Y afleest" in text
    assert "bij X +0,5 af, dan vult u bij X 2 in" in text
    run("calibrate", "default-en", "-o", str(tmp_path / "en"), "--back-offset", "-2,+0.5")
    text = " ".join(PdfReader(tmp_path / "en" / "duplex-calibration-a4-long.pdf").pages[0].extract_text().split())
    assert "made with the offset already in use, X = −2 and Y = 0.5 mm" in text and "type −1.5 at X" in text


def test_offset_from_the_environment_is_used_and_reported(tmp_path: Path):
    """DATADIALOOG_BACK_OFFSET sets the printer's offset once; the build says it used it."""
    code, out = run("build", "-o", str(tmp_path), "--only", "cards", env={"DATADIALOOG_BACK_OFFSET": "1.5,-1"})
    assert code == 0
    assert "back offset 1.5,-1 mm (from DATADIALOOG_BACK_OFFSET)" in out
    options = json.loads((tmp_path / "manifest.json").read_text())["options"]
    assert options["back_offset_mm"] == [1.5, -1.0]


# ---------------------------------------------------------------- manifest and verify


@pytest.fixture(scope="module")
def built_template(tmp_path_factory) -> Path:
    """One whole build of a copy of the default deck for the module (a build is the slow part of these tests)."""
    root = tmp_path_factory.mktemp("printday")
    shutil.copytree(DEFAULT_DECK, root / "testdeck")
    code, text = run("build", str(root / "testdeck"), "-o", str(root / "out"), "-q")
    assert code == 0, text
    return root


@pytest.fixture
def built(tmp_path: Path, built_template: Path) -> tuple[Path, DeckFolder]:
    """A fresh build of a deck of this test's own: the module's build copied, its manifest pointing at this copy
    of the deck, so a test may edit either and verify judges them as it would a build made here."""
    out, deck = tmp_path / "out", DeckFolder(tmp_path / "testdeck")
    shutil.copytree(built_template / "testdeck", deck.path)
    shutil.copytree(built_template / "out", out)
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    data["deck"]["absolute_path"] = deck.path.absolute().as_posix()
    (out / "manifest.json").write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return out, deck


def test_manifest_describes_the_build(built):
    """Tool version, deck name and hash, every option, and per PDF its pages, cards, size and SHA-256."""
    out, deck = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == __version__
    assert manifest["deck"]["name"] == "testdeck"
    assert manifest["deck"]["sha256"] == deck_digest(load_deck(deck.path))
    assert manifest["options"] == {
        "layout": "sheets",
        "paper": "a4",
        "card_size": {"name": "poker", "width_mm": 63.0, "height_mm": 88.0},
        "bleed_mm": 0.0,
        "duplex": "long",
        "back_offset_mm": [0.0, 0.0],
        "plain_stock": False,
        "edition": "colour",
        "only": list(KINDS),
        "sets": 1,
        "table_size": 4,
        "start": "",
        "max_ink_percent": 300,
        "pack_sets": False,
        "source_date_epoch": 946684800,  # no SOURCE_DATE_EPOCH: ReportLab's fixed 2000-01-01
    }
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert sorted(manifest["files"]) == pdfs and len(pdfs) == 10
    for name, facts in manifest["files"].items():
        reader = PdfReader(out / name)
        assert facts["sha256"] == sha256(out / name)
        assert facts["pages"] == len(reader.pages)
        box = reader.pages[0].mediabox
        assert facts["page_size_mm"] == pytest.approx(
            [float(box.width) / 72 * 25.4, float(box.height) / 72 * 25.4], abs=0.05
        )
    assert manifest["files"]["kaarten-reeks-1-groen.pdf"]["cards"] == 100
    assert manifest["files"]["kaarten-reeks-1-groen.pdf"]["cuts"]["order"] == "vertical-first"
    assert "cuts" not in manifest["files"]["antwoordblad.pdf"]


def test_identity_in_every_pdf_and_on_the_cover(built):
    """Deck name, short hash and version in each PDF's metadata; small on the booklet's cover."""
    out, deck = built
    short = deck_digest(load_deck(deck.path))[:8]
    for pdf in pdfs(out, 10):
        info = PdfReader(pdf).metadata
        assert "testdeck" in info["/Keywords"] and short in info["/Keywords"]
        assert short in info["/Subject"] and __version__ in info["/Creator"]
        assert info["/Title"].startswith("Datadialogen — ")
    cover = PdfReader(out / "gespreksleider-a5.pdf").pages[0].extract_text()
    assert f"testdeck · {short} · datadialoog-print {__version__}" in " ".join(cover.split())


def test_verify_fresh_build_passes(built):
    """verify on a fresh build: exit 0."""
    out, deck = built
    code, text = run("verify", str(out))
    assert code == 0 and text == verified(deck.path)


def test_verify_notices_an_edited_deck(built):
    """After touching a deck file, verify exits 1 and names it."""
    out, deck = built
    deck.replace("persons.yaml", "leeftijd: 34", "leeftijd: 35")
    code, text = run("verify", str(out))
    assert code == 1 and "persons.yaml: edited since the build" in text


def test_verify_notices_a_changed_byte(built):
    """One byte of a PDF changed: exit 1, the PDF named."""
    out, _ = built
    pdf = out / "antwoordblad.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    code, text = run("verify", str(out))
    assert code == 1 and "antwoordblad.pdf: changed since the build" in text


def test_calibration_sheet_does_not_disturb_verify(built, monkeypatch):
    """calibrate writes into its own folder by default, so the build folder still verifies."""
    out, deck = built
    monkeypatch.chdir(out.parent)
    code, text = run("calibrate", str(deck.path))
    assert code == 0 and "output/testdeck/calibration/duplex-kalibratie-a4-long.pdf" in text
    code, text = run("build", str(deck.path), "-q")
    assert code == 0
    code, text = run("verify", "output/testdeck")
    assert code == 0, text


def test_verify_without_manifest(tmp_path: Path):
    """A folder that is no build: exit 1 with the reason."""
    code, text = run("verify", str(tmp_path))
    assert code == 1 and "no manifest.json" in text


# ---------------------------------------------------------------- black-and-white edition


@pytest.fixture(scope="module")
def mono(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mono")
    code, text = run("build", "--mono", "-o", str(out), "-q")
    assert code == 0, text
    return out


def test_mono_has_no_coloured_pixel(mono: Path):
    """Every page of every document: each pixel's R, G and B within a few levels of each other."""
    import pypdfium2 as pdfium

    for pdf in pdfs(mono, 10):
        doc = pdfium.PdfDocument(str(pdf))
        for i in range(len(doc)):
            pixels = np.asarray(doc[i].render(scale=50 / 72).to_pil().convert("RGB")).astype(int)
            spread = pixels.max(axis=2) - pixels.min(axis=2)
            assert spread.max() <= 6, (pdf.name, i, spread.max())
    manifest = json.loads((mono / "manifest.json").read_text())
    assert manifest["options"]["edition"] == "mono"


def _card_pixels(pdf: Path, index: int) -> np.ndarray:
    """Grey levels of one card (in reading order on page 1), at 300 dpi."""
    layout = sheet_layout(card_width=63, card_height=88)
    slot = layout.slots[index]
    pixels = render(pdf, 0, 300).astype(int).sum(axis=2) / 3
    px = 300 / 25.4
    top = int((297 - slot.y - slot.height) * px)
    left = int(slot.x * px)
    return pixels[top : top + int(slot.height * px), left : left + int(slot.width * px)]


def test_mono_sources_differ_by_marker_and_treatment(mono: Path):
    """B. Bos's cards: the three sources have different marker shapes and value treatments, seen in pixels."""
    deck = load_deck(DEFAULT_DECK)
    keys = [a.key for a in deck.attributes]
    pdf = mono / "kaarten-reeks-1-groen.pdf"
    px = 300 / 25.4

    def marker_fill(card: np.ndarray) -> float:
        # the marker sits left of the label, below the header rule: find its dark bounding box
        region = card[int(20 * px) : int(27 * px), int(2.5 * px) : int(8 * px)] < 128
        ys, xs = np.where(region)
        box = region[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
        return box.mean()

    def long_rules(card: np.ndarray) -> int:
        # rows in the value area dark across more than 85 % of the value's width: underlines and frame edges
        # (a rule runs the text's whole width; a row of bold letters, "34 jaar" in Fira Sans, not quite)
        value = card[int(32 * px) : int(84 * px), int(4 * px) : int(59 * px)] < 128
        cols = np.where(value.any(axis=0))[0]
        width = cols.max() - cols.min() + 1
        return int((value.sum(axis=1) > 0.85 * width).sum())

    fills, rules = {}, {}
    for source in deck.sources:
        key = next(a.key for a in deck.attributes if a.source.key == source.key and a.key != "postcode")
        card = _card_pixels(pdf, keys.index(key))
        fills[source.marker.value] = marker_fill(card)
        rules[source.mono.value] = long_rules(card)
    assert fills["triangle"] < 0.65 < fills["circle"] < 0.9 < fills["square"]
    assert rules["solid"] == 0 < rules["underline"] and rules["boxed"] > 0


def test_mono_booklet_speaks_of_markers(mono: Path):
    """The booklet explains the sources by marker and treatment, not by ink, and says which stock to use."""
    texts = yaml.safe_load((DEFAULT_DECK / "texts.yaml").read_text(encoding="utf-8"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(mono / "gespreksleider-a5.pdf").pages).split())
    first_marker_sentence = " ".join(texts["part1"]["markers_explanation"].split()).split(". ")[0]
    first_ink_sentence = " ".join(texts["part1"]["inks_explanation"].split()).split(". ")[0]
    assert first_marker_sentence.replace("*", "") in text
    assert first_ink_sentence.replace("*", "") not in text
    assert "Opmaak van de waarde" in text and "onderstreept" in text and "in een kader" in text
    assert "groen karton" in text and "geel karton" in text
