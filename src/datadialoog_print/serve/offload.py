"""Work a page must not do on the event loop (reading decks, checks, thumbnails, files), in one place.

Every route hands such work to :func:`off_loop`, so one slow page never stalls another and a
transport without threads (the web edition's, in the browser tab) changes this module only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

T = TypeVar("T")


async def off_loop(work: Callable[..., T], /, *args, **kwargs) -> T:
    """``work(*args, **kwargs)`` in Starlette's thread pool; its result, or its exception."""
    return await run_in_threadpool(work, *args, **kwargs)
