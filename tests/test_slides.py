"""The debrief slides read back: 16:9 pages, fonts embedded, every comparison's figures beside a
chart of filled shapes whose lengths are those figures, and all of it moving with the persons."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK, ROOT, DeckFolder
from .pdfcheck import MM, filled_shapes, fonts_not_embedded, page_sizes_mm, page_text, render, text_in_box
from .test_documents import dutch
from .test_stats import make_person

FIRST_COMPARISON = 7
"""The first comparison slide (0-based): after the title, the agenda, the ground rules, what happens with the
sheets, the sources, the exercises and the recognisability example."""
"""Title, agenda, sources, exercises and the recognisability example come first."""
STROKE = 2.8
"""What pdfium's bounds add to a bar: the 1.4 pt outline's whole width on each side."""
PANEL_MM = (48 + 585) / MM
"""No chart reaches right of this (mm from the left)."""
NOTES_MM = (48 + 556) / MM
"""A mean's, total's or count's chart ends left of this; its cautions stand right of it."""


def chart_label(figure: str) -> str:
    """What the chart prints beside a bar for a figure of the answer sheet: the number, the mean of a
    total-and-mean ("38 in totaal, gemiddeld 3,8" → "3,8"), a count without what it counts (that is in
    the heading: "9 van 10 WO/HBO" → "9 van 10")."""
    figure = figure.split("gemiddeld ")[-1]
    return " ".join(figure.split()[:3]) if " van " in figure else figure


def build_slides(deck: Path, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(
        cli, ["build", str(deck), "-o", str(out), "-q", "--only", "slides", *extra], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return next(out.glob("*.pdf"))


@pytest.fixture(scope="module")
def slides(tmp_path_factory) -> Path:
    return build_slides(DEFAULT_DECK, tmp_path_factory.mktemp("slides"))


def flat(text: str) -> str:
    return " ".join(text.split())


def expected(persons: list[dict]) -> dict[str, list[str]]:
    """Per attribute, the figure each series' panel prints, computed here from the raw YAML."""
    out: dict[str, list[str]] = {}
    groups: dict[int, list[dict]] = {}
    for p in persons:
        groups.setdefault(p["series"], []).append(p)
    for _, group in sorted(groups.items()):
        n = len(group)
        figures = {
            "opleiding": f"{sum(p['opleiding'] in ('WO', 'HBO') for p in group)} van {n} WO/HBO",
            "leeftijd": f"gemiddeld {dutch(statistics.fmean(p['leeftijd'] for p in group))}",
            "migratieachtergrond": f"{sum(p['migratieachtergrond'] == 'Nederlands' for p in group)} van {n} Nederlands",
            "ziekenhuisbezoeken": dutch(sum(p["ziekenhuisbezoeken"] for p in group), 0),
            "studieschuld": f"gemiddeld € {dutch(statistics.fmean(p['studieschuld'] for p in group), 0)}",
            "maanden_uitkering": f"gemiddeld {dutch(statistics.fmean(p['maanden_uitkering'] for p in group))}",
            "interventies": (
                f"{sum(p['interventies'] for p in group)} in totaal, "
                f"gemiddeld {dutch(statistics.fmean(p['interventies'] for p in group))}"
            ),
        }
        counts = Counter(p["postcode"] for p in group)
        top = max(counts.values())
        figures["postcode"] = "vooral " + "/".join(sorted(c for c, k in counts.items() if k == top))
        for key, text in figures.items():
            out.setdefault(key, []).append(text)
    return out


def comparison_pages(deck_folder: Path) -> dict[str, int]:
    """Each comparison's page (0-based), in the order the debrief shows them (the musts first)."""
    from datadialoog_print import load_deck
    from datadialoog_print.deck.timing import debrief_order
    from datadialoog_print.render.slides import slide_numbers

    deck = load_deck(deck_folder)
    first = slide_numbers(deck)["comparisons"][0] - 1
    return {deck.comparisons[index].attribute: first + n for n, (index, _) in enumerate(debrief_order(deck))}


def bars(pdf: Path, page: int) -> list[tuple[float, float, float, float]]:
    """The chart's coloured bars (not white boxes, grey stripes or the assumption's tint), top to bottom."""
    out = []
    for (left, bottom, right, top), (r, g, b) in filled_shapes(pdf, page):
        coloured = max(r, g, b) - min(r, g, b) > 40
        # (the legend's swatches under the chart and the key's above a distribution are no bars)
        swatch = top - bottom < 22 and (bottom < 215 or bottom > 380)
        if coloured and right < PANEL_MM * MM and bottom > 40 and not swatch:
            out.append((left, bottom, right, top))
    return sorted(out, key=lambda box: (-box[3], box[0]))


def test_slides_are_16_9_with_every_font_embedded(slides: Path):
    """Every page is 338.7 × 190.5 mm (16:9), one per planned slide, and every font is embedded."""
    sizes = page_sizes_mm(slides)
    texts = yaml.safe_load((DEFAULT_DECK / "texts.yaml").read_text(encoding="utf-8"))
    statements = sum(len(g["items"]) for g in texts["part2"]["statements"])
    assert len(sizes) == 7 + 9 + 2 + statements + 1 == 32
    for width, height in sizes:
        assert width == pytest.approx(338.67, abs=0.1) and height == pytest.approx(190.5, abs=0.1)
        assert width / height == pytest.approx(16 / 9, abs=0.001)
    assert fonts_not_embedded(slides) == []
    assert slides.name == "dias.pdf"


def test_every_comparison_has_its_chart_its_question_and_the_caution(slides: Path):
    """Each comparison's slide: its title, the chart labelled with both series' figures, and beside or under
    it what the bars cannot say: the assumption as a question, the row's caution and the standing line, the
    figures not repeated and no assumption stated as a claim."""
    persons = yaml.safe_load((DEFAULT_DECK / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    figures = expected(persons)
    pages = comparison_pages(DEFAULT_DECK)
    rows = yaml.safe_load((DEFAULT_DECK / "answers.yaml").read_text(encoding="utf-8"))["comparisons"]
    by_key = {row["attribute"]: row for row in rows}
    for key, page in pages.items():
        row = by_key[key]
        text = flat(page_text(slides, page))
        notes = flat(text_in_box(slides, page, (NOTES_MM, 48, 340, 165)))
        assert "Aanname" not in text, key
        assert "Een verband is nog geen oorzaak." in text, key
        assert flat(row["caution"]) in text, key
        question = row["question"] if isinstance(row["question"], str) else row["question"][row["expect"]]
        assert flat(question) in text, key
        if key not in ("postcode", "sector"):
            chart = flat(text_in_box(slides, page, (0, 48, NOTES_MM, 165)))
            for figure in figures[key]:
                assert chart_label(figure) in chart, (key, figure, chart)
                assert chart_label(figure) not in notes, (key, figure)
        assert {"opleiding": "Opleidingsniveau: WO/HBO", "leeftijd": "Leeftijd (gemiddeld)"}.get(key, "") in text
        assert len(bars(slides, page)) >= 2, key
    # Means and totals: two bars from a common zero, lengths in the ratio of the figures.
    by_series = [[p for p in persons if p["series"] == s] for s in (1, 2)]
    for key, value in (
        ("leeftijd", lambda g: statistics.fmean(p["leeftijd"] for p in g)),
        ("studieschuld", lambda g: statistics.fmean(p["studieschuld"] for p in g)),
        ("ziekenhuisbezoeken", lambda g: sum(p["ziekenhuisbezoeken"] for p in g)),
    ):
        first, second = bars(slides, pages[key])
        assert first[0] == pytest.approx(second[0], abs=0.5)  # one zero line
        lengths = [b[2] - b[0] - STROKE for b in (first, second)]
        assert lengths[0] / lengths[1] == pytest.approx(value(by_series[0]) / value(by_series[1]), rel=0.005), key
    # Counts: one filled box per counted person (9 of 10 and 3 of 10 WO/HBO).
    boxes = bars(slides, pages["opleiding"])
    rows = Counter(round(b[3]) for b in boxes)
    assert sorted(rows.values(), reverse=True) == [sum(p["opleiding"] in ("WO", "HBO") for p in g) for g in by_series]


def test_distribution_chart_has_a_bar_per_value_and_series(slides: Path):
    """Sectors: a bar for every sector a series has, as long as its count, with the count beside it."""
    persons = yaml.safe_load((DEFAULT_DECK / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    page = comparison_pages(DEFAULT_DECK)["sector"]
    found = bars(slides, page)
    counts = [Counter(p["sector"] for p in persons if p["series"] == s) for s in (1, 2)]
    # (the key swatches above the columns and the legend's below are too small to count as bars)
    assert len(found) == sum(len(c) for c in counts)
    text = flat(page_text(slides, page))
    for sector in counts[0] | counts[1]:
        assert sector in text
    # Per column, length per person is the same for every bar (one scale for the whole chart).
    body = found
    columns = sorted({round(b[0]) for b in body})
    assert len(columns) == 2
    per_person = []
    for b in body:
        row_counts = counts[columns.index(round(b[0]))]
        # The sector is the one on this bar's row: its label is left of it at the same height.
        label = flat(text_in_box(slides, page, (0, b[1] / MM, columns[0] / MM - 1, b[3] / MM)))
        per_person.append((b[2] - b[0] - STROKE) / row_counts[label])
    assert max(per_person) == pytest.approx(min(per_person), rel=0.005)


def test_slides_follow_the_persons(tmp_path: Path, deck_copy: DeckFolder):
    """Swap the series: the age slide says 50 for series 1 and its bar is now the longer one; other
    persons give other figures, each on its slide."""
    deck_copy.swap_series()
    pdf = build_slides(deck_copy.path, tmp_path / "swapped", "--allow-broken-lesson")
    page = comparison_pages(deck_copy.path)["leeftijd"]
    chart = flat(text_in_box(pdf, page, (0, 48, NOTES_MM, 165)))
    assert chart.index("50") < chart.index("39,5")
    first, second = bars(pdf, page)
    assert first[2] - first[0] > second[2] - second[0]
    assert "Vinden jongeren moeilijker werk?" in flat(page_text(pdf, page))

    rng = random.Random(11)
    persons = [make_person(rng, i, 1 + i % 2) for i in range(15)]
    deck_copy.set_persons(persons, pseudonymised=[])
    pdf = build_slides(deck_copy.path, tmp_path / "generated", "--allow-broken-lesson")
    for key, page in comparison_pages(deck_copy.path).items():
        if key in ("postcode", "sector"):
            continue
        chart = flat(text_in_box(pdf, page, (0, 48, NOTES_MM, 165)))
        for figure in expected(persons)[key]:
            assert chart_label(figure) in chart, (key, figure)


def test_statements_and_questions_on_slides(slides: Path):
    """One slide per statement, whole, in balanced lines (no line of one short word); the six
    questions on one slide, 1–3 left and 4–6 right."""
    texts = yaml.safe_load((DEFAULT_DECK / "texts.yaml").read_text(encoding="utf-8"))
    sentences = [f"{g['stem']} {item}" for g in texts["part2"]["statements"] for item in g["items"]]
    first = FIRST_COMPARISON + 9 + 2
    for i, sentence in enumerate(sentences):
        text = page_text(slides, first + i)

        def plain(t: str) -> str:
            return flat(t).translate(str.maketrans("‘’“”", "''\"\""))

        assert plain(sentence) in plain(text), i
        body = [line.strip() for line in text.splitlines()[1:-3] if line.strip()]
        assert all(len(line.split()) > 1 or len(line) > 4 for line in body), (i, body)
    questions = first - 1
    left = flat(text_in_box(slides, questions, (0, 0, 338.67 / 2, 190.5)))
    right = flat(text_in_box(slides, questions, (338.67 / 2, 0, 338.67, 190.5)))
    for n, q in enumerate(texts["part2"]["questions"], 1):
        side = left if n <= 3 else right
        assert f"{n}." in side and q.replace("'", "’").split()[0] in side


def test_mono_slides_are_grey_only(tmp_path: Path):
    """--mono: the charts are greys and black, with no colour left on any comparison slide."""
    pdf = build_slides(DEFAULT_DECK, tmp_path, "--mono")
    for page in (FIRST_COMPARISON, FIRST_COMPARISON + 2, FIRST_COMPARISON + 3):
        pixels = render(pdf, page, dpi=40).astype(int)
        spread = pixels.max(axis=2) - pixels.min(axis=2)
        assert spread.max() <= 10, page


def test_english_slides(tmp_path: Path):
    """The English deck writes slides.pdf in its own words and number format (€ 7,600)."""
    pdf = build_slides(ROOT / "decks" / "default-en", tmp_path)
    assert pdf.name == "slides.pdf"
    text = " ".join(flat(page_text(pdf, i)) for i in range(len(PdfReader(pdf).pages)))
    for phrase in (
        "Debrief",
        "The sources",
        "A link is not the same as a cause.",
        "€ 7,600",
        "39.5",
        "9 of 10",
        "agree",
    ):
        assert phrase in text, phrase
    assert "gemiddeld" not in text and "Aanname" not in text


def test_a_large_varied_deck_stays_on_its_slides(tmp_path: Path, deck_copy: DeckFolder):
    """120 persons with sixty-odd postcodes: the charts keep nine rows (the rest summed as 'overige',
    counts only), shares become one bar in its track, and no text runs off any slide."""
    import pypdfium2 as pdfium

    rng = random.Random(5)
    persons = [make_person(rng, i, 1 + i % 2) for i in range(120)]
    for p in persons:
        p["postcode"] = str(rng.randint(3500, 3599))
    deck_copy.set_persons(persons, pseudonymised=[])
    pdf = build_slides(deck_copy.path, tmp_path, "--allow-broken-lesson")
    doc = pdfium.PdfDocument(str(pdf))
    width, height = 960, 540
    for i in range(len(doc)):
        textpage = doc[i].get_textpage()
        for c in range(textpage.count_chars()):
            if not textpage.get_text_range(c, 1).strip():
                continue
            left, bottom, right, top = textpage.get_charbox(c)
            assert left >= 0 and right <= width and bottom >= 0 and top <= height, (i + 1, left, bottom)
    page = comparison_pages(deck_copy.path)["postcode"]
    assert "overige" in flat(page_text(pdf, page))
    assert len(bars(pdf, page)) <= 2 + 2 * 8  # the key swatches and at most eight rows of bars
    share = comparison_pages(deck_copy.path)["opleiding"]
    assert len(bars(pdf, share)) == 2  # one bar per series, not a box per person
