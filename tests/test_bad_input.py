"""A catalogue of bad input: every case gets its own clear message, a non-zero exit and no traceback,
and nothing in the output folder is damaged."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK, DeckFolder


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def person_lines(d: DeckFolder, name: str = "B. Bos") -> int:
    return d.line_of("persons.yaml", f"name: {name}")


# Each case: (id, how to break the deck, words the message must contain).
DECK_CASES: list[tuple[str, Callable[[DeckFolder], None], tuple[str, ...]]] = [
    (
        "yaml-syntax",
        lambda d: d.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: [34"),
        ("persons.yaml:", "YAML syntax error"),
    ),
    (
        "not-utf8",
        lambda d: (d.path / "texts.yaml").write_bytes(
            d.text("texts.yaml")
            .replace(
                "cliënten",
                "cli\udceb".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
                if False
                else "cliënten",
            )
            .encode("latin-1", "replace")
        ),
        ("texts.yaml:", "not UTF-8"),
    ),
    (
        "tab-indent",
        lambda d: d.replace("persons.yaml", "    leeftijd: 34", "\tleeftijd: 34"),
        ("persons.yaml:", "tab in the indentation"),
    ),
    (
        "unknown-key",
        lambda d: d.replace("deck.yaml", "title: Data dialogen", "titel: Data dialogen"),
        ("unknown key 'titel'", "did you mean 'title'"),
    ),
    (
        "missing-value",
        lambda d: d.replace("persons.yaml", "    leeftijd: 34\n", ""),
        ("missing value for attribute 'leeftijd' of B. Bos",),
    ),
    (
        "extra-value",
        lambda d: d.replace("persons.yaml", "    leeftijd: 34\n", "    leeftijd: 34\n    lengte: 180\n"),
        ("unknown attribute 'lengte'",),
    ),
    (
        "text-for-number",
        lambda d: d.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: veertig"),
        ("persons[1].leeftijd", "expected a number, got text 'veertig'"),
    ),
    (
        "yes-for-number",
        lambda d: d.replace("persons.yaml", "    interventies: 4\n", "    interventies: yes\n"),
        ("expected a number, got yes/no value 'true'",),
    ),
    (
        "negative-age",
        lambda d: d.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: -3"),
        ("persons[1].leeftijd", "-3 is below the minimum 0"),
    ),
    (
        "age-300",
        lambda d: d.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: 300"),
        ("persons[1].leeftijd", "300 is above the maximum 120"),
    ),
    (
        "empty-name",
        lambda d: d.replace("persons.yaml", "- name: B. Bos", "- name: ''"),
        ("persons[1].name", "must not be empty"),
    ),
    (
        "duplicate-names",
        lambda d: d.replace("persons.yaml", "- name: A. Yıldız", "- name: B. Bos"),
        ("duplicate name 'B. Bos'",),
    ),
    (
        "unknown-source",
        lambda d: d.replace(
            "deck.yaml", "    source: uitkering\n    kind: category", "    source: uitkeringen\n    kind: category"
        ),
        ("unknown source 'uitkeringen'", "did you mean 'uitkering'"),
    ),
    ("unknown-series", lambda d: d.replace("persons.yaml", "    series: 1", "    series: 3"), ("unknown series '3'",)),
    (
        "unknown-colour",
        lambda d: d.replace("deck.yaml", "    colour: green", "    colour: groen"),
        ("unknown colour 'groen'",),
    ),
    (
        "category-not-listed",
        lambda d: d.replace("persons.yaml", "    geslacht: man", "    geslacht: M"),
        ("'M' is not one of the categories: man, vrouw",),
    ),
    (
        "code-pattern",
        lambda d: d.replace("persons.yaml", 'postcode: "3582"', 'postcode: "358"'),
        ("'358' does not match the pattern",),
    ),
    ("missing-file", lambda d: (d.path / "texts.yaml").unlink(), ("texts.yaml", "missing: every deck needs this file")),
    (
        "stray-yaml-file",
        lambda d: shutil.copy(d.path / "persons.yaml", d.path / "person.yaml"),
        ("person.yaml", "not a deck file", "did you mean 'persons.yaml'"),
    ),
    (
        "fifty-mb-file",
        lambda d: (d.path / "persons.yaml").write_bytes(b"# " + b"x" * (50 * 1024 * 1024) + b"\n"),
        ("persons.yaml", "file is 52 MB; a deck file may be at most 20 MB"),
    ),
    (
        "alias-bomb",
        lambda d: (d.path / "persons.yaml").write_text(
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
                for i in range(8)
            )
            + "persons: *i\n"
        ),
        ("persons.yaml", "expands to more than 2,000,000 values"),
    ),
    (
        "glyph-missing",
        lambda d: d.replace("persons.yaml", "- name: B. Bos", "- name: İ. Bos"),
        ("cannot print 'İ' (U+0130)",),
    ),
    (
        "emoji-in-text",
        lambda d: d.replace("texts.yaml", "title: Instructie voor de gespreksleider", "title: Instructie 🙂"),
        ("texts.yaml:", "booklet.title", "U+1F642"),
    ),
    (
        "pseudonym-unknown",
        lambda d: d.replace("deck.yaml", "[K. Bouzid,", "[K. Bouzidi,"),
        ("no person named 'K. Bouzidi'",),
    ),
    (
        "pseudonym-other-series",
        lambda d: d.replace("deck.yaml", "[K. Bouzid,", "[B. Bos,"),
        ("'B. Bos' is in series 1, not 2",),
    ),
    (
        "unsupported-language",
        lambda d: d.replace("deck.yaml", "language: nl", "language: de"),
        ("language 'de' is not supported", "en (English), nl (Nederlands)"),
    ),
    (
        "duplicate-key",
        lambda d: d.replace("deck.yaml", "title: Data dialogen", "title: Data dialogen\ntitle: Nog eens"),
        ("title", "this key appears twice"),
    ),
    (
        "empty-file",
        lambda d: (d.path / "answers.yaml").write_text("# nothing\n"),
        ("answers.yaml:1", "the file is empty"),
    ),
    (
        "unknown-measure",
        lambda d: d.replace(
            "answers.yaml",
            "    measure: mean\n    expect: lower\n    equal_within: 0.1\n    assumption:\n      higher: Hoe jonger",
            "    measure: median\n    expect: lower\n    equal_within: 0.1\n    assumption:\n      higher: Hoe jonger",
        ),
        ("'median' is not one of: mean, total",),
    ),
    (
        "count-unknown-category",
        lambda d: d.replace("answers.yaml", "categories: [WO, HBO]", "categories: [WO, HB]"),
        ("'HB' is not a category of 'opleiding'",),
    ),
    (
        "unknown-placeholder",
        lambda d: d.replace("texts.yaml", "title: Instructie voor de gespreksleider", "title: Instructie voor {wie}"),
        ("unknown placeholder {wie}",),
    ),
    (
        "bad-card-size",
        lambda d: d.replace("deck.yaml", "card_size: poker", "card_size: jumbo"),
        ("unknown card size 'jumbo'",),
    ),
    (
        "mapping-for-list",
        lambda d: d.write("persons.yaml", {"persons": {"B. Bos": 1}}),
        ("persons.yaml:", "expected a list, got a mapping"),
    ),
    ("no-persons", lambda d: d.write("persons.yaml", {"persons": []}), ("has no persons in persons.yaml",)),
    (
        "measure-kind-mismatch",
        lambda d: d.replace(
            "answers.yaml", "  - attribute: postcode\n    measure: mode", "  - attribute: postcode\n    measure: mean"
        ),
        ("'mean' needs a number attribute; 'postcode' is a code",),
    ),
    (
        "missing-wording",
        lambda d: d.replace(
            "answers.yaml", "      equal: Leeftijd lijkt geen verschil te maken voor het vinden van een baan.\n", ""
        ),
        ("missing required key 'equal'",),
    ),
]


@pytest.mark.parametrize("case,breaker,words", DECK_CASES, ids=[c[0] for c in DECK_CASES])
def test_bad_deck(deck_copy: DeckFolder, case: str, breaker, words: tuple[str, ...]):
    """Each bad deck: exit 2 and a message with the expected words (file and field where they apply)."""
    breaker(deck_copy)
    code, out = run("check", str(deck_copy.path))
    assert code == 2, out
    for word in words:
        assert word in out, (word, out)


def test_catalogue_has_at_least_thirty_cases():
    """The catalogue stays large; every id is distinct."""
    ids = (
        [c[0] for c in DECK_CASES]
        + [c[0] for c in SHEET_CASES]
        + [
            "deck-missing",
            "output-is-file",
            "output-read-only",
            "bom",
            "value-too-long",
            "import-needs-mode",
            "import-breaks-deck",
        ]
    )
    assert len(ids) == len(set(ids)) >= 30


def test_byte_order_mark_is_accepted(deck_copy: DeckFolder):
    """A UTF-8 byte-order mark (as Windows editors write) is not an error."""
    path = deck_copy.path / "persons.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, out = run("check", str(deck_copy.path))
    assert code == 0, out


def test_deck_folder_missing(tmp_path: Path):
    """A deck that does not exist: message names it and the decks on offer."""
    code, out = run("build", str(tmp_path / "geen-deck"))
    assert code == 2 and "no deck folder here" in out and "default" in out


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    code, text = run("build", "-o", str(out), "-q")
    assert code == 0, text
    return out


def test_output_is_a_file(tmp_path: Path):
    """-o names a file: exit 2, the file untouched."""
    target = tmp_path / "kaarten.pdf"
    target.write_bytes(b"%PDF-old")
    code, out = run("build", "-o", str(target))
    assert code == 2 and "is a file, not a folder" in out
    assert target.read_bytes() == b"%PDF-old"


def test_output_read_only(built: Path, monkeypatch):
    """A folder that cannot be written (simulated: tests run as root): exit 2, earlier files intact."""
    import tempfile

    before = _snapshot(built)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    code, out = run("build", "-o", str(built))
    assert code == 2 and "cannot write to" in out and "Permission denied" in out
    assert _snapshot(built) == before


def test_value_too_long_keeps_earlier_output(built: Path, deck_copy: DeckFolder):
    """A build that fails on a card leaves every earlier file byte for byte."""
    before = _snapshot(built)
    word = "Arbeidsongeschiktheidsverzekeringsuitvoeringsinstituut"
    deck_copy.replace("deck.yaml", "      - motorvoertuigen", f"      - {word}")
    deck_copy.replace("persons.yaml", "sector: motorvoertuigen", f"sector: {word}")
    deck_copy.replace("answers.yaml", "value: motorvoertuigen", f"value: {word}")
    code, out = run("build", str(deck_copy.path), "-o", str(built))
    assert code == 2 and "is too long" in out
    assert _snapshot(built) == before


def test_build_failing_half_way_changes_nothing(built: Path, monkeypatch):
    """The cards are rendered, then the handouts fail: no file in the output folder changes, no staging left."""
    from datadialoog_print.render import handouts

    before = _snapshot(built)
    for p in built.glob("*.pdf"):
        p.write_bytes(p.read_bytes() + b"%marker")
    marked = _snapshot(built)

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(handouts, "render_statements", boom)
    with pytest.raises(OSError):
        CliRunner().invoke(cli, ["build", "-o", str(built)], catch_exceptions=False)
    assert _snapshot(built) == marked != before
    assert not [p for p in built.iterdir() if p.name.startswith(".staging")]


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
    assert code == 2 and "use .csv or .xlsx" in out


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


# ---------------------------------------------------------------- random persons


names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30)
values = st.one_of(
    st.integers(-50, 400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.booleans(),
    st.none(),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_random_persons_build_or_fail_clearly(tmp_path_factory, data):
    """Random names and values: the build either succeeds or exits 2 with a message; never a traceback."""
    folder = DeckFolder(tmp_path_factory.mktemp("rand") / "deck")
    shutil.copytree(DEFAULT_DECK, folder.path)
    persons = yaml.safe_load(folder.text("persons.yaml"))["persons"]
    for person in persons[:3]:
        person["name"] = data.draw(names)
        key = data.draw(st.sampled_from(["leeftijd", "sector", "postcode", "studieschuld"]))
        person[key] = data.draw(values)
    folder.write("persons.yaml", {"persons": persons})
    out = folder.path.parent / "out"
    result = CliRunner().invoke(cli, ["build", str(folder.path), "-o", str(out), "-q", "--only", "cards"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.output.startswith("Error: ") and "Traceback" not in result.output
