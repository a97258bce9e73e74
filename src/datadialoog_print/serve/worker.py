"""Builds run here: in this process (warm, no new process per build), one at a time, in one worker thread.

ReportLab keeps global state that is not thread-safe, so every build (and every calibration
sheet) goes through the same single thread; two tabs that build at once queue here, and each
keeps its own job and sees its own result. A job is named by its build's id (:mod:`.history`), so
a page that comes back (a refresh, a tab closed and opened again) finds it running here, then
finished on disk. The output folder's lock guards against a CLI build running beside the workspace.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

KEEP_JOBS = 50
"""Finished jobs remembered, for their result pages."""


@dataclass
class Job:
    """One build asked for: its progress while it runs, then its result or the message of its failure."""

    id: str
    deck: str
    total: int
    """Cards to render (0 when no cards are built)."""
    done: int = 0
    state: str = "waiting"
    """waiting, running, done or failed."""
    message: str = ""
    """For a failed build: the message the CLI prints."""
    result: object = None
    refusal: dict | None = None
    """For a failed build the form can answer: each field's message (a ``FormErrors``' errors)."""
    out_dir: Path | None = None
    finished: threading.Event = field(default_factory=threading.Event)


class Builder:
    """The one worker thread and the jobs it ran."""

    def __init__(self, *, on_change: Callable[[Job], None] | None = None):
        from .offload import build_executor

        self._pool = build_executor()  # one thread; in the browser tab, the event loop (offload.Later)
        self._on_change = on_change or (lambda job: None)
        """Told of each job's every change (the web edition's shell answers the progress page from it)."""
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queued = 0
        """Work submitted and not yet finished: a build, a calibration sheet, a check."""

    def submit(
        self, deck: str, total: int, work: Callable[[Callable[[int], None]], tuple[object, Path]], *, job_id: str
    ) -> Job:
        """Queue ``work(progress)``, which returns (result, output folder), as the job ``job_id``; the job, to follow."""
        with self._lock:
            job = Job(id=job_id, deck=deck, total=total)
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)

        def progress(n: int) -> None:
            job.done = min(job.total, job.done + n)
            self._on_change(job)

        def run() -> None:
            from ..errors import user_message

            job.state = "running"
            self._on_change(job)
            try:
                job.result, job.out_dir = work(progress)
                job.state = "done"
            except Exception as exc:  # every failure becomes the CLI's message on the page
                job.message = user_message(exc, [*sys.argv, f"build {deck}"])
                job.refusal = getattr(exc, "errors", None) if type(exc).__name__ == "FormErrors" else None
                job.state = "failed"
            finally:
                job.finished.set()
                self._on_change(job)

        self._on_change(job)
        self._submit(run)
        return job

    def _submit(self, work: Callable[[], object]) -> Future:
        """Every piece of work goes through here, so ``busy`` knows of it."""
        with self._lock:
            self._queued += 1

        def counted():
            try:
                return work()
            finally:
                with self._lock:
                    self._queued -= 1

        return self._pool.submit(counted)

    @property
    def busy(self) -> bool:
        """Whether work runs or waits in the thread now: a page's quick check then does not queue behind it."""
        with self._lock:
            return self._queued > 0

    def call(self, work: Callable[[], object]) -> object:
        """Run ``work`` in the worker thread (ReportLab work that is not a build) and wait for it."""
        return self._submit(work).result()

    async def run(self, work: Callable[[], object]) -> object:
        """``call`` for a page: it waits without holding a thread of the page pool while a build runs first."""
        import asyncio

        from .offload import INLINE

        if INLINE:  # the browser tab: no thread, and the queue would wait for this very request
            return work()
        return await asyncio.wrap_future(self._submit(work))

    async def wait(self, job: Job) -> None:
        """Until ``job`` has finished, without holding a thread (a plain form post waits for its build)."""
        import asyncio

        while not job.finished.is_set():
            await asyncio.sleep(0.05)

    def job(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def unfinished(self, deck: str) -> list[Job]:
        """The deck's jobs waiting or running now, oldest first."""
        with self._lock:
            return [job for job in self._jobs.values() if job.deck == deck and not job.finished.is_set()]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
