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
from .errors import ErrorPath

DECK_ARGUMENT_HELP = "DECK is a deck folder, or the name of a deck under decks/ (default: the default deck)."


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
def check(deck: str | None) -> None:
    """Validate a deck and report every problem with file, line and field.

    \b
    Example:
      datadialoog-print check
      datadialoog-print check decks/mijn-deck

    Exit code 0 when the deck is valid, 2 when it is not.
    """
    from .deck.load import load_deck

    loaded = load_deck(deck)
    click.echo(
        f"{loaded.name}: OK — {len(loaded.persons)} persons in {len(loaded.series)} series, "
        f"{len(loaded.attributes)} attributes from {len(loaded.sources)} sources, "
        f"{loaded.card_count} cards, {len(loaded.comparisons)} answer-sheet rows ({loaded.language})"
    )


check.help = f"{check.help}\n\n{DECK_ARGUMENT_HELP}"


@cli.command()
@deck_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
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
    render = {"table": stats_table, "csv": stats_csv, "json": stats_json}[fmt]
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


@cli.command()
@deck_argument
@output_option("output/<deck>")
@click.option(
    "--only",
    type=click.Choice(["cards", "booklet", "answers", "handouts"], case_sensitive=False),
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
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.pass_context
def build(
    ctx, deck, output, only, layout, paper, card_size, bleed, duplex, back_offset, plain_stock, mono, quiet
) -> None:
    """Build the print-ready PDFs of a deck.

    \b
    Examples:
      datadialoog-print build                       the default deck into output/default/
      datadialoog-print build --layout single       single cards with bleed for a print shop
      datadialoog-print build --plain-stock         no colour fill, for coloured card stock
      datadialoog-print build --back-offset 1.5,-1  correct a printer that shifts the backs
      datadialoog-print build --only booklet        just the facilitator booklet
      datadialoog-print build --mono                black only, for a printer without colour

    The output folder belongs to the build: the whole set is replaced in one step (nothing
    changes unless everything succeeded), files of an earlier build that this one does not
    write are removed, your own files stay. --only keeps the other documents of the same deck.
    """
    from .build import KINDS, BuildOptions
    from .build import build as run_build
    from .deck.load import load_deck
    from .paper.layout import Duplex

    loaded = load_deck(deck)
    options = BuildOptions(
        layout=layout,
        paper=paper,
        card_size=card_size,
        bleed=bleed,
        duplex=Duplex(duplex),
        back_offset=back_offset,
        plain_stock=plain_stock,
        mono=mono,
        only=tuple(dict.fromkeys(kind.lower() for kind in only)) or KINDS,
    )
    if not quiet and sys.stderr.isatty():
        with click.progressbar(length=loaded.card_count, label="Cards", file=sys.stderr) as bar:
            result = run_build(loaded, output, options=options, progress=bar.update)
    else:
        result = run_build(loaded, output, options=options)
    if not quiet:
        folder = result.files[0].parent if result.files else output
        click.echo(f"{loaded.name}: {len(result.files)} files ({result.cards} cards) in {folder}")
        if "cards" in options.only and layout == "sheets" and options.duplex.value != "none":
            source = ctx.get_parameter_source("back_offset")
            origin = {"ENVIRONMENT": " (from DATADIALOOG_BACK_OFFSET)", "DEFAULT": " (none given)"}.get(
                source.name if source else "", ""
            )
            click.echo(
                f"  back offset {back_offset[0]:g},{back_offset[1]:g} mm{origin}; duplex flip: {options.duplex.value} edge"
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
@click.argument("name")
@click.option("--from", "source", metavar="DECK", help="Copy this deck instead of the default deck (e.g. default-en).")
def new(name: str, source: str | None) -> None:
    """Start a new deck under decks/NAME as a copy of the default deck, ready to edit.

    \b
    Examples:
      datadialoog-print new mijn-deck
      datadialoog-print new my-deck --from default-en

    Refuses to overwrite an existing folder.
    """
    from .trainer.newdeck import new_deck

    path = new_deck(name, source=source)
    click.echo(f"Created {path}: edit its YAML files, then: datadialoog-print check {path}")


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

    One row per person: columns name, series and one per attribute (its key or its printed
    label). Every row is checked, and then the whole deck; nothing is written unless all is
    well, and replaced persons are saved in the deck's backups/ folder first.
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
    """Write a deck's persons to a spreadsheet (.csv or .xlsx), to edit and import again.

    \b
    Example:
      datadialoog-print export mijn-deck personen.xlsx
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
