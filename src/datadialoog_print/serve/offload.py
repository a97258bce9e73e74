"""Work a page must not do on the event loop (reading decks, checks, thumbnails, files), in one place.

Every route hands such work to :func:`off_loop`, so one slow page never stalls another and a
transport without threads (the web edition's, in the browser tab) changes this module only:
there (``sys.platform == "emscripten"``) the work runs in place, and the build worker's one
thread is :class:`Later`, the event loop after the current answer.
The work runs in a pool of at most :data:`THREADS` threads of its own (anyio's, which Starlette
uses): many tabs loading large decks wait their turn instead of each taking memory and a thread,
and the pool Starlette serves static files from is never taken by them.

While page work runs, Python's cyclic garbage collector waits (:func:`collections_paused`): reading a
deck of 10 000 persons makes millions of objects, and each full collection of them held every other
thread, the event loop included, for up to 1.5 s (measured; 4 of the 15 s the reading took). The
objects a page reads are freed by their reference counts when it is done; the collector runs again
as soon as no page work is running.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from functools import partial
from typing import TypeVar

import anyio.to_thread

T = TypeVar("T")

INLINE = sys.platform == "emscripten"
"""No threads here (Pyodide, in the browser tab): work runs where it is asked for."""

THREADS = 8
"""Page work at once: more than a person's tabs need, few enough for a two-core laptop."""

_LIMITERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""One limiter per event loop (a limiter belongs to the loop it was made in; the tests start many)."""


def _limiter() -> anyio.CapacityLimiter:
    loop = asyncio.get_running_loop()
    if loop not in _LIMITERS:
        _LIMITERS[loop] = anyio.CapacityLimiter(THREADS)
    return _LIMITERS[loop]


_PAUSED = [0]
_PAUSE_LOCK = threading.Lock()


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """No cyclic garbage collection while the block runs (in any thread); counted, so the last one out resumes it.
    Without threads (the browser tab) nothing waits for the collector: it keeps running there, and its callback
    tells the tab's watchdog that Python is working (``web/runtime.py``)."""
    if INLINE:
        yield
        return
    with _PAUSE_LOCK:
        _PAUSED[0] += 1
        gc.disable()
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSED[0] -= 1
            if _PAUSED[0] == 0:
                gc.enable()


def _paused(work: Callable[..., T]) -> T:
    with collections_paused():
        return work()


async def off_loop(work: Callable[..., T], /, *args, **kwargs) -> T:
    """``work(*args, **kwargs)`` in the page pool, the collector waiting (in place without threads); its result, or
    its exception."""
    if INLINE:
        return work(*args, **kwargs)
    return await anyio.to_thread.run_sync(partial(_paused, partial(work, *args, **kwargs)), limiter=_limiter())


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
