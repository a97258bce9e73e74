"""Any locale, any console (issue 38): output never fails on an encoding, files stay UTF-8, and what a command
wrote is said whatever happens to its output afterwards.

The commands run in their own process with the environment each case sets: a Dutch Latin-1 locale made
with ``localedef`` (skipped with one line where it is missing, never in CI), the C locale, and
Windows' redirected output (``PYTHONIOENCODING=cp1252``); ``> /dev/full``; a working folder deleted.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import signals
from .conftest import DEFAULT_DECK

TIMEOUT_S = 120


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdout=subprocess.PIPE
) -> subprocess.CompletedProcess:
    """The command in its own process with ``env`` added to this one's; stdout and stderr as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "datadialoog_print", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT_S,
    )


@pytest.fixture(scope="module")
def latin1(tmp_path_factory) -> dict[str, str]:
    """The environment of a Dutch Latin-1 locale, made with localedef into a folder of its own."""
    localedef = shutil.which("localedef")
    if localedef is None:
        if os.environ.get("CI"):
            pytest.fail("localedef is needed to test a Latin-1 locale")
        pytest.skip("localedef is missing: the Latin-1 locale cannot be made")
    where = tmp_path_factory.mktemp("locales")
    made = subprocess.run(
        [localedef, "-i", "nl_NL", "-f", "ISO-8859-1", str(where / "nl_NL.ISO-8859-1")],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    if made.returncode not in (0, 1) or not (where / "nl_NL.ISO-8859-1").is_dir():  # 1: made, with warnings
        if os.environ.get("CI"):
            pytest.fail(f"localedef could not make nl_NL.ISO-8859-1: {made.stderr}")
        pytest.skip("localedef could not make nl_NL.ISO-8859-1 here")
    env = {"LOCPATH": str(where), "LC_ALL": "nl_NL.ISO-8859-1"}
    probe = subprocess.run([sys.executable, "-c", "import sys; print(sys.stdout.encoding)"], env={**os.environ, **env},
                           capture_output=True, text=True, timeout=TIMEOUT_S)  # fmt: skip
    assert probe.stdout.strip().lower() in ("iso8859-1", "latin-1", "iso-8859-1"), probe
    return env


CONSOLES = {
    "latin-1 locale": None,  # the fixture's
    "C locale": {"LC_ALL": "C"},
    "C locale, no UTF-8 mode": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    "cp1252, redirected": {"PYTHONIOENCODING": "cp1252"},
}


@pytest.fixture(params=list(CONSOLES))
def console(request) -> tuple[str, dict[str, str]]:
    env = CONSOLES[request.param]
    return request.param, (request.getfixturevalue("latin1") if env is None else env)


def _shown(data: bytes) -> str:
    """What the console got, as text in any of the consoles' encodings (each is ASCII where it differs)."""
    return data.decode("latin-1")


def test_check_stats_and_generate_on_any_console(console, tmp_path: Path):
    """Each command does what it does in UTF-8, exit for exit; what the console cannot show is replaced by its
    nearest ASCII; the deck generate writes is UTF-8 (its names keep their ş and ë)."""
    name, env = console
    checked = cli("check", cwd=tmp_path, env=env)
    assert checked.returncode == 0, checked.stderr
    assert "in orde" in _shown(checked.stdout) and b"Traceback" not in checked.stderr
    with open(tmp_path / "figures.txt", "wb") as redirected:
        stats = cli("stats", cwd=tmp_path, env=env, stdout=redirected)
    assert stats.returncode == 0, stats.stderr
    figures = _shown((tmp_path / "figures.txt").read_bytes())
    assert "39,5" in figures and "Leeftijd" in figures
    made = cli("generate", "groep-2", "--seed", "7", cwd=tmp_path, env=env)
    assert made.returncode == 0, (name, made.stderr)
    assert "Bedoeld" in _shown(made.stdout) and b"bug" not in made.stderr
    persons = (tmp_path / "decks" / "groep-2" / "persons.yaml").read_bytes().decode("utf-8")
    assert any(not ch.isascii() for ch in persons), "the names beyond ASCII are in the file as UTF-8"


def test_a_message_with_characters_the_console_lacks(console, tmp_path: Path):
    """An error naming a value in letters the console cannot show (ğ, →): the message, in its nearest ASCII."""
    _, env = console
    deck = tmp_path / "deck"
    shutil.copytree(DEFAULT_DECK, deck)
    text = (deck / "persons.yaml").read_text(encoding="utf-8")
    (deck / "persons.yaml").write_text(text.replace("leeftijd: ", "leeftijd: Ağa→", 1), encoding="utf-8")
    done = cli("check", str(deck), cwd=tmp_path, env=env)
    assert done.returncode == 2 and b"bug" not in done.stderr, done.stderr
    assert "leeftijd" in _shown(done.stderr)


def test_output_lost_after_the_work_is_written_says_so(tmp_path: Path):
    """`> /dev/full`: build and generate wrote their files (exit 0, a note that their report is lost); stats wrote
    nothing but its output, so it fails (exit 2); verify answers 1."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        built = cli("build", "-o", str(tmp_path / "out"), cwd=tmp_path, stdout=full)
        made = cli("generate", "g", "--seed", "3", cwd=tmp_path, stdout=full)
        stats = cli("stats", cwd=tmp_path, stdout=full)
        verified = cli("verify", str(tmp_path / "out"), cwd=tmp_path, stdout=full)
    assert built.returncode == 0, built.stderr
    assert (
        b"Note: the new set in " in built.stderr
        and b"is written and complete, but the standard output could not" in (built.stderr)
    )
    assert cli("verify", str(tmp_path / "out"), cwd=tmp_path).returncode == 0
    assert made.returncode == 0 and b"Note: the deck decks/g is written and complete" in made.stderr, made.stderr
    assert cli("check", "g", cwd=tmp_path).returncode == 0
    assert stats.returncode == 2 and stats.stderr.decode().strip() == (
        "Error: cannot write to the standard output: the disk is full; nothing was changed"
    )
    assert verified.returncode == 1
    for done in (built, made, stats, verified):
        assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr, done.stderr


def test_a_deleted_working_folder_is_named(tmp_path: Path):
    gone = tmp_path / "gone"
    gone.mkdir()
    done = subprocess.run(
        ["sh", "-c", f'cd "{gone}" && rmdir "{gone}" && exec "$@"', "sh", sys.executable, "-m", "datadialoog_print",
         "build", str(DEFAULT_DECK), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=TIMEOUT_S, env={**os.environ, "PWD": str(gone)},
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        f"Error: the working folder {gone} no longer exists (deleted or moved); go to a folder that exists (cd) "
        "and run the command again; nothing was changed"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_closed_terminal_during_generate_leaves_nothing(tmp_path: Path):
    """SIGHUP (the terminal closed) while generate works: it stops as Ctrl-C does, and no staging folder stays."""
    proc = signals.start(
        ["-m", "datadialoog_print", "generate", "g", "--seed", "3", "--candidates", "20"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while not (tmp_path / "decks").exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGHUP)
        _, err = proc.communicate(timeout=TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    decks = tmp_path / "decks"
    left = sorted(p.name for p in decks.iterdir()) if decks.exists() else []
    if proc.returncode == 0:
        assert left == ["g"]
    else:
        assert (proc.returncode, err.strip(), left) == (130, "stopped; nothing changed", []), err
