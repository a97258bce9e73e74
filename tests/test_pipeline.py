"""The build as one straight process: no pandas on its path, a second core only through a standard pool,
errors that keep their type, ReportLab's private parts checked, rounding as a person rounds."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

from datadialoog_print import DeckError, Problem, load_deck
from datadialoog_print.assemble import BuildOptions, build
from datadialoog_print.assemble.cardjobs import SeriesJob, render_all
from datadialoog_print.deck.language import LANGUAGES
from datadialoog_print.paper.layout import Duplex, sheet_layout
from datadialoog_print.render import internals
from datadialoog_print.render.cardpainter import CardOptions

from .conftest import DEFAULT_DECK, ROOT
from .folders import child_temp

sys.path.insert(0, str(ROOT / "bench"))
from bench import synthetic_deck

HEAVY = ("numpy", "pandas", "reportlab")


def modules_after(args: list[str], cwd: Path) -> list[str]:
    """Run a CLI command in a fresh interpreter and list which heavy modules it imported."""
    code = (
        "import sys\n"
        "from datadialoog_print.cli import cli\n"
        f"try:\n    cli({args!r}, standalone_mode=False)\n"
        f"finally:\n    print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=60)
    assert out.returncode == 0, out.stderr
    return eval(out.stdout.strip().splitlines()[-1])


def test_build_check_stats_new_and_verify_never_import_pandas(tmp_path: Path):
    """pandas belongs to the spreadsheet edge: the build and the light commands never load it; check and new
    load no ReportLab either."""
    out = tmp_path / "out"
    assert modules_after(["build", str(DEFAULT_DECK), "-o", str(out), "-q"], ROOT) == ["reportlab"]
    assert modules_after(["check", str(DEFAULT_DECK)], ROOT) == []
    assert modules_after(["stats", str(DEFAULT_DECK), "--format", "json"], ROOT) == []
    assert modules_after(["verify", str(out)], ROOT) == ["reportlab"]  # it builds again to compare
    shutil.copytree(DEFAULT_DECK, tmp_path / "decks" / "default")
    assert modules_after(["new", "mijn-deck"], tmp_path) == []
    assert (tmp_path / "decks" / "mijn-deck" / "persons.yaml").is_file()


def test_reportlab_private_parts_are_still_there():
    """Everything render/internals/ relies on exists in the installed ReportLab (a new release fails here first)."""
    assert internals.problems() == []


def test_deck_error_crosses_a_process_with_its_problems():
    """Pickled (as a pool worker sends it), a DeckError keeps every problem, not just its message."""
    error = DeckError(
        [Problem("deck.yaml", 3, "title", "must not be empty"), Problem("persons.yaml", None, "", "missing")]
    )
    copy = pickle.loads(pickle.dumps(error))
    assert (
        type(copy) is DeckError and copy.problems == error.problems and copy.format_message() == error.format_message()
    )


def raise_deck_error() -> None:
    raise DeckError([Problem("persons.yaml", 7, "persons[2].leeftijd", "expected a number")])


def test_a_worker_process_raises_deck_errors_with_their_problems():
    """Through a real spawn-started pool, as the card series use it."""
    with (
        ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool,
        pytest.raises(DeckError) as caught,
    ):
        pool.submit(raise_deck_error).result(timeout=60)
    assert caught.value.problems == [Problem("persons.yaml", 7, "persons[2].leeftijd", "expected a number")]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.pdf"))}


def test_two_series_side_by_side_give_the_same_bytes(tmp_path: Path):
    """The card files are the same whether the series render one after the other or in two processes."""
    deck = load_deck(DEFAULT_DECK)
    options = BuildOptions(only=("cards",))
    build(deck, tmp_path / "one", options=options)
    build(deck, tmp_path / "two", options=options, parallel_from=0)
    assert digests(tmp_path / "one") == digests(tmp_path / "two") and len(digests(tmp_path / "one")) == 2


def test_an_os_error_in_a_worker_stays_an_os_error(tmp_path: Path):
    """A card file that cannot be written in the worker raises the worker's own OSError here."""
    deck = load_deck(DEFAULT_DECK)
    layout = sheet_layout(card_width=63, card_height=88)
    jobs = [
        SeriesJob(
            deck, s, tmp_path / "missing" / f"{s.key}.pdf", None, layout, Duplex.LONG, (0, 0), CardOptions(), (), ""
        )
        for s in deck.series
    ]
    with pytest.raises(FileNotFoundError):
        render_all(jobs, parallel_from=0)


THREADED_BUILD = """
import sys, threading, warnings
from datadialoog_print import load_deck
from datadialoog_print.assemble import BuildOptions, build

errors = []
def work():
    try:
        deck = load_deck(sys.argv[1])
        build(deck, sys.argv[2] + "/plain")
        build(deck, sys.argv[2] + "/pool", options=BuildOptions(only=("cards",)), parallel_from=0)
    except BaseException as exc:
        errors.append(exc)
busy = [threading.Thread(target=lambda: threading.Event().wait(3), daemon=True) for _ in range(3)]
for t in busy:
    t.start()
worker = threading.Thread(target=work)
worker.start()
worker.join()
if errors:
    raise errors[0]
print("ok")
"""


def test_build_from_a_thread_of_a_threaded_process_with_warnings_as_errors(tmp_path: Path):
    """A host with threads of its own (a notebook, a web server) can call build(); no warning, no fork."""
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", THREADED_BUILD, str(DEFAULT_DECK), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
    assert result.stderr == ""


def children(pid: int, *, marker: bytes = b"") -> set[int]:
    """Processes whose parent is ``pid`` and whose command line holds ``marker`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and marker in command:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


POOL_BUILD = """
import sys
from datadialoog_print import load_deck
from datadialoog_print.assemble import BuildOptions, build
build(load_deck(sys.argv[1]), sys.argv[2], options=BuildOptions(only=("cards",)), parallel_from=0)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_killed_build_leaves_no_process_behind(tmp_path: Path):
    """kill -9 of a build while its pool worker runs: the worker ends too, within seconds."""
    deck = synthetic_deck(tmp_path / "deck", 2000)  # 10 000 cards a series: the worker is still drawing when killed
    process = subprocess.Popen(
        [sys.executable, "-c", POOL_BUILD, str(deck), str(tmp_path / "out")], env=child_temp(tmp_path / "child-tmp")
    )
    try:
        deadline = time.monotonic() + 30
        started: set[int] = set()
        while time.monotonic() < deadline and not started:
            started = children(process.pid, marker=b"spawn_main")  # the pool's worker, not its resource tracker
            time.sleep(0.05)
        assert started, "the build never started a worker"
        time.sleep(0.3)
        assert process.poll() is None, "the build ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(pid) for pid in started):
            time.sleep(0.1)
        assert not any(alive(pid) for pid in started), [pid for pid in started if alive(pid)]
    finally:
        if process.poll() is None:
            process.kill()
        for pid in children(process.pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize(
    ("value", "decimals", "nl", "en"),
    [
        (1.005, 2, "1,01", "1.01"),
        (39.5, 1, "39,5", "39.5"),
        (2.5, 0, "3", "3"),
        (7600.0, 0, "7.600", "7,600"),
        (-0.04, 1, "0", "0"),
        (0.125, 2, "0,13", "0.13"),
        (1234567.891, 2, "1.234.567,89", "1,234,567.89"),
    ],
)
def test_numbers_round_half_up_on_the_value_as_written(value, decimals, nl, en):
    """1.005 rounds to 1,01 as a person rounds it, not to 1,00 as its binary float would."""
    assert LANGUAGES["nl"].number(value, decimals) == nl
    assert LANGUAGES["en"].number(value, decimals) == en


def test_the_font_reader_agrees_with_reportlab():
    """``check``'s fast cmap reader finds exactly the characters ReportLab's own parser maps to a glyph."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    from datadialoog_print.paper import fonts

    face = TTFontFile(str(fonts.font_path()))
    theirs = {code for code, glyph in face.charToGlyph.items() if glyph}
    assert fonts.charset() == theirs and len(theirs) > 300


def test_python_m_does_not_run_again_in_a_worker():
    """A spawn worker imports the main module under another name: ``python -m datadialoog_print`` must not start the CLI then."""
    import runpy

    runpy.run_module("datadialoog_print.__main__", run_name="__mp_main__")  # the CLI would exit (SystemExit) here


def test_library_builds_stay_in_one_process_unless_asked(tmp_path: Path, monkeypatch):
    """build() without parallel_from never starts a pool (a caller's script may lack a main guard)."""
    import concurrent.futures

    def refuse(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    build(load_deck(DEFAULT_DECK), tmp_path, options=BuildOptions(only=("cards",)))
    assert len(digests(tmp_path)) == 2


def test_paragraphs_that_remember_their_wrap_change_no_byte(tmp_path: Path, monkeypatch):
    """The booklet with ReportLab's own Paragraph.wrap is byte for byte the booklet with the remembering one."""
    from reportlab.platypus import Paragraph

    deck = load_deck(DEFAULT_DECK)
    options = BuildOptions(only=("booklet", "answers"))
    build(deck, tmp_path / "kept", options=options)
    monkeypatch.setattr(internals.paragraph_class(), "wrap", Paragraph.wrap)
    build(deck, tmp_path / "plain", options=options)
    assert digests(tmp_path / "kept") == digests(tmp_path / "plain") and len(digests(tmp_path / "plain")) == 3
