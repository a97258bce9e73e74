"""Print shop presets (build --shop): PDF/X-1a for DriveThruCards key by key, PNGs to the pixel for
MakePlayingCards and The Game Crafter with their backs in order, and the safe-area check at its edge."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from datadialoog_print import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.deck.cardtext import series_cards
from datadialoog_print.errors import LayoutError
from datadialoog_print.paper import shops
from datadialoog_print.paper.layout import SingleLayout
from datadialoog_print.render.cardpainter import CardOptions
from datadialoog_print.render.cards import render_card_singles
from datadialoog_print.render.pngcards import render_pngs, scale_for
from datadialoog_print.render.safearea import check_safe_area

from .conftest import DEFAULT_DECK, DeckFolder
from .pdfcheck import fonts_not_embedded, page_sizes_mm
from .test_pdfx import NS
from .test_prepress import colour_uses

PROFILES = Path(__file__).resolve().parents[1] / "src/datadialoog_print/render/profiles"
INCH = 25.4


def build(out: Path, *args: str) -> str:
    # The one-person-a-series deck keeps no lesson: built anyway, as a trainer would with the flag.
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--allow-broken-lesson", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def small_deck(tmp_path_factory) -> Path:
    """The default deck with one person per series: 10 cards a series."""
    target = tmp_path_factory.mktemp("deck") / "klein"
    shutil.copytree(DEFAULT_DECK, target)
    deck = DeckFolder(target)
    persons = deck.read("persons.yaml")["persons"]
    deck.set_persons([next(p for p in persons if p["series"] == s) for s in (1, 2)], pseudonymised=[])
    return target


@pytest.fixture(scope="module")
def drivethru(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("drivethru")
    build(out, "--shop", "drivethru", "--only", "cards", "--only", "booklet", "-q")
    return out


def all_objects(reader: PdfReader) -> list:
    """Every indirect object of the file, resolved."""
    found = []
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            found.append(reader.get_object(number))
        except Exception:  # a free entry of the cross-reference table
            continue
    return found


def test_drivethru_files_are_pdfx1a_key_by_key(drivethru: Path):
    """PDF 1.4; no SMask, no transparency group, no ExtGState; the SWOP output intent with the shipped profile;
    ISO 15930-4's GTS_PDFXVersion PDF/X-1:2003 with GTS_PDFXConformance PDF/X-1a:2003 in Info and XMP; Trapped;
    TrimBox and BleedBox with 1/8 inch bleed; fonts embedded; DeviceCMYK only; one file per series."""
    files = sorted(drivethru.glob("kaarten-*.pdf"))
    assert [p.name for p in files] == ["kaarten-reeks-1-groen.pdf", "kaarten-reeks-2-geel.pdf"]
    for pdf in files:
        assert pdf.read_bytes()[:8] in (b"%PDF-1.3", b"%PDF-1.4")
        reader = PdfReader(pdf)
        for obj in all_objects(reader):
            if hasattr(obj, "keys"):
                assert not {"/SMask", "/Group", "/ExtGState", "/CA", "/ca", "/BM"} & set(obj.keys()), obj
        root = reader.trailer["/Root"]
        (intent,) = [i.get_object() for i in root["/OutputIntents"]]
        assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "CGATS TR 003"
        assert intent["/RegistryName"] == "http://www.color.org" and "SWOP" in intent["/OutputCondition"]
        icc = intent["/DestOutputProfile"].get_object()
        data = icc.get_data()
        assert icc["/N"] == 4 and data == (PROFILES / "SWOP-TR003-argyll.icc").read_bytes()
        assert data[12:16] == b"prtr" and data[16:20] == b"CMYK" and data[36:40] == b"acsp"
        info = reader.trailer["/Info"].get_object()
        assert info["/GTS_PDFXVersion"] == "PDF/X-1:2003" and info["/GTS_PDFXConformance"] == "PDF/X-1a:2003"
        assert info["/Trapped"] == "/False" and info["/Title"] and info["/Author"]
        xml = root["/Metadata"].get_object().get_data().decode("utf-8")
        desc = ET.fromstring(xml.split("?>", 1)[1].rsplit("<?xpacket", 1)[0]).find("rdf:RDF/rdf:Description", NS)
        assert desc.findtext("pdfx:GTS_PDFXVersion", namespaces=NS) == "PDF/X-1:2003"
        assert desc.findtext("pdfx:GTS_PDFXConformance", namespaces=NS) == "PDF/X-1a:2003"
        assert desc.findtext("pdf:Trapped", namespaces=NS) == "False"
        bleed_pt = INCH / 8 * 72 / INCH
        for page in reader.pages:
            media, bleed, trim = ([float(v) for v in page[k]] for k in ("/MediaBox", "/BleedBox", "/TrimBox"))
            assert bleed == media
            assert trim == pytest.approx([bleed_pt, bleed_pt, media[2] - bleed_pt, media[3] - bleed_pt], abs=0.01)
        assert fonts_not_embedded(pdf) == []
        assert {space for space, _, _ in colour_uses(reader)} == {"DeviceCMYK"}
        # US poker (2.5 x 3.5 inch), the card DriveThruCards cuts, plus 1/8 inch on every side.
        assert {(round(w, 1), round(h, 1)) for w, h in page_sizes_mm(pdf)} == {(69.8, 95.2)}


def test_drivethru_manifest_and_guide_name_the_preset(drivethru: Path):
    """The manifest records the preset with its format, upload and source; the booklet's guide says where to upload."""
    manifest = json.loads((drivethru / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["shop"]["name"] == "drivethru" and manifest["shop"]["format"] == "PDF/X-1a:2003"
    assert "DriveThruCards" in manifest["shop"]["upload"] and "drivethrucards.com" in manifest["shop"]["source"]
    assert manifest["options"]["shop"] == "drivethru" and manifest["options"]["layout"] == "single"
    assert manifest["files"]["kaarten-reeks-1-groen.pdf"]["format"] == "PDF/X-1a:2003"
    assert manifest["options"]["max_ink_percent"] == 240 and manifest["shop"]["max_ink_percent"] == 240
    doc = pdfium.PdfDocument(str(drivethru / "gespreksleider-a5.pdf"))
    text = " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))).replace("\r\n", " ")
    assert "Drukkerij-instelling drivethru (DriveThruCards): PDF/X-1a:2003, afloop 3,18 mm" in text
    assert "Lever per reeks één bestand aan, een kaartspel zoals de drukkerij het snijdt: PDF/X-1a:2003, CMYK" in text


def expected_pixels(card_mm: float, bleed_inch: float, dpi: int) -> int:
    """The shop's own arithmetic: (card + bleed on both sides) in inches, times the resolution."""
    return round((card_mm / INCH + 2 * bleed_inch) * dpi)


@pytest.mark.parametrize(
    ("shop", "bleed_inch", "args", "card", "size"),
    [
        ("mpc", 0.12, (), (63.5, 88.9), (822, 1122)),
        ("mpc", 0.12, ("--dpi", "600"), (63.5, 88.9), (1644, 2244)),
        ("mpc", 0.12, ("--card-size", "bridge"), (57, 89), None),
        ("tgc", 0.125, (), (63.5, 88.9), (825, 1125)),
        ("tgc", 0.125, ("--card-size", "tarot"), (70, 120), None),
    ],
)
def test_png_shops_write_every_face_at_the_shops_pixel_size(
    tmp_path: Path, small_deck: Path, shop: str, bleed_inch: float, args: tuple, card: tuple, size
):
    """One PNG per card front and per back, each exactly the shop's size for the card size; a contact sheet each."""
    dpi = int(args[1]) if args[:1] == ("--dpi",) else 300
    want = tuple(expected_pixels(mm, bleed_inch, dpi) for mm in card)
    if size is not None:
        assert want == size  # the shops' published numbers
    build(tmp_path, str(small_deck), "--shop", shop, "--only", "cards", "-q", *args)
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    for stem in ("kaarten-reeks-1-groen", "kaarten-reeks-2-geel"):
        fronts = [f"{stem}-{i:03d}.png" for i in range(1, 11)]
        backs = [f"{stem}-achterkanten-{i:03d}.png" for i in range(1, 11)]
        assert [n for n in names if n.startswith(stem)] == [*fronts, *backs, f"{stem}-overzicht.png"]
        for name in fronts + backs:
            image = Image.open(tmp_path / name)
            assert image.size == want and image.mode == "RGB"
            assert round(image.info["dpi"][0]) == dpi
    assert not list(tmp_path.glob("*.pdf"))
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["kaarten-reeks-1-groen-001.png"]["pixels"] == list(want)
    assert sum(f["cards"] for f in manifest["files"].values()) == 20


def test_a_dpi_the_shop_does_not_take_is_refused(tmp_path: Path):
    """--dpi 600 for The Game Crafter (300 only): one line naming the shop, nothing written."""
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "out"), "--shop", "tgc", "--dpi", "600"])
    assert result.exit_code == 2 and "The Game Crafter takes 300 dpi, not 600" in result.output
    assert not (tmp_path / "out").exists()


def test_mpc_default_deck_gives_200_card_pngs_and_their_backs(tmp_path: Path):
    """The default deck for MakePlayingCards: 200 fronts and 200 backs of 822 x 1122 px, and two contact sheets."""
    build(tmp_path, "--shop", "mpc", "--only", "cards", "-q")
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    fronts = [tmp_path / n for n in names if re.fullmatch(r"kaarten-reeks-\d-\w+-\d{3}\.png", n)]
    backs = [tmp_path / n for n in names if re.fullmatch(r"kaarten-reeks-\d-\w+-achterkanten-\d{3}\.png", n)]
    assert len(fronts) == len(backs) == 200
    assert {Image.open(p).size for p in fronts + backs} == {(822, 1122)}
    assert len(names) == 402


def singles(tmp_path: Path, sets: int = 1) -> tuple[Path, Path, SingleLayout, list]:
    deck = load_deck(DEFAULT_DECK)
    series = deck.series[0]
    cards = series_cards(deck, series)[:4]
    layout = SingleLayout(63.5, 88.9, 0.12 * INCH)
    front, back = tmp_path / "f.pdf", tmp_path / "b.pdf"
    render_card_singles(deck, series, front, back, layout=layout, cards=cards, sets=sets, options=CardOptions())
    return front, back, layout, cards


def test_backs_come_in_the_order_of_their_fronts(tmp_path: Path):
    """Two sets of four cards: PNG n is page n of its PDF, fronts and backs alike; the backs of one set are one
    image, set A's and set B's differ (their letters)."""
    front, back, _, cards = singles(tmp_path, sets=2)
    made = render_pngs(
        front,
        back,
        lambda name: tmp_path / name,
        stem="s",
        backs="achterkanten",
        contact="overzicht",
        size=(822, 1122),
        dpi=300,
        per_set=len(cards),
    )
    assert [p.path.name for p in made] == [
        *(f"s-{i:03d}.png" for i in range(1, 9)),
        *(f"s-achterkanten-{i:03d}.png" for i in range(1, 9)),
        "s-overzicht.png",
    ]
    for pdf, prefix in ((front, "s-"), (back, "s-achterkanten-")):
        doc = pdfium.PdfDocument(str(pdf))
        for index in range(len(doc)):
            page = doc[index]
            expected = np.asarray(page.render(scale=scale_for(page, (822, 1122))).to_pil().convert("RGB"))
            got = np.asarray(Image.open(tmp_path / f"{prefix}{index + 1:03d}.png"))
            assert got.shape == expected.shape and np.array_equal(got, expected), (pdf.name, index)
    backs = [(tmp_path / f"s-achterkanten-{i:03d}.png").read_bytes() for i in range(1, 9)]
    assert len(set(backs[:4])) == 1 and len(set(backs[4:])) == 1 and backs[0] != backs[4]


@pytest.mark.parametrize(("margin", "fires"), [(4.0, True), (2.0, False)])
def test_safe_area_check_fires_one_mm_inside_the_margin_and_not_one_mm_outside(tmp_path: Path, margin, fires):
    """Text laid out 3 mm inside the trim: a 4 mm margin stops it, naming person and attribute; 2 mm lets it pass."""
    front, back, layout, cards = singles(tmp_path)
    deck = load_deck(DEFAULT_DECK)

    def check():
        check_safe_area(
            [front, back],
            shops.Arrangement.SEPARATE,
            layout=layout,
            series=deck.series[0],
            cards=cards,
            sets=1,
            margin_mm=margin,
            shop="a shop",
        )

    if not fires:
        check()
        return
    with pytest.raises(LayoutError) as caught:
        check()
    message = str(caught.value)
    assert "too close to the trim for a shop" in message
    assert re.search(
        r"B\. Bos \(Reeks 1\), Leeftijd: '[^']+' is 3\.[0-4] mm from the trim, inside the 4\.0 mm", message
    )


def test_a_text_inside_the_shops_margin_stops_the_build(tmp_path: Path, monkeypatch):
    """A shop whose margin is wider than the layout keeps: the build stops (exit 2) naming person and attribute,
    and writes nothing."""
    monkeypatch.setitem(shops.SHOPS, "drivethru", replace(shops.SHOPS["drivethru"], safe_mm=4.5))
    monkeypatch.setattr("datadialoog_print.assemble.options.BuildOptions.safe_mm", lambda self: 3.0)
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "out"), "--shop", "drivethru"])
    assert result.exit_code == 2, result.output
    assert "too close to the trim for DriveThruCards" in result.output
    assert "B. Bos (Reeks 1), Leeftijd" in result.output
    out = tmp_path / "out"
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


def test_fogra_is_the_single_layout_of_before(tmp_path: Path):
    """--shop fogra writes the files --layout single writes, page for page and word for word."""
    build(tmp_path / "shop", "--shop", "fogra", "--only", "cards", "-q")
    build(tmp_path / "single", "--layout", "single", "--only", "cards", "-q")
    for pdf in sorted((tmp_path / "single").glob("*.pdf")):
        a, b = PdfReader(pdf), PdfReader(tmp_path / "shop" / pdf.name)
        assert len(a.pages) == len(b.pages)
        assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages]
        assert [list(p.mediabox) for p in a.pages] == [list(p.mediabox) for p in b.pages]
