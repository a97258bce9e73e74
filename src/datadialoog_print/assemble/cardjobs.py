"""Rendering the card files: one series after the other, or, for a large deck, two side by side.

Each series is its own file, so two cores can draw them at once. Starting a second
process costs about a third of a second (a fresh interpreter importing ReportLab), so a
pool is used only from :data:`PARALLEL_MIN_CARDS` cards on, where ``bench/bench.py``
shows it pays, and only when the caller asks for it (the command line does). The pool
starts its workers with ``spawn``: safe in a host process that runs threads (a notebook,
a web server), unlike ``fork``; but ``spawn`` imports the caller's main module again in the
worker, so a script that asks for the pool needs multiprocessing's main guard.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..deck.cardtext import Card
from ..deck.model import Deck, Series
from ..paper.layout import Duplex, SheetLayout, SingleLayout
from ..render.cardpainter import CardOptions

PARALLEL_MIN_CARDS = 30_000
"""From this many cards on, the two series render in two processes (measured: see docs/benchmarks.md)."""


@dataclass(frozen=True)
class SeriesJob:
    """One series' card file(s) to render: everything a worker process needs, picklable."""

    deck: Deck
    series: Series
    front: Path
    back: Path | None
    """The backs' file for single cards; None for sheets (backs follow their fronts) and for single cards whose
    backs go before their fronts in one file (a shop that takes them interleaved)."""
    layout: SheetLayout | SingleLayout
    duplex: Duplex
    back_offset: tuple[float, float]
    options: CardOptions
    keywords: tuple[str, ...]
    subject: str
    sets: int = 1
    """Full card sets in the file, each marked with its letter (from 2 sets on)."""
    pack: bool = False
    """Sheets: each set begins where the previous one ends."""
    standard: str = "PDF/X-4"
    """Single cards: the PDF/X flavour (a print shop's)."""


def render_series(
    job: SeriesJob, progress: Callable[[int], None] | None = None, cards: list[Card] | None = None
) -> list[tuple[Path, int]]:
    """Render one series (its ``cards`` if already made, else made here); (file, cards in it) for each file written."""
    from ..render.cards import render_card_sheets, render_card_singles

    common = {
        "options": job.options,
        "keywords": job.keywords,
        "subject": job.subject,
        "progress": progress,
        "cards": cards,
        "sets": job.sets,
    }
    if isinstance(job.layout, SingleLayout):
        count = render_card_singles(
            job.deck, job.series, job.front, job.back, layout=job.layout, standard=job.standard, **common
        )
        return [(job.front, count)] + ([(job.back, 0)] if job.back is not None else [])
    count = render_card_sheets(
        job.deck,
        job.series,
        job.front,
        layout=job.layout,
        duplex=job.duplex,
        back_offset=job.back_offset,
        pack=job.pack,
        **common,
    )
    return [(job.front, count)]


def render_all(
    jobs: list[SeriesJob],
    *,
    progress: Callable[[int], None] | None = None,
    parallel_from: int | None = None,
    cards: Mapping[str, list[Card]] | None = None,
) -> list[tuple[Path, int]]:
    """Render every series; the first ones in a worker process when the deck has ``parallel_from`` cards or more
    (None: all here).

    ``cards``: each series' cards by series key, where the caller made them already (a worker
    makes its own: sending them would cost more).
    """
    if not jobs:
        return []
    made = cards or {}
    if parallel_from is None or len(jobs) < 2 or jobs[0].deck.card_count < parallel_from or (os.cpu_count() or 1) < 2:
        return [file for job in jobs for file in render_series(job, progress, made.get(job.series.key))]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    *elsewhere, here = jobs
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=len(elsewhere), mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
    ) as pool:
        futures = [pool.submit(render_series, job) for job in elsewhere]
        last = render_series(here, progress, made.get(here.series.key))
        written = []
        for future in futures:
            done = future.result()  # a worker's exception arrives here with its own type and fields
            if progress:
                progress(sum(count for _, count in done))
            written += done
    return written + last


def _watch_parent(parent: int) -> None:
    """In a worker: leave at once when the build process is gone (killed), so no process outlives it."""

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
