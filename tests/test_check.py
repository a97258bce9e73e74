"""`check` on good decks and the ways it reports bad ones; the catalogue of bad decks is in test_bad_input.py."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from datadialoog_print import DeckError, load_deck
from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK, DeckFolder


def check(path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_default_deck_is_valid():
    """The shipped deck passes with a one-line summary."""
    code, out = check(DEFAULT_DECK)
    assert code == 0
    assert out.strip() == (
        "default: in orde — 20 personen in 2 reeksen, 10 kenmerken uit 3 bronnen, 200 kaarten, "
        "9 rijen op het antwoordblad (nl)"
    )


def test_deck_by_name_and_default():
    """A deck can be named by its folder name under decks/, or left out for the default deck."""
    assert CliRunner().invoke(cli, ["check", "default"]).exit_code == 0
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0


def test_every_problem_at_once(deck_copy: DeckFolder):
    """Three mistakes in three files are reported together, not one at a time."""
    deck_copy.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: oud")
    deck_copy.replace("deck.yaml", "    ink: blue", "    ink: paars-blauw")
    deck_copy.replace("answers.yaml", "  - attribute: leeftijd", "  - attribute: leeftijt")
    code, out = check(deck_copy.path)
    assert code == 2
    assert out.startswith("Error: 3 problems in the deck:")
    assert "persons.yaml" in out and "deck.yaml" in out and "answers.yaml" in out


@pytest.mark.parametrize("command", ["check", "build", "stats"])
def test_missing_deck_folder(tmp_path, command: str):
    """A deck that is not there: the message names it and the decks on offer, exit 2."""
    result = CliRunner().invoke(cli, [command, str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no deck folder here" in result.output and "default" in result.output


def test_library_raises_deck_error_with_problems(deck_copy: DeckFolder):
    """The library reports the same problems as data, for callers without the CLI."""
    deck_copy.replace("persons.yaml", "    leeftijd: 34", "    leeftijd: -4")
    with pytest.raises(DeckError) as info:
        load_deck(deck_copy.path)
    (problem,) = info.value.problems
    assert problem.field == "persons[1].leeftijd"
    assert problem.line == deck_copy.line_of("persons.yaml", "leeftijd: -4")
    assert "below the minimum" in problem.message


@pytest.mark.parametrize(
    "file,old,new,field",
    [
        ("deck.yaml", "title: Datadialogen", "title: Datadialogen Ա", "title"),
        ("texts.yaml", "  title: Instructie voor de gespreksleider", "  title: Instructie Ա", "booklet.title"),
        ("persons.yaml", "- name: B. Bos", "- name: Ա. Bos", "persons[1].name"),
    ],
)
def test_a_letter_the_font_lacks_is_reported_alike_by_every_caller(
    tmp_path, monkeypatch, file: str, old: str, new: str, field: str
):
    """The font's check lives in the paper stage, yet check, build, export, the library's load_deck and the
    workspace's print page all name the same file, line and field, and the commands exit 2."""
    import shutil

    from starlette.testclient import TestClient

    from datadialoog_print.serve.app import create_app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATADIALOOG_CONFIG_DIR", str(tmp_path / "config"))
    shutil.copytree(DEFAULT_DECK, tmp_path / "decks" / "kapot")
    deck = DeckFolder(tmp_path / "decks" / "kapot")
    line = deck.line_of(file, old.strip())
    deck.replace(file, old, new)
    where = f"{deck.path / file}:{line}: {field}: the font (Fira Sans) cannot print 'Ա' (U+0531)"
    for command in (
        ["check", str(deck.path)],
        ["build", str(deck.path), "-o", str(tmp_path / "out")],
        ["export", str(deck.path), str(tmp_path / "p.csv")],
    ):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2 and where in result.output, (command, result.output)
    assert not (tmp_path / "out").exists() and not (tmp_path / "p.csv").exists()
    with pytest.raises(DeckError) as raised:
        load_deck(deck.path)
    assert where in str(raised.value)
    client = TestClient(create_app(token="t", port=8765), base_url="http://127.0.0.1:8765")
    assert client.get("/?token=t").status_code == 200
    page = client.get("/decks/kapot/print")
    assert page.status_code == 422 and "cannot print" in page.text and f"{file}:{line}" in page.text, page.text
