"""The output folder is a closed room: nothing outside it is read, written or removed, and nothing of the user's inside it.

Each case hashes the tree around the output folder and the deck before and after, so "nothing
outside was touched" is measured, not assumed. Commands that could hang or that get a signal run
in their own process, ended by pid under a timeout.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.assemble import staging
from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK
from .folders import snapshot

TIMEOUT_S = 60


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("room")
    shutil.copytree(DEFAULT_DECK, root / "testdeck")
    code, text = run("build", str(root / "testdeck"), "-o", str(root / "out"), "-q")
    assert code == 0, text
    return root


@pytest.fixture
def room(template: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """(the deck, a built output folder, a folder beside both that must never change)."""
    shutil.copytree(template / "testdeck", tmp_path / "testdeck")
    shutil.copytree(template / "out", tmp_path / "out")
    data = json.loads((tmp_path / "out" / "manifest.json").read_text())
    data["deck"]["absolute_path"] = (tmp_path / "testdeck").as_posix()
    (tmp_path / "out" / "manifest.json").write_text(json.dumps(data))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "holiday.jpg").write_bytes(b"\xff\xd8 my holiday")
    (elsewhere / "thesis.docx").write_text("four years of work")
    (tmp_path / "victim.txt").write_text("keep me")
    return tmp_path / "testdeck", tmp_path / "out", elsewhere


def outside(tmp: Path) -> dict[str, str]:
    """Every file around the output folder (the deck and the bystanders), not inside it."""
    return {k: v for k, v in snapshot(tmp).items() if not (k == "out" or k.startswith("out/"))}


def test_a_preview_symlink_is_not_followed(room):
    deck, out, elsewhere = room
    (out / "preview").symlink_to(elsewhere, target_is_directory=True)
    before = outside(out.parent)
    code, text = run("build", str(deck), "-o", str(out), "-q")
    assert code == 0, text
    assert outside(out.parent) == before


@pytest.mark.parametrize("entry", ["../victim.txt", "/etc/hostname", "preview/../../victim.txt"])
@pytest.mark.parametrize("key", ["removes", "files"])
def test_a_planted_commit_record_is_refused_not_obeyed(room, entry: str, key: str):
    deck, out, _ = room
    (out / staging.COMMIT).mkdir()
    record = {"files": ["manifest.json"], "removes": []}
    record[key].append(str(out.parent / "victim.txt") if entry.startswith("/") else entry)
    (out / staging.COMMIT / staging.RECORD).write_text(json.dumps(record))
    before, inside = outside(out.parent), snapshot(out)
    code, text = run("build", str(deck), "-o", str(out), "-q")
    assert code == 2 and "refused" in text and "Traceback" not in text, text
    assert outside(out.parent) == before and snapshot(out) == inside


def test_a_commit_record_nested_deep_is_a_message(room):
    deck, out, _ = room
    (out / staging.COMMIT).mkdir()
    (out / staging.COMMIT / staging.RECORD).write_text("[" * 100_000 + "]" * 100_000)
    code, text = run("build", str(deck), "-o", str(out), "-q")
    assert code == 2 and "not a record this tool writes" in text, text


def test_a_manifest_nested_deep_is_a_message(room):
    _, out, _ = room
    (out / "manifest.json").write_text("[" * 100_000 + "]" * 100_000)
    code, text = run("verify", str(out))
    assert code == 1 and "manifest.json is damaged (nested too deeply)" in text, text


@pytest.mark.parametrize("dangling", [False, True])
def test_a_lock_symlink_is_refused(room, dangling: bool):
    deck, out, elsewhere = room
    target = elsewhere / ("nothing-here" if dangling else "thesis.docx")
    (out / staging.LOCK).unlink(missing_ok=True)
    (out / staging.LOCK).symlink_to(target)
    before = outside(out.parent)
    code, text = run("build", str(deck), "-o", str(out), "-q")
    assert code == 2 and "is a symbolic link, not this tool's lock" in text, text
    assert outside(out.parent) == before and not target.exists() if dangling else outside(out.parent) == before


def test_a_folder_never_built_into_keeps_the_users_files(room, tmp_path: Path):
    deck, _, _ = room
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "dias.pdf").write_text("my own slides")
    (mine / "vragen.pdf").write_text("my own questions")
    code, text = run("build", str(deck), "-o", str(mine), "--only", "answers", "-q")
    assert code == 0, text
    assert (mine / "dias.pdf").read_text() == "my own slides"
    assert (mine / "vragen.pdf").read_text() == "my own questions"


def test_the_users_note_in_preview_stays(room):
    deck, out, _ = room
    (out / "preview").mkdir()
    (out / "preview" / "note.txt").write_text("mine")
    assert run("build", str(deck), "-o", str(out), "-q")[0] == 0
    assert (out / "preview" / "note.txt").read_text() == "mine"


def test_a_folder_named_like_a_document_is_refused_before_anything_moves(room):
    deck, out, _ = room
    (out / "vragen.pdf").unlink()
    (out / "vragen.pdf").mkdir()
    (out / "vragen.pdf" / "mine.txt").write_text("mine")
    before = snapshot(out)
    code, text = run("build", str(deck), "-o", str(out), "-q")
    assert code == 2 and "vragen.pdf is a folder" in text and "nothing there was changed" in text, text
    assert snapshot(out) == before  # the old set whole: its manifest and every file, no .commit
    assert run("build", str(deck), "-o", str(out), "-q")[0] == 2  # and the next build says the same, no "cannot tidy"


def test_a_file_named_preview_is_a_collision():
    assert staging.collisions(Path("/nonexistent"), ["preview/x.png"]) == []
    here = Path(__file__).parent
    assert staging.collisions(here, ["folders.py"]) == []
    assert staging.collisions(here, ["golden"]) == ["golden is a folder"]


def test_a_dangling_output_symlink_is_named_so(tmp_path: Path):
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    code, text = run("build", str(DEFAULT_DECK), "-o", str(tmp_path / "out"), "-q")
    assert code == 2 and "symbolic link to nothing" in text, text


def test_verify_reads_no_file_of_another_size_or_kind(room, tmp_path: Path):
    _, out, _ = room
    big = tmp_path / "sparse"
    with open(big, "wb") as f:
        f.truncate(1 << 40)
    data = json.loads((out / "manifest.json").read_text())
    name = next(iter(data["files"]))
    (out / name).unlink()
    (out / name).symlink_to(big)
    proc = subprocess.run(
        [sys.executable, "-m", "datadialoog_print", "verify", str(out)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert proc.returncode == 1 and f"{name}: not a plain file of a build" in proc.stdout + proc.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("delay", [0.1, 0.2, 0.5, 0.8])
@pytest.mark.parametrize("command", ["build", "generate"])
def test_ctrl_c_anywhere_is_one_line_and_exit_130(room, delay: float, command: str):
    """From the first import to the commit: one line, exit 130, and the trees as they were (the lock aside)."""
    deck, out, _ = room
    args = ["build", str(deck), "-o", str(out), "-q"] if command == "build" else ["generate", "g", "--seed", "3"]
    before = snapshot(out.parent)
    proc = subprocess.Popen(
        [sys.executable, "-m", "datadialoog_print", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=out.parent,
    )
    time.sleep(delay)
    try:
        os.kill(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode == 0:
        pytest.skip("the command finished before the signal")
    if proc.returncode == -signal.SIGINT and not stdout and not stderr:
        # Past our last line Python restores the default handler while it shuts down: a signal
        # then ends the process quietly, after the command had done all its work.
        pytest.skip("the signal came after the command had finished, while Python shut down")
    if "init_import_site" in stderr or "Could not import runpy module" in stderr:
        pytest.skip("the signal came before Python itself had started (its site module), before any of our code")
    assert proc.returncode == 130 and stderr.strip() == "stopped; nothing changed", (stdout, stderr)
    after = snapshot(out.parent)
    assert {k: v for k, v in after.items() if staging.LOCK not in k} == {
        k: v for k, v in before.items() if staging.LOCK not in k
    }


def test_a_file_of_two_million_items_is_refused_before_parsing(tmp_path: Path):
    from datadialoog_print.deck import yamlfile

    problems: list = []
    text = "persons:\n" + "- 1\n" * (yamlfile.MAX_ITEMS - 1)
    assert yamlfile.read_yaml(tmp_path / "p.yaml", "p.yaml", problems, text=text) is not None and not problems
    assert yamlfile.read_yaml(tmp_path / "p.yaml", "p.yaml", problems, text=text + "- 1\n") is None
    assert "a deck file may hold at most 600,000" in str(problems[0])
    deck = tmp_path / "big"
    shutil.copytree(DEFAULT_DECK, deck)
    (deck / "persons.yaml").write_text("persons:\n" + "- 1\n" * 1_900_000)
    proc = subprocess.run(
        [sys.executable, "-m", "datadialoog_print", "check", str(deck)], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 2 and "lines and commas" in proc.stderr, proc.stderr


@pytest.mark.parametrize("value", ["!!binary QWJj", "2024-01-01", "!!set {a: null}", "!!timestamp 2001-12-14"])
def test_yaml_types_other_than_text_numbers_and_yes_no_are_refused(value: str):
    from datadialoog_print.deck import yamlfile

    problems: list = []
    yamlfile.read_yaml(Path("p.yaml"), "p.yaml", problems, text=f"name: {value}\nother: plain\n")
    assert problems and "a value of YAML type" in str(problems[0]) and "p.yaml:1: name" in str(problems[0])


@pytest.mark.parametrize(
    ("new", "words"),
    [
        ("B.\u2009Bos", "U+2009 (THIN SPACE), a space other than the plain space"),
        ("B.\u00a0Bos", "U+00A0 (NO-BREAK SPACE)"),
        ("B. B\u200bos", "U+200B"),
        ("B. B\\x85os", "U+0085 (a control character)"),  # the YAML escape: a raw NEL is a line break to YAML
        ("B. Bos\u2028X", "U+2028 (LINE SEPARATOR)"),
        ("B. B\\aos", "U+0007 in 'B. B\\x07os'"),  # BEL: the message shows it, never sends it to the terminal
    ],
)
def test_a_name_with_an_invisible_or_odd_space_is_refused_naming_the_code_point(deck_copy, new: str, words: str):
    deck_copy.replace("persons.yaml", "name: B. Bos", f'name: "{new}"')
    code, text = run("check", str(deck_copy.path))
    assert code == 2 and words in text and "persons[1].name" in text, text


def test_two_names_equal_once_normalised_are_refused(deck_copy):
    deck_copy.replace("persons.yaml", "name: B. Bos", "name: B. Danie\u0308ls")
    deck_copy.replace("persons.yaml", "name: L. de Graaf", "name: B. Dani\u00ebls")
    code, text = run("check", str(deck_copy.path))
    assert code == 2 and "duplicate name 'B. Dani\u00ebls'" in text, text
