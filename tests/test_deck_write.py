"""The deck written like the output folder (issue 23): one staged, locked path, and a build that records what it read.

Two imports at once both land; a full disk or Ctrl-C during ``new``, ``generate`` or ``import``
leaves the deck (and ``decks/``) byte for byte as it was, with one line and a non-zero exit;
a deck file replaced while a build runs does not give the build's PDFs the new file's hash.
Processes run under a timeout and are ended by their pid.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print import folderlock, load_deck
from datadialoog_print.cli import cli
from datadialoog_print.folderlock import being_written
from datadialoog_print.trainer.deckwrite import edit_deck

from .conftest import DEFAULT_DECK, ROOT, DeckFolder
from .folders import snapshot

TIMEOUT_S = 60

HEADER = (
    "name,series,Leeftijd,Opleidingsniveau,Migratieachtergrond,Studieschuld,Sector,Ziekenhuisbezoeken,"
    "Maanden in de uitkering,Aantal interventies,Postcode,Geslacht\n"
)
ROW = "{name},1,30,HBO,Nederlands,1000,horeca,1,3,2,3582,vrouw\n"
FIRST = ["Z. Amsel", "Z. Berk", "Z. Cox"]
SECOND = ["Y. Dekker", "Y. Eland", "Y. Fok"]

SLOW_IMPORT = """
import sys, time
from datadialoog_print.trainer import spreadsheet
pause, real = float(sys.argv.pop(1)), spreadsheet.persons_from_sheet
def slow(*args, **kwargs):
    time.sleep(pause)  # the deck read, its lock held: a second import must wait for this one
    return real(*args, **kwargs)
spreadsheet.persons_from_sheet = slow
from datadialoog_print.cli.group import main
main()
"""

INTERRUPTED = """
import os, sys
name, at = sys.argv.pop(1), int(sys.argv.pop(1))
real, calls = getattr(os, name), [0]
def interrupted(*args, **kwargs):
    calls[0] += 1
    if calls[0] == at:
        raise KeyboardInterrupt  # Ctrl-C in the middle of writing the deck
    return real(*args, **kwargs)
setattr(os, name, interrupted)
from datadialoog_print.cli.group import main
main()
"""


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def sheet(tmp_path: Path, file: str, names: list[str]) -> Path:
    path = tmp_path / file
    path.write_text(HEADER + "".join(ROW.format(name=n) for n in names), encoding="utf-8")
    return path


def process(*args: str, cwd: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )  # fmt: skip


def finish(*procs: subprocess.Popen) -> list[tuple[int, str, str]]:
    """Each process's exit code and output, within the timeout; any still running is killed by its pid."""
    try:
        outputs = [p.communicate(timeout=TIMEOUT_S) for p in procs]
        return [(p.returncode, *output) for p, output in zip(procs, outputs, strict=True)]
    finally:
        for p in procs:
            if p.poll() is None:
                os.kill(p.pid, 9)
                p.wait()


def names(deck: Path) -> list[str]:
    return [p.name for p in load_deck(deck).persons]


# ---------------------------------------------------------------- two writers


def test_two_imports_at_once_both_land(tmp_path: Path, deck_copy: DeckFolder):
    """The second import waits for the first (it says so), then adds to the persons the first one wrote."""
    before = names(deck_copy.path)
    a, b = sheet(tmp_path, "a.csv", FIRST), sheet(tmp_path, "b.csv", SECOND)
    first = process("-c", SLOW_IMPORT, "1.5", "import", str(deck_copy.path), str(a), "--append")
    try:
        for _ in range(400):
            if being_written(deck_copy.path) or first.poll() is not None:
                break
            time.sleep(0.025)
        assert being_written(deck_copy.path), "the first import never held the deck"
        second = process("-m", "datadialoog_print", "import", str(deck_copy.path), str(b), "--append")
    except BaseException:
        finish(first)
        raise
    (code1, out1, err1), (code2, out2, err2) = finish(first, second)
    assert code1 == 0 and code2 == 0, (err1, err2)
    assert "the deck now has 23" in out1 and "the deck now has 26" in out2, (out1, out2)
    assert "Waiting for another datadialoog-print" in err2 and "changing the deck" in err2, err2
    assert names(deck_copy.path) == before + FIRST + SECOND
    assert sorted(p.name for p in (deck_copy.path / "backups").iterdir()) == ["persons-1.yaml", "persons-2.yaml"]
    assert not (deck_copy.path / folderlock.LOCK).exists()  # the deck folder is left as it was found


def test_imports_started_together_both_land(tmp_path: Path, deck_copy: DeckFolder):
    """No pause: two plain imports started at the same moment; whichever goes first, all six persons land."""
    a, b = sheet(tmp_path, "a.csv", FIRST), sheet(tmp_path, "b.csv", SECOND)
    procs = [process("-m", "datadialoog_print", "import", str(deck_copy.path), str(s), "--append") for s in (a, b)]
    results = finish(*procs)
    assert [r[0] for r in results] == [0, 0], results
    assert sorted(names(deck_copy.path)[-6:]) == sorted(FIRST + SECOND)


def test_a_deck_held_too_long_is_a_message(tmp_path: Path, deck_copy: DeckFolder, monkeypatch):
    """Another writer holds the deck past the bounded wait: one message naming it, exit 2, the deck unchanged."""
    monkeypatch.setattr(folderlock, "LOCK_WAIT_S", 0.3)
    csv = sheet(tmp_path, "a.csv", FIRST)
    with edit_deck(deck_copy.path):
        before = snapshot(deck_copy.path)
        code, out = invoke("import", str(deck_copy.path), str(csv), "--append")
        assert snapshot(deck_copy.path) == before
    assert code == 2, out
    assert f"another datadialoog-print (process {os.getpid()}) is changing the deck {deck_copy.path}" in out, out
    assert "(waited 0.3 s); let it finish and try again; nothing was changed" in out, out
    assert names(deck_copy.path) == names(DEFAULT_DECK)


def test_a_planted_lock_link_is_refused(tmp_path: Path, deck_copy: DeckFolder):
    """The deck's lock file a symbolic link to a file elsewhere: refused, that file untouched."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (deck_copy.path / folderlock.LOCK).symlink_to(victim)
    code, out = invoke("import", str(deck_copy.path), str(sheet(tmp_path, "a.csv", FIRST)), "--append")
    assert code == 2 and "is a symbolic link, not this tool's lock" in out, out
    assert victim.read_text() == "keep me" and names(deck_copy.path) == names(DEFAULT_DECK)


# ---------------------------------------------------------------- a full disk


def full_disk(fail_on: int):
    """os.write that fills the disk on its ``fail_on``-th call: half the bytes written, then ENOSPC."""
    real, calls = os.write, [0]

    def write(fd, data):
        calls[0] += 1
        if calls[0] >= fail_on:
            real(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    return write, calls


NEW_DECK = {
    "new": ["new", "mijn"],
    "generate": ["generate", "mijn", "--seed", "3"],
}


@pytest.mark.parametrize("decks_there", [True, False], ids=["decks-there", "no-decks"])
@pytest.mark.parametrize("fail_on", [1, 3], ids=["first-file", "third-file"])
@pytest.mark.parametrize("command", list(NEW_DECK))
def test_full_disk_during_a_new_deck_leaves_nothing(tmp_path: Path, monkeypatch, command, fail_on, decks_there):
    """No decks/mijn at all, no staging folder, decks/ as it was (not made when it was not there); one line, exit 2."""
    monkeypatch.chdir(tmp_path)
    if decks_there:
        shutil.copytree(DEFAULT_DECK, tmp_path / "decks" / "default")
    before = snapshot(tmp_path)
    write, calls = full_disk(fail_on)
    monkeypatch.setattr(os, "write", write)
    code, out = invoke(*NEW_DECK[command])
    monkeypatch.undo()
    assert calls[0] == fail_on  # the disk filled where this case says, while the deck was written
    assert code == 2 and out.strip() == "Error: cannot create decks/mijn: the disk is full; nothing was changed", out
    assert snapshot(tmp_path) == before
    assert (tmp_path / "decks").exists() == decks_there


@pytest.mark.parametrize("command", list(NEW_DECK))
def test_full_disk_at_the_flush_leaves_nothing(tmp_path: Path, monkeypatch, command):
    """ENOSPC only when the data is flushed (network disks): the same, nothing left."""
    monkeypatch.chdir(tmp_path)

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    code, out = invoke(*NEW_DECK[command])
    monkeypatch.undo()
    assert code == 2 and "the disk is full; nothing was changed" in out, out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", list(NEW_DECK))
def test_a_new_deck_is_whole(tmp_path: Path, monkeypatch, command):
    """The way that succeeds: decks/mijn holds the deck files and nothing else, with the folder's usual mode."""
    monkeypatch.chdir(tmp_path)
    code, out = invoke(*NEW_DECK[command])
    assert code == 0, out
    assert sorted(p.name for p in (tmp_path / "decks").iterdir()) == ["mijn"]
    assert sorted(p.name for p in (tmp_path / "decks" / "mijn").iterdir()) == sorted(
        ["answers.yaml", "deck.yaml", "persons.yaml", "texts.yaml"]
    )
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "decks" / "mijn").stat().st_mode & 0o777 == 0o777 & ~umask


# ---------------------------------------------------------------- Ctrl-C


def interrupted(cwd: Path, call: str, at: int, *args: str) -> tuple[int, str, str]:
    return finish(process("-c", INTERRUPTED, call, str(at), *args, cwd=cwd))[0]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file calls")
@pytest.mark.parametrize("call,at", [("write", 1), ("write", 2), ("replace", 1)], ids=["backup", "persons", "rename"])
def test_ctrl_c_during_import_append_changes_nothing(tmp_path: Path, deck_copy: DeckFolder, call: str, at: int):
    """KeyboardInterrupt while the backup, the new persons.yaml or its rename is made: one line, exit 130."""
    before = snapshot(deck_copy.path)
    code, out, err = interrupted(
        ROOT, call, at, "import", str(deck_copy.path), str(sheet(tmp_path, "a.csv", FIRST)), "--append"
    )
    assert code == 130 and err.strip() == "stopped; nothing changed" and out == "", (out, err)
    assert snapshot(deck_copy.path) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file calls")
@pytest.mark.parametrize("at", [1, 4])
def test_ctrl_c_during_generate_leaves_nothing(tmp_path: Path, at: int):
    """KeyboardInterrupt while the new deck's first or last file is written: no decks/, one line, exit 130."""
    code, out, err = interrupted(tmp_path, "write", at, "generate", "g", "--seed", "3")
    assert code == 130 and err.strip() == "stopped; nothing changed", (out, err)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- the build records what it read


def test_a_deck_file_replaced_during_the_build_keeps_the_hash_of_what_was_read(tmp_path: Path, deck_copy: DeckFolder):
    """persons.yaml replaced while the build renders: the manifest has the hash of the file the PDFs came from."""
    from datadialoog_print import BuildOptions
    from datadialoog_print.assemble import build

    persons = deck_copy.path / "persons.yaml"
    read = persons.read_bytes()
    deck = load_deck(deck_copy.path)
    replaced = read.replace(b"leeftijd: 34", b"leeftijd: 35", 1)
    assert replaced != read

    def swap(deck, place, written):  # runs after the documents are rendered, before the manifest is written
        persons.write_bytes(replaced)
        return []

    out = tmp_path / "out"
    build(deck, out, options=BuildOptions(only=("answers", "handouts")), extra=swap)
    record = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["deck"]
    assert record["files"]["persons.yaml"] == hashlib.sha256(read).hexdigest()
    assert record["sha256"] == load_deck(deck_copy.path, replacing={"persons.yaml": read.decode()}).digest
    code, text = invoke("verify", str(out))
    assert code == 1 and "persons.yaml: edited since the build" in text and "damaged" not in text, text
    persons.write_bytes(read)  # the deck as the build read it: every file of that build is intact
    code, text = invoke("verify", str(out))
    assert code == 0 and "intact" in text, text


# ---------------------------------------------------------------- several files, one change


def test_a_rename_that_fails_half_way_puts_the_first_file_back(deck_copy: DeckFolder, monkeypatch):
    """Two files in one change, the second rename refused by the disk: the first is put back, no backup kept."""
    from datadialoog_print.errors import EnvironmentFailure
    from datadialoog_print.trainer.deckwrite import save_deck_files

    files = {name: deck_copy.text(name).encode() + b"# edited\n" for name in ("persons.yaml", "texts.yaml")}
    before = snapshot(deck_copy.path)
    real, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(EnvironmentFailure, match="the disk reported an input/output error; nothing was changed"):
        save_deck_files(deck_copy.path, files)
    monkeypatch.undo()
    assert len(calls) == 3  # persons.yaml, texts.yaml (refused), persons.yaml put back
    assert snapshot(deck_copy.path) == before


@pytest.mark.parametrize("links", ["none in os (Pyodide)", "refused by the file system"])
def test_saves_keep_every_backup_where_there_are_no_hard_links(deck_copy: DeckFolder, monkeypatch, links):
    """The web edition's Python has no ``os.link``; some file systems refuse one: two saves still keep two backups,
    each the bytes it replaced, and the deck holds the second save."""
    from datadialoog_print.trainer.deckwrite import save_deck_files

    if links.startswith("none"):
        monkeypatch.delattr(os, "link")
    else:
        monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.EPERM, "no hard links")))
    first = deck_copy.text("persons.yaml").encode()
    save_deck_files(deck_copy.path, {"persons.yaml": first + b"# one\n"})
    save_deck_files(deck_copy.path, {"persons.yaml": first + b"# two\n"})
    kept = deck_copy.path / "backups"
    assert sorted(p.name for p in kept.iterdir()) == ["persons-1.yaml", "persons-2.yaml"]
    assert (kept / "persons-1.yaml").read_bytes() == first
    assert (kept / "persons-2.yaml").read_bytes() == first + b"# one\n"
    assert deck_copy.text("persons.yaml").endswith("# two\n")


def test_a_backups_link_out_of_the_deck_is_refused(tmp_path: Path, deck_copy: DeckFolder):
    """backups/ a symbolic link to a folder elsewhere: the import is refused, nothing written there or in the deck."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (deck_copy.path / "backups").symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(deck_copy.path)
    code, out = invoke("import", str(deck_copy.path), str(sheet(tmp_path, "a.csv", FIRST)), "--append")
    assert code == 2 and "backups is not a folder (a symbolic link or a file)" in out, out
    assert list(elsewhere.iterdir()) == [] and snapshot(deck_copy.path) == before


def test_the_new_deck_returned_is_the_deck_on_disk(tmp_path: Path, monkeypatch):
    """write_new_deck hands back the staged deck under its new name: equal to loading decks/NAME afresh."""
    from datadialoog_print.trainer.generate import generate_deck
    from datadialoog_print.trainer.newdeck import new_deck

    monkeypatch.chdir(tmp_path)
    made = generate_deck("g", seed=3)
    assert made.deck == load_deck(Path("decks/g")) and made.deck.name == "g"
    assert new_deck("e", source="default-en") == Path("decks/e")  # a deck that borrows its persons, made standalone
    assert load_deck(Path("decks/e")).files[1] == Path("decks/e/persons.yaml")
