"""Signals for tests: a child that gets SIGINT whatever the suite was started with, and the truthful answers to a stop.

A suite started in the background, or by a wrapper, may run with SIGINT ignored; its children
inherit that, and Python then never turns a Ctrl-C into KeyboardInterrupt. :func:`start` puts
SIGINT back to its default in the child before it runs the command (a ``-c`` step that then
``exec``s it, keeping the pid).

:func:`judge` says whether what a stopped command answered is true of the folder it wrote in,
wherever the signal landed: before Python ran any of our code (Python's own words, from its
start-up), while the command loaded (one line), before the commit point (one line, nothing
changed), after it (one line, the new files complete), or after the command's last line.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable

RESTORE = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"
)

NOTHING = "stopped; nothing changed"
AFTER = "stopped after the new files were in place; they are complete"


def start(args: list[str], **options) -> subprocess.Popen:
    """``python ARGS`` in a child whose SIGINT is the default, whatever this process inherited."""
    return subprocess.Popen([sys.executable, "-c", RESTORE, *args], **options)


_FRAME = re.compile(r'File "([^"]+)", line \d+')


def before_our_code(stderr: str) -> bool:
    """Python's own report of a stop during its start-up or while importing the package, before our first
    guarded instruction: a traceback (or a start-up failure) with no frame in our code past ``__init__.py``."""
    if "KeyboardInterrupt" not in stderr and "init_import_site" not in stderr and "runpy" not in stderr:
        return False
    ours = [f for f in _FRAME.findall(stderr) if "datadialoog_print" in f.replace("\\", "/")]
    return all(f.replace("\\", "/").endswith("datadialoog_print/__init__.py") for f in ours)


def judge(code: int, stderr: str, *, unchanged: bool, complete: Callable[[], bool]) -> str:
    """Which truthful answer the command gave (a word for the record), or an AssertionError saying what was untrue.

    ``unchanged``: the folders are as they were before; ``complete()``: they hold the complete new result.
    """
    said = stderr.strip()
    if code == 130 and said == NOTHING:
        assert unchanged, "said nothing changed, but something did"
        return "stopped before the commit"
    if code == 130 and said == AFTER:
        assert complete(), "said the new files are complete, but they are not"
        return "stopped after the commit"
    if code == 0:
        assert complete(), "finished, but the new files are not complete"
        return "finished"
    if code == -2 and not said:  # the default SIGINT: before Python ran our code, or after our last line
        assert unchanged or complete(), "killed quietly, leaving neither the old nor the new"
        return "before our code" if unchanged else "after our last line"
    if code != 130 and before_our_code(stderr):
        assert unchanged, "stopped before our code, yet something changed"
        return "before our code"
    raise AssertionError(f"not a truthful answer to a stop: exit {code}, {stderr!r}")
