"""Where a build's time goes: one line per step, per process, with the CPU each process used.

A build runs in several processes (statistics, booklet, a card series, the booklet's
second file); the whole-process time is set by whichever waits on whom. This prints, for
one build of a deck, when each process started and ended its steps (seconds since the
start of this script) and how much CPU each used, so a change can be judged by the path it shortens:

    .venv/bin/python bench/timeline.py                 # the default deck
    .venv/bin/python bench/timeline.py decks/default-en

It wraps the library's step functions from outside; the build itself is unchanged.
"""

from __future__ import annotations

import os
import resource
import sys
import time

START = time.perf_counter()

STEPS = {
    "datadialoog_print.load": ["load_deck"],
    "datadialoog_print.answersheet": ["answer_rows"],
    "datadialoog_print.render.cards": ["check_cards_fit", "render_card_sheets", "render_card_singles"],
    "datadialoog_print.render.handouts": ["render_questions", "render_statements", "render_participant_sheet"],
    "datadialoog_print.render.answers": ["answer_blocks", "render_answers"],
    "datadialoog_print.render.booklet": ["booklet_story", "render_booklets", "expand_deferred"],
}
ROLE = {"pid": os.getpid(), "name": "main"}


def log(text: str) -> None:
    sys.stderr.write(f"{time.perf_counter() - START:6.3f}  {ROLE['name']:<12} {text}\n")


def wrap(module, name: str) -> None:
    step = getattr(module, name)

    def timed(*args, **kwargs):
        log(f"{name} …")
        try:
            return step(*args, **kwargs)
        finally:
            log(f"{name} done")

    def deferred(flowables):  # called for every flowable: say only when the answer sheet is reached
        if flowables and type(flowables[0]).__name__ == "Deferred":
            log("layout reaches the answer sheet")
        step(flowables)

    setattr(module, name, deferred if name == "expand_deferred" else timed)


def cpu_report() -> None:
    used = resource.getrusage(resource.RUSAGE_SELF)
    log(f"exit, {used.ru_utime + used.ru_stime:.3f} s CPU")


class _WrapSteps:
    """An import hook: as each module of STEPS is imported (when the build first needs it,
    as without this script), its step functions are wrapped, so the timeline keeps the
    build's own import order."""

    def find_spec(self, fullname, path, target=None):
        if fullname not in STEPS:
            return None
        import importlib.util

        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            sys.meta_path.insert(0, self)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            for name in STEPS[fullname]:
                wrap(module, name)

        spec.loader.exec_module = exec_module
        return spec


def main() -> None:
    from datadialoog_print import parallel

    sys.meta_path.insert(0, _WrapSteps())
    # Every forked process names itself after its task and reports its CPU when it ends.
    start_child = parallel.Background.__init__
    real_exit = os._exit

    def named(self, task, **kwargs):
        def run(*args):
            ROLE["name"] = {"_worker": "statistics", "booklet_task": "booklet"}.get(task.__name__, "job")
            log("started")
            return task(*args)

        start_child(self, run, **kwargs)

    def exit_logged(code):
        cpu_report()
        real_exit(code)

    parallel.Background.__init__ = named
    os._exit = exit_logged
    from datadialoog_print.cli import cli

    args = ["build", *sys.argv[1:2], "-o", os.path.join(os.environ.get("TMPDIR", "/tmp"), "datadialoog-timeline"), "-q"]
    try:
        cli(args, standalone_mode=False)
    finally:
        cpu_report()


if __name__ == "__main__":
    main()
