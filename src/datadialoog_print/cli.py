"""The ``datadialoog-print`` command: parses options and calls the library, nothing more.

Heavy modules (pandas, ReportLab) are imported inside the commands that need them,
so ``check`` and ``--help`` start fast. Every error takes one path (:class:`~.errors.ErrorPath`): a
one-line message (a list for a deck) and exit 2, 1 for ``verify``; never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .deck.model import MAX_SETS
from .errors import ErrorPath
from .paper.ink import DEFAULT_MAX_INK, MAX_MAX_INK, MIN_MAX_INK

DECK_ARGUMENT_HELP = (
    "DECK is a deck folder, or the name of a deck in ./decks or shipped with the tool "
    "(default: ./decks/default if there is one, else the shipped default); datadialoog-print decks lists them."
)


def deck_argument(f):
    """The optional DECK argument shared by every command that reads a deck."""
    return click.argument("deck", required=False)(f)


def output_option(default: str):
    """-o/--output, with the default named in the help."""
    return click.option(
        "-o", "--output", "output", type=click.Path(path_type=Path), help=f"Output folder (default: {default})."
    )


def paper_option(help_text: str):
    """--paper a4|letter, also from DATADIALOOG_PAPER."""
    return click.option(
        "--paper",
        type=click.Choice(["a4", "letter"], case_sensitive=False),
        default="a4",
        show_default=True,
        envvar="DATADIALOOG_PAPER",
        callback=_lower,
        help=f"{help_text} [env: DATADIALOOG_PAPER].",
    )


def duplex_option(choices: list[str], help_text: str):
    """--duplex, also from DATADIALOOG_DUPLEX."""
    return click.option(
        "--duplex",
        type=click.Choice(choices, case_sensitive=False),
        default="long",
        show_default=True,
        envvar="DATADIALOOG_DUPLEX",
        callback=_lower,
        help=f"{help_text} [env: DATADIALOOG_DUPLEX].",
    )


def back_offset_option(help_text: str):
    """--back-offset X,Y in mm, also from DATADIALOOG_BACK_OFFSET."""
    return click.option(
        "--back-offset",
        callback=_parsed(_offset, (0.0, 0.0)),
        metavar="X,Y",
        envvar="DATADIALOOG_BACK_OFFSET",
        help=f"{help_text} [env: DATADIALOOG_BACK_OFFSET].",
    )


def _lower(ctx, param, value):
    return value.lower() if isinstance(value, str) else value


@click.group(
    cls=ErrorPath, context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "DATADIALOOG"}
)
@click.version_option(__version__, prog_name="datadialoog-print")
def cli() -> None:
    """Print-ready cards, facilitator booklet and handouts for the 'Data dialogen' workshop.

    \b
    Examples:
      datadialoog-print check                 validate the default deck
      datadialoog-print stats --format json   the answer-sheet figures as JSON
      datadialoog-print check decks/mijn-deck validate another deck
      datadialoog-print build                 print-ready PDFs in output/default/
      datadialoog-print new mijn-deck         start your own deck from the default one
    """


@cli.command()
@deck_argument
@click.option("--strict", is_flag=True, help="Exit 1 when the figures no longer show what answers.yaml intends.")
def check(deck: str | None, strict: bool) -> None:
    """Validate a deck and report every problem with file, line and field.

    \b
    Example:
      datadialoog-print check
      datadialoog-print check decks/mijn-deck --strict

    Exit code 0 when the deck is valid, 2 when it is not. A row whose figures no longer
    show the direction answers.yaml intends (expect), or a deck without exactly one value
    that singles a person out (singles_out), gets a warning on stderr; with --strict it
    exits 1.
    """
    from .deck.load import load_deck
    from .figures.lesson import warning_report

    loaded = load_deck(deck)
    click.echo(
        f"{loaded.name}: OK — {len(loaded.persons)} persons in {len(loaded.series)} series, "
        f"{len(loaded.attributes)} attributes from {len(loaded.sources)} sources, "
        f"{loaded.card_count} cards, {len(loaded.comparisons)} answer-sheet rows ({loaded.language})"
    )
    if report := warning_report(loaded):
        click.echo(report, err=True, nl=False)
        if strict:
            raise SystemExit(1)


check.help = f"{check.help}\n\n{DECK_ARGUMENT_HELP}"


@cli.command()
@deck_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"], case_sensitive=False),
    default="table",
    show_default=True,
    help="table: as printed, in the deck's number format; csv and json: raw numbers.",
)
@click.option(
    "-k",
    "k",
    type=click.IntRange(min=2),
    default=2,
    show_default=True,
    help="Values shared by fewer than k persons count as recognisable.",
)
def stats(deck: str | None, fmt: str, k: int) -> None:
    """Show the answer sheet's figures, computed from the deck's persons.

    \b
    Examples:
      datadialoog-print stats
      datadialoog-print stats --format json > figures.json
      datadialoog-print stats decks/mijn-deck --format csv
    """
    from .deck.load import load_deck
    from .figures.report import stats_csv, stats_json, stats_table

    loaded = load_deck(deck)
    render = {"table": stats_table, "csv": stats_csv, "json": stats_json}[fmt.lower()]
    click.echo(render(loaded, k=k), nl=False)


def _parsed(parse, default=None):
    """An option callback: ``parse`` the text (the library's parser), its ValueError as the option's message."""

    def callback(ctx, param, value):
        if value is None:
            return default
        try:
            return parse(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


def _card_size(text: str):
    from .build.options import parse_card_size

    return parse_card_size(text)


def _offset(text: str):
    from .build.options import parse_back_offset

    return parse_back_offset(text)


def _bleed(text: str):
    from .build.options import parse_bleed

    return parse_bleed(text)


def _start(ctx, param, value):
    """--start HH:MM: a time of day, checked here so a typo never reaches the booklet."""
    if value is None:
        return ""
    from .deck.texts import clock_minutes

    try:
        minutes = clock_minutes(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@cli.command()
@deck_argument
@output_option("output/<deck>")
@click.option(
    "--only",
    type=click.Choice(["cards", "booklet", "answers", "handouts", "slides"], case_sensitive=False),
    multiple=True,
    help="Build only this kind of document (repeatable); default: all.",
)
@click.option(
    "--layout",
    type=click.Choice(["sheets", "single"], case_sensitive=False),
    default="sheets",
    show_default=True,
    callback=_lower,
    help="sheets: N-up on office paper with crop marks; single: one card per page with bleed, for a print shop.",
)
@paper_option("Paper for --layout sheets")
@click.option(
    "--card-size",
    callback=_parsed(_card_size),
    help="poker (63x88), us-poker, bridge, tarot, a7, or WIDTHxHEIGHT in mm (default: the deck's).",
)
@click.option(
    "--bleed",
    callback=_parsed(_bleed),
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
    callback=_start,
    metavar="HH:MM",
    help="When the session starts: the run sheet gives each part its clock time (default: the deck's run_sheet.start).",
)
@click.option(
    "--sets",
    type=click.IntRange(1, MAX_SETS),
    help="Card sets to print, one per table, each card marked with its set's letter (default: the deck's, else 1).",
)
@click.option(
    "--max-ink",
    type=click.IntRange(MIN_MAX_INK, MAX_MAX_INK),
    default=DEFAULT_MAX_INK,
    show_default=True,
    metavar="PERCENT",
    help="Total ink limit (C+M+Y+K) every colour must keep; ask your print shop (240 for most print-on-demand).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.pass_context
def build(ctx, deck, output, only, duplex, quiet, **shape) -> None:
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
      datadialoog-print build --layout single --max-ink 240   for a print-on-demand shop
      datadialoog-print build --paper letter        9 cards per Letter sheet, cut horizontal lines first

    The output folder belongs to the build: the whole set is replaced in one step (nothing
    changes unless everything succeeded), files of an earlier build that this one does not
    write are removed, your own files stay. --only keeps the other documents of the same deck.
    """
    from .build import KINDS, BuildOptions
    from .build import build as run_build
    from .build.cardjobs import PARALLEL_MIN_CARDS
    from .deck.load import load_deck
    from .deck.locate import find_deck
    from .paper.layout import Duplex

    found = find_deck(deck)
    loaded = load_deck(found.path)
    # Every other option has a BuildOptions field of the same name.
    only = tuple(dict.fromkeys(kind.lower() for kind in only)) or KINDS
    options = BuildOptions(duplex=Duplex(duplex), only=only, **shape)
    if not quiet and sys.stderr.isatty():
        cards = loaded.card_count * options.set_count(loaded)
        with click.progressbar(length=cards, label="Cards", file=sys.stderr) as bar:
            result = run_build(loaded, output, options=options, progress=bar.update, parallel_from=PARALLEL_MIN_CARDS)
    else:
        result = run_build(loaded, output, options=options, parallel_from=PARALLEL_MIN_CARDS)
    for note in result.notes:
        click.echo(f"Note: {note}.", err=True)
    if not quiet:
        folder = result.files[0].parent if result.files else output
        click.echo(f"deck {found.describe()}")
        click.echo(f"{loaded.name}: {len(result.files)} files ({result.cards} cards) in {folder}")
        if "cards" in options.only and options.layout == "sheets" and options.duplex.value != "none":
            source = ctx.get_parameter_source("back_offset")
            origin = {"ENVIRONMENT": " (from DATADIALOOG_BACK_OFFSET)", "DEFAULT": " (none given)"}.get(
                source.name if source else "", ""
            )
            click.echo(
                f"  back offset {options.back_offset[0]:g},{options.back_offset[1]:g} mm{origin}; duplex flip: {options.duplex.value} edge"
            )
        for path in result.files:
            click.echo(f"  {path.name}")
        if result.kept:
            click.echo(f"  kept from the earlier build: {', '.join(result.kept)}")
        if result.removed:
            click.echo(f"  removed, from an earlier build: {', '.join(result.removed)}")


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
    from .build import default_output_dir
    from .build.calibrate import write_calibration
    from .deck.load import load_deck
    from .paper.layout import Duplex

    loaded = load_deck(deck)
    # A folder of its own: the sheet belongs to the printer, not to a build (verify ignores it).
    target = output or default_output_dir(loaded) / "calibration"
    path = write_calibration(loaded, target, paper=paper, duplex=Duplex(duplex), back_offset=back_offset)
    click.echo(f"Wrote {path}: print it double-sided ({duplex} edge) at 100 %, hold it to the light and read X and Y.")


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
    from .build.verify import verify

    verdict = verify(folder or Path("output") / "default")
    for note in verdict.notes:
        click.echo(f"note: {note}")
    if verdict.ok:
        click.echo(f"OK: {verdict.checked} files intact and as their deck builds them")
        return
    from .errors import MAX_SHOWN

    for problem in verdict.problems[:MAX_SHOWN]:
        click.echo(problem)
    if len(verdict.problems) > MAX_SHOWN:
        click.echo(f"… and {len(verdict.problems) - MAX_SHOWN} more")
    raise SystemExit(1)


@cli.command()
def decks() -> None:
    """List the decks a name can stand for: your own in ./decks, and those shipped with the tool.

    \b
    Example:
      datadialoog-print decks

    A name is looked up in ./decks first, then among the shipped decks.
    """
    from .deck.locate import list_decks, shipped_dir

    local, shipped = list_decks()
    click.echo("In decks/ here:" if local else "In decks/ here: none yet (datadialoog-print new NAME makes one)")
    for path in local:
        click.echo(f"  {path.name:<24} {path}")
    if local and shipped and shipped_dir().resolve() == local[0].parent.resolve():
        click.echo("Shipped with the tool: the same folder (this is a clone of the repository).")
        return
    click.echo(f"Shipped with the tool ({shipped_dir()}):")
    for path in shipped:
        click.echo(f"  {path.name}")


@cli.command()
@click.argument("name")
@click.option("--from", "source", metavar="DECK", help="Copy this deck instead of the default deck (e.g. default-en).")
def new(name: str, source: str | None) -> None:
    """Start a new deck in decks/NAME (creating decks/ here) as a copy of the default deck or another one.

    \b
    Examples:
      datadialoog-print new mijn-deck
      datadialoog-print new my-deck --from default-en

    NAME is a folder name, never a path; an existing folder is never overwritten.
    """
    from .trainer.newdeck import new_deck

    path = new_deck(name, source=source)
    click.echo(f"Created {path}: edit its YAML files, then: datadialoog-print check {path}")


@cli.command()
@click.argument("name")
@click.option("--seed", type=int, required=True, help="Any whole number; the same seed and source give the same deck.")
@click.option("--from", "source", metavar="DECK", help="The deck whose lesson to keep (default: the default deck).")
@click.option(
    "--persons-per-series",
    type=click.IntRange(1, 100),
    help="Persons in each series (default: as many as the source deck has, 10 in the shipped decks).",
)
def generate(name: str, seed: int, source: str | None, persons_per_series: int | None) -> None:
    """Make a deck under decks/NAME with fresh fictional persons that keep the source deck's lesson.

    \b
    Examples:
      datadialoog-print generate groep-2 --seed 7
      datadialoog-print generate group-2 --seed 7 --from default-en --persons-per-series 12

    They keep every direction answers.yaml states (expect) with a visible margin, and one value
    that singles a person out (singles_out); a deck that cannot be made so is refused (exit 2).
    """
    from .trainer.generate import generate_deck, summary

    click.echo(summary(generate_deck(name, seed=seed, source=source, persons_per_series=persons_per_series)), nl=False)


@cli.command(name="import")
@click.argument("deck")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--replace",
    "mode",
    flag_value="replace",
    help="The spreadsheet's persons replace the deck's (the old ones are kept in backups/).",
)
@click.option("--append", "mode", flag_value="append", help="The spreadsheet's persons are added to the deck's.")
def import_(deck: str, file: Path, mode: str | None) -> None:
    """Bring persons in from a spreadsheet (.csv or .xlsx) into a deck's persons.yaml.

    \b
    Example:
      datadialoog-print import mijn-deck personen.xlsx --replace
      datadialoog-print import decks/mijn-deck extra.csv --append

    One row per person: the columns as export writes them (Naam, Reeks and each attribute's
    label, in the deck's language), or name, series and the attribute keys. Every row is
    checked as check would, and then the whole deck; nothing is written unless all is
    well, and replaced persons are saved in the deck's backups/ folder first. Limits: a
    file of 20 MB, an .xlsx unpacking to 16 MB, and as many persons as fit in a
    persons.yaml that check accepts (20 MB).
    """
    from .trainer.spreadsheet import import_persons

    if mode is None:
        raise click.UsageError("say what to do with the deck's current persons: --replace or --append")
    result = import_persons(deck, file, mode=mode)
    click.echo(
        f"Imported {result.added} persons; the deck now has {result.persons}. Previous persons.yaml saved as {result.backup}"
    )


@cli.command()
@click.argument("deck")
@click.argument("file", type=click.Path(path_type=Path))
def export(deck: str, file: Path) -> None:
    """Write a deck's persons to a spreadsheet (.xlsx or .csv), to edit and import again.

    \b
    Example:
      datadialoog-print export mijn-deck personen.xlsx
      datadialoog-print export mijn-deck personen.csv

    The .xlsx workbook checks what is typed (a dropdown for every category and the
    series, the bounds of every number) and has an explanation sheet; the .csv is plain.
    No cell is one a spreadsheet would run as a formula.
    """
    from .trainer.spreadsheet import export_persons

    count = export_persons(deck, file)
    click.echo(f"Wrote {count} persons to {file}")


@cli.command()
@deck_argument
@output_option("output/<deck>")
def preview(deck: str | None, output: Path | None) -> None:
    """Build a deck and write PNG previews: each document's first page and a contact sheet of all cards.

    \b
    Example:
      datadialoog-print preview
      datadialoog-print preview decks/mijn-deck -o /tmp/kijk

    The PNGs go into the output folder's preview/ subfolder.
    """
    from .build import default_output_dir
    from .build.preview import preview as run_preview
    from .deck.load import load_deck

    loaded = load_deck(deck)
    out = output or default_output_dir(loaded)
    _, pngs = run_preview(loaded, out)
    click.echo(f"{len(pngs)} previews in {out / 'preview'}")
    for png in pngs:
        click.echo(f"  {png.name}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="datadialoog-print")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
