"""Running the session from the booklet alone: the run sheet, the steps the original never gave,
cross-references with computed pages, and the words and layout a facilitator reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print import load_deck
from datadialoog_print.assemble import BuildOptions, build
from datadialoog_print.cli import cli
from datadialoog_print.deck import words_en, words_nl
from datadialoog_print.deck.typography import curly

from .conftest import DEFAULT_DECK, ROOT, DeckFolder
from .pdfcheck import MM, page_text, text_in_box

ENGLISH = ROOT / "decks" / "default-en"
BOOKLET = {"nl": "gespreksleider-a5.pdf", "en": "facilitator-a5.pdf"}


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def booklets(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for lang, deck in (("nl", DEFAULT_DECK), ("en", ENGLISH)):
        folder = tmp_path_factory.mktemp(lang)
        code, output = run("build", str(deck), "-o", str(folder), "-q", "--only", "booklet", "--only", "answers")
        assert code == 0, output
        out[lang] = folder / BOOKLET[lang]
    return out


def pages(pdf: Path) -> list[str]:
    """Each page's text on one line, without its page number."""
    out = []
    for i in range(len(PdfReader(pdf).pages)):
        text = " ".join(page_text(pdf, i).split())
        out.append(re.sub(rf"^{i + 1} | {i + 1}$", "", text))
    return out


def page_of(texts: list[str], heading: str, after: int = 2) -> int:
    """1-based page where a heading stands (past the contents)."""
    return next(i + 1 for i, t in enumerate(texts) if i >= after and heading in t)


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


@pytest.mark.parametrize("lang,deck", [("nl", DEFAULT_DECK), ("en", ENGLISH)])
def test_run_sheet_on_one_page_with_times_and_pages(booklets, lang: str, deck: Path):
    """Page 3: every part with its minutes, its clock time from the deck's start and its page, the
    total and the end, on one page; the next page holds the ground rules."""
    texts = yaml.safe_load((deck / "texts.yaml").read_text(encoding="utf-8"))
    sheet = texts["run_sheet"]
    pdf = booklets[lang]
    all_pages = pages(pdf)
    run_page = all_pages[2]
    assert run_page.startswith({"nl": "Draaiboek", "en": "Run sheet"}[lang])
    assert all_pages[3].startswith({"nl": "Afspraken voor de groep", "en": "Ground rules for the group"}[lang])
    hours, minutes = map(int, sheet["start"].split(":"))
    at = hours * 60 + minutes
    import pypdfium2 as pdfium

    textpage = pdfium.PdfDocument(str(pdf))[2].get_textpage()
    lines = page_text(pdf, 2).splitlines()
    header = textpage.search({"nl": "Blz.", "en": "Page"}[lang]).get_next()
    column = textpage.get_charbox(header[0])[0] / MM
    anchors = {
        "introduction": {"nl": "Inleiding", "en": "Introduction"}[lang],
        "part1": texts["part1"]["title"],
        "answer_sheet": texts["answer_sheet"]["title"],
        "questions": {"nl": "Vragen", "en": "Questions"}[lang],
        "statements": {"nl": "Stellingen", "en": "Statements"}[lang],
    }
    for assignment in texts["part1"]["assignments"]:
        word = {"nl": "Opdracht", "en": "Exercise"}[lang]
        anchors[f"assignment-{assignment['key']}"] = f"{word} {assignment['key']}: {assignment['title']}"
    from datadialoog_print.deck.timing import Room, timings

    minutes = timings(load_deck(deck), Room(1, sheet["per_table"]))
    anchors["before"] = {"nl": "Voor en na de sessie", "en": "Before and after the session"}[lang]
    for part, length in zip(sheet["parts"], minutes, strict=True):
        title = curly(part["title"])
        row = next(line for line in lines if line.startswith(f"{clock(at)} {length} "))
        assert title.split()[0] in row, (part, row)
        # The page stands in the last column, on the row's first line; the column is found by its header
        # (the sheet may be set a little smaller to stay on one page). It is the page of the part's script,
        # whose heading is the clock time and the title; the script names the page of the part's instructions.
        hit = textpage.search(f"{clock(at)} {length} ").get_next()
        _, bottom, _, top = textpage.get_charbox(hit[0])
        page = int(text_in_box(pdf, 2, (column - 1, bottom / MM - 1, 148, top / MM + 1)).strip())
        assert f"{clock(at)} {title}" in all_pages[page - 1], (part, page)
        if "see" in part:
            script = all_pages[page - 1]
            see = re.search(rf"{re.escape(clock(at))} {re.escape(title)} .*?· (?:zie blz\.|see page) (\d+)", script)
            assert see and anchors[part["see"]] in all_pages[int(see[1]) - 1], (part, page)
        at += length
    total = sum(minutes)
    assert f"{clock(at)} {total} " in run_page
    for item in sheet["prepare"]:
        assert " ".join(curly(item).split()[:4]) in run_page


def test_start_option_moves_the_clock_and_is_checked(tmp_path: Path):
    """--start 9:05 gives 09:05 to 11:05; a time that is not HH:MM stops the build with one line."""
    code, output = run("build", "-o", str(tmp_path), "-q", "--only", "booklet", "--start", "9:05")
    assert code == 0, output
    text = pages(tmp_path / BOOKLET["nl"])[2]
    assert "Van 09:05 tot 11:05: 120 minuten." in text and "09:05 10 Welkom" in text
    manifest = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert '"start": "09:05"' in manifest
    for bad in ("25:00", "13.30", "1330", "13:60", "noon", ""):
        result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "x"), "--only", "booklet", "--start", bad])
        assert result.exit_code == 2 and "HH:MM" in result.output, (bad, result.output)
        assert not (tmp_path / "x").exists()


def test_materials_are_counted_from_the_build(tmp_path: Path):
    """Three card sets (three tables of four): 12 participants, 12 pencils, 12 participant sheets,
    3 question sheets, the statements' page count and the slides' count."""
    deck = load_deck(DEFAULT_DECK)
    build(deck, tmp_path, options=BuildOptions(only=("booklet", "slides"), sets=3))
    text = pages(tmp_path / BOOKLET["nl"])[2]
    per_table = 4
    cards = 10 * 10
    statements = sum(len(g.items) for g in deck.texts.statements)
    slides = len(PdfReader(tmp_path / "dias.pdf").pages)
    for phrase in (
        f"voor {3 * per_table} deelnemers aan 3 tafels van {per_table}",
        f"3 kaartsets, één per tafel; elke set heeft {cards} kaarten van Reeks 1 (groen) en {cards} kaarten van Reeks 2",
        f"{3 * per_table} potloden en gummen, één per deelnemer, voor de nummers in het vak ‘nr.’",
        f"{3 * per_table} × stellingen-deelnemers.pdf",
        "3 × vragen.pdf",
        f"1 × stellingen.pdf ({statements} vellen)",  # one for the room: put up, or passed along the tables
        "1 × antwoordblad.pdf",
        f"dias.pdf ({slides} dia’s)",
    ):
        assert phrase in text, phrase


def test_shuffle_and_write_in_at_the_step_where_they_matter(booklets):
    """Before assignment 1 the booklet says to shuffle each stack; assignment 1 says the number goes in
    the card's box, named as the cards print it."""
    for lang, words in (("nl", ("Schud elke stapel", "in het vak ‘nr.’")), ("en", ("Shuffle each stack", "‘no.’"))):
        texts = pages(booklets[lang])
        assignment = page_of(texts, {"nl": "Opdracht 1: Pseudonimiseren", "en": "Exercise 1: Pseudonymisation"}[lang])
        joined = " ".join(texts[3:assignment])
        before = joined[
            : joined.index({"nl": "Opdracht 1: Pseudonimiseren", "en": "Exercise 1: Pseudonymisation"}[lang])
        ]
        assert words[0] in before, lang
        assert words[1] in joined, lang


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cross_references_name_computed_pages(booklets, lang: str):
    """Assignment 2b points to the overview's page and the answer-sheet and slide files; the hint on the
    pre-pseudonymised persons points to the key's page; the statements to the participant sheet."""
    texts = pages(booklets[lang])
    joined = " ".join(texts)
    nl = lang == "nl"
    overview = page_of(texts, "Hieronder staan de verschillen" if nl else "Below are the differences")
    key = page_of(texts, "Sleutel van de pseudoniemen" if nl else "Pseudonym key", after=overview)
    if nl:
        assert f"staat op blz. {overview}, en op één A4 in antwoordblad.pdf" in joined
        assert "De dia’s (dias.pdf)" in joined
        assert f"(de sleutel staat op blz. {key})" in joined
        assert "Het deelnemersblad (stellingen-deelnemers.pdf)" in joined
    else:
        assert f"is on page {overview}, and on a single A4 sheet in answer-sheet.pdf" in joined
        assert "The slides (slides.pdf)" in joined
        assert f"(the key is on page {key})" in joined
        assert "The participant sheet (statements-participants.pdf)" in joined
    # The pointer to the overview stands right after task 2b, before its questions.
    at = joined.index("2b:")
    assert joined.index("antwoordblad.pdf" if nl else "answer-sheet.pdf", at) < joined.index(
        "Vragen bij deze opdracht" if nl else "Questions for this exercise", at
    )


SLIPS = {
    "nl": ["Houd hem bij de gespreksleider", "Elk vel draagt", "neutraal staan", "Gemiddelde leeftijd", "draagt"],
    "en": [
        "1 time",
        "6 times",
        "times Hospital",
        "As a member of the municipality",
        "lay out the cards the way they are now",
        "Mean age",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_straight_quotes_and_none_of_the_slips(booklets, lang: str):
    """Not one straight apostrophe or quote in the booklet, none of the phrases the issue lists, and
    money means carry their € (as the appendix's amounts do)."""
    pdf = booklets[lang]
    text = " ".join(pages(pdf))
    assert "'" not in text and '"' not in text
    assert ("risico’s" if lang == "nl" else "municipality") in text
    for slip in SLIPS[lang]:
        assert slip not in text, slip
    assert ("gemiddeld € 7.600" if lang == "nl" else "average € 7,600") in text
    if lang == "en":
        assert "1 visit" in text and "6 visits" in text
    sheet = " ".join(pages(pdf.parent / ("antwoordblad.pdf" if lang == "nl" else "answer-sheet.pdf")))
    assert "'" not in sheet and ("gemiddeld € 4.600" if lang == "nl" else "average € 4,600") in sheet


def test_words_tables_have_no_straight_quotes():
    """The tool's own words are typographic in both languages."""
    for table in (words_nl.WORDS, words_en.WORDS):
        for key, value in table.items():
            assert "'" not in value and '"' not in value, key


def test_curly_quotes():
    """Apostrophes, elisions and opening and closing quotes, single and double."""
    assert curly("risico's") == "risico’s"
    assert curly("that series' colour") == "that series’ colour"
    assert curly("don't") == "don’t"
    assert curly("'s avonds en 't huis") == "’s avonds en ’t huis"
    assert curly("sector 'motorvoertuigen'.") == "sector ‘motorvoertuigen’."
    assert (
        curly('zeggen: "Dit wil ik niet" of ("Dit ben ik niet")') == "zeggen: “Dit wil ik niet” of (“Dit ben ik niet”)"
    )
    assert curly("al “goed”") == "al “goed”"


def test_a_decks_straight_quotes_are_converted_once_and_consistently(tmp_path: Path, deck_copy: DeckFolder):
    """A name and a category with straight apostrophes load typographic; the pre-pseudonymised list
    still finds its person, and the cards print the converted value."""
    deck_copy.replace("persons.yaml", "name: H. Verbeek", "name: H. D'Verbeek")
    deck_copy.replace("deck.yaml", "[K. Bouzid, G. Pinas, H. Verbeek]", '[K. Bouzid, G. Pinas, "H. D\'Verbeek"]')
    deck_copy.replace("deck.yaml", "      - motorvoertuigen", '      - "auto\'s"')
    deck_copy.replace("persons.yaml", "sector: motorvoertuigen", 'sector: "auto\'s"')
    deck_copy.replace("answers.yaml", "value: motorvoertuigen", 'value: "auto\'s"')
    deck = load_deck(deck_copy.path)
    assert "H. D’Verbeek" in deck.series[1].pseudonymised
    assert any(p.name == "H. D’Verbeek" for p in deck.persons)
    assert "auto’s" in deck.attribute("sector").categories
    assert deck.pseudonym_key == "datadialoog-utrecht-2024" and deck.attributes[0].key == "leeftijd"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_page_left_mostly_empty(booklets, lang: str):
    """Every page but the cover and the last has text in its lower half: no part starts a fresh page
    when the page before it is mostly empty."""
    import pypdfium2 as pdfium

    pdf = booklets[lang]
    doc = pdfium.PdfDocument(str(pdf))
    for i in range(1, len(doc) - 1):
        textpage = doc[i].get_textpage()
        lowest = min(
            textpage.get_charbox(c)[1]
            for c in range(textpage.count_chars())
            if textpage.get_text_range(c, 1).strip() and textpage.get_charbox(c)[1] > 15 * MM
        )
        assert lowest < 105 * MM, (lang, i + 1, lowest / MM)


def test_stamp_at_the_foot_of_the_answer_sheet(booklets):
    """The build stamp (deck, hash, version) stands at the foot of the A4 answer sheet, not after the table."""
    sheet = booklets["nl"].parent / "antwoordblad.pdf"
    foot = " ".join(text_in_box(sheet, 0, (0, 0, 210, 15)).split())
    assert re.search(r"default · [0-9a-f]{8} · datadialoog-print", foot), foot
    above = " ".join(text_in_box(sheet, 0, (0, 15, 210, 297)).split())
    assert "datadialoog-print" not in above


@pytest.mark.parametrize(
    "edit,message",
    [
        (('start: "13:30"', "start: 1330"), 'write the time in quotes, e.g. start: "13:30"'),
        (('start: "13:30"', 'start: "25:00"'), "is not a time of day as HH:MM"),
        (
            ("      minutes: 10\n      per_card_seconds: 20", "      minutes: 0\n      per_card_seconds: 20"),
            "from 1 to 480",
        ),
        (
            ("      minutes: 10\n      per_card_seconds: 20", "      minutes: kwartier\n      per_card_seconds: 20"),
            "whole number",
        ),
        (("      per_card_seconds: 20", "      per_card_seconds: 601"), "from 0 to 600"),
        (("  length: 120", "  length: twee uur"), "whole number"),
        (("    must: [leeftijd,", "    must: [leeftijt,"), "'leeftijt' is no attribute of the deck"),
        (("    if_time: [opleiding,", "    if_time: [leeftijd,"), "'leeftijd' is named twice"),
        (('    reads_sheets: ""', "    reads_sheets: [a, b]"), "expected text"),
        (("see: assignment-1", "see: assignment-9"), "'assignment-9' is not a place in the booklet"),
        (("see: answer_sheet\n", "see: answersheet\n"), "did you mean 'answer_sheet'?"),
        (("  per_table: 4", "  per_table: 0"), "from 1 to 50"),
        (("    - title: Pauze\n      minutes: 10", "    - title: Pauze"), "missing required key 'minutes'"),
    ],
)
def test_bad_run_sheet_is_reported_with_file_and_line(deck_copy: DeckFolder, edit, message: str):
    """Each mistake in the run sheet: exit 2 and one line naming texts.yaml, its line and the field."""
    old, new = edit
    line = deck_copy.line_of("texts.yaml", old.splitlines()[0].strip())
    deck_copy.replace("texts.yaml", old, new)
    code, output = run("check", str(deck_copy.path))
    assert code == 2 and message in output, output
    assert any(re.search(rf"texts\.yaml:{n}\b", output) for n in (line - 1, line, line + 1)), output


def test_statements_break_into_balanced_lines(tmp_path: Path):
    """On the statement pages (and slides) no line is a lone word: the lines are evened out, so the
    third statement no longer ends with 'de' on a line of its own."""
    code, output = run("build", "-o", str(tmp_path), "-q", "--only", "handouts", "--only", "slides")
    assert code == 0, output
    for pdf, skip_top, skip_bottom in ((tmp_path / "stellingen.pdf", 1, 0), (tmp_path / "dias.pdf", 1, 2)):
        count = len(PdfReader(pdf).pages)
        first = 0 if pdf.name == "stellingen.pdf" else count - 13
        for i in range(first, count):
            lines = [line.strip() for line in page_text(pdf, i).splitlines() if line.strip()]
            body = lines[skip_top : len(lines) - skip_bottom]
            # A word too long to share a line ("re-integratiedienstverlening") may stand alone.
            assert all(len(line.split()) >= 2 or len(line) >= 15 for line in body), (pdf.name, i + 1, body)
