"""The answer sheet's statistics, computed in a process of their own that starts before the deck is read.

Importing pandas takes about half a second, longer than reading the deck and drawing
the cards together. So ``build`` starts this process first: it imports pandas while the
parent reads the deck, receives the deck, and sends back the answer sheet's rows as
plain texts. The parent never imports pandas.
"""

from __future__ import annotations

import os

from .parallel import Background


def needs_statistics(kinds: tuple[str, ...]) -> bool:
    """Whether documents of these kinds print figures; no kinds means all of them."""
    return not kinds or "answers" in kinds or "booklet" in kinds


class StatisticsJob:
    """Figures under way: ``compute(deck)`` once, then ``rows()``; ``cancel()`` if the build stops."""

    def __init__(self):
        self._job = Background(_worker, inbox=True)

    def compute(self, deck) -> None:
        self._job.send(deck)

    def rows(self) -> tuple:
        """The answer sheet's rows (:class:`~datadialoog_print.answersheet.AnswerRow`), waiting for them if needed."""
        return self._job.wait()

    def cancel(self) -> None:
        self._job.cancel()

    def __enter__(self) -> StatisticsJob:
        return self

    def __exit__(self, *exc) -> None:
        self.cancel()


def _worker(receive) -> tuple:
    """In the child: pandas first (numpy's BLAS with one thread, as starting more costs a tenth
    of a second here), then the deck, then the rows."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from . import stats  # noqa: F401 - the slow import, done while the parent reads the deck
    from .answersheet import answer_rows

    return answer_rows(receive())
