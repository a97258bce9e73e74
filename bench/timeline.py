"""Where one build's time goes: when each step starts and ends, and the CPU the process used.

The build is one process doing one step after the other (a large deck adds one pool
worker for a card series); this prints, for one build of a deck, each step's start and
end in seconds since this script started, so a change can be judged by the step it shortens:

    .venv/bin/python bench/timeline.py                 # the default deck
    .venv/bin/python bench/timeline.py decks/default-en

It wraps the library's step functions from outside; the build itself is unchanged.
"""

from __future__ import annotations

import importlib
import os
import resource
import sys
import time

START = time.perf_counter()

STEPS = {
    "datadialoog_print.deck.load": ["load_deck"],
    "datadialoog_print.figures.answersheet": ["answer_rows"],
    "datadialoog_print.paper.cardfit": ["check_cards_fit"],
    "datadialoog_print.assemble.cardjobs": ["render_series"],
    "datadialoog_print.render.handouts": ["render_questions", "render_statements", "render_participant_sheet"],
    "datadialoog_print.render.answer_sheet": ["render_answers"],
    "datadialoog_print.render.booklet": ["render_booklets"],
    "datadialoog_print.render.slides": ["render_slides"],
    "datadialoog_print.assemble.manifest": ["new_manifest"],
    "datadialoog_print.assemble.staging": ["OutputFolder"],
}


def log(text: str) -> None:
    sys.stderr.write(f"{time.perf_counter() - START:6.3f}  {text}\n")


def wrap(module, name: str) -> None:
    step = getattr(module, name)

    def timed(*args, **kwargs):
        log(f"{name} …")
        try:
            return step(*args, **kwargs)
        finally:
            log(f"{name} done")

    setattr(module, name, timed)


def main() -> None:
    log("start")
    from datadialoog_print.cli import cli  # click and the package's light modules

    log("imported the CLI")
    for module, names in STEPS.items():  # the build imports these itself when it gets to them
        loaded = importlib.import_module(module)
        for name in names:
            wrap(loaded, name)
    log("imported the build's modules")
    args = ["build", *sys.argv[1:2], "-o", os.path.join(os.environ.get("TMPDIR", "/tmp"), "datadialoog-timeline"), "-q"]
    try:
        cli(args, standalone_mode=False)
    finally:
        used = resource.getrusage(resource.RUSAGE_SELF)
        log(f"exit, {used.ru_utime + used.ru_stime:.3f} s CPU")


if __name__ == "__main__":
    main()
