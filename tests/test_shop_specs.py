"""Print shops to the letter of their specs (issue 37): the standards' identification keys, DriveThruCards' one
interleaved deck per series and its ink limit, the safe area for every mark, and subset tags of their own."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.deck.cardtext import series_cards
from datadialoog_print.errors import LayoutError
from datadialoog_print.paper.cardface import BOX_LINE_PT
from datadialoog_print.paper.layout import SingleLayout
from datadialoog_print.paper.shops import Arrangement
from datadialoog_print.render.cardpainter import CardOptions
from datadialoog_print.render.cards import render_card_singles
from datadialoog_print.render.safearea import check_safe_area

from .conftest import DEFAULT_DECK, DeckFolder
from .paint import colour, painted

MM = 72 / 25.4
INCH = 25.4

STANDARD_KEYS = {
    # ISO 15930-7:2010 (PDF/X-4): the version alone, in the pdfxid schema of XMP.
    "fogra": ({"GTS_PDFXVersion": "PDF/X-4"}, "http://www.npes.org/pdfx/ns/id/"),
    # ISO 15930-4:2003 (PDF/X-1a:2003): version "PDF/X-1:2003" with conformance "PDF/X-1a:2003".
    "drivethru": (
        {"GTS_PDFXVersion": "PDF/X-1:2003", "GTS_PDFXConformance": "PDF/X-1a:2003"},
        "http://ns.adobe.com/pdfx/1.3/",
    ),
}
"""The identification keys as the standards spell them, written out here, not taken from the code."""


def build(out: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "-q", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def outside_tool(name: str) -> str:
    """The path of an outside checker (qpdf, pdffonts); a skip of one line without it, but never in CI."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            raise RuntimeError(f"CI needs {name}: apt-get install qpdf poppler-utils")
        pytest.skip(f"needs {name}: apt-get install qpdf poppler-utils")
    return found


@pytest.fixture(scope="module")
def shop_builds(tmp_path_factory) -> dict[str, Path]:
    """The default deck's cards for each PDF shop, two sets (so every card carries its set's letter)."""
    out = {}
    for shop in STANDARD_KEYS:
        out[shop] = tmp_path_factory.mktemp(shop)
        build(out[shop], "--shop", shop, "--only", "cards", "--only", "booklet", "--sets", "2")
    return out


@pytest.mark.parametrize("shop", sorted(STANDARD_KEYS))
def test_identification_keys_are_the_standards_own(shop_builds, shop: str):
    """Info and XMP carry exactly the standard's keys with its values (no conformance key for PDF/X-4), and poppler's
    pdfinfo reads the part of ISO 15930 the file claims."""
    keys, namespace = STANDARD_KEYS[shop]
    files = sorted(shop_builds[shop].glob("kaarten-*.pdf"))
    assert files
    for pdf in files:
        reader = PdfReader(pdf)
        info = reader.trailer["/Info"].get_object()
        assert {k[1:]: str(v) for k, v in info.items() if k.startswith("/GTS_")} == keys, pdf.name
        xml = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        packet = ET.fromstring(xml.split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
        found = {el.tag.split("}")[1]: el.text for el in packet.iter() if el.tag.split("}")[-1].startswith("GTS_")}
        assert found == keys, pdf.name
        assert all(el.tag.startswith(f"{{{namespace}}}") for el in packet.iter() if "GTS_" in el.tag)
    pdfinfo = subprocess.run([outside_tool("pdfinfo"), str(files[0])], capture_output=True, text=True, check=True)
    part = "ISO 15930-7" if shop == "fogra" else "ISO 15930-4"
    assert re.search(rf"Standard:\s+{part}\b", pdfinfo.stdout), pdfinfo.stdout


def test_drivethru_takes_one_deck_per_series_each_back_before_its_front(shop_builds):
    """One file per series (no backs file); page 2n+1 is card n's back, page 2n+2 its front: the back in the
    series' colour with the front's set letter, the front the person and attribute the deck puts there."""
    out = shop_builds["drivethru"]
    assert sorted(p.name for p in out.glob("kaarten-*.pdf")) == [
        "kaarten-reeks-1-groen.pdf",
        "kaarten-reeks-2-geel.pdf",
    ]
    deck = load_deck(DEFAULT_DECK)
    for series, name in zip(deck.series, ("kaarten-reeks-1-groen.pdf", "kaarten-reeks-2-geel.pdf"), strict=True):
        cards = series_cards(deck, series)
        reader, doc = PdfReader(out / name), pdfium.PdfDocument(str(out / name))
        assert len(doc) == 2 * 2 * len(cards)
        for number in range(2 * len(cards)):
            card, letter = cards[number % len(cards)], "AB"[number // len(cards)]
            back, front = (doc[2 * number + i].get_textpage().get_text_range() for i in (0, 1))
            assert series.label in back and f"set {letter}" in back and card.attribute.label not in back
            assert card.shown_name in front.replace("\r\n", " ") and f"set {letter}" in front
            for index in (2 * number, 2 * number + 1):  # the card colour under both faces, over the whole page
                ground = next(p for p in painted(reader, index) if p.what == "fill")
                assert ground.width >= float(reader.pages[index].mediabox.width) - 0.01
                assert colour(ground.colour) == colour(series.colour.cmyk)
        doc.close()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["kaarten-reeks-2-geel.pdf"]["faces"] == "back-front"
    assert manifest["files"]["kaarten-reeks-2-geel.pdf"]["series"] == "2"
    assert manifest["shop"]["arrangement"] == "back-front"
    assert "one card deck per series" in manifest["shop"]["upload"]  # the English guide's words


def test_the_guide_says_which_file_is_which_deck(shop_builds):
    """The booklet's guide: one file per series in DriveThruCards' order, each file named with its deck."""
    doc = pdfium.PdfDocument(str(shop_builds["drivethru"] / "gespreksleider-a5.pdf"))
    text = " ".join(" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc)))
    assert "Lever per reeks één bestand aan, een kaartspel zoals de drukkerij het snijdt: PDF/X-1a:2003" in text
    assert "totale inkt hoogstens 240 %" in text and "achterkant 1, voorkant 1, achterkant 2" in text
    assert "kaarten-reeks-1-groen.pdf voor Reeks 1 (200 kaarten); kaarten-reeks-2-geel.pdf voor Reeks 2" in text
    assert "achterkanten.pdf" not in text


def test_a_rich_black_is_refused_at_drivethrus_240(tmp_path: Path, deck_copy: DeckFolder):
    """A source in rich black (70/50/50/100, 270 %) builds for an office printer and for fogra (300 %), is refused
    under --shop drivethru naming the colour, its total and how far over, writing nothing; --max-ink overrides."""
    deck_copy.replace("deck.yaml", "series:\n", "colours:\n  rijkzwart: [70, 50, 50, 100]\nseries:\n")
    deck_copy.replace("deck.yaml", "    ink: red\n", "    ink: rijkzwart\n")
    deck = str(deck_copy.path)
    build(tmp_path / "office", deck, "--only", "cards")
    build(tmp_path / "fogra", deck, "--shop", "fogra", "--only", "cards")
    result = CliRunner().invoke(cli, ["build", deck, "-o", str(tmp_path / "dtc"), "--shop", "drivethru"])
    assert result.exit_code == 2, result.output
    assert "total ink over the limit of 240 % (what DriveThruCards takes, --shop drivethru" in result.output
    assert "(rijkzwart): 270 % (C 70 + M 50 + Y 50 + K 100), 30 % over" in result.output
    assert not (tmp_path / "dtc").exists() or not list((tmp_path / "dtc").iterdir())
    build(tmp_path / "dtc", deck, "--shop", "drivethru", "--only", "cards", "--max-ink", "270")
    manifest = json.loads((tmp_path / "dtc" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["max_ink_percent"] == 270 and manifest["shop"]["max_ink_percent"] == 240


def singles(tmp_path: Path, monkeypatch, *, over_mm: float) -> tuple[Path, SingleLayout, list]:
    """Four DriveThruCards fronts (back before front) whose write-in box's frame reaches ``over_mm`` past the
    1/8 inch safe line: its line widened by twice that, its centre line where the layout puts it."""
    monkeypatch.setattr("datadialoog_print.render.cardpainter.BOX_LINE_PT", BOX_LINE_PT + 2 * over_mm * MM)
    deck = load_deck(DEFAULT_DECK)
    cards = series_cards(deck, deck.series[0])[:4]
    layout = SingleLayout(63.5, 88.9, INCH / 8)
    path = tmp_path / "deck.pdf"
    render_card_singles(
        deck, deck.series[0], path, None, layout=layout, cards=cards, options=CardOptions(safe=INCH / 8)
    )
    return path, layout, cards


@pytest.mark.parametrize(("over", "fires"), [(0.1, True), (0.0, False)])
def test_the_safe_area_check_finds_a_stroke_a_tenth_of_a_millimetre_over(tmp_path, monkeypatch, over, fires):
    """The frame's outer edge 0.1 mm past the safe line stops the build naming person and attribute (its centre
    line and every text are inside); on the line, as the layout draws it, it passes."""
    path, layout, cards = singles(tmp_path, monkeypatch, over_mm=over)
    deck = load_deck(DEFAULT_DECK)

    def check():
        check_safe_area(
            [path], Arrangement.INTERLEAVED, layout=layout, series=deck.series[0], cards=cards, sets=1,
            margin_mm=INCH / 8, shop="DriveThruCards",
        )  # fmt: skip

    if not fires:
        check()
        return
    with pytest.raises(LayoutError) as caught:
        check()
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 + len(cards)  # every front, no back
    assert lines[1] == (
        "  B. Bos (Reeks 1), Leeftijd: a frame's outer edge is 3.075 mm from the trim, inside the 3.175 mm safe margin"
    )


@pytest.mark.parametrize(("shop", "extra"), [("fogra", ()), ("drivethru", ()), ("tgc", ()), ("fogra", ("--mono",))])
def test_nothing_on_any_card_crosses_the_shops_safe_line(tmp_path: Path, shop: str, extra: tuple):
    """Every shop's own build of the default deck passes its check, frames, rules and markers included (the build
    runs it); and, measured again here, the write-in box's frame ends on the safe line, not over it."""
    build(tmp_path, "--shop", shop, "--only", "cards", *extra)
    if shop == "tgc":
        return  # its PDFs are a step on the way; the build checked them
    reader = PdfReader(tmp_path / "kaarten-reeks-1-groen.pdf")
    front = 1 if shop == "drivethru" else 0  # DriveThruCards' file opens with a back
    trim = [float(v) for v in reader.pages[front]["/TrimBox"]]
    box = max((p for p in painted(reader, front) if p.what == "stroke" and p.width), key=lambda p: p.y)
    safe = {"fogra": 3.0, "drivethru": INCH / 8}[shop]
    outer_right = box.x + box.width + BOX_LINE_PT / 2
    assert (trim[2] - outer_right) / MM == pytest.approx(safe, abs=0.005)


def font_programs(pdf: Path) -> dict[str, set[str]]:
    """Every font's BaseFont in the file, with the SHA-256 of each embedded program that carries it."""
    reader = PdfReader(pdf)
    found: dict[str, set[str]] = {}
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # a free entry of the cross-reference table
            continue
        if hasattr(obj, "get") and obj.get("/Type") == "/Font" and "/FontDescriptor" in obj:
            program = obj["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
            found.setdefault(str(obj["/BaseFont"]), set()).add(hashlib.sha256(program).hexdigest())
    return found


def test_two_collated_files_never_give_two_programs_one_name(tmp_path: Path):
    """qpdf --collate of the two series' fronts (fogra): the two different Bold subsets carry different tags, and
    no name pdffonts lists twice stands for two programs; the same subset keeps its tag in every file."""
    build(tmp_path, "--shop", "fogra", "--only", "cards")
    fronts = [tmp_path / "kaarten-reeks-1-groen.pdf", tmp_path / "kaarten-reeks-2-geel.pdf"]
    merged = tmp_path / "merged.pdf"
    qpdf = outside_tool("qpdf")
    subprocess.run([qpdf, "--collate", "--empty", "--pages", *map(str, fronts), "--", str(merged)], check=True)
    programs = font_programs(merged)
    bold = {name: hashes for name, hashes in programs.items() if name.endswith("+FiraSans-Bold")}
    assert len(bold) == 2, programs  # two different subsets, two tags
    assert all(len(hashes) == 1 for hashes in programs.values()), programs
    listed = subprocess.run([outside_tool("pdffonts"), str(merged)], capture_output=True, text=True, check=True)
    names = ["/" + line.split()[0] for line in listed.stdout.splitlines()[2:]]
    assert sorted(set(names)) == sorted(programs) and len(names) >= 4
    # The same subset, the same tag: the backs' Regular (ASCII only, as the fronts' labels) is the fronts' one.
    backs = font_programs(tmp_path / "kaarten-reeks-1-groen-achterkanten.pdf")
    shared = set(backs) & set(font_programs(fronts[0]))
    assert all(backs[name] == font_programs(fronts[0])[name] for name in shared)


def test_a_hash_clash_inside_one_file_still_gives_two_tags(tmp_path: Path, monkeypatch):
    """Were two subsets' hashes to give one tag, the second takes the next: tags differ within a file, whatever."""
    from datadialoog_print.render.internals import subsettags

    real = subsettags.subset_tag
    monkeypatch.setattr(
        subsettags, "subset_tag", lambda font, codes, salt=0: b"QQQQQQ" if salt == 0 else real(font, codes, salt)
    )
    deck = load_deck(DEFAULT_DECK)
    layout = SingleLayout(63.0, 88.0, 3.0)
    cards = series_cards(deck, deck.series[0])[:2]
    render_card_singles(deck, deck.series[0], tmp_path / "f.pdf", tmp_path / "b.pdf", layout=layout, cards=cards)
    names = list(font_programs(tmp_path / "f.pdf"))
    assert len(names) == 2 and len({name.split("+")[0] for name in names}) == 2, names
    assert "/QQQQQQ+FiraSans-Regular" in names or "/QQQQQQ+FiraSans-Bold" in names


@pytest.mark.parametrize(
    ("join", "cap", "expected"),
    [
        (0, 0, (-1 - 0.1 * 2**0.5, 1 + 0.1 * 2**0.5)),  # mitred: the corner's tip, √2 times half the width out
        (1, 0, (-1.1, 1.1)),  # round: half the width
        (2, 0, (-1 - 0.1 / 2**0.5, 1 + 0.1 / 2**0.5)),  # bevelled: the cut corner
    ],
)
def test_a_strokes_reach_past_a_corner_follows_its_join(join, cap, expected):
    """A diamond (corners at ±1) stroked 0.2 wide: how far its ink reaches depends on the join, as PDF draws it."""
    from datadialoog_print.render.pagemarks import stroke_reach

    diamond = [(0.0, 1.0), (1.0, 0.0), (0.0, -1.0), (-1.0, 0.0)]
    xs = [x for x, _ in stroke_reach([(diamond, True)], 0.1, cap=cap, join=join)] + [x for x, _ in diamond]
    assert (min(xs), max(xs)) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(("cap", "expected"), [(0, (0.0, 1.0)), (1, (-0.1, 1.1)), (2, (-0.1, 1.1))])
def test_an_open_lines_ends_follow_its_cap(cap, expected):
    """A butt end stops at the end point (the rule under the name reaches exactly the safe lines); round and square
    ends reach half the width past it."""
    from datadialoog_print.render.pagemarks import stroke_reach

    line = [(0.0, 0.0), (1.0, 0.0)]
    points = stroke_reach([(line, False)], 0.1, cap=cap, join=0) + line
    assert (min(x for x, _ in points), max(x for x, _ in points)) == pytest.approx(expected)
    assert (min(y for _, y in points), max(y for _, y in points)) == pytest.approx((-0.1, 0.1))


def test_the_adapter_notices_when_reportlab_stops_naming_subsets_through_its_hook(monkeypatch):
    """A ReportLab that no longer names its subsets through ``ttfonts.SUBSETN`` (renamed, or inlined) gives every
    first subset its own ``AAAAAA`` again: internals.problems() says so, in a plain sentence."""
    from reportlab.pdfbase import ttfonts

    from datadialoog_print.render import internals

    assert internals.problems() == []
    monkeypatch.setattr(
        ttfonts,
        "SUBSETN",
        lambda n, table=bytes.maketrans(b"0123456789", b"ABCDEFGIJK"): bytes(f"{n:06d}", "ascii").translate(table),
    )
    assert any("SUBSETN" in p for p in internals.problems())
