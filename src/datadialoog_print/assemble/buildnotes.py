"""What the organiser is told about how a document was built: the notes a record of
:mod:`.documents` names, each reading the build's context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..paper.printplan import card_file_names, last_sheet_note

if TYPE_CHECKING:
    from .context import BuildContext


def sheet_notes(ctx: BuildContext) -> tuple[str, ...]:
    """What the organiser should know about the card sheets: fewer cards per sheet or another cut order
    than usual, and last sheets that stay nearly empty (with the way to fill them)."""
    layout, o = ctx.layout, ctx.options
    if not hasattr(layout, "per_sheet"):
        return ()
    notes = [layout.note] if layout.note else []
    for series in ctx.deck.series:
        per_set = len(ctx.deck.persons_in(series)) * len(ctx.deck.attributes)
        name = card_file_names(ctx.lang, series)[0]
        notes.append(last_sheet_note(name, per_set, layout.per_sheet, o.sets, pack=o.pack_sets))
    return tuple(n for n in notes if n)


def session_notes(ctx: BuildContext) -> tuple[str, ...]:
    """What the organiser should know before the session: the service's fields still empty (the booklet
    leaves a line to write on), parts that take longer than the session has, and claims stated as facts."""
    from ..deck.timing import Room, overrun, timings

    sheet = ctx.deck.texts.run_sheet
    notes = []
    if sheet is not None:
        if empty := sheet.service.empty():
            fields = ", ".join(f"run_sheet.service.{name}" for name in empty)
            notes.append(
                f"texts.yaml leaves {fields} empty: the booklet prints a line to write on instead (who reads the "
                "sheets, how long they are kept, how participants hear back, where to refer someone); fill them "
                "in so the facilitator can say it"
            )
        minutes = timings(ctx.deck, Room(ctx.options.sets, ctx.options.table_size))
        if over := overrun(sheet, minutes):
            notes.append(
                f"for {ctx.options.sets} table(s) of {ctx.options.table_size} the run sheet's parts take "
                f"{sum(minutes)} minutes, {over} more than run_sheet.length ({sheet.length}); the run sheet says so, "
                "and each part says what to skip"
            )
    return (*notes, *claim_notes(ctx))


def claim_notes(ctx: BuildContext) -> tuple[str, ...]:
    """Answer-sheet texts (on the sheet and the slides) that state a general claim as a fact."""
    from ..deck.claims import claim_findings

    return tuple(str(f) for f in claim_findings(ctx.deck))
