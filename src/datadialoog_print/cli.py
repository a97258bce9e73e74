"""The ``datadialoog-print`` command: parses options and calls the library, nothing more.

Heavy modules (pandas, ReportLab) are imported inside the commands that need them,
so ``check`` and ``--help`` start fast.
"""

from __future__ import annotations

import sys

import click

from . import __version__

DECK_ARGUMENT_HELP = "DECK is a deck folder, or the name of a deck under decks/ (default: the default deck)."


def deck_argument(f):
    """The optional DECK argument shared by every command that reads a deck."""
    return click.argument("deck", required=False)(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "DATADIALOOG"})
@click.version_option(__version__, prog_name="datadialoog-print")
def cli() -> None:
    """Print-ready cards, facilitator booklet and handouts for the 'Data dialogen' workshop.

    \b
    Examples:
      datadialoog-print check                 validate the default deck
      datadialoog-print stats --format json   the answer-sheet figures as JSON
      datadialoog-print check decks/mijn-deck validate another deck
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
    from .load import load_deck

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
@click.option("-k", "k", type=click.IntRange(min=2), default=2, show_default=True, help="Values shared by fewer than k persons count as recognisable.")
def stats(deck: str | None, fmt: str, k: int) -> None:
    """Show the answer sheet's figures, computed from the deck's persons.

    \b
    Examples:
      datadialoog-print stats
      datadialoog-print stats --format json > figures.json
      datadialoog-print stats decks/mijn-deck --format csv
    """
    from .load import load_deck
    from .report import stats_csv, stats_json, stats_table

    loaded = load_deck(deck)
    render = {"table": stats_table, "csv": stats_csv, "json": stats_json}[fmt]
    click.echo(render(loaded, k=k), nl=False)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="datadialoog-print")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
