"""Cases an attacker's run of issue 23 found mishandled: a deck's shape, file kinds, names, a build's date.

Each was a bug report (exit 3), a misleading message, or a verify that called intact files damaged.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from . import signals
from .conftest import DEFAULT_DECK, DeckFolder
from .folders import snapshot


def _check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(path)])
    return result.exit_code, result.output


@pytest.mark.parametrize("value", [None, 5, "vijf", {"a": 1}])
def test_attributes_that_are_no_list_get_one_line_not_a_bug(deck_copy: DeckFolder, value):
    data = deck_copy.read("deck.yaml")
    data["attributes"] = value
    deck_copy.write("deck.yaml", data)
    code, output = _check(deck_copy.path)
    assert code == 2, output
    assert "attributes: expected a list" in output
    assert "unknown attribute 'leeftijd'" not in output  # not 200 lines of consequences
    assert output.count("\n") < 8, output


def test_no_comparisons_is_refused_by_check_not_by_the_build(deck_copy: DeckFolder, tmp_path: Path):
    data = deck_copy.read("answers.yaml")
    data["comparisons"] = []
    deck_copy.write("answers.yaml", data)
    code, output = _check(deck_copy.path)
    assert code == 2 and "comparisons: needs at least one comparison" in output, output
    result = CliRunner().invoke(cli, ["build", str(deck_copy.path), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2 and "needs at least one comparison" in result.output
    assert not (tmp_path / "out").exists()


def test_a_persons_file_that_is_a_folder_or_a_pipe_is_named_so(deck_copy: DeckFolder):
    target = deck_copy.path / "persons.yaml"
    target.unlink()
    target.mkdir()
    assert "persons.yaml: a folder, not a file" in _check(deck_copy.path)[1]
    target.rmdir()
    os.mkfifo(target)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(_check(deck_copy.path)), daemon=True)
    worker.start()
    worker.join(30)  # opening a pipe to read would wait for a writer for ever
    assert done, "check hung on a pipe"
    code, output = done[0]
    assert code == 2 and "persons.yaml: not a plain file (a pipe or a device)" in output, output
    target.unlink()
    target.symlink_to(deck_copy.path / "nowhere.yaml")
    assert "persons.yaml: a link to nothing" in _check(deck_copy.path)[1]
    target.unlink()
    assert "persons.yaml: missing" in _check(deck_copy.path)[1]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """A real process, as the file system hands it bytes that are no UTF-8 (CliRunner cannot pass them)."""
    return subprocess.run(
        [sys.executable, "-m", "datadialoog_print", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="backslashreplace",
        timeout=120,
    )


def test_a_deck_folder_whose_name_is_not_utf8(tmp_path: Path):
    name = os.fsdecode(b"deck\xff")
    shutil.copytree(DEFAULT_DECK, tmp_path / name)
    for command in (["check", name], ["build", name, "-o", "out", "-q"]):
        result = _run(*command, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert "deck\\xff: the folder's name is not UTF-8 text; rename the folder" in result.stderr
        assert "bug" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_spreadsheet_whose_name_is_not_utf8_is_imported(tmp_path: Path):
    shutil.copytree(DEFAULT_DECK, tmp_path / "deck")
    sheet = os.fsdecode(b"personen\xfe.xlsx")
    assert _run("export", "deck", sheet, cwd=tmp_path).returncode == 0
    result = _run("import", "deck", sheet, "--replace", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # the note of where the persons came from, in the deck's language below its kept heading (issue 36)
    assert "# Ingelezen uit personen\\xfe.xlsx." in (tmp_path / "deck" / "persons.yaml").read_text(encoding="utf-8")


def test_verify_rebuilds_under_the_date_the_build_had(tmp_path: Path):
    """Built with SOURCE_DATE_EPOCH, verified without it or under another: the files are intact."""
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["build", "-o", str(out), "-q", "--only", "answers"], env={"SOURCE_DATE_EPOCH": "1700000000"}
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kinds"]["answers"]["source_date_epoch"] == 1700000000
    for env in ({}, {"SOURCE_DATE_EPOCH": "1800000000"}):
        result = runner.invoke(cli, ["verify", str(out)], env=env)
        assert result.exit_code == 0, result.output
    assert os.environ.get("SOURCE_DATE_EPOCH") is None  # verify put the variable back


@pytest.mark.parametrize("forged", [-1, "1700000000", 1.5, True, 10**13])
def test_a_forged_build_date_is_a_damaged_manifest(tmp_path: Path, forged):
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", "-o", str(out), "-q", "--only", "answers"]).exit_code == 0
    path = out / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["kinds"]["answers"]["source_date_epoch"] = forged
    path.write_text(json.dumps(manifest), encoding="utf-8")
    before = snapshot(out)
    result = CliRunner().invoke(cli, ["verify", str(out)])
    assert result.exit_code == 1 and "manifest.json is damaged: the build date" in result.output, result.output
    assert snapshot(out) == before


SLOW_COMMIT = """
import sys, time
from pathlib import Path
from datadialoog_print.assemble import staging
from datadialoog_print.cli.group import main
apply, flag = staging._apply, Path(sys.argv[1])
def slow(out_dir):
    flag.write_text("moving")
    time.sleep(1.5)
    apply(out_dir)
staging._apply = slow
sys.argv = ["datadialoog-print", "build", "-o", sys.argv[2], "-q", "--only", "answers"]
main()
"""


def _signalled_at_the_flag(script: str, tmp_path: Path, signum: int) -> tuple[int, str]:
    """Run ``script`` (a build into tmp_path/out that writes tmp_path/flag at its moment), send ``signum``
    when the flag appears; the exit code and stderr. Ended by its pid whatever happens."""
    out, flag = tmp_path / "out", tmp_path / "flag"
    process = signals.start(
        ["-c", script, str(flag), str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not flag.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert flag.exists(), process.communicate()[1]
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
    return process.returncode, err


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_stop_after_the_commit_point_lets_the_move_finish(tmp_path: Path, signame: str):
    """Ctrl-C while the sealed set moves in: the move ends, no .commit/ is left, and no "nothing changed"."""
    code, err = _signalled_at_the_flag(SLOW_COMMIT, tmp_path, getattr(signal, signame))
    assert code == 0, err
    assert "nothing changed" not in err and "Traceback" not in err
    assert not (tmp_path / "out" / ".commit").exists()
    assert CliRunner().invoke(cli, ["verify", str(tmp_path / "out")]).exit_code == 0


AFTER_COMMIT = """
import sys, time
from pathlib import Path
from datadialoog_print.assemble import staging
from datadialoog_print.cli.group import main
commit, flag = staging.Staging.commit, Path(sys.argv[1])
def slow(self, *args, **kwargs):
    paths = commit(self, *args, **kwargs)
    flag.write_text("in place")
    time.sleep(1.5)
    return paths
staging.Staging.commit = slow
sys.argv = ["datadialoog-print", "build", "-o", sys.argv[2], "-q", "--only", "answers"]
main()
"""


def test_a_stop_after_the_commit_does_not_say_nothing_changed(tmp_path: Path):
    """The files are in place when the Ctrl-C comes: exit 130, and the message says they are complete."""
    code, err = _signalled_at_the_flag(AFTER_COMMIT, tmp_path, signal.SIGINT)
    assert code == 130, err
    assert err.strip() == "stopped after the new files were in place; they are complete", err
    assert CliRunner().invoke(cli, ["verify", str(tmp_path / "out")]).exit_code == 0
