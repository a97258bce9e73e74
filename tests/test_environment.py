"""A machine that refuses: full disk, read-only folder, no permission, a name too long; and the tool's own bugs.

Simulated without root tricks (the tests may run as root, where chmod stops nothing): the
file-system call that would fail is replaced by one that raises the OSError the kernel
gives. Each case on build, preview and calibrate: exit 2, one line that says what happened,
the output folder (its calibration and preview folders too) and the deck byte for byte as before.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.assemble import staging
from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK, DeckFolder
from .folders import snapshot


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> Path:
    """An output folder with a build, a preview and a calibration sheet in it, and a note of the user's."""
    out = tmp_path_factory.mktemp("env") / "out"
    for args in (["preview", "-o", str(out)], ["calibrate", "-o", str(out / "calibration")]):
        code, text = run(*args)
        assert code == 0, text
    (out / "notes.txt").write_text("the user's own\n")
    return out


def full_disk_at_save(monkeypatch) -> None:
    """Every PDF stops half-way with ENOSPC, as a full disk does: part of the file written, then the error."""
    from reportlab.pdfbase import pdfdoc

    def save(self, filename, canvas):
        with open(filename, "wb") as f:
            f.write(b"%PDF-1.4\n% half a file\n")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(filename))

    monkeypatch.setattr(pdfdoc.PDFDocument, "SaveToFile", save)


def refuse_staging(code: int):
    def patch(monkeypatch) -> None:
        def mkdtemp(*args, **kwargs):
            raise OSError(code, os.strerror(code), kwargs.get("dir"))

        monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)

    return patch


def full_disk_at_flush(monkeypatch) -> None:
    """Everything written, then the flush before the commit point fails (where a full disk often shows)."""

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def no_permission_for_the_lock(monkeypatch) -> None:
    real = os.open

    def guarded(path, flags, *args, **kwargs):
        if str(path).endswith(staging.LOCK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


def full_disk_at_png(monkeypatch) -> None:
    from PIL import Image

    def save(self, fp, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(fp))

    monkeypatch.setattr(Image.Image, "save", save)


FAILURES = {
    "disk-full-writing": (full_disk_at_save, "the disk is full"),
    "disk-full-flushing": (full_disk_at_flush, "the disk is full"),
    "read-only": (refuse_staging(errno.EROFS), "the file system is read-only"),
    "permission-denied": (refuse_staging(errno.EACCES), "permission denied"),
    "lock-permission-denied": (no_permission_for_the_lock, "permission denied"),
}
COMMANDS = {
    "build": lambda out: ["build", "-o", str(out), "-q"],
    "build-only": lambda out: ["build", "-o", str(out), "-q", "--only", "cards", "--back-offset", "1.5,0"],
    "preview": lambda out: ["preview", "-o", str(out)],
    "calibrate": lambda out: ["calibrate", "-o", str(out / "calibration"), "--duplex", "short"],
}


# preview with a failing flush renders every PNG first (2 s); test_preview_with_a_full_disk_… fails as late, faster.
CASES = [(c, f) for c in COMMANDS for f in FAILURES if (c, f) != ("preview", "disk-full-flushing")]


@pytest.mark.parametrize("command,failure", CASES, ids=[f"{c}-{f}" for c, f in CASES])
def test_a_refusing_machine_changes_nothing(earlier: Path, monkeypatch, command: str, failure: str):
    """Exit 2, one line with the reason, and every file of the output folder (hidden ones too) as it was."""
    patch, reason = FAILURES[failure]
    before, deck_before = snapshot(earlier), snapshot(DEFAULT_DECK)
    patch(monkeypatch)
    code, out = run(*COMMANDS[command](earlier))
    monkeypatch.undo()
    assert code == 2, out
    assert out.startswith("Error: ") and len(out.strip().splitlines()) == 1, out
    assert reason in out and "; nothing there was changed" in out, out
    assert snapshot(earlier) == before
    assert snapshot(DEFAULT_DECK) == deck_before


def test_preview_with_a_full_disk_keeps_the_earlier_previews(earlier: Path, monkeypatch):
    """The PNGs fail after the PDFs were rendered: neither the PDFs nor the old previews change."""
    before = snapshot(earlier)
    assert any(name.startswith("preview/") for name in before)
    full_disk_at_png(monkeypatch)
    code, out = run("preview", "-o", str(earlier))
    monkeypatch.undo()
    assert code == 2 and "the disk is full" in out, out
    assert snapshot(earlier) == before


def test_a_name_too_long_for_the_file_system(tmp_path: Path):
    """A real ENAMETOOLONG, no simulation: -o with a 300-character folder name."""
    code, out = run("build", "-o", str(tmp_path / ("x" * 300)), "-q")
    assert code == 2 and "the name is too long for the file system" in out, out
    assert list(tmp_path.iterdir()) == []


def test_output_is_a_file(tmp_path: Path):
    """-o names a file: exit 2, the file untouched."""
    target = tmp_path / "kaarten.pdf"
    target.write_bytes(b"%PDF-old")
    code, out = run("build", "-o", str(target))
    assert code == 2 and "is a file, not a folder" in out
    assert target.read_bytes() == b"%PDF-old"


def test_text_too_long_for_a_card_keeps_earlier_output(earlier: Path, deck_copy: DeckFolder):
    """What check cannot measure (text on a card at the chosen size) stops the build with a message, nothing changed."""
    before = snapshot(earlier)
    word = "Arbeidsongeschiktheidsverzekeringsuitvoeringsinstituut"
    deck_copy.replace("deck.yaml", "      - motorvoertuigen", f"      - {word}")
    deck_copy.replace("persons.yaml", "sector: motorvoertuigen", f"sector: {word}")
    deck_copy.replace("answers.yaml", "value: motorvoertuigen", f"value: {word}")
    assert run("check", str(deck_copy.path))[0] == 0
    code, out = run("build", str(deck_copy.path), "-o", str(earlier))
    assert code == 2 and "is too long" in out and word in out
    assert snapshot(earlier) == before


def test_a_bug_is_reported_with_a_log_not_a_traceback(earlier: Path, monkeypatch):
    """An unexpected exception: exit 3, one line calling it a bug with the log's path; the log has the traceback."""
    from datadialoog_print.figures import answersheet

    def broken(deck, **kwargs):
        raise RuntimeError("something nobody expected")

    before = snapshot(earlier)
    monkeypatch.setattr(answersheet, "answer_rows", broken)
    code, out = run("build", "-o", str(earlier), "-q")
    assert code == 3, out
    assert len(out.strip().splitlines()) == 1 and "a bug in datadialoog-print" in out, out
    assert "RuntimeError: something nobody expected" in out and "Traceback" not in out
    log = Path(out.split("the details are in ")[1].split(";")[0])
    try:
        text = log.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" in text and "def broken" not in text and "broken" in text
    finally:
        log.unlink()
    assert snapshot(earlier) == before


def test_a_bug_on_a_full_disk_still_gets_its_message(monkeypatch, tmp_path: Path):
    """No room for the log either: the message says so, still one line, still exit 3."""
    from datadialoog_print.figures import answersheet

    monkeypatch.setattr(answersheet, "answer_rows", lambda deck, **kwargs: 1 / 0)

    def no_room(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "mkstemp", no_room)
    code, out = run("build", "-o", str(tmp_path / "out"), "-q", "--only", "answers")
    assert code == 3 and "ZeroDivisionError" in out and "no log could be written (the disk is full)" in out, out


def test_new_with_a_name_too_long_for_the_file_system(tmp_path: Path, monkeypatch):
    """`new` with a 300-character name: the file system's refusal is one line, and decks/ is as it was."""
    import shutil

    shutil.copytree(DEFAULT_DECK, tmp_path / "decks" / "default")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path / "decks")
    code, out = run("new", "x" * 300)
    assert code == 2 and len(out.strip().splitlines()) == 1, out
    assert "the name is too long for the file system" in out or "name" in out.lower(), out
    assert snapshot(tmp_path / "decks") == before
