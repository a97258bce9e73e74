"""A catalogue of bad decks, as a trainer would get them wrong and as an attacker would try them.

Each case: exit 2 and one clear problem, located by file, line and field; the same deck
given to ``build`` leaves an earlier output folder byte for byte as it was. The cases that
could hang (structure, patterns) run in a subprocess under a timeout in test_hostile.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from .conftest import DeckFolder
from .folders import snapshot


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


Line = Callable[[DeckFolder], int] | None


def at(file: str, needle: str, offset: int = 0, occurrence: int = 1) -> Callable[[DeckFolder], int]:
    """The line of ``needle`` in the broken file (plus ``offset``)."""
    return lambda d: d.line_of(file, needle, occurrence) + offset


@dataclass(frozen=True)
class Case:
    id: str
    breaker: Callable[[DeckFolder], None]
    file: str
    line: Line
    field: str
    words: tuple[str, ...]
    count: int = 1
    """Problems the deck has: one, unless one mistake is two (a renamed key is unknown and missing)."""


def swap(file: str, old: str, new: str) -> Callable[[DeckFolder], None]:
    return lambda d: d.replace(file, old, new)


P, D, A, T = "persons.yaml", "deck.yaml", "answers.yaml", "texts.yaml"
BOS = "    leeftijd: 34"

# fmt: off
DECK_CASES: list[Case] = [
    # --- the trainer's mistakes: syntax, keys, values, references
    Case("yaml-syntax", swap(P, BOS, "    leeftijd: [34"), P, at(P, "leeftijd: [34", 1), "", ("YAML syntax error",)),
    Case("not-utf8", lambda d: (d.path / P).write_bytes(d.text(P).encode().replace("Daniëls".encode(), "Daniëls".encode("latin-1"))),
         P, lambda d: next(i for i, x in enumerate((d.path / P).read_bytes().split(b"\n"), 1) if b"Dani\xebls" in x), "", ("not UTF-8",)),
    Case("tab-indent", swap(P, BOS, "\tleeftijd: 34"), P, at(P, "\tleeftijd"), "", ("tab in the indentation",)),
    Case("unknown-key", swap(D, "title: Datadialogen", "titel: Datadialogen"), D, at(D, "titel:"), "titel", ("unknown key 'titel'", "did you mean 'title'"), 2),
    Case("unknown-key-typo", swap(D, "    label: Leeftijd", "    lable: Leeftijd"), D, at(D, "lable:"), "attributes[1].lable", ("unknown key 'lable'", "did you mean 'label'"), 2),
    Case("duplicate-key", swap(D, "title: Datadialogen", "title: Datadialogen\ntitle: Nog eens"), D, at(D, "title: Nog eens"), "title", ("this key appears twice",)),
    Case("empty-file", lambda d: (d.path / A).write_text("# nothing\n"), A, lambda d: 1, "", ("the file is empty",)),
    Case("missing-file", lambda d: (d.path / T).unlink(), T, None, "", ("missing: every deck needs this file",)),
    Case("stray-yaml-file", lambda d: shutil.copy(d.path / P, d.path / "person.yaml"), "person.yaml", None, "", ("not a deck file", "did you mean 'persons.yaml'")),
    Case("fifty-mb-file", lambda d: (d.path / P).write_bytes(b"# " + b"x" * (50 * 1024 * 1024) + b"\n"), P, None, "", ("file is 52 MB; a deck file may be at most 20 MB",)),
    Case("missing-value", swap(P, BOS + "\n", ""), P, at(P, "- name: B. Bos"), "persons[1]", ("missing value for attribute 'leeftijd' of B. Bos",)),
    Case("extra-value", swap(P, BOS + "\n", BOS + "\n    schoenmaat: 43\n"), P, at(P, "schoenmaat"), "persons[1].schoenmaat", ("unknown attribute 'schoenmaat'",)),
    Case("text-for-number", swap(P, BOS, "    leeftijd: veertig"), P, at(P, "veertig"), "persons[1].leeftijd", ("expected a number, got text 'veertig'",)),
    Case("yes-for-number", swap(P, "    interventies: 4\n", "    interventies: yes\n"), P, at(P, "interventies: yes"), "persons[1].interventies", ("expected a number, got yes/no value 'true'",)),
    Case("negative-age", swap(P, BOS, "    leeftijd: -3"), P, at(P, "leeftijd: -3"), "persons[1].leeftijd", ("-3 is below the minimum 0",)),
    Case("age-300", swap(P, BOS, "    leeftijd: 300"), P, at(P, "leeftijd: 300"), "persons[1].leeftijd", ("300 is above the maximum 120",)),
    Case("empty-name", swap(P, "- name: B. Bos", "- name: ''"), P, at(P, "- name: ''"), "persons[1].name", ("must not be empty",)),
    Case("duplicate-names", swap(P, "- name: A. Yıldız", "- name: B. Bos"), P, at(P, "name: B. Bos", 0, 2), "persons[2].name", ("duplicate name 'B. Bos' (first at line 3)",)),
    Case("category-not-listed", swap(P, "    opleiding: HBO", "    opleiding: HB0"), P, at(P, "opleiding: HB0"), "persons[1].opleiding", ("'HB0' is not one of the categories", "did you mean 'HBO'")),
    Case("code-pattern", swap(P, 'postcode: "3582"', 'postcode: "358"'), P, at(P, 'postcode: "358"'), "persons[1].postcode", ("'358' does not match the pattern",)),
    Case("unknown-series", swap(P, "    series: 1", "    series: 3"), P, at(P, "series: 3"), "persons[1].series", ("unknown series '3'",)),
    Case("unknown-source", swap(D, "    source: brp\n    kind: number", "    source: bpr\n    kind: number"), D, at(D, "source: bpr"), "attributes[1].source", ("unknown source 'bpr'", "did you mean 'brp'")),
    Case("unknown-colour", swap(D, "    ink: red", "    ink: rood"), D, at(D, "ink: rood"), "sources[1].ink", ("unknown colour 'rood'",)),
    Case("glyph-missing", swap(P, "- name: B. Bos", "- name: Ա. Bos"), P, at(P, "Ա. Bos"), "persons[1].name", ("cannot print 'Ա' (U+0531)",)),
    Case("emoji-in-text", swap(T, "title: Instructie voor de gespreksleider", "title: Instructie 🙂"), T, at(T, "🙂"), "booklet.title", ("U+1F642",)),
    Case("control-character", swap(P, "- name: B. Bos", '- name: "B.\\u0000Bos"'), P, at(P, "u0000"), "persons[1].name", ("U+0000",)),
    Case("pseudonym-unknown", swap(D, "[K. Bouzid,", "[K. Bouzit,"), D, at(D, "K. Bouzit"), "series[2].pseudonymised[1]", ("no person named 'K. Bouzit'", "did you mean 'K. Bouzid'")),
    Case("pseudonym-other-series", swap(D, "[K. Bouzid,", "[B. Bos,"), D, at(D, "[B. Bos,"), "series[2].pseudonymised[1]", ("'B. Bos' is in series 1, not 2",)),
    Case("unsupported-language", swap(D, "language: nl", "language: fy"), D, at(D, "language: fy"), "language", ("'fy' is not supported", "en (English), nl (Nederlands)")),
    Case("unknown-measure", swap(A, "    measure: mean\n    expect: lower", "    measure: median\n    expect: lower"), A, at(A, "measure: median"), "comparisons[3].measure", ("'median' is not one of: mean, total",)),
    Case("count-unknown-category", swap(A, "categories: [WO, HBO]", "categories: [WO, HB]"), A, at(A, "[WO, HB]"), "comparisons[1].categories[2]", ("'HB' is not a category of 'opleiding'",)),
    Case("measure-kind-mismatch", swap(A, "  - attribute: postcode\n    measure: mode", "  - attribute: postcode\n    measure: mean"), A, at(A, "measure: mean"), "comparisons[2].measure", ("'mean' needs a number attribute; 'postcode' is a code",)),
    Case("missing-wording", swap(A, "      equal: Leeftijd lijkt niet uit te maken voor het vinden van werk.\n", ""), A, at(A, "higher: Jongeren vinden", -1), "comparisons[3].assumption", ("missing required key 'equal'",)),
    Case("empty-assumption-unobserved", swap(A, "      lower: Ouderen vinden moeilijker werk.", '      lower: ""'), A, at(A, 'lower: ""'), "comparisons[3].assumption.lower", ("must not be empty (it may be, where 'observation' has a text for it)",)),
    Case("observation-wrong-direction", swap(A, "      different: Op deze kaarten wonen de twee groepen", "      higher: Op deze kaarten wonen de twee groepen"), A, at(A, "higher: Op deze kaarten wonen"), "comparisons[2].observation.higher", ("unknown key 'higher'",)),
    Case("question-wrong-direction", swap(A, "      higher: Vinden hoger opgeleiden", "      hoger: Vinden hoger opgeleiden"), A, at(A, "hoger: Vinden"), "comparisons[1].question.hoger", ("unknown key 'hoger'", "did you mean 'higher'")),
    Case("caution-too-long", swap(A, "    caution: Opleiding hangt samen", "    caution: " + "x" * 301 + " Opleiding hangt samen"), A, at(A, "caution: xxx"), "comparisons[1].caution", ("at most 300 fit",)),
    Case("standing-caution-too-long", swap(T, "  caution: Een verband is nog geen oorzaak.", "  caution: " + "Een verband is nog geen oorzaak. " * 4), T, at(T, "caution: Een verband"), "answer_sheet.caution", ("at most 120 fit",)),
    Case("bad-card-size", swap(D, "card_size: poker", "card_size: jumbo"), D, at(D, "card_size: jumbo"), "card_size", ("unknown card size 'jumbo'",)),
    Case("series-without-persons", lambda d: d.set_persons([{**p, "series": 1} for p in d.read(P)["persons"]], pseudonymised=[]),
         D, at(D, "- key: 2"), "series[2]", ("has no persons",)),
    Case("mapping-for-list", lambda d: d.write(P, {"persons": {"B. Bos": 1}}), P, lambda d: 1, "persons", ("expected a list, got a mapping",)),
    Case("no-persons", lambda d: d.write(P, {"persons": []}), D, at(D, "- key: 1"), "series[1]", ("has no persons in persons.yaml",), 2),
    # --- numbers: infinities, NaN, unusual notations, out of range
    Case("nan-value", swap(P, "    studieschuld: 12000", "    studieschuld: .nan"), P, at(P, ".nan"), "persons[1].studieschuld", ("expected a number, got text '.nan'",)),
    Case("inf-value", swap(P, "    studieschuld: 12000", "    studieschuld: .inf"), P, at(P, ".inf"), "persons[1].studieschuld", ("expected a number, got text '.inf'",)),
    Case("overflow-value", swap(P, "    studieschuld: 12000", "    studieschuld: 1.0e+309"), P, at(P, "e+309"), "persons[1].studieschuld", ("expected a number, got text '1.0e+309'",)),
    Case("huge-value", swap(P, "    studieschuld: 12000", "    studieschuld: 99999999999999999999"), P, at(P, "9999999"), "persons[1].studieschuld", ("expected a number from -1e+12 to 1e+12",)),
    Case("hex-value", swap(P, "    interventies: 4\n", "    interventies: 0x10\n"), P, at(P, "0x10"), "persons[1].interventies", ("got text '0x10'", "plain digits")),
    Case("underscore-value", swap(P, "    studieschuld: 12000", "    studieschuld: 12_000"), P, at(P, "12_000"), "persons[1].studieschuld", ("got text '12_000'",)),
    Case("sexagesimal-value", swap(P, "    interventies: 4\n", "    interventies: 1:30\n"), P, at(P, "1:30"), "persons[1].interventies", ("got text '1:30'",)),
    Case("arabic-digits", swap(P, BOS, '    leeftijd: "٣٤"'), P, at(P, "٣٤"), "persons[1].leeftijd", ("expected a number, got text '٣٤'",)),
    Case("decimals-nan", swap(A, "    decimals: 0", "    decimals: .nan"), A, at(A, "decimals: .nan"), "comparisons[7].decimals", ("expected a number, got text '.nan'",)),
    Case("decimals-huge", swap(A, "    decimals: 0", "    decimals: 100000000000000000000000000000"), A, at(A, "decimals: 1000"), "comparisons[7].decimals", ("expected a whole number from 0 to 4",)),
    Case("decimals-fraction", swap(D, "    unit: jaar\n", "    unit: jaar\n    decimals: 2.5\n"), D, at(D, "decimals: 2.5"), "attributes[1].decimals", ("expected a whole number from 0 to 4, got 2.5",)),
    Case("threshold-nan", swap(A, "      threshold: 0.3", "      threshold: .nan"), A, at(A, "threshold: .nan"), "comparisons[8].correlation.threshold", ("expected a number, got text '.nan'",)),
    Case("equal-within-inf", swap(A, "    equal_within: 0.15", "    equal_within: 1.0e+999"), A, at(A, "1.0e+999"), "comparisons[1].equal_within", ("expected a number",)),
    Case("card-width-nan", swap(D, "card_size: poker", "card_size: {width: .nan, height: 88}"), D, at(D, "width: .nan"), "card_size.width", ("expected a number, got text '.nan'",)),
    Case("min-above-max", swap(D, "    max: 120", "    min: 130\n    max: 120"), D, at(D, "max: 120"), "attributes[1].max", ("max 120 is below min 130",)),
    Case("colour-nan", swap(D, "card_size: poker", "card_size: poker\ncolours:\n  blauw: [.nan, 0, 0, 0]"), D, at(D, "blauw:"), "colours.blauw", ("four percentages",)),
    # --- texts: placeholders with formats, attributes, indexes; lone braces; lengths
    Case("unknown-placeholder", swap(T, "title: Instructie voor de gespreksleider", "title: Instructie voor {wie}"), T, at(T, "{wie}"), "booklet.title", ("unknown placeholder {wie}",)),
    Case("format-spec", swap(T, "title: Instructie voor de gespreksleider", "title: 'Voor {persons:>999999999}'"), T, at(T, "999999"), "booklet.title", ("a placeholder is just {persons}, without a format",)),
    Case("attribute-access", swap(T, "title: Instructie voor de gespreksleider", "title: 'Voor {persons.__class__}'"), T, at(T, "__class__"), "booklet.title", ("a placeholder is just {persons}",)),
    Case("index-placeholder", swap(T, "title: Instructie voor de gespreksleider", "title: 'Voor {0}'"), T, at(T, "{0}"), "booklet.title", ("unknown placeholder {0}",)),
    Case("conversion", swap(T, "title: Instructie voor de gespreksleider", "title: 'Voor {cards!r}'"), T, at(T, "!r"), "booklet.title", ("a placeholder is just {cards}",)),
    Case("lone-brace", swap(T, "title: Instructie voor de gespreksleider", "title: 'Voor {'"), T, at(T, "Voor {"), "booklet.title", ("a lone { in the text; write {{",)),
    Case("placeholder-in-item", swap(T, '        - "om de situatie', '        - "{persons:x} om de situatie'), T, at(T, "{persons:x}"), "part2.statements[1].items[1]", ("without a format",)),
    Case("text-too-long", swap(D, "    name: Uitkeringsadministratie", "    name: " + "lang " * 100), D, at(D, "lang lang"), "sources[1].name", ("499 characters; at most 300 fit",)),
    Case("series-label-too-long", swap(D, "    label: Reeks 1", "    label: " + "R" * 300), D, at(D, "RRRR"), "series[1].label", ("at most 40 fit",)),
    Case("same-card-file", swap(D, "    label: Reeks 2\n    meaning: heeft nog geen werk gevonden\n    colour: yellow", "    label: reeks-1\n    meaning: heeft nog geen werk gevonden\n    colour: green"), D, at(D, "label: reeks-1"), "series[2].label", ("same card file name as series '1'",)),
    # --- fields the build uses that were never checked
    Case("title-missing", swap(D, "title: Datadialogen\n", ""), D, lambda d: 2, "", ("missing required key 'title'",)),
    Case("title-empty", swap(D, "title: Datadialogen", "title: ''"), D, at(D, "title: ''"), "title", ("must not be empty",)),
    Case("title-list", swap(D, "title: Datadialogen", "title: [a, b]"), D, at(D, "title: [a"), "title", ("expected text, got a list",)),
    Case("title-too-long", swap(D, "title: Datadialogen", "title: " + "Data " * 40), D, at(D, "title: Data Data"), "title", ("at most 80 fit",)),
    Case("subtitle-mapping", swap(D, "subtitle: Een workshop over datagedreven werken", "subtitle: {a: b}"), D, at(D, "subtitle:"), "subtitle", ("expected text, got a mapping",)),
    Case("pseudonym-key-empty", swap(D, "pseudonym_key: datadialoog-utrecht-2024", "pseudonym_key: ''"), D, at(D, "pseudonym_key:"), "pseudonym_key", ("must not be empty",)),
    Case("pseudonym-key-missing", swap(D, "pseudonym_key: datadialoog-utrecht-2024\n", ""), D, lambda d: 2, "", ("missing required key 'pseudonym_key'",)),
    Case("language-list", swap(D, "language: nl", "language: [nl]"), D, at(D, "language: [nl]"), "language", ("is not one of: en, nl",)),
    Case("footnote-too-long", lambda d: d.replace(T, "    interventies: \"Interventies", "    interventies: \"" + "Lang " * 80 + "Interventies"), T, at(T, "Lang Lang"), "answer_sheet.footnotes.interventies", ("at most 300 fit",)),
    # --- patterns
    Case("pattern-unsupported", swap(D, 'pattern: "[1-9][0-9]{3}"', 'pattern: "(?=1)[0-9]{4}"'), D, at(D, "(?=1)"), "attributes[9].pattern", ("invalid perl operator", "no back-references or look-arounds")),
    Case("pattern-backreference", swap(D, 'pattern: "[1-9][0-9]{3}"', 'pattern: "([0-9])\\\\1{3}"'), D, at(D, "\\\\1"), "attributes[9].pattern", ("invalid escape sequence",)),
    Case("pattern-too-many-states", swap(D, 'pattern: "[1-9][0-9]{3}"', 'pattern: "(([0-9]{100}){100}){100}"'), D, at(D, "{100}"), "attributes[9].pattern", ("invalid repetition size",)),
]
# fmt: on

IDS = [c.id for c in DECK_CASES]


def problem_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("  ")]


@pytest.mark.parametrize("case", DECK_CASES, ids=IDS)
def test_bad_deck(deck_copy: DeckFolder, case: Case):
    """Exit 2 and one problem (or the few one mistake makes), at the right file, line and field, with the words."""
    case.breaker(deck_copy)
    code, out = run("check", str(deck_copy.path))
    assert code == 2, out
    assert out.startswith(f"Error: {case.count} problem{'s' if case.count > 1 else ''} in the deck:\n"), out
    lines = problem_lines(out)
    assert len(lines) == case.count, out
    where = str(deck_copy.path / case.file)
    if case.line is not None:
        where += f":{case.line(deck_copy)}"
    start = f"  {where}: " + (f"{case.field}: " if case.field else "")
    assert any(line.startswith(start) and all(w in line for w in case.words) for line in lines), (
        start,
        case.words,
        out,
    )


@pytest.fixture(scope="module")
def earlier_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("earlier") / "out"
    code, text = run("build", "-o", str(out), "-q")
    assert code == 0, text
    return out


@pytest.mark.parametrize("case", DECK_CASES[::3], ids=IDS[::3])
def test_bad_deck_leaves_the_output_folder_alone(deck_copy: DeckFolder, earlier_build: Path, case: Case):
    """A build of a bad deck: exit 2, the earlier output folder byte for byte as it was, the deck too."""
    case.breaker(deck_copy)
    deck_before, out_before = snapshot(deck_copy.path), snapshot(earlier_build)
    code, out = run("build", str(deck_copy.path), "-o", str(earlier_build))
    assert code == 2 and out.startswith(f"Error: {case.count} problem"), out
    assert snapshot(earlier_build) == out_before
    assert snapshot(deck_copy.path) == deck_before


def test_byte_order_mark_is_accepted(deck_copy: DeckFolder):
    """A UTF-8 byte-order mark (as Windows editors write) is not an error."""
    path = deck_copy.path / "persons.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, out = run("check", str(deck_copy.path))
    assert code == 0, out


def test_long_lists_of_problems_are_capped(deck_copy: DeckFolder):
    """Every person broken: the first 50 problems, then how many more; the count is exact."""
    persons = deck_copy.read("persons.yaml")["persons"]
    for p in persons:
        p["leeftijd"] = p["studieschuld"] = p["interventies"] = "x"
    deck_copy.set_persons(persons)
    code, out = run("check", str(deck_copy.path))
    assert code == 2 and out.startswith("Error: 60 problems in the deck:"), out
    assert len(problem_lines(out)) == 51 and out.rstrip().endswith("… and 10 more")


def test_numbers_written_plainly_still_count(deck_copy: DeckFolder):
    """Plain notations stay numbers: 1.5e+3, +3, 12000.0, a quoted "34" and a code with a leading zero."""
    deck_copy.replace("persons.yaml", "    studieschuld: 12000", "    studieschuld: 1.2e+4")
    deck_copy.replace("persons.yaml", "    interventies: 4\n", "    interventies: +4\n")
    deck_copy.replace("persons.yaml", BOS, '    leeftijd: "34"')
    code, out = run("check", str(deck_copy.path))
    assert code == 0, out


def test_placeholders_are_filled_and_braces_escaped(deck_copy: DeckFolder):
    """{persons} becomes 20 and {{ }} single braces, in titles as in paragraphs (one substitution for all)."""
    from datadialoog_print import load_deck

    deck_copy.replace("texts.yaml", "title: Instructie voor de gespreksleider", "title: 'Voor {persons} mensen {{x}}'")
    assert load_deck(deck_copy.path).texts.booklet_title == "Voor 20 mensen {x}"


# ---------------------------------------------------------------- spreadsheets


def _csv(tmp_path: Path, text: str, name: str = "personen.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "name,series,Leeftijd,Opleidingsniveau,Migratieachtergrond,Studieschuld,Sector,Ziekenhuisbezoeken,Maanden in de uitkering,Aantal interventies,Postcode,Geslacht\n"
ROW = "Z. Nieuw,1,30,HBO,Nederlands,1000,horeca,1,3,2,3582,vrouw\n"

SHEET_CASES = [
    ("csv-unknown-column", HEADER.replace("Geslacht", "Gender") + ROW, ("column 'Gender'", "unknown column")),
    ("csv-missing-column", HEADER.replace(",Geslacht", "") + ROW.replace(",vrouw", ""), ("no column for 'geslacht'",)),
    ("csv-bad-value", HEADER + ROW.replace(",30,", ",dertig,"), ("row 2, column 'Leeftijd'", "expected a number")),
    (
        "csv-ambiguous-number",
        HEADER + ROW.replace(",1000,", ',"7.600",'),
        ("row 2, column 'Studieschuld'", "'7.600' is ambiguous"),
    ),
    ("csv-duplicate-name", HEADER + ROW + ROW, ("row 3, column 'name'", "duplicate name 'Z. Nieuw' (first in row 2)")),
    (
        "csv-unknown-series",
        HEADER + ROW.replace("Z. Nieuw,1,", "Z. Nieuw,7,"),
        ("row 2, column 'series'", "unknown series '7'"),
    ),
    ("csv-empty", HEADER, ("the spreadsheet has no persons",)),
    (
        "csv-bad-category",
        HEADER + ROW.replace(",horeca,", ",kappers,"),
        ("row 2, column 'Sector'", "'kappers' is not one of the categories"),
    ),
]


@pytest.mark.parametrize("case,text,words", SHEET_CASES, ids=[c[0] for c in SHEET_CASES])
def test_bad_spreadsheet(tmp_path: Path, deck_copy: DeckFolder, case: str, text: str, words: tuple[str, ...]):
    """Each bad CSV: exit 2, row and column named, persons.yaml untouched."""
    before = deck_copy.text("persons.yaml")
    code, out = run("import", str(deck_copy.path), str(_csv(tmp_path, text)), "--append")
    assert code == 2, out
    for word in words:
        assert word in out, (word, out)
    assert deck_copy.text("persons.yaml") == before


def test_spreadsheet_not_utf8(tmp_path: Path, deck_copy: DeckFolder):
    """A CSV saved as Latin-1: told to save as CSV UTF-8."""
    path = tmp_path / "p.csv"
    path.write_bytes((HEADER + ROW.replace("Z. Nieuw", "Z. Daniëls")).encode("latin-1"))
    code, out = run("import", str(deck_copy.path), str(path), "--append")
    assert code == 2 and "save the spreadsheet as 'CSV UTF-8'" in out


def test_spreadsheet_garbage_xlsx_and_wrong_suffix(tmp_path: Path, deck_copy: DeckFolder):
    """A broken .xlsx and a .txt are refused with a message each."""
    bad = tmp_path / "p.xlsx"
    bad.write_bytes(b"not a zip file")
    code, out = run("import", str(deck_copy.path), str(bad), "--append")
    assert code == 2 and "cannot read the spreadsheet" in out
    txt = _csv(tmp_path, HEADER + ROW, "p.txt")
    code, out = run("import", str(deck_copy.path), str(txt), "--append")
    assert code == 2 and "use .csv, .xlsx or .ods" in out


def test_import_needs_a_mode(tmp_path: Path, deck_copy: DeckFolder):
    """Without --replace or --append the import asks which."""
    code, out = run("import", str(deck_copy.path), str(_csv(tmp_path, HEADER + ROW)))
    assert code == 2 and "--replace or --append" in out


def test_import_that_would_break_the_deck_writes_nothing(tmp_path: Path, deck_copy: DeckFolder):
    """Replacing everyone drops the pre-pseudonymised persons: the whole deck is checked first, nothing written."""
    before = deck_copy.text("persons.yaml")
    code, out = run(
        "import",
        str(deck_copy.path),
        str(_csv(tmp_path, HEADER + ROW + ROW.replace("Z. Nieuw,1", "Y. Twee,2"))),
        "--replace",
    )
    assert code == 2 and "no person named 'K. Bouzid'" in out
    assert deck_copy.text("persons.yaml") == before
    assert not (deck_copy.path / "backups").exists()
