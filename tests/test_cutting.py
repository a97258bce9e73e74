"""Cutting a sheet as the guide says: every strip left by the first cuts still shows a mark for each cut it needs.

First as numbers (the layout's marks), then on the rendered page: the cut lines come from
manifest.json, the marks from the pixels.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli
from datadialoog_print.paper import geometry
from datadialoog_print.paper.cuts import CutOrder, mark_width_mm
from datadialoog_print.paper.layout import SheetLayout, sheet_layout

from .conftest import DEFAULT_DECK, DeckFolder
from .pdfcheck import page_sizes_mm, render

DPI = 300


def strips(layout: SheetLayout) -> list[tuple[float, float]]:
    """What the first cuts leave that holds cards: the columns (vertical-first) or rows, as (low, high) mm."""
    if layout.order is CutOrder.VERTICAL_FIRST:
        return sorted({(s.x, s.x + s.width) for s in layout.slots})
    return sorted({(s.y, s.y + s.height) for s in layout.slots})


def first_and_second(layout: SheetLayout):
    """(lines cut first, lines cut second); vertical lines are x positions, horizontal ones y."""
    if layout.order is CutOrder.VERTICAL_FIRST:
        return layout.cuts_x, layout.cuts_y
    return layout.cuts_y, layout.cuts_x


def marks_on(layout: SheetLayout, line: float, *, vertical: bool, within: tuple[float, float]) -> list[float]:
    """Lengths of the parts of marks that lie on a cut line (to 0.1 mm) and within a span along it."""
    lo, hi = within
    out = []
    for m in layout.marks:
        if m.vertical != vertical:
            continue
        at, a, b = (m.x1, m.y1, m.y2) if vertical else (m.y1, m.x1, m.x2)
        if abs(at - line) <= 0.1:
            part = min(max(a, b), hi) - max(min(a, b), lo)
            if part > 0:
                out.append(part)
    return out


LAYOUTS = [
    (paper, name, bleed) for paper in ("a4", "letter") for name in geometry.CARD_PRESETS for bleed in (0.0, 2.0, 3.0)
]


@pytest.mark.parametrize("paper,name,bleed", LAYOUTS)
def test_every_strip_keeps_a_mark_for_every_cut_it_needs(paper: str, name: str, bleed: float):
    """As numbers: margin marks ≥ 2 mm for the first cuts; after them, ≥ 1 mm of mark on every line, on every strip."""
    w, h = geometry.CARD_PRESETS[name]
    layout = sheet_layout(paper=paper, card_width=w, card_height=h, bleed=bleed)
    first, second = first_and_second(layout)
    first_vertical = layout.order is CutOrder.VERTICAL_FIRST
    across = layout.page_height if first_vertical else layout.page_width
    for line in first:
        # On the whole sheet: a mark in each margin, outside every card.
        lengths = marks_on(layout, line, vertical=first_vertical, within=(0, across))
        assert len(lengths) >= 2 and min(lengths) >= 2.0 - 1e-9, (line, lengths)
    for strip in strips(layout):
        for line in second:
            lengths = marks_on(layout, line, vertical=not first_vertical, within=strip)
            assert lengths and max(lengths) >= 1.0, (layout.order, strip, line, lengths)


@pytest.mark.parametrize("paper,name,bleed", LAYOUTS)
def test_marks_stay_off_the_cards_and_out_of_the_printer_margin(paper: str, name: str, bleed: float):
    """No mark (with its line width) reaches into a card's trimmed area or the 5 mm an office printer cannot print."""
    w, h = geometry.CARD_PRESETS[name]
    layout = sheet_layout(paper=paper, card_width=w, card_height=h, bleed=bleed)
    half = mark_width_mm() / 2
    for m in layout.marks:
        x0, x1 = sorted((m.x1, m.x2))
        y0, y1 = sorted((m.y1, m.y2))
        x0, x1 = (x0 - half, x1 + half) if m.vertical else (x0, x1)
        y0, y1 = (y0, y1) if m.vertical else (y0 - half, y1 + half)
        assert x0 >= layout.margin - 1e-6 and x1 <= layout.page_width - layout.margin + 1e-6, m
        assert y0 >= layout.margin - 1e-6 and y1 <= layout.page_height - layout.margin + 1e-6, m
        for s in layout.slots:
            overlap_x = min(x1, s.x + s.width) - max(x0, s.x)
            overlap_y = min(y1, s.y + s.height) - max(y0, s.y)
            assert overlap_x <= 1e-6 or overlap_y <= 1e-6, (m, s)


def test_a4_geometry_as_numbers():
    """A4, poker: 3 × 3, vertical cuts first across abutting columns, 3 mm gutters between the rows."""
    layout = sheet_layout(card_width=63, card_height=88)
    assert (layout.columns, layout.rows, layout.order) == (3, 3, CutOrder.VERTICAL_FIRST)
    assert layout.cuts_x == (10.5, 73.5, 136.5, 199.5)
    assert layout.cuts_y == pytest.approx((13.5, 101.5, 104.5, 192.5, 195.5, 283.5))
    assert (layout.gap_x, layout.gap_y, layout.edge_x, layout.edge_y) == (0, 3, 1.5, 1.5)
    assert layout.cut_facts() == {
        "order": "vertical-first",
        "vertical_mm": [10.5, 73.5, 136.5, 199.5],
        "horizontal_mm": [13.5, 101.5, 104.5, 192.5, 195.5, 283.5],
    }
    assert layout.note == ""


def test_letter_holds_nine_poker_cards_with_marks_of_2_mm():
    """Letter, poker: 9 cards, horizontal cuts first, marks ≥ 2 mm inside the 5 mm margin, gutters between columns."""
    layout = sheet_layout(paper="letter", card_width=63, card_height=88)
    assert (layout.columns, layout.rows, layout.order) == (3, 3, CutOrder.HORIZONTAL_FIRST)
    assert (layout.gap_x, layout.gap_y) == (3, 0)
    left = [m for m in layout.marks if not m.vertical and max(m.x1, m.x2) < layout.cuts_x[0]]
    assert len(left) == 4 and min(m.length for m in left) >= 2.0
    assert min(min(m.x1, m.x2) for m in left) == pytest.approx(5.0)
    assert layout.note == ""


def test_a_card_that_would_fit_nine_without_gutters_says_why_it_gets_six(tmp_path: Path):
    """66 × 93 mm on A4: six cards with cut marks everywhere; the build says why not nine."""
    layout = sheet_layout(card_width=66, card_height=93)
    assert layout.per_sheet == 6
    assert layout.note.startswith("6 cards per A4 sheet, not 9")
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path), "--only", "cards", "--card-size", "66x93", "-q"])
    assert result.exit_code == 0, result.output
    assert "Note: 6 cards per A4 sheet, not 9" in result.output and "gutters" in result.output


@pytest.fixture(scope="module")
def small_deck(tmp_path_factory) -> Path:
    """The default deck with one person per series: 10 cards, a full sheet and one more."""
    target = tmp_path_factory.mktemp("deck") / "klein"
    shutil.copytree(DEFAULT_DECK, target)
    deck = DeckFolder(target)
    persons = deck.read("persons.yaml")["persons"]
    deck.set_persons([next(p for p in persons if p["series"] == s) for s in (1, 2)], pseudonymised=[])
    return target


def dark_runs(grey: np.ndarray) -> int:
    """Longest run (pixels) of dark columns in a band of rows: a mark along the band."""
    dark = (grey < 170).any(axis=0)  # a hairline at 300 dpi renders grey (about 120); card colours stay above 200
    best = run = 0
    for flag in dark:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


@pytest.mark.parametrize("mono", [False, True], ids=["colour", "mono"])
@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_cut_simulation_on_the_rendered_sheet(tmp_path: Path, small_deck: Path, paper: str, duplex: str, mono: bool):
    """Cut the rendered front along the manifest's first lines; every strip shows ≥ 1 mm of mark on every other line."""
    extra = ["--mono"] if mono else []
    args = ["build", str(small_deck), "-o", str(tmp_path), "--only", "cards", "--paper", paper, "--duplex", duplex]
    args.append("--allow-broken-lesson")  # a few persons keep no lesson; only the cards matter here
    result = CliRunner().invoke(cli, [*args, *extra, "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "kaarten-reeks-1-groen.pdf"
    cuts = json.loads((tmp_path / "manifest.json").read_text())["files"][pdf.name]["cuts"]
    width, height = page_sizes_mm(pdf)[0]
    grey = render(pdf, 0, DPI).astype(int).sum(axis=2) / 3  # row 0 is the top edge, as the manifest measures
    px = DPI / 25.4
    band = max(1, round(0.25 * px))
    vertical_first = cuts["order"] == "vertical-first"
    first, second = (
        (cuts["vertical_mm"], cuts["horizontal_mm"]) if vertical_first else (cuts["horizontal_mm"], cuts["vertical_mm"])
    )
    # Pieces between neighbouring first cuts; the narrow ones are gutters (waste), the others strips of cards.
    pieces = [(a, b) for a, b in itertools.pairwise(first) if b - a > 20]
    assert len(pieces) == 3
    for a, b in pieces:
        lo, hi = round(a * px) + 1, round(b * px) - 1
        for line in second:
            at = round(line * px)
            region = (
                grey[at - band : at + band + 1, lo:hi] if vertical_first else grey[lo:hi, at - band : at + band + 1].T
            )
            assert dark_runs(region) >= 1.0 * px, (paper, cuts["order"], (a, b), line)
    # The first cuts read their marks on the whole sheet, in the margins: ≥ 2 mm each side.
    length = height if vertical_first else width
    for line in first:
        at = round(line * px)
        along = grey[:, at - band : at + band + 1].T if vertical_first else grey[at - band : at + band + 1, :]
        edge = round(geometry.PRINTER_MARGIN_MM * px)
        near = round(12 * px)
        for part in (along[:, edge:near], along[:, round(length * px) - near : round(length * px) - edge]):
            assert dark_runs(part) >= 2.0 * px - 1, (paper, line)


def test_a_letter_build_has_as_many_pages_as_an_a4_build(tmp_path: Path):
    """The default deck: 24 pages per series file on Letter, as on A4 (9 cards a sheet, backs after fronts)."""
    pages = {}
    for paper in ("a4", "letter"):
        out = tmp_path / paper
        result = CliRunner().invoke(cli, ["build", "-o", str(out), "--only", "cards", "--paper", paper, "-q"])
        assert result.exit_code == 0, result.output
        pages[paper] = {p.name: len(page_sizes_mm(p)) for p in out.glob("*.pdf")}
    assert pages["letter"] == pages["a4"] == {"kaarten-reeks-1-groen.pdf": 24, "kaarten-reeks-2-geel.pdf": 24}
