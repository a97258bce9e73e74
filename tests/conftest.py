"""Shared fixtures: the default deck, and decks the tests make themselves from it."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

# Each module compiled once, not in every process: with PYTHONDONTWRITEBYTECODE set (some shells and sandboxes set
# it), every CLI child of a test compiled the package anew and each xdist worker rewrote every test module's asserts.
# Where the compiled files go (__pycache__/, which git ignores) is all this changes.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
DEFAULT_DECK = ROOT / "decks" / "default"


class DeckFolder:
    """A writable copy of a deck that a test edits as YAML data or as raw text."""

    def __init__(self, path: Path):
        self.path = path

    def read(self, name: str):
        return yaml.safe_load((self.path / name).read_text(encoding="utf-8"))

    def write(self, name: str, data) -> None:
        (self.path / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def text(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def replace(self, name: str, old: str, new: str, count: int = 1) -> None:
        """Edit a file as text, so line numbers stay those of the original."""
        text = self.text(name)
        assert old in text, f"{old!r} not in {name}"
        (self.path / name).write_text(text.replace(old, new, count), encoding="utf-8")

    def line_of(self, name: str, needle: str, occurrence: int = 1) -> int:
        """1-based line of the n-th line containing needle."""
        hits = [i for i, line in enumerate(self.text(name).splitlines(), 1) if needle in line]
        return hits[occurrence - 1]

    def set_persons(self, persons: list[dict], *, pseudonymised: list[str] | None = None) -> None:
        """Replace the persons; ``pseudonymised`` (e.g. []) also replaces series 2's pre-pseudonymised names,
        which would otherwise point at persons no longer there. A person the texts name (B. Bos) who is gone
        is named in the texts as a new person of the same series printed with a name, as ``generate`` does: a
        text may not name someone no card carries (deck/named.py)."""
        old = self.read("persons.yaml")["persons"]
        self.write("persons.yaml", {"persons": persons})
        if pseudonymised is not None:
            data = self.read("deck.yaml")
            data["series"][1]["pseudonymised"] = pseudonymised
            self.write("deck.yaml", data)
        hidden = {n for s in self.read("deck.yaml")["series"] for n in s.get("pseudonymised", [])}
        kept = {p["name"] for p in persons}
        for name in ("texts.yaml", "answers.yaml"):
            text = self.text(name)
            for gone in (p for p in old if p["name"] not in kept and p["name"] in text):
                same = [p["name"] for p in persons if p["series"] == gone["series"] and p["name"] not in hidden]
                stand_in = (same or [p["name"] for p in persons if p["name"] not in hidden])[0]
                text = re.sub(rf"(?<![\w.]){re.escape(gone['name'])}(?!\w)", stand_in, text)
            (self.path / name).write_text(text, encoding="utf-8")

    def swap_series(self) -> None:
        """Series 1 becomes series 2 and back: every difference between them reverses."""
        persons = self.read("persons.yaml")["persons"]
        for p in persons:
            p["series"] = 2 if p["series"] == 1 else 1
        self.set_persons(persons, pseudonymised=[])


@pytest.fixture
def deck_copy(tmp_path: Path) -> DeckFolder:
    """A fresh copy of the default deck in a temporary folder named 'testdeck'."""
    target = tmp_path / "testdeck"
    shutil.copytree(DEFAULT_DECK, target)
    return DeckFolder(target)


def pytest_addoption(parser):
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="write tests/golden/ (text, colours, snapshots) anew from this build instead of comparing "
        "(after a change that is meant; review it with git diff)",
    )


@pytest.fixture
def regen_golden(request) -> bool:
    """True when the golden files are to be written, not compared."""
    return request.config.getoption("--regen-golden")


SHIPPED = ("default", "default-en")
"""The decks the tool ships, each built once per test session by :func:`shipped_build`."""


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory):
    """A function deck name → the output folder of one full build of that shipped deck, made on first use and
    shared by every test of the session (a test reads it, never writes into it)."""
    from click.testing import CliRunner

    from datadialoog_print.cli import cli

    done: dict[str, Path] = {}

    def build(name: str) -> Path:
        if name not in done:
            out = tmp_path_factory.mktemp(f"shipped-{name}")
            result = CliRunner().invoke(cli, ["build", str(ROOT / "decks" / name), "-o", str(out), "-q"])
            assert result.exit_code == 0, result.output
            done[name] = out
        return done[name]

    return build


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """An output folder with one small build in it (the handouts), for tests that must find it unchanged."""
    from click.testing import CliRunner

    from datadialoog_print.cli import cli

    out = tmp_path_factory.mktemp("options") / "out"
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "-q", "--only", "handouts"])
    assert result.exit_code == 0, result.output
    return out


LONGEST_FIRST = (
    "test_web_edition.py",
    "test_install.py",
    "test_serve_trust_browser.py",
    "test_printday_browser.py",
    "test_foreign_folders.py",
    "test_shops.py",
)
"""The files that take longest (a browser started many times, a wheel installed): handed out to the workers
first, so that no worker is left alone with one of them at the end of the run (``--dist loadfile`` hands out
whole files in the order they were collected)."""


def pytest_collection_modifyitems(items):
    """The files of :data:`LONGEST_FIRST` first, in that order; every other file after them, as collected."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
