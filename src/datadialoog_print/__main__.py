"""``python -m datadialoog_print`` and the ``datadialoog-print`` command, guarded from their first instruction.

A Ctrl-C (or SIGTERM) while the command loads, before it has written anything, ends at once in
one line and exit 130. The guard costs no import: ``_signal`` and ``os`` are loaded with the
interpreter. With ``-m`` it is this module's first statement; the console script's wrapper
imports this module too, so when that wrapper is the program the guard stands here as well, and
``run`` takes it again for any other caller. :func:`.cli.group.main` then puts the handlers that
unwind a command (removing its staging folder) in its place. Before this module, only
Python's own start (and the wrapper's ``import re``) runs.
"""

import _signal
import os
import sys


def _stop_while_loading(signum, frame):
    """Nothing is written while the command loads: say so and end, without unwinding anything."""
    os.write(2, b"stopped; nothing changed\n")
    os._exit(130)


def _guard() -> None:
    """The loading guard for Ctrl-C and SIGTERM (not where the caller's parent asked to ignore them)."""
    for sig in (_signal.SIGINT, getattr(_signal, "SIGTERM", None)):
        if sig is not None and _signal.getsignal(sig) != _signal.SIG_IGN:
            _signal.signal(sig, _stop_while_loading)


if __name__ == "__main__" or (
    # The console script's wrapper (bin/datadialoog-print) is the program and imports this module;
    # a spawned worker (it runs the wrapper again as __mp_main__) or another program importing it is not.
    "__mp_main__" not in sys.modules
    and os.path.basename(sys.argv[0] if sys.argv else "").startswith("datadialoog-print")
):
    _guard()


def run() -> None:
    """The entry point: guarded (again), then the command line."""
    _guard()
    from .cli import main

    main()


if __name__ == "__main__":  # not when a worker process re-imports the main module (spawn does)
    run()
