"""Booklet, answer sheet and handouts read back: figures, wording, imposition, columns, fonts."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print.cli import cli
from datadialoog_print.render.impose import saddle_stitch_order

from .conftest import DEFAULT_DECK, ROOT, DeckFolder
from .pdfcheck import MM, fonts_not_embedded, page_sizes_mm, page_text, pdfs, text_in_box


def build(deck: Path, out: Path, *only: str, broken: bool = False) -> None:
    """``broken``: the test's own persons, which need not show the lesson nor look real (built anyway; a build
    stops at both since issue 36)."""
    anyway = ["--allow-broken-lesson", "--allow-implausible-persons"] if broken else []
    args = ["build", str(deck), "-o", str(out), "-q", *anyway]
    for kind in only:
        args += ["--only", kind]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    build(DEFAULT_DECK, out, "booklet", "answers", "handouts")
    return out


def all_text(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())


def dutch(value: float, decimals: int = 1) -> str:
    """Written here independently: 7600 → 7.600, 39.5 → 39,5, 50.0 → 50; halves round up, as by hand."""
    from decimal import ROUND_HALF_UP, Decimal

    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text.rstrip("0").rstrip(",") if "," in text else text


def expected_figures(persons: list[dict]) -> list[str]:
    """Every figure the answer sheet must print, computed from the raw YAML."""
    out = []
    groups: dict[str, list[dict]] = {}
    for p in persons:
        groups.setdefault(str(p["series"]), []).append(p)
    for group in groups.values():
        n = len(group)
        out.append(f"{sum(p['opleiding'] in ('WO', 'HBO') for p in group)} van {n} WO/HBO")
        out.append(f"{sum(p['migratieachtergrond'] == 'Nederlands' for p in group)} van {n} Nederlands")
        out.append(f"gemiddeld {dutch(statistics.fmean(p['leeftijd'] for p in group))}")
        out.append(f"gemiddeld € {dutch(statistics.fmean(p['studieschuld'] for p in group), 0)}")
        out.append(f"gemiddeld {dutch(statistics.fmean(p['maanden_uitkering'] for p in group))}")
        total = sum(p["interventies"] for p in group)
        out.append(f"{dutch(total, 0)} in totaal, gemiddeld {dutch(total / n)}")
        counts = Counter(p["postcode"] for p in group)
        top = max(counts.values())
        out.append("vooral " + "/".join(sorted(pc for pc, c in counts.items() if c == top)))
    return out


def test_answer_sheet_figures_match_independent_computation(docs: Path):
    """Every figure on the A4 answer sheet and in the booklet equals the plain-Python one."""
    persons = yaml.safe_load((DEFAULT_DECK / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    expected = expected_figures(persons)
    assert (
        "gemiddeld 39,5" in expected and "gemiddeld € 7.600" in expected and "38 in totaal, gemiddeld 3,8" in expected
    )
    for pdf in ("antwoordblad.pdf", "gespreksleider-a5.pdf"):
        text = all_text(docs / pdf)
        for figure in expected:
            assert figure in text, (pdf, figure)
        assert "Hier zijn geen opvallende verschillen. De twee groepen werken in bijna dezelfde sectoren." in text
        assert "Herkenbaar: ‘motorvoertuigen’ komt maar bij 1 persoon voor." in text
        assert "Op deze kaarten hangt dit niet samen met leeftijd." in text
    assert len(PdfReader(docs / "antwoordblad.pdf").pages) == 1
    assert page_sizes_mm(docs / "antwoordblad.pdf")[0] == pytest.approx((210, 297), abs=0.1)


def test_answer_sheet_of_a_generated_deck(tmp_path: Path, deck_copy: DeckFolder):
    """A deck with other persons: the sheet prints their figures, computed here independently."""
    import random

    from .test_stats import make_person

    rng = random.Random(7)
    persons = [make_person(rng, i, 1 + i % 2) for i in range(17)]
    for i, p in enumerate(persons):
        p["name"] = f"T. Test {i}"
    deck_copy.set_persons(persons, pseudonymised=["T. Test 1"])
    build(deck_copy.path, tmp_path, "answers", broken=True)
    text = all_text(tmp_path / "antwoordblad.pdf")
    for figure in expected_figures(persons):
        assert figure in text, figure


def test_wording_flips_when_the_difference_reverses(tmp_path: Path, deck_copy: DeckFolder):
    """Swap the series: the sheet says 'Jongeren vinden…', never the contradicted 'Ouderen vinden…', and
    asks the question that goes with it."""
    deck_copy.swap_series()
    build(deck_copy.path, tmp_path, "answers", broken=True)
    text = all_text(tmp_path / "antwoordblad.pdf")
    assert "Jongeren vinden moeilijker werk." in text
    assert "Vinden jongeren moeilijker werk?" in text
    assert "Ouderen vinden moeilijker werk" not in text
    assert "Lager opgeleiden vinden vaker werk dan hoger opgeleiden." in text
    assert "Hoger opgeleiden vinden vaker werk" not in text
    assert "Reeks 1 zat gemiddeld korter in de uitkering. Bij Reeks 2 tellen de maanden tot nu toe." in text


def _bottom_number(pdf: Path, page: int, left_mm: float, right_mm: float) -> str:
    return text_in_box(pdf, page, (left_mm, 0, right_mm, 14)).strip()


def test_booklet_reading_order_is_a5_with_page_numbers(docs: Path):
    """A5 pages; every page but the cover carries its own number at the foot."""
    pdf = docs / "gespreksleider-a5.pdf"
    sizes = page_sizes_mm(pdf)
    assert all(s == pytest.approx((148, 210), abs=0.1) for s in sizes)
    assert _bottom_number(pdf, 0, 0, 148) == ""
    for i in range(1, len(sizes)):
        assert _bottom_number(pdf, i, 0, 148) == str(i + 1)


@pytest.mark.parametrize("deck,name", [("default", "gespreksleider-a5.pdf"), ("default-en", "facilitator-a5.pdf")])
def test_contents_point_at_the_headings(tmp_path: Path, deck: str, name: str):
    """Every contents entry's page number is the page its heading is printed on (the answer sheet,
    laid out last while its figures are computed, included)."""
    import re

    build(ROOT / "decks" / deck, tmp_path, "booklet")
    pdf = tmp_path / name
    entries = [m.groups() for m in re.finditer(r"^(\S.*?)(?: \.)+ ?(\d+)\r?$", page_text(pdf, 1), re.M)]
    assert len(entries) >= 12
    pages = [int(page) for _, page in entries]
    assert pages == sorted(pages), "the contents list the booklet in reading order"
    for heading, page in entries:
        printed = " ".join(page_text(pdf, int(page) - 1).split())
        assert heading in printed, (heading, page)
        assert printed.startswith(str(page)) or printed.endswith(str(page))


def test_imposed_booklet_pages_on_the_right_sides(docs: Path):
    """Each side of each A4 sheet carries the right two page numbers, left and right, and n is a multiple of 4."""
    reading = len(PdfReader(docs / "gespreksleider-a5.pdf").pages)
    pdf = docs / "gespreksleider-boekje-a4.pdf"
    sides = page_sizes_mm(pdf)
    n = len(sides) * 2
    assert n % 4 == 0 and reading <= n < reading + 4
    assert all(s == pytest.approx((297, 210), abs=0.1) for s in sides)
    prefs = PdfReader(pdf).trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/Duplex"] == "/DuplexFlipShortEdge" and prefs["/PrintScaling"] == "/None"
    for i in range(n // 4):
        front, back = (n - 2 * i, 1 + 2 * i), (2 + 2 * i, n - 1 - 2 * i)
        assert saddle_stitch_order(reading)[i] == (front, back)
        for side, (left, right) in ((2 * i, front), (2 * i + 1, back)):
            for number, (x0, x1) in ((left, (0, 148.5)), (right, (148.5, 297))):
                found = _bottom_number(pdf, side, x0, x1)
                expected = "" if number == 1 or number > reading else str(number)
                assert found == expected, (side, number, found)


def test_booklet_holds_the_whole_instruction(docs: Path):
    """Contents, the corrected texts, every question, the statements, the database table, the key and the guide."""
    deck = yaml.safe_load((DEFAULT_DECK / "texts.yaml").read_text(encoding="utf-8"))
    text = all_text(docs / "gespreksleider-a5.pdf")
    for heading in [
        "Inhoud",
        "Deel 1: De database game",
        "Opdracht 1: Pseudonimiseren",
        "Deel 2: De datadialoog",
        "Alle personen en kenmerken",
        "Sleutel van de pseudoniemen",
        "Printen en snijden",
    ]:
        assert heading in text, heading
    for assignment in deck["part1"]["assignments"]:
        for q in assignment["questions"]:
            assert " ".join(q["question"].split()).replace("'", "’") in text
    for q in deck["part2"]["questions"]:
        assert q.replace("'", "’") in text
    assert "gele" in text and "onomkeerbaar" in text  # the yellow set; anonymising is irreversible
    assert "kaarten-reeks-1-groen.pdf" in text and "omslaan via de korte kant" in text
    for name in ["B. Bos", "A. Yıldız", "M. Güneş", "E. Çelik", "S. Doğan", "R. Daniëls"]:
        assert name.replace(" ", "\xa0") in text or name in text, name


def _appendix_pages(pdf: Path) -> list[int]:
    """Pages (0-based) from the persons table's heading up to the pseudonym key's."""
    pages = [" ".join(page_text(pdf, i).split()) for i in range(len(PdfReader(pdf).pages))]
    first = next(i for i, t in enumerate(pages) if i > 1 and "Alle personen en kenmerken" in t)
    last = next(i for i, t in enumerate(pages) if i > 1 and "Sleutel van de pseudoniemen" in t)
    return list(range(first, last + 1))


def test_each_person_on_one_page_of_the_appendix_with_its_series(docs: Path):
    """Every person's block names their series and holds all ten values, on one page: the block
    below the name, in the name's column, has each printed value of that person."""
    import pypdfium2 as pdfium

    from datadialoog_print import load_deck
    from datadialoog_print.deck.cardtext import value_text
    from datadialoog_print.deck.language import language

    deck = load_deck(DEFAULT_DECK)
    lang = language("nl")
    pdf = docs / "gespreksleider-a5.pdf"
    doc = pdfium.PdfDocument(str(pdf))
    found = {}
    for i in _appendix_pages(pdf):
        textpage = doc[i].get_textpage()
        for person in deck.persons:
            label = next(s.label for s in deck.series if s.key == person.series)
            search = textpage.search(f"{person.name} · {label}")
            hit = search.get_next()
            if hit is None:
                continue
            left, bottom, _right, top = textpage.get_charbox(hit[0])
            assert person.name not in found, f"{person.name} appears twice"
            # The block: from the name down 62 mm, half the text column wide.
            block = textpage.get_text_bounded(left - 2, bottom - 62 * MM, left + 57 * MM, top + 2)
            found[person.name] = " ".join(block.split())
            for a in deck.attributes:
                value = " ".join(value_text(a, person.values[a.key], lang).split())
                assert value in found[person.name], (person.name, a.key, value)
    assert sorted(found) == sorted(p.name for p in deck.persons)


@pytest.mark.parametrize("deck,name", [("default", "gespreksleider-a5.pdf"), ("default-en", "facilitator-a5.pdf")])
def test_headings_never_end_a_page(tmp_path: Path, deck: str, name: str):
    """No page of the booklet ends with a heading (they keep with their text), in either language."""
    build(ROOT / "decks" / deck, tmp_path, "booklet")
    pdf = tmp_path / name
    toc = page_text(pdf, 1)
    headings = {line.split(" .")[0].strip() for line in toc.splitlines() if " ." in line}
    assert len(headings) >= 8
    pages = len(PdfReader(pdf).pages)
    for i in range(2, pages):
        lines = [line.strip() for line in page_text(pdf, i).splitlines() if line.strip()]
        body = [line for line in lines if line != str(i + 1)]
        assert body and body[-1] not in headings, (i + 1, body[-1])
        assert not body[-1].startswith(("Reeks ", "Series ")), (i + 1, body[-1])


def test_questions_in_two_columns(docs: Path):
    """1–3 stand in the left column, 4–6 in the right (x positions of the extracted numbers)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(docs / "vragen.pdf"))
    textpage = doc[0].get_textpage()
    positions = {}
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        nxt = textpage.get_text_range(i + 1, 1) if i + 1 < textpage.count_chars() else ""
        if ch in "123456" and nxt == ".":
            left, _bottom, _right, top = textpage.get_charbox(i)
            positions.setdefault(ch, (left / MM, top / MM))
    assert sorted(positions) == list("123456")
    middle = 105
    assert all(positions[n][0] < middle for n in "123")
    assert all(positions[n][0] > middle for n in "456")
    assert positions["1"][1] > positions["2"][1] > positions["3"][1]
    assert positions["4"][1] > positions["5"][1] > positions["6"][1]


def test_no_question_leaves_a_word_alone_on_a_line_before_its_last(docs: Path):
    """Each question's lines as printed: none but the last holds a single word (question 6 once printed
    "als de / gemeente / datagedreven werkt?"), and the last holds two (its last two words are tied)."""
    import re

    lines = [line.strip() for line in page_text(docs / "vragen.pdf", 0).splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("1. "))
    questions: list[list[str]] = []
    for line in lines[start:]:
        if re.match(r"[1-9]\. ", line):
            questions.append([line.split(" ", 1)[1]])
        elif questions:
            questions[-1].append(line)
    assert len(questions) == 6, lines
    for question in questions:
        assert all(len(line.split()) > 1 for line in question), question


def test_statements_one_per_landscape_page_and_participant_sheet(docs: Path):
    """13 statements, each alone on an A4 landscape page; the participant sheet lists all with eens/neutraal/oneens."""
    texts = yaml.safe_load((DEFAULT_DECK / "texts.yaml").read_text(encoding="utf-8"))
    sentences = [f"{g['stem']} {item}" for g in texts["part2"]["statements"] for item in g["items"]]
    pdf = docs / "stellingen.pdf"
    assert len(sentences) == 13
    sizes = page_sizes_mm(pdf)
    assert len(sizes) == 13 and all(s == pytest.approx((297, 210), abs=0.1) for s in sizes)
    for i, sentence in enumerate(sentences):
        assert " ".join(sentence.split()) in " ".join(page_text(pdf, i).split())
    participants = all_text(docs / "stellingen-deelnemers.pdf")
    for sentence in sentences:
        assert " ".join(sentence.split()) in participants
    assert "eens" in participants and "neutraal" in participants and "oneens" in participants


def test_every_document_embeds_its_fonts(docs: Path):
    """Every font in every document is embedded."""
    for pdf in pdfs(docs, 7):
        assert fonts_not_embedded(pdf) == [], pdf.name


def test_only_builds_one_kind(tmp_path: Path):
    """--only booklet writes just the two booklet files."""
    build(DEFAULT_DECK, tmp_path, "booklet")
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["gespreksleider-a5.pdf", "gespreksleider-boekje-a4.pdf"]
