"""Every file read bounded (issue 38): the printers' settings, a manifest, a commit's record and deck files are read
only as regular files within a size and a depth, and a YAML integer is bounded in digits before it is converted.

Whatever could hang or fill the memory runs in its own process under a timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from datadialoog_print.assemble import staging
from datadialoog_print.assemble.printers import MAX_FILE_BYTES

from .conftest import DEFAULT_DECK, DeckFolder

TIMEOUT_S = 30


def cli(*args: str, cwd: Path, config: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"DATADIALOOG_CONFIG_DIR": str(config)} if config else {})}
    return subprocess.run(
        [sys.executable, "-m", "datadialoog_print", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )


def _fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(path)


PRINTERS = {
    "a FIFO": (_fifo, "not a regular file"),
    "a link to /dev/zero": (lambda p: p.symlink_to("/dev/zero"), "not a regular file"),
    "a link to a folder": (lambda p: p.symlink_to(p.parent), "it is a folder, not a file"),
    "100 000 levels": (lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "nested too deeply"),
    "too large": (lambda p: p.write_text(" " * (MAX_FILE_BYTES + 1)), f"too large, at most {MAX_FILE_BYTES:,} bytes"),
    "a number of 5 000 digits": (lambda p: p.write_text("1" * 5000), "not JSON"),
}


@pytest.mark.parametrize("case", list(PRINTERS))
@pytest.mark.parametrize("command", [["printers"], ["build", "--printer", "Kantoor", "-q"]])
def test_the_printers_file_is_read_only_as_a_small_regular_file(tmp_path: Path, case: str, command: list[str]):
    make, words = PRINTERS[case]
    config = tmp_path / "config"
    config.mkdir()
    make(config / "printers.json")
    done = cli(*command, cwd=tmp_path, config=config)
    assert done.returncode == 2, done.stderr
    assert f"printers.json: cannot read the saved printers ({words}" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "output").exists()


def test_a_printers_file_behind_a_link_to_a_file_is_read(tmp_path: Path):
    """A settings file kept elsewhere and linked (a dotfiles folder) is fine: only what is behind it is checked."""
    config, kept = tmp_path / "config", tmp_path / "dotfiles"
    config.mkdir()
    kept.mkdir()
    data = {"printers": [{"name": "Kantoor", "duplex": "long", "back_offset_mm": [1.5, -1]}]}
    (kept / "printers.json").write_text(json.dumps(data))
    (config / "printers.json").symlink_to(kept / "printers.json")
    done = cli("printers", cwd=tmp_path, config=config)
    assert done.returncode == 0 and "Kantoor" in done.stdout, done.stderr


@pytest.fixture
def built(tmp_path: Path) -> Path:
    done = cli("build", str(DEFAULT_DECK), "-o", str(tmp_path / "out"), "-q", "--only", "answers", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "out"


def test_a_manifest_that_is_a_fifo_is_named_not_waited_on(built: Path):
    (built / "manifest.json").unlink()
    _fifo(built / "manifest.json")
    done = cli("build", str(DEFAULT_DECK), "-o", str(built), "-q", "--only", "answers", cwd=built.parent)
    assert done.returncode == 2 and "is not a manifest of datadialoog-print (not a regular file)" in done.stderr
    done = cli("verify", str(built), cwd=built.parent)
    assert done.returncode == 1 and "manifest.json is damaged (not a regular file)" in done.stdout + done.stderr


def test_a_commit_record_that_is_a_fifo_is_refused(built: Path):
    (built / staging.COMMIT).mkdir()
    _fifo(built / staging.COMMIT / staging.RECORD)
    done = cli("build", str(DEFAULT_DECK), "-o", str(built), "-q", "--only", "answers", cwd=built.parent)
    assert done.returncode == 2 and "is not a record this tool writes" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("file", "old", "field"),
    [
        ("persons.yaml", "leeftijd: 34", "persons[1].leeftijd"),
        ("deck.yaml", "card_size: poker\n", "sets"),
        ("texts.yaml", "      minutes: ", "run_sheet.parts[1].minutes"),  # the run sheet's first part (counted from 1)
    ],
)
@pytest.mark.parametrize("digits", [16, 400, 4_301, 100_000])
def test_an_integer_of_thousands_of_digits_in_a_deck_is_a_message(
    deck_copy: DeckFolder, file: str, old: str, field: str, digits: int
):
    """Every whole number of a deck is bounded in digits before Python converts it: one line naming the field."""
    number = "9" * digits
    if field == "sets":
        deck_copy.replace(file, old, f"{old}sets: {number}\n")
    elif old.endswith(": "):  # whatever the number there is now: the first one's line, with its digits
        line = next(li for li in deck_copy.text(file).splitlines() if li.startswith(old))
        deck_copy.replace(file, line, old + number)
    else:
        deck_copy.replace(file, old, old.split(":")[0] + f": {number}")
    done = cli("check", str(deck_copy.path), cwd=deck_copy.path.parent)
    assert done.returncode == 2, done.stderr
    assert f"{field}: a number of {digits:,} digits" in done.stderr and "too large" in done.stderr, done.stderr
    assert len(done.stderr) < 2_000 and "bug" not in done.stderr


def test_a_deck_file_as_a_link_to_dev_zero_is_named(deck_copy: DeckFolder):
    (deck_copy.path / "texts.yaml").unlink()
    (deck_copy.path / "texts.yaml").symlink_to("/dev/zero")
    done = cli("check", str(deck_copy.path), cwd=deck_copy.path.parent)
    assert done.returncode == 2 and "not a plain file (a pipe or a device)" in done.stderr, done.stderr


def test_the_default_deck_has_no_number_near_the_bound():
    """The bound (15 digits) is far above every figure a deck holds, so no real deck meets it."""
    from datadialoog_print.deck.yamlfile import MAX_INT_DIGITS

    longest = max(
        len(w) for f in DEFAULT_DECK.glob("*.yaml") for w in f.read_text(encoding="utf-8").split() if w.isdigit()
    )
    assert longest < MAX_INT_DIGITS
