"""Ctrl-C and SIGTERM wait while a commit moves its files into place.

Before the commit point a stop leaves the old set whole ("stopped; nothing changed"). After it,
the new set is complete and sealed; stopping half way through the move would leave a ``.commit/``
for the next build to finish and a message that is no longer true. The move takes milliseconds,
so a signal that arrives during it is held and the command ends as a finished build does.
A deck's commit (:mod:`.trainer.deckwrite`: a new deck renamed into place, an edit's renames)
is held the same way.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

HELD = (signal.SIGINT, signal.SIGTERM) if hasattr(signal, "SIGTERM") else (signal.SIGINT,)

_committed: list[bool] = []
"""Set once a held block has finished in this command: a stop after it can no longer say "nothing changed"."""


def committed() -> bool:
    """Whether a commit finished since :func:`begin` (the files of this command are in place)."""
    return bool(_committed)


def begin() -> None:
    """A new command starts (the CLI calls this): nothing committed yet."""
    _committed.clear()


@contextmanager
def interrupts_held():
    """Inside the block Ctrl-C and SIGTERM are noted, not obeyed; only the main thread can hold them."""
    if threading.current_thread() is not threading.main_thread():
        yield  # a worker thread (the workspace) gets no signals to hold
        return
    arrived: list[int] = []
    before = {sig: signal.signal(sig, lambda signum, frame: arrived.append(signum)) for sig in HELD}
    try:
        yield
        _committed.append(True)
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
