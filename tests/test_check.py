"""`check` on good and bad decks: every kind of mistake gets its own message with file, line and field, exit 2."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from datadialoog_print import DeckError, load_deck
from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK, DeckFolder


def check(path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def assert_problem(deck: DeckFolder, file: str, line: int | None, field: str, *words: str) -> str:
    code, out = check(deck.path)
    assert code == 2, out
    where = f"{deck.path / file}:{line}" if line else f"{deck.path / file}"
    matching = [
        line
        for line in out.splitlines()
        if line.strip().startswith(where + ":") and (not field or f": {field}:" in line)
    ]
    assert matching, f"no problem at {where} / {field} in:\n{out}"
    assert any(all(w in line for w in words) for line in matching), f"{words} not in {matching}"
    return out


def test_default_deck_is_valid():
    """The shipped deck passes with a one-line summary."""
    code, out = check(DEFAULT_DECK)
    assert code == 0
    assert out.strip() == (
        "default: OK — 20 persons in 2 series, 10 attributes from 3 sources, 200 cards, 9 answer-sheet rows (nl)"
    )


def test_deck_by_name_and_default():
    """A deck can be named by its folder name under decks/, or left out for the default deck."""
    assert CliRunner().invoke(cli, ["check", "default"]).exit_code == 0
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0


def test_yaml_syntax_error(deck_copy: DeckFolder):
    """A broken bracket: the line and 'YAML syntax error'."""
    deck_copy.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: [34")
    code, out = check(deck_copy.path)
    assert code == 2
    # The parser notices the missing ']' where the next key starts, one line down.
    line = deck_copy.line_of("persons.yaml", "leeftijd: [34") + 1
    assert f"persons.yaml:{line}: YAML syntax error" in out


def test_not_utf8(deck_copy: DeckFolder):
    """A file saved as Latin-1: the line of the first bad byte and 'not UTF-8'."""
    text = deck_copy.text("persons.yaml")
    (deck_copy.path / "persons.yaml").write_bytes(
        text.encode("utf-8").replace("Daniëls".encode(), "Daniëls".encode("latin-1"))
    )
    code, out = check(deck_copy.path)
    assert code == 2
    raw_lines = (deck_copy.path / "persons.yaml").read_bytes().split(b"\n")
    bad = next(i for i, line in enumerate(raw_lines, 1) if b"Dani\xebls" in line)
    assert f"persons.yaml:{bad}: not UTF-8" in out


def test_unknown_key_typo(deck_copy: DeckFolder):
    """'lable' instead of 'label': named, located and a suggestion given."""
    deck_copy.replace("deck.yaml", "    label: Leeftijd", "    lable: Leeftijd")
    line = deck_copy.line_of("deck.yaml", "lable: Leeftijd")
    assert_problem(deck_copy, "deck.yaml", line, "attributes[1].lable", "unknown key 'lable'", "did you mean 'label'")


def test_missing_attribute_value(deck_copy: DeckFolder):
    """A person without an age."""
    deck_copy.replace("persons.yaml", "    leeftijd: 34\n", "")
    line = deck_copy.line_of("persons.yaml", "- name: B. Bos")
    assert_problem(deck_copy, "persons.yaml", line, "persons[1]", "missing value for attribute 'leeftijd'", "B. Bos")


def test_extra_attribute_value(deck_copy: DeckFolder):
    """A person with an attribute the deck does not define."""
    deck_copy.replace("persons.yaml", "    leeftijd: 34\n", "    leeftijd: 34\n    schoenmaat: 43\n")
    line = deck_copy.line_of("persons.yaml", "schoenmaat")
    assert_problem(deck_copy, "persons.yaml", line, "persons[1].schoenmaat", "unknown attribute 'schoenmaat'")


def test_text_where_a_number_belongs(deck_copy: DeckFolder):
    """'vierendertig' as an age."""
    deck_copy.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: vierendertig")
    line = deck_copy.line_of("persons.yaml", "vierendertig")
    assert_problem(deck_copy, "persons.yaml", line, "persons[1].leeftijd", "expected a number", "vierendertig")


def test_category_not_in_list(deck_copy: DeckFolder):
    """An education level the attribute does not list, with a suggestion."""
    deck_copy.replace("persons.yaml", "    opleiding: HBO", "    opleiding: HB0")
    line = deck_copy.line_of("persons.yaml", "opleiding: HB0")
    assert_problem(
        deck_copy,
        "persons.yaml",
        line,
        "persons[1].opleiding",
        "'HB0' is not one of the categories",
        "did you mean 'HBO'",
    )


def test_unknown_source(deck_copy: DeckFolder):
    """An attribute pointing at a source that does not exist."""
    deck_copy.replace("deck.yaml", "    source: brp\n    kind: number", "    source: bpr\n    kind: number")
    line = deck_copy.line_of("deck.yaml", "source: bpr")
    assert_problem(deck_copy, "deck.yaml", line, "attributes[1].source", "unknown source 'bpr'", "did you mean 'brp'")


def test_unknown_colour(deck_copy: DeckFolder):
    """An ink colour the palette does not know."""
    deck_copy.replace("deck.yaml", "    ink: red", "    ink: rood")
    line = deck_copy.line_of("deck.yaml", "ink: rood")
    assert_problem(deck_copy, "deck.yaml", line, "sources[1].ink", "unknown colour 'rood'")


def test_unknown_series(deck_copy: DeckFolder):
    """A person in series 3 of a two-series deck."""
    deck_copy.replace("persons.yaml", "    series: 1", "    series: 3")
    line = deck_copy.line_of("persons.yaml", "series: 3")
    assert_problem(deck_copy, "persons.yaml", line, "persons[1].series", "unknown series '3'")


def test_duplicate_person_names(deck_copy: DeckFolder):
    """Two persons called B. Bos: the second is reported with the line of the first."""
    deck_copy.replace("persons.yaml", "- name: A. Yıldız", "- name: B. Bos")
    first = deck_copy.line_of("persons.yaml", "name: B. Bos", 1)
    second = deck_copy.line_of("persons.yaml", "name: B. Bos", 2)
    assert_problem(deck_copy, "persons.yaml", second, "persons[2].name", "duplicate name 'B. Bos'", f"line {first}")


def test_pseudonymised_person_who_does_not_exist(deck_copy: DeckFolder):
    """A pre-pseudonymised name with no person behind it."""
    deck_copy.replace("deck.yaml", "[K. Bouzid,", "[K. Bouzit,")
    line = deck_copy.line_of("deck.yaml", "K. Bouzit")
    assert_problem(
        deck_copy,
        "deck.yaml",
        line,
        "series[2].pseudonymised[1]",
        "no person named 'K. Bouzit'",
        "did you mean 'K. Bouzid'",
    )


def test_series_without_persons(deck_copy: DeckFolder):
    """Everyone moved to series 1: series 2 is reported empty."""
    persons = deck_copy.read("persons.yaml")["persons"]
    for p in persons:
        p["series"] = 1
    deck_copy.set_persons(persons, pseudonymised=[])
    line = deck_copy.line_of("deck.yaml", "- key: 2")
    assert_problem(deck_copy, "deck.yaml", line, "series[2]", "has no persons")


def test_unsupported_language(deck_copy: DeckFolder):
    """A language with no table: the message lists the languages on offer."""
    deck_copy.replace("deck.yaml", "language: nl", "language: fy")
    line = deck_copy.line_of("deck.yaml", "language: fy")
    assert_problem(deck_copy, "deck.yaml", line, "language", "'fy' is not supported", "nl (Nederlands)", "en (English)")


def test_every_problem_at_once(deck_copy: DeckFolder):
    """Three mistakes in three files are reported together, not one at a time."""
    deck_copy.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: oud")
    deck_copy.replace("deck.yaml", "    ink: blue", "    ink: paars-blauw")
    deck_copy.replace("answers.yaml", "  - attribute: leeftijd", "  - attribute: leeftijt")
    code, out = check(deck_copy.path)
    assert code == 2
    assert out.startswith("Error: 3 problems in the deck:")
    assert "persons.yaml" in out and "deck.yaml" in out and "answers.yaml" in out


def test_missing_deck_folder(tmp_path):
    """A deck that is not there: a message, exit 2, no traceback."""
    code, out = check(tmp_path / "nope")
    assert code == 2 and "no deck folder here" in out


def test_library_raises_deck_error_with_problems(deck_copy: DeckFolder):
    """The library reports the same problems as data, for callers without the CLI."""
    deck_copy.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: -4")
    with pytest.raises(DeckError) as info:
        load_deck(deck_copy.path)
    (problem,) = info.value.problems
    assert problem.field == "persons[1].leeftijd"
    assert problem.line == deck_copy.line_of("persons.yaml", "leeftijd: -4")
    assert "below the minimum" in problem.message
