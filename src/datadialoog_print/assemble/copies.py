"""The print plan of a built set: per file, in the guide's order, how many copies this build's tables need, on which
paper, one- or double-sided and which edge, and the sheets one copy and all copies take.

Counted with the functions the booklet's guide and run sheet print from (the registry's plan,
:func:`~datadialoog_print.paper.printplan.copies`, :func:`~datadialoog_print.paper.printplan.sheets_per_copy`),
from the options and page counts a build's manifest records, so the workspace's page and the
booklet in the same set cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..deck.model import Deck
from ..paper.printplan import PlannedFile, copies, sheets_per_copy
from .options import BuildOptions


@dataclass(frozen=True)
class PlanLine:
    """One file of the set as the organiser prints it."""

    file: PlannedFile
    copies: int | None
    """Copies to print; None for a file that need not be printed (the slides, the A5 booklet beside the A4 one)."""
    sheets: int | None
    """Sheets of paper one copy takes; None where a print shop prints it (single cards)."""

    @property
    def total(self) -> int | None:
        """Sheets of paper for every copy."""
        return self.copies * self.sheets if self.copies is not None and self.sheets is not None else None


def print_plan(deck: Deck, options: BuildOptions, pages: Mapping[str, int]) -> tuple[PlanLine, ...]:
    """Every file of the set whose pages are in ``pages`` (file name → pages, as the manifest records them), in
    the guide's order, for a build made with ``options``."""
    from .context import build_context
    from .documents import DOCUMENTS, plan

    options = options.for_deck(deck)
    ctx = build_context(deck, options, uses=frozenset())
    # What the renderers count as a file's sheets (one page a sheet), as the build hands them to the guide
    drawn = {spec.file_name(ctx.lang) for doc in DOCUMENTS for spec in doc.files if spec.draw is not None}
    files = plan(ctx, {name: n for name, n in pages.items() if name in drawn})
    out = []
    for f in files:
        if f.name not in pages:
            continue
        sheets = f.sheets
        if sheets is None and f.pages_per_sheet:
            sheets = sheets_per_copy(f, pages[f.name])
        who = f.who
        count = (
            copies(who, tables=options.sets, per_table=options.table_size) if f.printed and who is not None else None
        )
        out.append(PlanLine(f, count, sheets if f.printed else None))
    return tuple(out)
