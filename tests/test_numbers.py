"""One number rule for every number typed from outside: options, their variables, form fields, dates.

``int()`` takes ``1_0`` as ten and ``٢`` as two, and fails on 5 000 digits with a ValueError that
reached the user as a bug (exit 3). Each case here was accepted or crashed before the rule.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from datadialoog_print.cli import cli
from datadialoog_print.cli.option_sets import Whole
from datadialoog_print.errors import DatadialoogError
from datadialoog_print.numbers import MAX_DIGITS, parse_whole
from datadialoog_print.trainer.generate import generate_deck

from .conftest import DEFAULT_DECK
from .folders import snapshot

NOT_WHOLE = ["٢", "１０", "²", "1_0", "+2", "2.0", "0x10", " ", "", "1e3", "9" * (MAX_DIGITS + 1), "9" * 5000]


@given(st.text(max_size=24))
def test_parse_whole_takes_exactly_ascii_digits(text: str):
    """Against an independent reading: strip, an optional '-', then 1 to MAX_DIGITS of 0-9, nothing else."""
    body = text.strip().removeprefix("-")
    expected = 0 < len(body) <= MAX_DIGITS and all(c in "0123456789" for c in body)
    try:
        value = parse_whole(text)
    except ValueError:
        assert not expected, text
    else:
        assert expected and value == int(text.strip()), text


@pytest.mark.parametrize("text", NOT_WHOLE)
def test_parse_whole_refuses(text: str):
    """Malformed: 'not a whole number'; plain digits, only too many of them: 'too large' (issue 38)."""
    plain = text.strip().removeprefix("-").isascii() and text.strip().removeprefix("-").isdigit()
    with pytest.raises(ValueError, match="too (large|small): at most" if plain else "not a whole number"):
        parse_whole(text)


def test_the_longest_whole_number_and_one_digit_more():
    assert parse_whole("9" * MAX_DIGITS) == 10**MAX_DIGITS - 1
    with pytest.raises(ValueError):
        parse_whole("9" * (MAX_DIGITS + 1))


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def test_every_whole_number_option_follows_the_rule():
    """A new ``type=int`` option would bring back ``1_0`` and ``٢``: none may be a plain click int."""
    plain = [
        f"{' '.join(path)} {param.name}"
        for path, command in _commands(cli)
        for param in command.params
        if isinstance(param.type, click.types.IntParamType) and not isinstance(param.type, Whole)
    ]
    assert not plain


@pytest.mark.parametrize("option", ["--sets", "--max-ink"])
@pytest.mark.parametrize("value", ["٢", "1_0", "３００", "9" * 5000])
def test_build_options_refuse_other_digits(built_once: Path, option: str, value: str):
    before = snapshot(built_once)
    result = CliRunner().invoke(cli, ["build", "-o", str(built_once), "-q", option, value])
    assert result.exit_code == 2, result.output
    words = "is too large: at most" if value.isascii() and value.isdigit() else "not a whole number"
    assert option in result.output and words in result.output, result.output
    assert len(result.output) < 400 and "Traceback" not in result.output
    assert snapshot(built_once) == before


def test_a_variable_follows_the_same_rule_and_is_named(built_once: Path):
    before = snapshot(built_once)
    result = CliRunner().invoke(cli, ["build", "-o", str(built_once), "-q"], env={"DATADIALOOG_BUILD_SETS": "1_0"})
    assert result.exit_code == 2, result.output
    assert "DATADIALOOG_BUILD_SETS" in result.output and "not a whole number" in result.output
    assert snapshot(built_once) == before


@pytest.mark.parametrize("value", ["١", "1_0"])
def test_stats_k_follows_the_rule(value: str):
    result = CliRunner().invoke(cli, ["stats", str(DEFAULT_DECK), "-k", value])
    assert result.exit_code == 2 and "'-k'" in result.output and "not a whole number" in result.output


def test_stats_k_at_its_bound():
    assert CliRunner().invoke(cli, ["stats", str(DEFAULT_DECK), "-k", "2"]).exit_code == 0
    assert CliRunner().invoke(cli, ["stats", str(DEFAULT_DECK), "-k", "1"]).exit_code == 2


@pytest.mark.parametrize(
    "args", [["--seed", "-5"], ["--seed", "５"], ["--seed", "1_0"], ["--persons-per-series", "1_0"]]
)
def test_generate_numbers_follow_the_rule(tmp_path: Path, monkeypatch, args: list[str]):
    """``--seed -5`` drew the persons of ``--seed 5`` (``random.Random`` takes the absolute value)."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["generate", "g", "--seed", "1", *args])
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "decks").exists()


def test_the_library_refuses_a_negative_seed_too(tmp_path: Path):
    with pytest.raises(DatadialoogError, match="below 0"):
        generate_deck("g", seed=-5, decks_dir=tmp_path / "decks")
    assert not (tmp_path / "decks").exists()


@pytest.mark.parametrize("command", ["new", "generate"])
@pytest.mark.parametrize("name", ["mijn\n", "mijn\r", "mi\tjn", "mijn\x00"])
def test_a_deck_name_with_a_control_character_is_refused(tmp_path: Path, monkeypatch, command: str, name: str):
    monkeypatch.chdir(tmp_path)
    extra = ["--seed", "1"] if command == "generate" else []
    result = CliRunner().invoke(cli, [command, name, *extra])
    assert result.exit_code == 2, result.output
    assert "is not a deck name" in result.output and result.output.count("\n") == 1, result.output
    assert not (tmp_path / "decks").exists()


def test_import_refuses_replace_and_append_together(tmp_path: Path):
    deck = tmp_path / "deck"
    result = CliRunner().invoke(cli, ["export", str(DEFAULT_DECK), str(tmp_path / "p.csv")])
    assert result.exit_code == 0, result.output
    shutil.copytree(DEFAULT_DECK, deck)
    before = snapshot(deck)
    for flags in (["--replace", "--append"], ["--append", "--replace"], []):
        result = CliRunner().invoke(cli, ["import", str(deck), str(tmp_path / "p.csv"), *flags])
        assert result.exit_code == 2, result.output
        assert "--replace or --append" in result.output
        assert ("not both" in result.output) == bool(flags)
    assert snapshot(deck) == before
