"""A session a first-time facilitator can run alone (issue 35): tables as the organiser sets them, minutes that
add up for the room, what happens before and after, claims never stated as facts, cautions as strong as the
question, and no text on a slide or handout cut off or ending in a line of one word, measured from the PDFs."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.deck.timing import Room, debrief_order, timings
from datadialoog_print.paper.printplan import Copies, copies
from datadialoog_print.render.slides import slide_numbers

from .conftest import ROOT, DeckFolder
from .pdfcheck import page_text

BOOKLET = {"default": "gespreksleider-a5.pdf", "default-en": "facilitator-a5.pdf"}
SLIDES = {"default": "dias.pdf", "default-en": "slides.pdf"}
HANDOUTS = {
    "default": ("vragen.pdf", "stellingen.pdf", "stellingen-deelnemers.pdf", "sleutelblad.pdf", "antwoordblad.pdf"),
    "default-en": (
        "questions.pdf",
        "statements.pdf",
        "statements-participants.pdf",
        "key-sheet.pdf",
        "answer-sheet.pdf",
    ),
}


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def flat(text: str) -> str:
    return " ".join(text.split())


def lines_of(pdf: Path, page: int) -> list[tuple[float, float, float, str]]:
    """Every line of text on a page as (font size, baseline y, left x, text), top to bottom: characters on one
    baseline at one size make a line."""
    doc = pdfium.PdfDocument(str(pdf))
    textpage = doc[page].get_textpage()
    out: list[list] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        char = textpage.get_text_range(i, 1)
        if char in "\r\n":
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        size = round(pdfium_c.FPDFText_GetFontSize(textpage.raw, i), 1)
        if out and abs(out[-1][1] - y.value) < 0.5 and out[-1][0] == size:
            out[-1][3] += char
        else:
            out.append([size, y.value, x.value, char])
    doc.close()
    return [(s, b, left, t) for s, b, left, t in out if t.strip()]


def blocks(lines: list[tuple[float, float, float, str]]) -> list[list[str]]:
    """Lines one under the other at one size and one leading apart: the lines of one paragraph."""
    out: list[list] = []
    previous = None
    for size, y, _x, text in lines:
        if previous and previous[0] == size and 0 < previous[1] - y <= size * 1.35:
            out[-1].append(text)
        else:
            out.append([text])
        previous = (size, y)
    return out


def one_word_endings(pdf: Path, *, column: int = 0) -> list[tuple[int, str]]:
    """(page, last line) of every paragraph of two or more lines whose last line is one word; ``column``: only
    paragraphs whose lines are at least that many characters (a table's narrow cells wrap as they must)."""
    found = []
    for page in range(len(PdfReader(pdf).pages)):
        for block in blocks(lines_of(pdf, page)):
            if len(block) < 2 or len(block[-2]) < column or re.fullmatch(r"[\d.,·•/–-]+", block[-1].strip()):
                continue
            if len(block[-1].split()) == 1:
                found.append((page + 1, f"{block[-2]} / {block[-1]}"))
    return found


@pytest.fixture(scope="module", params=["default", "default-en"])
def shipped(request, shipped_build) -> tuple[str, Path]:
    return request.param, shipped_build(request.param)


def test_no_slide_or_handout_text_cut_off_or_ending_in_one_word(shipped):
    """On every slide and handout, and in the booklet, no paragraph ends in a line of one word, no line ends in
    '…' (a text cut short), and every caution and question of the answer sheet stands on its slide in full."""
    deck, out = shipped
    for name in (SLIDES[deck], *HANDOUTS[deck], BOOKLET[deck]):
        pdf = out / name
        assert one_word_endings(pdf, column=40 if name == BOOKLET[deck] else 0) == [], name
        for page in range(len(PdfReader(pdf).pages)):
            for _, _, _, text in lines_of(pdf, page):
                assert not text.rstrip().endswith("…") or name == BOOKLET[deck], (name, page + 1, text)
    loaded = load_deck(ROOT / "decks" / deck)
    slides = [flat(page_text(out / SLIDES[deck], i)) for i in range(len(PdfReader(out / SLIDES[deck]).pages))]
    first = slide_numbers(loaded)["comparisons"][0]
    for n, (index, _) in enumerate(debrief_order(loaded)):
        row = loaded.comparisons[index]
        assert flat(row.caution) in slides[first - 1 + n], (n, row.attribute)


def test_the_measure_sees_a_one_word_last_line(tmp_path: Path):
    """The measure above finds a lone last word when there is one: a paragraph drawn by hand."""
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "widow.pdf"
    c = Canvas(str(pdf))
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Deze regel is lang genoeg om vol te staan")
    c.drawString(72, 686, "niet.")
    c.save()
    assert one_word_endings(pdf) == [(1, "Deze regel is lang genoeg om vol te staan / niet.")]


def _contrast(rgb: tuple[int, int, int]) -> float:
    """WCAG contrast of a text colour against white."""

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
    return 1.05 / (luminance + 0.05)


def _colours(pdf: Path, page: int, text: str) -> list[float]:
    """The contrast of each character of the first words of ``text`` where it stands on the page."""
    doc = pdfium.PdfDocument(str(pdf))
    textpage = doc[page].get_textpage()
    words = " ".join(text.split()[:3])
    hit = textpage.search(words).get_next()
    assert hit is not None, (page + 1, words)
    start, count = hit
    r, g, b, a = (pdfium_c.c_uint() for _ in range(4))
    out = []
    for i in range(start, start + count):
        pdfium_c.FPDFText_GetFillColor(textpage.raw, i, r, g, b, a)
        out.append(_contrast((r.value, g.value, b.value)))
    doc.close()
    return out


def test_every_comparison_slide_carries_its_caution_at_the_questions_contrast(shipped):
    """On every comparison slide the row's caution and the standing caution stand at least at the contrast of
    the question they qualify (the faintest caution character against the question's)."""
    deck, out = shipped
    loaded = load_deck(ROOT / "decks" / deck)
    first = slide_numbers(loaded)["comparisons"][0]
    rows = {r.attribute: r for r in loaded.comparisons}
    sheet = {flat(t) for t in page_text(out / SLIDES[deck], first - 1).splitlines()}
    assert sheet
    from datadialoog_print.figures.answersheet import answer_rows

    printed = answer_rows(loaded)
    for n, (index, _) in enumerate(debrief_order(loaded)):
        page = first - 1 + n
        question = min(_colours(out / SLIDES[deck], page, printed[index].question))
        for caution in (rows[loaded.comparisons[index].attribute].caution, loaded.texts.answer_sheet_caution):
            assert min(_colours(out / SLIDES[deck], page, caution)) >= question - 0.01, (page + 1, caution)


def test_two_tables_of_six_are_twelve_everywhere(tmp_path: Path):
    """--table-size 6 --sets 2: the booklet counts 12 participants at 2 tables of 6, 12 pencils and 12
    participant sheets, the manifest records it, and the run sheet's minutes follow the room."""
    code, output = run("build", "-o", str(tmp_path), "-q", "--only", "booklet", "--sets", "2", "--table-size", "6")
    assert code == 0, output
    text = flat(" ".join(page_text(tmp_path / BOOKLET["default"], i) for i in range(3)))
    for phrase in (
        "voor 12 deelnemers aan 2 tafels van 6",
        "12 potloden en gummen, één per deelnemer",
        "12 × stellingen-deelnemers.pdf",
        "2 × vragen.pdf",
        "2 × sleutelblad.pdf",
        "samen 6 rollen",
        "Van 13:30 tot 15:30: 120 minuten.",
    ):
        assert phrase in text, phrase
    assert "8 deelnemers" not in text and "Let op" not in text
    manifest = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert '"table_size": 6' in manifest and '"sets": 2' in manifest
    # The one count the booklet and a print plan read.
    assert copies(Copies.PARTICIPANT, tables=2, per_table=6) == 12
    assert copies(Copies.TABLE, tables=2, per_table=6) == 2 and copies(Copies.FACILITATOR, tables=2, per_table=6) == 1


def test_table_size_bounds_and_the_form(tmp_path: Path):
    """--table-size takes 1 to 50 (max and max + 1), as the workspace's form field does."""
    from datadialoog_print.errors import DatadialoogError
    from datadialoog_print.serve.forms import read_form

    assert run("build", "-o", str(tmp_path / "a"), "-q", "--only", "booklet", "--table-size", "50")[0] == 0
    code, output = run("build", "-o", str(tmp_path / "b"), "--only", "booklet", "--table-size", "51")
    assert code == 2 and "51" in output and not (tmp_path / "b").exists()
    assert read_form({"table_size": "6", "sets": "2"}).options.table_size == 6
    with pytest.raises(DatadialoogError, match="table_size"):
        read_form({"table_size": "51"})


def test_minutes_follow_the_room_and_warn_beyond_the_session():
    """Exercise 1 takes longer at a table of 3 than of 6 (the cards are shared); the welcome longer for more
    people; three tables of four overrun the shipped 120 minutes, two of six fill them exactly."""
    deck = load_deck(ROOT / "decks" / "default")
    small, big = timings(deck, Room(1, 3)), timings(deck, Room(1, 6))
    assert small[2] > big[2] and small[0] < big[0]
    assert timings(deck, Room(4, 6))[0] > timings(deck, Room(1, 6))[0]
    assert sum(timings(deck, Room(2, 6))) == 120 and sum(timings(deck, Room(3, 4))) == 123


def test_overrun_is_said_on_the_run_sheet_and_at_build(tmp_path: Path):
    """Three tables of four: the run sheet says the parts take 3 minutes longer, and so does the build."""
    code, output = run("build", "-o", str(tmp_path), "--only", "booklet", "--sets", "3")
    assert code == 0
    assert "123 minutes, 3 more than run_sheet.length (120)" in flat(output)
    text = flat(page_text(tmp_path / BOOKLET["default"], 2))
    assert "Let op: de onderdelen duren samen 3 minuten langer dan de 120 minuten van de sessie." in text


def test_empty_service_fields_are_lines_to_write_on_and_named_at_build(tmp_path: Path, deck_copy: DeckFolder):
    """The shipped deck leaves the service's fields empty: the booklet prints a line to write on and the build
    names the fields; filled in, they stand in the booklet, on the slide and on the closing slide, and the
    build says nothing."""
    code, output = run("build", "-o", str(tmp_path / "empty"), "--only", "booklet")
    assert "run_sheet.service.reads_sheets" in output and "run_sheet.service.referral" in output
    booklet = flat(" ".join(page_text(tmp_path / "empty" / BOOKLET["default"], i) for i in range(3, 8)))
    assert "Wie de bladen leest: ____" in booklet and "Doorverwijzen naar: ____" in booklet
    for key, value in (
        ("reads_sheets", "het team Participatie"),
        ("kept_for", "tot 1 maart"),
        ("report_back", "een brief via de cliëntenraad"),
        ("referral", "het Klantcontactcentrum"),
    ):
        deck_copy.replace("texts.yaml", f'    {key}: ""', f"    {key}: {value}")
    code, output = run(
        "build", str(deck_copy.path), "-o", str(tmp_path / "full"), "--only", "booklet", "--only", "slides"
    )
    assert code == 0 and "run_sheet.service" not in output
    booklet = flat(" ".join(page_text(tmp_path / "full" / BOOKLET["default"], i) for i in range(3, 8)))
    assert "Wie de bladen leest: het team Participatie" in booklet and "____" not in booklet
    assert "Doorverwijzen naar: het Klantcontactcentrum" in booklet
    slides = [flat(p.extract_text()) for p in PdfReader(tmp_path / "full" / "dias.pdf").pages]
    assert "Hoe lang we ze bewaren: tot 1 maart" in slides[3]
    assert "een brief via de cliëntenraad" in slides[-1]


@pytest.mark.parametrize("deck", ["default", "default-en"])
def test_the_shipped_decks_state_no_claim_as_a_fact(deck: str):
    """check finds no claim stated as a fact in either shipped deck."""
    code, output = run("check", str(ROOT / "decks" / deck), "--strict")
    assert code == 0, output


def test_a_blijkbaar_claim_is_flagged_by_check_and_at_build(tmp_path: Path, deck_copy: DeckFolder):
    """The original's 'Oudere mensen zitten blijkbaar niet langer in een uitkering' back in a deck copy: check
    warns naming answers.yaml and the field, --strict exits 1, and build says it in a note (and still builds)."""
    deck_copy.replace(
        "answers.yaml",
        "none: Op deze kaarten hangt dit niet samen met leeftijd. Of dat ook voor echte mensen geldt, zeggen deze cijfers niet.",
        "none: Dit lijkt niet samen te hangen met leeftijd. Oudere mensen zitten blijkbaar niet langer in een uitkering.",
    )
    code, output = run("check", str(deck_copy.path))
    assert "‘Oudere mensen zitten blijkbaar niet langer in een uitkering.’" in output, output
    assert "answers.yaml" in output and "correlation.none" in output
    assert run("check", str(deck_copy.path), "--strict")[0] == 1
    code, output = run("build", str(deck_copy.path), "-o", str(tmp_path), "--only", "answers")
    assert code == 0 and "blijkbaar" in output
    # A hedged sentence or a question passes.
    deck_copy.replace("answers.yaml", "blijkbaar niet langer", "misschien niet langer")
    assert run("check", str(deck_copy.path), "--strict")[0] == 0


def test_a_text_too_long_for_its_slide_stops_the_build(tmp_path: Path, deck_copy: DeckFolder):
    """A heading far too long for its slide is refused, naming the slide and the text; nothing is written."""
    long = ("Dit is een heel lange tekst die niet past. " * 7)[:299].strip()  # the loader takes 300
    # (the count's label stands in the slide's heading, which has room for two lines)
    deck_copy.replace("answers.yaml", "    category_label: WO/HBO", f"    category_label: {long}")
    code, output = run("build", str(deck_copy.path), "-o", str(tmp_path / "out"), "--only", "slides")
    assert code != 0 and "slide 12:" in output and "Opleidingsniveau: Dit is een heel lange" in output, output
    assert "shorten it" in output
    assert not list(tmp_path.glob("out/*.pdf"))


def test_debrief_shows_the_musts_first_and_the_booklet_says_so(shipped):
    """The comparison slides follow the run sheet's order, the four musts first; the debrief's part lists them
    under 'Moet' with their slide numbers, the rest under 'Als er tijd is'."""
    deck, out = shipped
    loaded = load_deck(ROOT / "decks" / deck)
    order = debrief_order(loaded)
    assert [m for _, m in order] == [True] * 4 + [False] * (len(order) - 4)
    first = slide_numbers(loaded)["comparisons"][0]
    slides = PdfReader(out / SLIDES[deck]).pages
    titles = {c.attribute: (c.title or loaded.attribute(c.attribute).label) for c in loaded.comparisons}
    for n, (index, _) in enumerate(order):
        assert flat(slides[first - 1 + n].extract_text()).startswith(titles[loaded.comparisons[index].attribute])
    booklet = flat(" ".join(p.extract_text() for p in PdfReader(out / BOOKLET[deck]).pages))
    must = {"default": "Moet: dia", "default-en": "Must: slide"}[deck]
    assert f"{must} {first} {titles[loaded.comparisons[order[0][0]].attribute]}" in booklet


def test_participant_facing_slides_carry_no_facilitator_notes(shipped):
    """The agenda names the parts as participants know them (no 'afplakband eraf'), the recognisability slide
    says nothing about when to show it, and every statement slide offers 'weet niet' as the sheet does."""
    deck, out = shipped
    slides = [flat(p.extract_text()) for p in PdfReader(out / SLIDES[deck]).pages]
    nl = deck == "default"
    assert not any(("afplakband" if nl else "tape") in s for s in slides[:3])
    assert not any(("na vraag" if nl else "after question") in s for s in slides)
    statements = [s for s in slides if ("eens · neutraal" if nl else "agree · neutral") in s]
    assert len(statements) == 13 and all(("weet niet" if nl else "don’t know") in s for s in statements)
    assert any(s.startswith("Afspraken" if nl else "Ground rules") for s in slides)
    legend = "Reeks 1: heeft werk gevonden" if nl else "Series 1: has found work"
    first = slide_numbers(load_deck(ROOT / "decks" / deck))["comparisons"][0]
    assert all(legend in s for s in slides[first - 1 : first + 8])
