"""Work a page must not do on the event loop (reading decks, checks, thumbnails, files), in one place.

Every route hands such work to :func:`off_loop`, so one slow page never stalls another and a
transport without threads (the web edition's, in the browser tab) changes this module only:
there (``sys.platform == "emscripten"``) the work runs in place, and the build worker's one
thread is :class:`Later`, the event loop after the current answer.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

T = TypeVar("T")

INLINE = sys.platform == "emscripten"
"""No threads here (Pyodide, in the browser tab): work runs where it is asked for."""


async def off_loop(work: Callable[..., T], /, *args, **kwargs) -> T:
    """``work(*args, **kwargs)`` in Starlette's thread pool (in place without threads); its result, or its
    exception."""
    if INLINE:
        return work(*args, **kwargs)
    return await run_in_threadpool(work, *args, **kwargs)


def build_executor() -> Executor:
    """The builds' one worker: a thread (ReportLab is not thread-safe), or :class:`Later` without threads."""
    if INLINE:
        return Later()
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="datadialoog-build")


class _Pending(Future):
    """A piece of work not run yet: asking for its result runs it now (nothing else could)."""

    def __init__(self, run: Callable[[], None]):
        super().__init__()
        self._run = run

    def result(self, timeout=None):
        if not self.done():
            self._run()
        return super().result(timeout)


class Later(Executor):
    """One worker without threads: each piece of work runs on the event loop once the answer that queued it has
    gone out (a build's page shows its progress first), in the order queued."""

    START_S = 0.02
    """The pause before queued work starts: the answer in hand reaches the page first."""

    schedule: Callable[[Callable[[], None]], object] | None = None
    """Where queued work goes instead of the event loop (the web edition's worker queues it with its requests)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # the future carries it, as a thread pool's does
                future.set_exception(exc)

        future = _Pending(run)
        if Later.schedule is not None:
            Later.schedule(run)
            return future
        try:
            asyncio.get_running_loop().call_later(self.START_S, run)
        except RuntimeError:  # no loop running: run it now
            run()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to stop: no thread was started."""
