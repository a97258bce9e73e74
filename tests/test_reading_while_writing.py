"""A consistent view (issue 38): a deck read while an import replaces its files is read whole, old or new, never
the old deck.yaml beside the new persons.yaml.

The writer renames a pre-pseudonymised person in both files at once (as an import with the
*Gepseudonimiseerd* column does), back and forth; a half-old, half-new read names a person that is not
there. Readers run in another thread of this process (the workspace's case) and in other processes
(``check`` in a shell), under a timeout.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from datadialoog_print.assemble.decks import load_deck
from datadialoog_print.errors import DeckError
from datadialoog_print.trainer.deckwrite import save_deck_files

from .conftest import DeckFolder

ROUNDS = 40


def _two_versions(deck: DeckFolder) -> list[dict[str, bytes]]:
    """deck.yaml and persons.yaml as they are, and with H. Verbeek renamed in both."""
    now = {name: (deck.path / name).read_bytes() for name in ("deck.yaml", "persons.yaml")}
    renamed = {name: data.replace(b"H. Verbeek", b"H. Verbeek-Smit") for name, data in now.items()}
    assert renamed != now
    return [now, renamed]


def _writer(folder: Path, versions: list[dict[str, bytes]], stop: threading.Event, errors: list) -> None:
    i = 0
    try:
        while not stop.is_set():
            i += 1
            save_deck_files(folder, versions[i % 2], backup=False)
            time.sleep(0.05)  # an import is a moment, not a siege: readers get their turn
    except Exception as exc:  # reported by the test, not lost in the thread
        errors.append(exc)


def test_a_deck_read_while_another_thread_replaces_it_is_whole(deck_copy: DeckFolder):
    versions = _two_versions(deck_copy)
    stop, errors = threading.Event(), []
    writer = threading.Thread(target=_writer, args=(deck_copy.path, versions, stop, errors))
    writer.start()
    torn = []
    try:
        for _ in range(ROUNDS):
            try:
                deck = load_deck(deck_copy.path)
            except DeckError as exc:
                torn.append(str(exc))
                continue
            names = {p.name for p in deck.persons}
            assert set(deck.series[1].pseudonymised) <= names
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not errors, errors
    assert torn == [], torn[:2]


def test_check_in_other_processes_while_imports_run(deck_copy: DeckFolder):
    """As the red team ran it: `check` in a shell, repeatedly, while the deck is being replaced."""
    versions = _two_versions(deck_copy)
    stop, errors = threading.Event(), []
    writer = threading.Thread(target=_writer, args=(deck_copy.path, versions, stop, errors))
    writer.start()
    script = (
        "import sys\n"
        "from datadialoog_print.assemble.decks import load_deck\n"
        "from datadialoog_print.errors import DeckError\n"
        "torn = 0\n"
        "for _ in range(int(sys.argv[2])):\n"
        "    try:\n"
        "        load_deck(sys.argv[1])\n"
        "    except DeckError as exc:\n"
        "        torn += 1\n"
        "        print(exc, file=sys.stderr)\n"
        "print(torn)\n"
    )
    try:
        deadline = time.monotonic() + 5
        while not errors and time.monotonic() < deadline and not (deck_copy.path / ".datadialoog.lock").exists():
            time.sleep(0.001)
        done = subprocess.run(
            [sys.executable, "-c", script, str(deck_copy.path), str(ROUNDS // 2)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not errors, errors
    assert done.returncode == 0 and done.stdout.strip() == "0", done.stderr[:500]
