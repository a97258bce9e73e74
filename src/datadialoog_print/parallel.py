"""Run one part of a build in a forked process while the rest goes on, on machines that can fork.

A build's documents are independent files, and the slowest step (importing pandas for
the statistics) needs nothing but the deck. On a two-core machine the statistics, the
cards and the booklet can therefore run side by side. Forking after the shared imports
costs a few milliseconds and shares them; where ``fork`` is not available or not safe
(Windows, macOS), each task simply runs when its result is asked for.

A child can be started before all its input exists: with ``inbox=True`` it gets a
``receive`` function that returns, one by one, the objects the parent :meth:`~Background.send`\\ s.
So pandas can load while the deck is still being read, and the booklet can be laid out
up to the answer sheet while the figures are still being computed.
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


class InboxClosed(DatadialoogError):
    """The parent stopped sending before the child had what it needed (the build failed elsewhere)."""


class _Inbox:
    """The child's end of the parent's messages, drained by a thread so that a large message
    (a big deck) never holds the parent up while the child is still busy importing."""

    def __init__(self, fd: int):
        import queue
        import threading

        self._messages: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._drain, args=(fd,), daemon=True).start()

    def _drain(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as pipe:
            while len(head := pipe.read(8)) == 8:
                self._messages.put(pipe.read(int.from_bytes(head, "little")))
        self._messages.put(None)

    def __call__(self):
        data = self._messages.get()
        if data is None:
            self._messages.put(None)
            raise InboxClosed("a build process was not sent what it needed")
        return pickle.loads(data)


class Background:
    """``task`` running in a child process; ``wait()`` returns its result or raises its error here.

    With ``inbox=True``, ``task`` is called with a ``receive`` function (see the module's docstring).
    """

    def __init__(self, task: Callable[..., object], *, inbox: bool = False):
        self._task, self._inbox = task, inbox
        self._pid = None
        self._result: object = None
        self._queued: list[bytes] = []
        """Messages kept for a task that runs here, at ``wait()`` (no fork)."""
        self._send_fd: int | None = None
        if not can_fork():
            return
        read, write = os.pipe()
        if inbox:
            inbox_read, self._send_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, send back the result or the error, leave at once
            os.close(read)
            try:
                if inbox:
                    os.close(self._send_fd)
                    payload = ("ok", task(_Inbox(inbox_read)))
                else:
                    payload = ("ok", task())
            except DatadialoogError as exc:
                payload = ("error", type(exc).__name__, exc.format_message())
            except BaseException:  # noqa: BLE001 - everything must reach the parent
                payload = ("crash", traceback.format_exc())
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(payload, pipe)
            os._exit(0)
        os.close(write)
        if inbox:
            os.close(inbox_read)
        self._pid, self._read = pid, read

    def send(self, message: object) -> None:
        """Pass ``message`` to the task's ``receive``; objects arrive in the order sent."""
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        if self._send_fd is None:
            self._queued.append(data)
            return
        framed = memoryview(len(data).to_bytes(8, "little") + data)
        try:
            while framed:
                framed = framed[os.write(self._send_fd, framed) :]
        except BrokenPipeError:
            self.wait()  # the child has ended: its own error says why
            raise DatadialoogError("a build process ended before it was sent what it needed") from None

    def _close_inbox(self) -> None:
        if self._send_fd is not None:
            os.close(self._send_fd)
            self._send_fd = None

    def cancel(self) -> None:
        """Stop the child if it still runs (the build failed elsewhere); nothing it made is kept."""
        self._task = None
        self._close_inbox()
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
        """The task's result; a child still waiting for a message gets none and fails."""
        self._close_inbox()
        if self._pid is None:
            return self._run_here()
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

            kind = getattr(errors, payload[1], None) or {"InboxClosed": InboxClosed}.get(payload[1], DatadialoogError)
            error = DatadialoogError(payload[2]) if kind is errors.DeckError else kind(payload[2])
            raise error
        raise RuntimeError(f"a build process failed:\n{payload[1]}")

    def _run_here(self):
        """Without fork: run the task now, its messages read from the queue."""
        task, self._task = self._task, None
        if task is None:
            return self._result
        if not self._inbox:
            self._result = task()
            return self._result
        queued = iter(self._queued)

        def receive():
            try:
                return pickle.loads(next(queued))
            except StopIteration:
                raise InboxClosed("a build step was not given what it needed") from None

        self._result = task(receive)
        return self._result


class Mailbox:
    """Named values from a ``receive`` function, in whatever order they are asked for.

    The parent sends ``(name, value)`` pairs; the child asks ``mailbox.get(name)`` where it
    needs one, so the order of the two sides never has to match.
    """

    def __init__(self, receive: Callable[[], tuple[str, object]]):
        self._receive = receive
        self._values: dict[str, object] = {}

    def get(self, name: str):
        while name not in self._values:
            key, value = self._receive()
            self._values[key] = value
        return self._values[name]
