"""The ``datadialoog-print`` command group and its entry point."""

from __future__ import annotations

import click

from .. import __version__
from .errorpath import ErrorPath


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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="datadialoog-print")
