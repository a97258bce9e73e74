"""Golden files of colour: what the printer is told to paint, as CMYK numbers read from the content streams.

For every card file of both shipped decks, per card: the fill colours under the card's middle and each
text on it with its ink (the name, the attribute's label and marker, the value). For the slides, per
slide, the fill colours in painting order (a chart's bars, series by series). The text golden files
(test_golden.py) cannot see a yellow card printed green; these can. A meant change is written anew
with the same option and reviewed as a diff:

    .venv/bin/python -m pytest tests/test_golden_colour.py --regen-golden
    git diff tests/golden/
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import SHIPPED
from .paint import Paint, colour, painted

GOLDEN = Path(__file__).parent / "golden"
MM = 72 / 25.4


def _inside(p: Paint, x: float, y: float, w: float, h: float) -> bool:
    return x - 0.01 <= p.x < x + w - 0.01 and y - 0.01 <= p.y < y + h - 0.01


def _covers(p: Paint, x: float, y: float) -> bool:
    return p.width > 0 and p.x <= x <= p.x + p.width and p.y <= y <= p.y + p.height


def cards_colours(pdf: Path) -> str:
    """Per page and card: what is painted on it in order: 'card' for a fill over its middle (the card colour),
    'shape' for a smaller fill on it (the number box, a source's marker), each text with its ink."""
    reader = PdfReader(pdf)
    out = []
    for index, page in enumerate(reader.pages):
        paints = painted(reader, index)
        forms = page["/Resources"]["/XObject"]
        out.append(f"--- page {index + 1}")
        for card in (p for p in paints if p.what == "form" and p.text in ("/FormXob.front", "/FormXob.back")):
            box = forms[card.text].get_object()["/BBox"]
            w, h = float(box[2]) + float(box[0]), float(box[3]) + float(box[1])  # the bleed either side
            cx, cy = card.x + w / 2, card.y + h / 2
            seen: list[str] = []
            for p in paints:
                if p.what == "fill" and _covers(p, cx, cy):
                    token = f"card {colour(p.colour)}"
                elif p.what == "fill" and _inside(p, card.x, card.y, w, h):
                    token = f"shape {colour(p.colour)}"
                elif p.what == "text" and _inside(p, card.x, card.y, w, h) and p.text.strip():
                    token = f"{p.text!r} {colour(p.colour)}"
                else:
                    continue
                if not seen or seen[-1] != token:
                    seen.append(token)
            where = f"{card.x / MM:.1f},{card.y / MM:.1f} mm"
            out.append(f"{card.text.rsplit('.', 1)[1]} at {where}: " + " | ".join(seen))
    return "\n".join(out) + "\n"


def slide_colours(pdf: Path) -> str:
    """Per slide: the fill colours in painting order, repeats in a row counted, with the slide's first text."""
    reader = PdfReader(pdf)
    out = []
    for index in range(len(reader.pages)):
        paints = painted(reader, index)
        first = next((p.text for p in paints if p.what == "text" and p.text.strip()), "")
        runs: list[list] = []
        for p in paints:
            if p.what == "fill":
                name = colour(p.colour)
                if runs and runs[-1][0] == name:
                    runs[-1][1] += 1
                else:
                    runs.append([name, 1])
        out.append(f"--- slide {index + 1}: {first!r}")
        out += [f"{name} × {count}" for name, count in runs]
    return "\n".join(out) + "\n"


def _compare(path: Path, actual: str, regen: bool) -> None:
    if regen:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path}; see this module's docstring"
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs; see this module's docstring"


@pytest.mark.parametrize("deck", SHIPPED)
def test_card_colours_match_their_golden_files(deck, shipped_build, regen_golden: bool):
    """Each card file: every card's fill and every text's ink, as CMYK numbers, as reviewed."""
    out = shipped_build(deck)
    (folder := GOLDEN / deck).mkdir(parents=True, exist_ok=True)
    pdfs = sorted(p for p in out.glob("*.pdf") if p.stem.startswith(("kaarten-", "cards-")))
    assert len(pdfs) == 2
    for pdf in pdfs:
        _compare(folder / f"{pdf.stem}.colours", cards_colours(pdf), regen_golden)


@pytest.mark.parametrize("deck", SHIPPED)
def test_slide_colours_match_their_golden_files(deck, shipped_build, regen_golden: bool):
    """The slides: every fill colour in painting order (the charts' bars series by series), as reviewed."""
    (pdf,) = [p for p in shipped_build(deck).glob("*.pdf") if p.stem in ("dias", "slides")]
    _compare(GOLDEN / deck / f"{pdf.stem}.colours", slide_colours(pdf), regen_golden)


def test_series_cards_are_filled_in_their_own_colour(shipped_build):
    """Independently of the golden files: series 1's cards are green, series 2's yellow, as deck.yaml names them."""
    from datadialoog_print.assemble.decks import load_deck

    from .conftest import DEFAULT_DECK

    deck = load_deck(DEFAULT_DECK)
    out = shipped_build("default")
    for series, pdf in zip(deck.series, sorted(out.glob("kaarten-*.pdf")), strict=True):
        reader = PdfReader(pdf)
        fills = {p.colour for i in range(len(reader.pages)) for p in painted(reader, i) if p.what == "fill"}
        assert tuple(series.colour.cmyk) in fills, (pdf.name, series.colour)
        others = {tuple(s.colour.cmyk) for s in deck.series if s is not series}
        assert not fills & others, f"{pdf.name} paints another series' colour"
