"""Nothing left behind (issue 38): a deck being written is never listed, a killed writer's staging folder or
temporary file is removed by the next command that writes decks, and no umask keeps one.

The kills are SIGKILL by pid at random moments; each case is judged by the folder afterwards (never by where
the kill landed): the deck whole or absent, and nothing of a dead writer's left once the next command ran.
"""

from __future__ import annotations

import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from datadialoog_print.cli import cli
from datadialoog_print.safefile import is_temporary
from datadialoog_print.trainer import deckstaging

from .conftest import DEFAULT_DECK
from .unprivileged import unprivileged

TIMEOUT_S = 120


def run(*args: str, cwd: Path) -> tuple[int, str]:
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def _leftover(decks: Path, name: str = "x") -> Path:
    """A staging folder as a killed ``new`` leaves it: a whole deck inside, nobody holding it."""
    folder = decks / f"{deckstaging.STAGING_PREFIX}{name}-abcd_123"
    shutil.copytree(DEFAULT_DECK, folder)
    return folder


def test_decks_never_lists_a_deck_being_written(tmp_path: Path):
    _leftover(tmp_path / "decks")
    code, text = run("decks", cwd=tmp_path)
    assert code == 0 and ".staging" not in text and "In decks/ here: none yet" in text, text


@pytest.mark.parametrize("command", ["new", "generate", "import"])
def test_the_next_command_that_writes_decks_removes_a_dead_writers_leftovers(tmp_path: Path, command: str):
    decks = tmp_path / "decks"
    assert run("new", "mine", cwd=tmp_path)[0] == 0
    staged = _leftover(decks)
    staged.chmod(0o000)  # as umask 777 would have left it: its modes must not keep it
    temporary = decks / "mine" / ".datadialoog-0badc0de.tmp"
    temporary.write_text("half a persons.yaml")
    args = {
        "new": ["new", "other"],
        "generate": ["generate", "other", "--seed", "1"],
        "import": ["import", "mine", "personen.csv", "--replace"],
    }[command]
    if command == "import":
        assert run("export", "mine", "personen.csv", cwd=tmp_path)[0] == 0
    code, text = run(*args, cwd=tmp_path)
    assert code == 0, text
    assert not staged.exists()
    assert not temporary.exists() if command == "import" else True  # an edit tidies its own deck
    assert sorted(p.name for p in decks.iterdir() if p.name.startswith(".")) == []


def test_a_live_writers_staging_folder_is_left_alone(tmp_path: Path):
    """Another process holds its staging folder (it is writing): a second new deck next to it does not touch it."""
    decks = tmp_path / "decks"
    decks.mkdir()
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from datadialoog_print.trainer.deckstaging import staging_folder\n"
        "with staging_folder(Path(sys.argv[1]), 'slow') as folder:\n"
        "    print(folder, flush=True)\n"
        "    time.sleep(30)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script, str(decks)], stdout=subprocess.PIPE, text=True)
    try:
        staged = Path(holder.stdout.readline().strip())
        assert staged.is_dir()
        assert run("new", "quick", cwd=tmp_path)[0] == 0
        assert staged.is_dir(), "a live writer's folder was removed"
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert run("new", "later", cwd=tmp_path)[0] == 0
    assert not staged.exists(), "the dead writer's folder stayed"


def _judge(decks: Path, name: str) -> str:
    """After a kill and the next command: no staging folder or temporary file anywhere, the deck whole or absent."""
    hidden = [p for p in decks.rglob("*") if p.name.startswith(".") and p.name != ".datadialoog.lock"]
    assert hidden == [] and not any(is_temporary(p.name) for p in decks.rglob("*")), hidden
    target = decks / name
    if not target.exists():
        return "absent"
    code, text = run("check", str(target), cwd=decks.parent)
    assert code == 0, text
    for backup in (target / "backups").glob("*.yaml") if (target / "backups").exists() else ():
        assert isinstance(yaml.safe_load(backup.read_text(encoding="utf-8")), dict), f"half a backup: {backup}"
    return "whole"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_at_random_moments_new_generate_and_import_leave_nothing_the_next_run_does_not_tidy(tmp_path: Path):
    rng = random.Random(38)
    assert run("new", "mine", cwd=tmp_path)[0] == 0
    assert run("export", "mine", "personen.csv", cwd=tmp_path)[0] == 0
    decks = tmp_path / "decks"
    outcomes = []
    for i in range(12):
        command = (
            ["new", f"n{i}"],
            ["generate", f"g{i}", "--seed", str(i)],
            ["import", "mine", "personen.csv", "--replace"],
        )[i % 3]
        proc = subprocess.Popen(
            [sys.executable, "-m", "datadialoog_print", *command],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=TIMEOUT_S)
        # The next commands that write decks: another new deck, and an import into the deck the kill may have hit.
        assert run("new", f"next{i}", cwd=tmp_path)[0] == 0
        assert run("import", "mine", "personen.csv", "--replace", cwd=tmp_path)[0] == 0
        outcomes.append(_judge(decks, command[1]))
    listed = re.findall(r"^  (n\d+) ", run("decks", cwd=tmp_path)[1], re.MULTILINE)
    assert len(listed) == outcomes[0::3].count("whole"), (listed, outcomes)


def test_under_umask_777_a_new_deck_is_usable_and_nothing_stays(tmp_path: Path):
    """umask 777 would make every new folder 000: the staging folder is still ours to write and remove, and
    the new deck can be read by its owner."""
    import os

    for args in (["new", "x"], ["generate", "y", "--seed", "2"]):
        command = unprivileged([sys.executable, "-m", "datadialoog_print", *args], umask=0o777)
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT_S)
        assert done.returncode == 0, done.stderr
    decks = tmp_path / "decks"
    assert sorted(p.name for p in decks.iterdir()) == ["x", "y"]
    check = unprivileged([sys.executable, "-m", "datadialoog_print", "check", "x"])
    assert subprocess.run(check, cwd=tmp_path, capture_output=True, timeout=TIMEOUT_S).returncode == 0
    assert oct(os.stat(decks / "x").st_mode & 0o777) == oct(0o700)
