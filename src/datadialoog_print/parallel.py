"""Run one part of a build in a forked process while the rest goes on, on machines that can fork.

A build's documents are independent files. On a two-core machine the booklet (the
slowest text document) and the cards (the slowest for big decks) can be laid out at the
same time. Forking after the heavy imports costs a few milliseconds and shares them;
where ``fork`` is not available or not safe (Windows, macOS), the work simply runs in turn.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable

from .errors import DatadialoogError


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and os.environ.get("DATADIALOOG_NO_FORK") != "1"


class Background:
    """``task`` running in a child process; ``wait()`` returns its result or raises its error here."""

    def __init__(self, task: Callable[[], object]):
        self._result: object = None
        self._pid = None
        if not can_fork():
            self._result = task()
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, send back the result or the error, leave at once
            os.close(read)
            try:
                payload = ("ok", task())
            except DatadialoogError as exc:
                payload = ("error", type(exc).__name__, exc.format_message())
            except BaseException:  # noqa: BLE001 - everything must reach the parent
                payload = ("crash", traceback.format_exc())
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(payload, pipe)
            os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def cancel(self) -> None:
        """Stop the child if it still runs (the build failed elsewhere); nothing it made is kept."""
        if self._pid is not None:
            import signal

            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            os.close(self._read)
            self._pid = None

    def wait(self):
        if self._pid is None:
            return self._result
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self._pid, 0)
        self._pid = None
        if not data:
            raise DatadialoogError("a build process ended without a result (out of memory?)")
        payload = pickle.loads(data)
        if payload[0] == "ok":
            return payload[1]
        if payload[0] == "error":
            from . import errors

            kind = getattr(errors, payload[1], DatadialoogError)
            error = DatadialoogError(payload[2]) if kind is errors.DeckError else kind(payload[2])
            raise error
        raise RuntimeError(f"the booklet process failed:\n{payload[1]}")
