"""Commands that read, make or change decks: check, stats, decks, new, generate, import, export."""

from __future__ import annotations

from pathlib import Path

import click

from ..trainer.bounds import MAX_CANDIDATES, MAX_PERSONS_PER_SERIES, MAX_SEED, STRENGTHS
from .console import echo
from .group import cli
from .option_sets import DECK_ARGUMENT_HELP, Whole, deck_argument


@cli.command()
@deck_argument
@click.option("--strict", is_flag=True, help="Exit 1 on any warning (the lesson, plausibility, well-known names).")
def check(deck: str | None, strict: bool) -> None:
    """Validate a deck and report every problem with file, line and field.

    \b
    Example:
      datadialoog-print check
      datadialoog-print check decks/mijn-deck --strict

    Exit code 0 when the deck is valid, 2 when it is not. Warnings, in the deck's language,
    on stderr: a row whose figures no longer show what answers.yaml intends (expect, with
    its margin; a correlation's expect), a deck without exactly one value that singles a
    person out (singles_out), a person who breaks a plausibility rule (a 7-year-old with
    WO) and the name of a well-known person. With --strict a warning exits 1.
    """
    from ..assemble.decks import load_deck
    from ..figures.lessontext import check_summary, deck_findings, warning_lines

    loaded = load_deck(deck)
    findings = deck_findings(loaded)
    echo(check_summary(loaded, findings))
    for line in warning_lines(loaded, findings):
        echo(line, err=True)
    if findings and strict:
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
    type=Whole(min=2),
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
    from ..assemble.decks import load_deck
    from .report import stats_csv, stats_json, stats_table

    loaded = load_deck(deck)
    render = {"table": stats_table, "csv": stats_csv, "json": stats_json}[fmt.lower()]
    echo(render(loaded, k=k), nl=False)


@cli.command()
def decks() -> None:
    """List the decks a name can stand for: your own in ./decks, and those shipped with the tool.

    \b
    Example:
      datadialoog-print decks

    A name is looked up in ./decks first, then among the shipped decks.
    """
    from ..deck.locate import list_decks, shipped_dir

    local, shipped = list_decks()
    echo("In decks/ here:" if local else "In decks/ here: none yet (datadialoog-print new NAME makes one)")
    for path in local:
        echo(f"  {path.name:<24} {path}")
    if local and shipped and shipped_dir().resolve() == local[0].parent.resolve():
        echo("Shipped with the tool: the same folder (this is a clone of the repository).")
        return
    echo(f"Shipped with the tool ({shipped_dir()}):")
    for path in shipped:
        echo(f"  {path.name}")


@cli.command()
@click.argument("name")
@click.option("--from", "source", metavar="DECK", help="Copy this deck instead of the default deck (e.g. default-en).")
@click.option("--title", help="The new deck's own title (default: the source's), written into its deck.yaml.")
def new(name: str, source: str | None, title: str | None) -> None:
    """Start a new deck in decks/NAME (creating decks/ here) as a copy of the default deck or another one.

    \b
    Examples:
      datadialoog-print new mijn-deck
      datadialoog-print new my-deck --from default-en
      datadialoog-print new groep-2 --title "Datadialogen, groep 2"

    NAME is a folder name, never a path; an existing folder is never overwritten.
    """
    from ..trainer.newdeck import new_deck

    path = new_deck(name, source=source, title=title)
    echo(f"Created {path}: edit its YAML files, then: datadialoog-print check {path}")


@cli.command()
@click.argument("name")
@click.option(
    "--seed",
    type=Whole(0, MAX_SEED),
    required=True,
    help="A whole number from 0; the same seed and source give the same deck.",
)
@click.option("--from", "source", metavar="DECK", help="The deck whose lesson to keep (default: the default deck).")
@click.option(
    "--persons-per-series",
    type=Whole(1, MAX_PERSONS_PER_SERIES),
    help="Persons in each series (default: as many as the source deck has, 10 in the shipped decks).",
)
@click.option(
    "--strength",
    type=click.Choice(STRENGTHS, case_sensitive=False),
    default="original",
    show_default=True,
    help="How clearly each row shows its lesson, measured against the shipped deck the lesson comes from: mild "
    "(visible, less clear), original (on every row at least as clear, never overdone), strong (clearer).",
)
@click.option(
    "--candidates",
    type=Whole(1, MAX_CANDIDATES),
    default=1,
    show_default=True,
    help="Try this many seeds from --seed on, show them side by side and keep the strongest.",
)
def generate(
    name: str, seed: int, source: str | None, persons_per_series: int | None, strength: str, candidates: int
) -> None:
    """Make a deck under decks/NAME with fresh fictional persons that keep the source deck's lesson.

    \b
    Examples:
      datadialoog-print generate groep-2 --seed 7
      datadialoog-print generate group-2 --seed 7 --from default-en --persons-per-series 12
      datadialoog-print generate groep-3 --seed 1 --candidates 5 --strength strong

    They keep every direction answers.yaml states (expect) with a visible margin, and one value
    that singles a person out (singles_out); a deck that cannot be made so is refused (exit 2).
    """
    from ..trainer.generate import generate_deck
    from .report import generate_summary

    made = generate_deck(
        name,
        seed=seed,
        source=source,
        persons_per_series=persons_per_series,
        strength=strength.lower(),
        candidates=candidates,
    )
    echo(generate_summary(made), nl=False)


@cli.command(name="import")
@click.argument("deck")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--replace", is_flag=True, help="The spreadsheet's persons replace the deck's (the old ones are kept in backups/)."
)
@click.option("--append", is_flag=True, help="The spreadsheet's persons are added to the deck's.")
@click.pass_context
def import_(ctx: click.Context, deck: str, file: Path, replace: bool, append: bool) -> None:
    """Bring persons in from a spreadsheet (.csv, .xlsx or .ods) into a deck's persons.yaml.

    \b
    Example:
      datadialoog-print import mijn-deck personen.xlsx --replace
      datadialoog-print import decks/mijn-deck extra.csv --append

    One row per person: the columns as export writes them (Naam, Reeks and each attribute's
    label, in the deck's language), or name, series and the attribute keys. A workbook's
    persons are read from its visible sheet named as the deck names it (Personen), else
    from its first visible sheet; the message says which. Every row is
    checked as check would, and then the whole deck; nothing is written unless all is
    well, and replaced persons are saved in the deck's backups/ folder first. Limits: a
    file of 20 MB, an .xlsx or .ods unpacking to 16 MB, and as many persons as fit in a
    persons.yaml that check accepts (20 MB).
    """
    from ..trainer.spreadsheet import import_persons

    if replace == append:  # both flags, or neither: only the person who typed them knows which was meant
        said = " and ".join(_given_as(ctx, flag) for flag in ("replace", "append")) if replace else ""
        raise click.UsageError(
            "say what to do with the deck's current persons: --replace or --append"
            + (f", not both ({said} were given; nothing was changed)" if replace else "")
        )
    mode = "replace" if replace else "append"
    from ..deck.plausible import person_findings
    from ..figures.lessontext import lesson_summary, warning_lines

    result = import_persons(deck, file, mode=mode)
    source = f" from the sheet '{result.sheet}'" if result.sheet is not None else ""
    echo(
        f"Imported {result.added} persons{source}; the deck now has {result.persons}. "
        f"Previous persons.yaml saved as {result.backup}"
    )
    imported = result.deck
    for line in lesson_summary(imported):
        echo(line)
    for line in warning_lines(imported, person_findings(imported)):
        echo(line, err=True)


@cli.command()
@click.argument("deck")
@click.argument("file", type=click.Path(path_type=Path))
def export(deck: str, file: Path) -> None:
    """Write a deck's persons to a spreadsheet (.xlsx, .ods or .csv), to edit and import again.

    \b
    Example:
      datadialoog-print export mijn-deck personen.xlsx
      datadialoog-print export mijn-deck personen.ods
      datadialoog-print export mijn-deck personen.csv

    The .xlsx and .ods workbooks check what is typed (a dropdown for every category and
    the series, the bounds of every number) and have an explanation sheet; the .csv is
    plain (separated by ';' for a Dutch deck, as Dutch Excel reads it).
    No cell is one a spreadsheet would run as a formula.
    """
    from ..trainer.spreadsheet import export_persons

    count = export_persons(deck, file)
    echo(f"Wrote {count} persons to {file}")


def _given_as(ctx: click.Context, name: str) -> str:
    """How a flag was given: ``--replace``, or ``the variable DATADIALOOG_IMPORT_REPLACE`` when it came from there."""
    source = ctx.get_parameter_source(name)
    if source is click.core.ParameterSource.ENVIRONMENT:
        return f"the variable {ctx.auto_envvar_prefix}_{name.upper()}"
    return f"--{name}"
