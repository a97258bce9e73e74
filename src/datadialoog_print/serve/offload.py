"""Work a page must not do on the event loop (reading decks, checks, thumbnails, files), in one place.

Every route hands such work to :func:`off_loop`, so one slow page never stalls another and a
transport without threads (the web edition's, in the browser tab) changes this module only.
The work runs in a pool of at most :data:`THREADS` threads of its own (anyio's, which Starlette
uses): many tabs loading large decks wait their turn instead of each taking memory and a thread,
and the pool Starlette serves static files from is never taken by them.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from functools import partial
from typing import TypeVar

import anyio.to_thread

T = TypeVar("T")

THREADS = 8
"""Page work at once: more than a person's tabs need, few enough for a two-core laptop."""

_LIMITERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""One limiter per event loop (a limiter belongs to the loop it was made in; the tests start many)."""


def _limiter() -> anyio.CapacityLimiter:
    loop = asyncio.get_running_loop()
    if loop not in _LIMITERS:
        _LIMITERS[loop] = anyio.CapacityLimiter(THREADS)
    return _LIMITERS[loop]


async def off_loop(work: Callable[..., T], /, *args, **kwargs) -> T:
    """``work(*args, **kwargs)`` in the page pool; its result, or its exception."""
    return await anyio.to_thread.run_sync(partial(work, *args, **kwargs), limiter=_limiter())
