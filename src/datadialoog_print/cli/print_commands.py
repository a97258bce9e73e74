"""Commands that make or check printed output: build, calibrate, verify, preview."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..assemble.documents import CARDS, KINDS
from ..deck.model import MAX_SETS
from ..deck.workshop import MAX_TABLE_SIZE
from ..paper.ink import DEFAULT_MAX_INK, MAX_MAX_INK, MIN_MAX_INK
from ..paper.shops import SHOPS
from .console import echo
from .group import cli
from .option_sets import (
    Whole,
    back_offset_option,
    bleed,
    card_size,
    deck_argument,
    duplex_option,
    lower,
    output_option,
    paper_option,
    parsed,
    start,
)


@cli.command()
@deck_argument
@output_option("output/<deck>")
@click.option(
    "--only",
    type=click.Choice(KINDS, case_sensitive=False),
    multiple=True,
    help="Build only this kind of document (repeatable); default: all.",
)
@click.option(
    "--layout",
    type=click.Choice(["sheets", "single"], case_sensitive=False),
    default="sheets",
    show_default=True,
    callback=lower,
    help="sheets: N-up on office paper with crop marks; single: one card per page with bleed, for a print shop.",
)
@paper_option("Paper for --layout sheets")
@click.option(
    "--card-size",
    callback=parsed(card_size),
    help="poker (63x88), us-poker, bridge, tarot, a7, or WIDTHxHEIGHT in mm (default: the deck's).",
)
@click.option(
    "--bleed",
    callback=parsed(bleed),
    metavar="MM",
    help="Card colour past the cut, in mm, 0 to 6 (default: 0 on sheets, 3 for single cards).",
)
@duplex_option(["long", "short", "none"], "How your printer flips the sheet for the backs; none: fronts only")
@back_offset_option(
    "Shift the backs by X,Y mm to correct a printer's misregistration; read X,Y off the calibration sheet"
)
@click.option("--plain-stock", is_flag=True, help="No card colour: print on green and yellow card stock.")
@click.option(
    "--mono",
    is_flag=True,
    help="Black-and-white edition: sources told apart by marker and type treatment; print on coloured stock.",
)
@click.option(
    "--start",
    callback=start,
    metavar="HH:MM",
    help="When the session starts: the run sheet gives each part its clock time (default: the deck's run_sheet.start).",
)
@click.option(
    "--sets",
    type=Whole(1, MAX_SETS),
    help="Card sets to print, one per table, each card marked with its set's letter (default: the deck's, else 1).",
)
@click.option(
    "--table-size",
    type=Whole(1, MAX_TABLE_SIZE),
    help="Participants at one table: the booklet counts people, pencils, participant sheets and minutes "
    "from it (default: the deck's run_sheet.per_table, else 4).",
)
@click.option(
    "--shop",
    type=click.Choice(list(SHOPS), case_sensitive=False),
    callback=lower,
    help="Single cards as a print shop takes them: "
    + "; ".join(f"{s.name} ({s.title}: {s.format.value}, {s.arrangement.value})" for s in SHOPS.values())
    + ".",
)
@click.option(
    "--dpi",
    type=Whole(1),
    help="PNG shops: pixels per inch, one the shop takes ("
    + "; ".join(f"{s.name}: {' or '.join(map(str, s.dpis))}" for s in SHOPS.values() if s.format.value == "PNG")
    + "; default: the shop's first).",
)
@click.option(
    "--pack-sets",
    is_flag=True,
    help="With --sets: each set begins on the sheet where the previous one ends, not on a sheet of its own.",
)
@click.option(
    "--max-ink",
    type=Whole(MIN_MAX_INK, MAX_MAX_INK),
    metavar="PERCENT",
    help=f"Total ink limit (C+M+Y+K) every colour must keep; ask your print shop (default: the --shop preset's, "
    f"{', '.join(f'{s.name} {s.max_ink}' for s in SHOPS.values() if s.max_ink)}; else {DEFAULT_MAX_INK}).",
)
@click.option(
    "--allow-broken-lesson",
    is_flag=True,
    help="Build even when the figures no longer show the deck's lesson; the answer sheet then says so per row.",
)
@click.option(
    "--allow-implausible-persons",
    is_flag=True,
    help="Build even when check warns about a person (a rule for plausible persons broken, a well-known name).",
)
@click.option(
    "--printer",
    metavar="NAME",
    help="A printer saved in the workspace (datadialoog-print printers lists them): its back offset and duplex flip.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.pass_context
def build(ctx, deck, output, only, duplex, quiet, printer, **shape) -> None:
    """Build the print-ready PDFs of a deck.

    \b
    Examples:
      datadialoog-print build                       the default deck into output/default/
      datadialoog-print build --layout single       single cards with bleed for a print shop
      datadialoog-print build --plain-stock         no colour fill, for coloured card stock
      datadialoog-print build --back-offset 1.5,-1  correct a printer that shifts the backs
      datadialoog-print build --only booklet        just the facilitator booklet
      datadialoog-print build --mono                black only, for a printer without colour
      datadialoog-print build --start 13:30         clock times on the booklet's run sheet
      datadialoog-print build --only slides         just the debrief slides (16:9)
      datadialoog-print build --sets 4              four sets, for four tables, marked A to D
      datadialoog-print build --sets 2 --table-size 6   two tables of six: 12 participants
      datadialoog-print build --layout single --max-ink 240   for a print-on-demand shop
      datadialoog-print build --paper letter        9 cards per Letter sheet, cut horizontal lines first
      datadialoog-print build --shop drivethru      one PDF/X-1a:2003 per series for DriveThruCards (ink 240 %)
      datadialoog-print build --shop mpc --dpi 600  one PNG per card face for MakePlayingCards

    The output folder belongs to the build: the whole set is replaced in one step (nothing
    changes unless everything succeeded), files of an earlier build that this one does not
    write are removed, your own files stay. --only keeps the other documents of the same deck.

    A deck whose figures no longer show its lesson (check warns) is not built: the build
    says why, in the deck's language, and changes nothing, unless --allow-broken-lesson.
    Nor is a deck with a person check warns about (implausible values, a well-known person's
    name), unless --allow-implausible-persons.
    """
    from ..assemble import BuildOptions
    from ..assemble import build as run_build
    from ..assemble.cardjobs import PARALLEL_MIN_CARDS
    from ..assemble.decks import load_deck
    from ..deck.locate import find_deck
    from ..deck.plausible import implausible_summary
    from ..figures.lessontext import lesson_summary
    from ..paper.layout import Duplex

    if printer:
        from ..assemble.printers import find_printer

        given = [f"--{n.replace('_', '-')}" for n in ("back_offset", "duplex") if _given(ctx, n)]
        if given:
            raise click.UsageError(
                f"--printer brings its own back offset and duplex flip; leave out {', '.join(given)}"
            )
        saved = find_printer(printer)
        duplex, shape["back_offset"] = saved.duplex.value, saved.back_offset
    found = find_deck(deck)
    loaded = load_deck(found.path)
    # Every other option has a BuildOptions field of the same name.
    only = tuple(dict.fromkeys(kind.lower() for kind in only)) or KINDS
    if shape.get("shop") and ctx.get_parameter_source("layout").name == "DEFAULT":
        shape["layout"] = "single"  # a shop takes single cards
    shape["shop"] = shape.get("shop") or ""
    try:
        options = BuildOptions(duplex=Duplex(duplex), only=only, **shape)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not quiet and sys.stderr.isatty():
        cards = loaded.card_count * options.set_count(loaded)
        with click.progressbar(length=cards, label="Cards", file=sys.stderr) as bar:
            result = run_build(loaded, output, options=options, progress=bar.update, parallel_from=PARALLEL_MIN_CARDS)
    else:
        result = run_build(loaded, output, options=options, parallel_from=PARALLEL_MIN_CARDS)
    for note in result.notes:
        echo(f"Note: {note}.", err=True)
    if not quiet:
        folder = result.files[0].parent if result.files else output
        echo(f"deck {found.describe()}")
        echo(f"{loaded.name}: {len(result.files)} files ({result.cards} cards) in {folder}")
        if CARDS.kind in options.only and options.layout == "sheets" and options.duplex.value != "none":
            source = ctx.get_parameter_source("back_offset")
            origin = {"ENVIRONMENT": " (from DATADIALOOG_BACK_OFFSET)", "DEFAULT": " (none given)"}.get(
                source.name if source else "", ""
            )
            origin = f" (printer {saved.name})" if printer else origin
            echo(
                f"  back offset {options.back_offset[0]:g},{options.back_offset[1]:g} mm{origin}; duplex flip: {options.duplex.value} edge"
            )
        for path in result.files:
            echo(f"  {path.name}")
        if result.kept:
            echo(f"  kept from the earlier build: {', '.join(result.kept)}")
        if result.removed:
            echo(f"  removed, from an earlier build: {', '.join(result.removed)}")
    if result.left:  # said even with --quiet: files the user may have meant to keep, or to lose
        echo(
            f"Note: left in place, no longer as the earlier build recorded them: {', '.join(result.left)}.",
            err=True,
        )
    if persons := implausible_summary(loaded):  # built with --allow-implausible-persons: said even with --quiet
        echo("\n".join(persons), err=True)
    verdict = lesson_summary(loaded)
    if len(verdict) > 1:  # built with --allow-broken-lesson: said even with --quiet
        echo("\n".join(verdict), err=True)
    elif not quiet:
        echo(verdict[0])


@cli.command()
@deck_argument
@output_option("output/<deck>/calibration")
@paper_option("The paper you print the cards on")
@duplex_option(["long", "short"], "How your printer flips the sheet")
@back_offset_option("Print the back with this correction, to check it")
def calibrate(deck, output, paper, duplex, back_offset) -> None:
    """Write a two-page duplex calibration sheet: print it, hold it to the light, read off --back-offset.

    \b
    Examples:
      datadialoog-print calibrate                      A4, long-edge flip
      datadialoog-print calibrate --duplex short --paper letter
      datadialoog-print calibrate --back-offset 1.5,-1 check a correction

    The sheet says, in the deck's language, how to print and read it.
    """
    from ..assemble import default_output_dir
    from ..assemble.calibrate import write_calibration
    from ..assemble.decks import load_deck
    from ..paper.layout import Duplex

    loaded = load_deck(deck)
    # A folder of its own: the sheet belongs to the printer, not to a build (verify ignores it).
    target = output or default_output_dir(loaded) / "calibration"
    path = write_calibration(loaded, target, paper=paper, duplex=Duplex(duplex), back_offset=back_offset)
    echo(f"Wrote {path}: print it double-sided ({duplex} edge) at 100 %, hold it to the light and read X and Y.")


@cli.command(name="verify")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
def verify_(folder: Path | None) -> None:
    """Check that an output folder holds exactly what its deck builds (exit 0), or say what differs (exit 1).

    \b
    Examples:
      datadialoog-print verify                 output/default
      datadialoog-print verify output/mijn-deck
      cd output/default && datadialoog-print verify .

    Finds the deck from the manifest (from any working folder), builds it again in a
    temporary folder with the recorded options and compares every byte. Names every
    missing, changed or stale file; files that are not from a build are listed, not a failure.
    """
    from ..assemble.verify import verify

    verdict = verify(folder or Path("output") / "default")
    for note in verdict.notes:
        echo(f"note: {note}")
    if verdict.ok:
        echo(f"OK: {verdict.checked} files intact and as their deck builds them")
        return
    from ..errors import MAX_SHOWN

    for problem in verdict.problems[:MAX_SHOWN]:
        echo(problem)
    if len(verdict.problems) > MAX_SHOWN:
        echo(f"… and {len(verdict.problems) - MAX_SHOWN} more")
    raise SystemExit(1)


@cli.command()
@deck_argument
@output_option("output/<deck>")
@click.option(
    "--allow-broken-lesson", is_flag=True, help="Build and preview even when the deck's lesson no longer holds."
)
@click.option(
    "--allow-implausible-persons",
    is_flag=True,
    help="Build and preview even when check warns about a person (implausible values, a well-known name).",
)
def preview(deck: str | None, output: Path | None, allow_broken_lesson: bool, allow_implausible_persons: bool) -> None:
    """Build a deck and write PNG previews: each document's first page and a contact sheet of all cards.

    \b
    Example:
      datadialoog-print preview
      datadialoog-print preview decks/mijn-deck -o /tmp/kijk

    The PNGs go into the output folder's preview/ subfolder.
    """
    from ..assemble import BuildOptions, default_output_dir
    from ..assemble.decks import load_deck
    from ..assemble.preview import preview as run_preview

    loaded = load_deck(deck)
    out = output or default_output_dir(loaded)
    _, pngs = run_preview(
        loaded,
        out,
        options=BuildOptions(
            allow_broken_lesson=allow_broken_lesson, allow_implausible_persons=allow_implausible_persons
        ),
    )
    echo(f"{len(pngs)} previews in {out / 'preview'}")
    for png in pngs:
        echo(f"  {png.name}")


def _given(ctx: click.Context, name: str) -> bool:
    """Was the option typed on the command line (not a default, not an environment variable)?"""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "COMMANDLINE"
