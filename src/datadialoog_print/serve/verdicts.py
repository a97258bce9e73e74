"""What ``check`` warns about a deck, counted one way for every page: the decks page's row, the print form and an
import's confirmation say the same words with the same numbers.

Two kinds, as ``check`` sorts them: the lesson's broken intentions (the answer sheet no longer shows what
``answers.yaml`` means) and the persons' warnings (implausible values, a well-known person's name). The
sentences are the library's, in the deck's language, without the YAML positions a page has no use for.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    """A deck's warnings, by kind."""

    lesson: tuple[str, ...] = ()
    """One sentence per intention the figures no longer keep."""
    persons: tuple[str, ...] = ()
    """One sentence per implausible value or well-known name."""

    @property
    def clean(self) -> bool:
        return not self.lesson and not self.persons

    def parts(self, w) -> list[str]:
        """The verdict in a few words of the page's language ("de les klopt niet: 1 rij", "6 waarschuwingen bij
        personen"), the way every page says it."""
        if self.clean:
            return [w.verdict_ok]
        out = []
        if self.lesson:
            out.append(w.t("verdict_lesson", count=len(self.lesson)))
        if self.persons:
            out.append(w.t("verdict_persons", count=len(self.persons)))
        return out


def deck_verdict(deck) -> Verdict:
    """The deck's warnings as ``check`` finds them (``deck_findings``: the lesson first, then the persons)."""
    from ..deck.plausible import person_findings
    from ..figures.lessontext import lesson_findings

    return Verdict(
        tuple(f.text for f in lesson_findings(deck)),
        tuple(f.text for f in person_findings(deck)),
    )
