"""What the booklet needs to know about the build it belongs to, and its page geometry."""

from __future__ import annotations

from dataclasses import dataclass

from ...figures.answersheet import AnswerRow
from ...paper.geometry import PAPER_SIZES
from ...paper.layout import Duplex, SheetLayout, SingleLayout
from ...paper.printplan import PlannedFile

A5 = PAPER_SIZES["a5"]
MARGINS = (15.0, 15.0, 14.0, 17.0)
"""Left, right, top, bottom in mm; the bottom leaves room for the page number."""

WIDTH = A5[0] - MARGINS[0] - MARGINS[1]
"""Width of the text column in mm."""

FRAME_HEIGHT = A5[1] - MARGINS[2] - MARGINS[3]
"""Height of the text column in mm."""


@dataclass(frozen=True)
class BookletOptions:
    """What the booklet needs to know about the build it belongs to."""

    rows: tuple[AnswerRow, ...]
    """The answer sheet's rows, as printed texts."""
    plan: tuple[PlannedFile, ...] = ()
    """Every file of the build, with its sheet count where known, for the print guide."""
    layout: SheetLayout | SingleLayout | None = None
    mono: bool = False
    plain_stock: bool = False
    sets: int = 1
    """Card sets printed (one per table), for the counts of materials."""
    table_size: int = 4
    """Participants at one table, for the counts of people, pencils and participant sheets and the minutes."""
    pack_sets: bool = False
    """Each set begins on the sheet where the previous one ends (the guide says so)."""
    shop: object = None
    """The print shop preset (:class:`~datadialoog_print.paper.shops.Shop`), or None."""
    dpi: int | None = None
    """A PNG shop's resolution."""
    start: str = ""
    """The session's start time "HH:MM" from the build (``--start``); "" for the deck's own, if any."""
    identity: str = ""
    """Deck name, short deck hash and tool version, printed small on the cover."""
    duplex: Duplex = Duplex.LONG
    """How the card sheets' backs are printed (or none), for the print guide."""
    max_ink: float = 300
    """The total ink limit the card files keep, for a print shop (see ``paper.ink``)."""
    answers_file: str = ""
    """The answer sheet's file, named where the booklet points to it; "" if the set has none."""
    participants_file: str = ""
    slides_file: str = ""
