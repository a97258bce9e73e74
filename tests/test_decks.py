"""Deck lookup a user can predict, and ``new`` that writes only into ./decks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli
from datadialoog_print.deck.locate import Origin, find_deck, shipped_dir

from .conftest import DEFAULT_DECK


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_lookup_order_path_then_local_then_shipped(tmp_path: Path, monkeypatch):
    """A folder given wins; else ./decks/NAME; else the shipped deck; no name: ./decks/default, else the shipped one."""
    monkeypatch.chdir(tmp_path)
    assert find_deck(None).origin is Origin.SHIPPED and find_deck(None).path == shipped_dir() / "default"
    assert find_deck("default-en").origin is Origin.SHIPPED
    shutil.copytree(DEFAULT_DECK, tmp_path / "decks" / "default")
    assert find_deck(None).origin is Origin.LOCAL and find_deck("default").path == Path("decks/default")
    assert find_deck("default-en").origin is Origin.SHIPPED
    shutil.copytree(DEFAULT_DECK, tmp_path / "elsewhere")
    assert find_deck("elsewhere").origin is Origin.PATH and find_deck(tmp_path / "elsewhere").origin is Origin.PATH


def test_build_says_which_deck_it_used_and_where_from(tmp_path: Path, monkeypatch):
    """The first line of a build names the deck and its origin."""
    monkeypatch.chdir(tmp_path)
    result = invoke("build", "--only", "answers")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("deck default (shipped with datadialoog-print: ")


def test_decks_lists_local_and_shipped(tmp_path: Path, monkeypatch):
    """`decks` names your own decks and the shipped ones."""
    monkeypatch.chdir(tmp_path)
    assert invoke("new", "mijn-deck").exit_code == 0
    result = invoke("decks")
    assert result.exit_code == 0 and "mijn-deck" in result.output
    assert "Shipped with the tool" in result.output and "default-en" in result.output


def test_new_creates_decks_here_from_a_shipped_deck(tmp_path: Path, monkeypatch):
    """In an empty folder, `new` makes ./decks/NAME from the shipped default, and the copy checks out."""
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "mijn-deck")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "decks" / "mijn-deck" / "deck.yaml").read_bytes() == (
        shipped_dir() / "default" / "deck.yaml"
    ).read_bytes()
    assert invoke("check", "mijn-deck").exit_code == 0


@pytest.mark.parametrize(
    "name", ["../../x", "/tmp/elsewhere", "a/b", "a\\b", "..", ".", "", "Mijn-Deck", "_x", "x" * 65, "deck\x00", "café"]
)
def test_new_refuses_any_name_that_is_not_a_plain_folder_name(tmp_path: Path, monkeypatch, name: str):
    """Paths, parent folders, absolute paths, odd characters and over-long names: exit 2, one message, nothing written."""
    monkeypatch.chdir(tmp_path)
    result = invoke("new", name)
    assert result.exit_code == 2
    assert "is not a deck name" in result.output and result.output.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_import_never_changes_a_shipped_deck(tmp_path: Path, monkeypatch):
    """The shipped decks live inside the installed package: import refuses them and says what to do."""
    monkeypatch.chdir(tmp_path)
    table = tmp_path / "persons.csv"
    table.write_text("name,series\n", encoding="utf-8")
    before = (shipped_dir() / "default" / "persons.yaml").read_bytes()
    result = invoke("import", "default", str(table), "--replace")
    assert result.exit_code == 2 and "datadialoog-print new my-deck --from default" in result.output
    assert (shipped_dir() / "default" / "persons.yaml").read_bytes() == before
