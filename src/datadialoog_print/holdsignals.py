"""Ctrl-C, SIGTERM and SIGHUP wait while a commit moves its files into place.

Before the commit point a stop leaves the old set whole ("stopped; nothing changed"). After it,
the new set is complete and sealed; stopping half way through the move would leave a ``.commit/``
for the next build to finish and a message that is no longer true. The move takes milliseconds,
so a signal that arrives during it is held and the command ends as a finished build does.
A deck's commit (:mod:`.trainer.deckwrite`: a new deck renamed into place, an edit's renames)
and a file replaced whole (:mod:`.safefile`) are held the same way.

What each finished commit wrote is remembered for the rest of the command (:func:`committed`),
so every later message, a stop or an output that can no longer be printed, says what is in place.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
"""The signals a commit holds: Ctrl-C, a polite kill, a terminal closed."""

_committed: list[str] = []
"""What each held block that finished in this command wrote ("output/default", "decks/groep-2")."""


def committed() -> str | None:
    """What this command has put in place since :func:`begin` (its last commit), or None when nothing yet."""
    return _committed[-1] if _committed else None


def begin() -> None:
    """A new command starts (the CLI calls this): nothing committed yet."""
    _committed.clear()


@contextmanager
def interrupts_held(done: str = "the new files"):
    """Inside the block Ctrl-C, SIGTERM and SIGHUP are noted, not obeyed; only the main thread can hold them.

    ``done`` says what the block puts in place, for the messages that follow it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # a worker thread (the workspace) gets no signals to hold
        return
    arrived: list[int] = []
    before = {sig: signal.signal(sig, lambda signum, frame: arrived.append(signum)) for sig in HELD}
    try:
        yield
        _committed.append(done)
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
