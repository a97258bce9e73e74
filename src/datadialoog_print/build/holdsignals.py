"""Ctrl-C and SIGTERM wait while a commit moves its files into place.

Before the commit point a stop leaves the old set whole ("stopped; nothing changed"). After it,
the new set is complete and sealed; stopping half way through the move would leave a ``.commit/``
for the next build to finish and a message that is no longer true. The move takes milliseconds,
so a signal that arrives during it is held and the command ends as a finished build does.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

HELD = (signal.SIGINT, signal.SIGTERM) if hasattr(signal, "SIGTERM") else (signal.SIGINT,)


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
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
