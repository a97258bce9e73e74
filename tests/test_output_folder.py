"""The output folder belongs to the build, and verify trusts no one.

A build replaces its whole set in one step, removes what an earlier build wrote and this
one does not, keeps the user's files; --only keeps the other documents of the same deck;
a lock keeps two builds apart; a build killed at any moment leaves one complete set.
verify finds the deck from the manifest's folder and compares a fresh build byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print import folderlock
from datadialoog_print.assemble import staging
from datadialoog_print.assemble import verify as verify_module
from datadialoog_print.assemble.staging import OutputFolder
from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK, ROOT, DeckFolder
from .folders import child_temp, snapshot
from .planned import planned_names, verified

BACKS = ("kaarten-reeks-1-groen-achterkanten.pdf", "kaarten-reeks-2-geel-achterkanten.pdf")


def run(*args: str, cwd: Path | None = None):
    if cwd is not None:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        if cwd is not None:
            os.chdir(old)
    return result.exit_code, result.output


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One build of the default deck as 'testdeck', beside its output, copied for each test (a build takes 0.4 s)."""
    root = tmp_path_factory.mktemp("template")
    shutil.copytree(DEFAULT_DECK, root / "testdeck")
    code, text = run("build", str(root / "testdeck"), "-o", str(root / "out"), "-q")
    assert code == 0, text
    return root / "out"


@pytest.fixture
def built(template: Path, tmp_path: Path, deck_copy: DeckFolder) -> tuple[Path, DeckFolder]:
    """A fresh output folder of ``deck_copy`` (same content, same place relative to it as the template's deck)."""
    out = tmp_path / "out"
    shutil.copytree(template, out)
    data = manifest(out)
    data["deck"]["absolute_path"] = deck_copy.path.absolute().as_posix()  # as a build of deck_copy writes it
    (out / "manifest.json").write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return out, deck_copy


def test_files_an_earlier_build_wrote_go_and_the_users_stay(built):
    """single then sheets: the backs' files go; the user's notes stay and verify lists them without failing."""
    out, deck = built
    (out / "notities.txt").write_text("mijn aantekeningen\n")
    assert run("build", str(deck.path), "-o", str(out), "-q", "--layout", "single")[0] == 0
    assert all((out / name).is_file() for name in BACKS)
    code, text = run("build", str(deck.path), "-o", str(out))
    assert code == 0 and "removed, from an earlier build: " + ", ".join(BACKS) in text, text
    assert not any((out / name).exists() for name in BACKS)
    assert (out / "notities.txt").read_text() == "mijn aantekeningen\n"
    code, text = run("verify", str(out))
    assert code == 0 and "note: notities.txt: not from a build; left alone" in text, text


def test_only_keeps_the_other_documents_of_the_same_deck(built):
    """Printing day: build, then --only cards --back-offset 1.5,0; the seven other files and their entries stay."""
    out, deck = built
    others = {n: f for n, f in manifest(out)["files"].items() if f["kind"] != "cards"}
    code, text = run("build", str(deck.path), "-o", str(out), "--only", "cards", "--back-offset", "1.5,0")
    assert code == 0 and "kept from the earlier build" in text, text
    after = manifest(out)
    assert {n: f for n, f in after["files"].items() if n in others} == others
    assert len(after["files"]) == len(planned_names(deck.path))
    assert after["kinds"]["cards"]["back_offset_mm"] == [1.5, 0.0]
    assert after["kinds"]["booklet"]["back_offset_mm"] == [0.0, 0.0]
    code, text = run("verify", str(out))
    assert code == 0 and text == verified(deck.path), text


def test_only_after_the_deck_changed_removes_what_no_longer_belongs(built):
    """The deck was edited: the booklet of the old deck is not kept beside the new cards."""
    out, deck = built
    deck.replace("persons.yaml", "leeftijd: 34", "leeftijd: 35")
    code, text = run("build", str(deck.path), "-o", str(out), "--only", "cards")
    assert code == 0 and "removed, from an earlier build:" in text and "gespreksleider-a5.pdf" in text, text
    assert sorted(p.name for p in out.glob("*.pdf")) == ["kaarten-reeks-1-groen.pdf", "kaarten-reeks-2-geel.pdf"]
    assert run("verify", str(out))[0] == 0


def test_verify_from_inside_the_output_folder_and_from_anywhere(built, tmp_path: Path):
    """The deck is found from the manifest's own folder, whatever the working folder."""
    out, deck = built
    assert run("verify", ".", cwd=out) == (0, verified(deck.path))
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    assert run("verify", str(out), cwd=elsewhere)[0] == 0
    assert manifest(out)["deck"]["path"] == "../testdeck"


def test_output_and_deck_moved_together_still_verify(built, tmp_path: Path):
    """The path is relative to the manifest: moved (or copied to another machine) side by side, they still match."""
    out, deck = built
    moved = tmp_path / "moved"
    moved.mkdir()
    out.rename(moved / "out")
    deck.path.rename(moved / "testdeck")
    assert run("verify", str(moved / "out"))[0] == 0


def _forge(out: Path, change) -> None:
    data = manifest(out)
    change(data)
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def _rehash(out: Path, name: str, data: bytes) -> None:
    (out / name).write_bytes(data)
    _forge(out, lambda m: m["files"][name].update(sha256=hashlib.sha256(data).hexdigest()))


FORGERIES = {
    "pdf-changed-hash-updated": (
        lambda out: _rehash(out, "vragen.pdf", (out / "vragen.pdf").read_bytes() + b"%x\n"),
        "vragen.pdf: not what the deck builds",
    ),
    "pdf-and-entry-deleted": (
        lambda out: ((out / "antwoordblad.pdf").unlink(), _forge(out, lambda m: m["files"].pop("antwoordblad.pdf"))),
        "antwoordblad.pdf: missing, and missing from the manifest",
    ),
    "manifest-empty": (lambda out: (out / "manifest.json").write_text("{}"), "manifest.json is damaged"),
    "files-emptied": (lambda out: _forge(out, lambda m: m.update(files={})), "on disk, but missing from the manifest"),
    "deck-file-outside-the-deck": (
        lambda out: _forge(out, lambda m: m["deck"]["files"].update({"../../../../etc/hostname": "0" * 64})),
        "names the deck file '../../../../etc/hostname', which is not a file of the deck",
    ),
    "entry-for-a-file-not-built": (
        lambda out: _forge(out, lambda m: m["files"].update({"extra.pdf": m["files"]["vragen.pdf"]})),
        "extra.pdf: missing",
    ),
    "options-nan": (
        lambda out: _forge(out, lambda m: [k.update(bleed_mm=float("nan")) for k in m["kinds"].values()]),
        "manifest.json is damaged: options not as a build writes them",
    ),
    "hostile-name": (
        lambda out: _forge(out, lambda m: m["files"].update({"../../etc/passwd": {}})),
        "names '../../etc/passwd', which is no file a build writes",
    ),
    "interrupted-commit": (
        lambda out: ((out / staging.COMMIT).mkdir(), (out / "manifest.json").unlink()),
        ".commit/: a build was interrupted",
    ),
    "deck-edited": (None, "persons.yaml: edited since the build; build again"),
    "deck-gone": (None, "the deck is not where the manifest says"),
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_verify_trusts_neither_manifest_nor_files(built, forgery: str):
    """Each way a folder can lie: exit 1 and a line naming what is wrong."""
    out, deck = built
    change, words = FORGERIES[forgery]
    if forgery == "deck-edited":
        deck.replace("persons.yaml", "leeftijd: 34", "leeftijd: 35")
    elif forgery == "deck-gone":
        deck.path.rename(deck.path.with_name("elsewhere"))
    else:
        change(out)
    code, text = run("verify", str(out))
    assert code == 1 and words in text, text


def test_a_hostile_manifest_cannot_make_a_build_delete_outside_its_folder(built, tmp_path: Path):
    out, deck = built
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    _forge(out, lambda m: m["files"].update({"../victim.txt": {"kind": "cards"}}))
    assert run("build", str(deck.path), "-o", str(out), "-q")[0] == 0
    assert victim.read_text() == "keep me"


def test_leftovers_are_listed_and_tidied_by_the_next_build(built):
    """A staging folder of a killed build: a note in verify (exit 0), gone after the next build."""
    out, deck = built
    leftover = out / f"{staging.STAGING_PREFIX}killed"
    leftover.mkdir()
    (leftover / "kaarten-reeks-1-groen.pdf").write_bytes(b"%PDF half")
    code, text = run("verify", str(out))
    assert code == 0 and f"note: {leftover.name}/: left over from an interrupted build" in text, text
    assert run("build", str(deck.path), "-o", str(out), "-q")[0] == 0
    assert not leftover.exists()


def test_a_commit_interrupted_half_way_is_finished_by_the_next_run(built, monkeypatch):
    """Killed after two files of the new set were moved in: verify fails, the next build completes it."""
    out, deck = built
    real, moved = os.replace, []

    def dying_replace(src, dst):
        if Path(src).parent.name == staging.COMMIT and len(moved) == 2:
            raise KeyboardInterrupt  # the process dies here: no cleanup runs for a kill either
        moved.append(dst)
        real(src, dst)

    monkeypatch.setattr(os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        from datadialoog_print import BuildOptions, load_deck
        from datadialoog_print.assemble import build

        build(load_deck(deck.path), out, options=BuildOptions(layout="single"))
    monkeypatch.undo()
    assert (out / staging.COMMIT).is_dir() and not (out / "manifest.json").exists()
    assert run("verify", str(out))[0] == 1
    with OutputFolder(out):  # what the next build, preview or calibrate does first
        pass
    assert not (out / staging.COMMIT).exists()
    assert manifest(out)["options"]["layout"] == "single" and all((out / n).is_file() for n in BACKS)
    assert run("verify", str(out)) == (0, verified(deck.path, layout="single"))


def test_a_second_build_waits_then_stops_with_a_message(built, monkeypatch):
    """While another process holds the folder, a build waits LOCK_WAIT_S, then exits 2 naming the holder."""
    out, deck = built
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from datadialoog_print.assemble.staging import OutputFolder\n"
         f"with OutputFolder({str(out)!r}):\n    print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        before = snapshot(out)
        monkeypatch.setattr(staging, "LOCK_WAIT_S", 0.3)
        monkeypatch.setattr(verify_module, "WAIT_S", 0.3)
        code, text = run("build", str(deck.path), "-o", str(out), "-q")
        assert code == 2 and f"another datadialoog-print (process {holder.pid}) is writing to {out}" in text, text
        assert snapshot(out) == before
        code, text = run("verify", str(out))
        assert code == 1 and "a build is writing to" in text and "(waited 0.3 s)" in text, text
    finally:
        holder.kill()
        holder.wait(timeout=10)


def _build_process(deck: Path, out: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "datadialoog_print", "build", str(deck), "-o", str(out), "-q", *options],
        cwd=ROOT,
        env=child_temp(out.parent / "child-tmp"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_two_builds_at_once_end_in_one_consistent_folder(built):
    """Started together with different options: the second waits for the first; the folder is the second's set."""
    out, deck = built
    # Four sets of single cards: a first build long enough that the second, which checks the deck
    # before it takes the lock, still finds it held on a loaded machine.
    first = _build_process(deck.path, out, "--layout", "single", "--sets", "4")
    # The second starts once the first holds the folder.
    for _ in range(600):
        if folderlock.being_written(out) or first.poll() is not None:
            break
        time.sleep(0.05)
    second = _build_process(deck.path, out, "--only", "handouts")
    try:
        assert first.wait(timeout=60) == 0 and second.wait(timeout=60) == 0
    finally:
        for p in (first, second):
            if p.poll() is None:
                p.kill()
    assert b"Waiting for another datadialoog-print" in second.stderr.read()
    assert manifest(out)["options"]["only"] == ["handouts"] and all((out / n).is_file() for n in BACKS)
    assert run("verify", str(out)) == (0, verified(deck.path, layout="single"))


def _consistent(out: Path) -> bool:
    """One complete set: a manifest whose every file is there with its hash, and no other file a build writes."""
    data = manifest(out)
    for name, facts in data["files"].items():
        if hashlib.sha256((out / name).read_bytes()).hexdigest() != facts["sha256"]:
            return False
    pdfs = {p.name for p in out.glob("*.pdf")}
    return pdfs == set(data["files"])


def test_killed_at_random_moments_the_folder_holds_one_complete_set(built, tmp_path: Path):
    """20 builds, alternating sheets and single (so old and new sets differ), each SIGKILLed by pid at a random
    moment of its run: after each, wherever it landed, one complete set (old or new), or a sealed commit the next
    run finishes.
    Two folders side by side, ten kills each, to use both cores."""
    out, deck = built
    second = tmp_path / "second"
    shutil.copytree(out, second)
    rng = random.Random(15)
    start = time.monotonic()
    probe = _build_process(deck.path, second, "--only", "answers")
    assert probe.wait(timeout=60) == 0
    duration = time.monotonic() - start
    outcomes = []
    for i in range(10):
        layout = ("single", "sheets")[i % 2]
        began = time.monotonic()
        runs = [(_build_process(deck.path, folder, "--layout", layout, "--only", "cards", "--only", "answers"), folder)
                for folder in (out, second)]  # fmt: skip
        for (process, folder), at in zip(runs, sorted(rng.uniform(0, duration * 1.3) for _ in runs), strict=True):
            time.sleep(max(0.0, began + at - time.monotonic()))
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            process.stderr.close()
            if (folder / staging.COMMIT).exists():
                outcomes.append("in the commit")
                with OutputFolder(folder):  # the next run finishes it
                    pass
            else:
                staged = any(p.name.startswith(staging.STAGING_PREFIX) for p in folder.iterdir())
                outcomes.append("finished" if not process.returncode else "while staging" if staged else "before")
            assert _consistent(folder), (i, outcomes)
    # Where the kills landed is chance (a loaded machine moves them all before the staging); the folders are judged.
    for folder in (out, second):
        code, text = run("verify", str(folder))
        assert code == 0, text
    if sys.platform.startswith("linux"):  # no process of these builds is left (the kernel has reaped them)
        left = [p for p in Path("/proc").iterdir() if p.name.isdigit() and str(out).encode() in _cmdline(p)]
        assert left == []


def _cmdline(proc: Path) -> bytes:
    try:
        return (proc / "cmdline").read_bytes()
    except OSError:
        return b""
