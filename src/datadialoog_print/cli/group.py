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
    """Console-script entry point: Ctrl-C (or SIGTERM) anywhere ends in one line and exit 130."""
    import signal
    import sys

    from .errorpath import StoppedMessage

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, interrupt)
    try:
        code = cli.main(prog_name="datadialoog-print", standalone_mode=False)
    except (KeyboardInterrupt, click.Abort):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        StoppedMessage().show()
        _stopped()
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        if isinstance(exc, StoppedMessage):
            _stopped()
        sys.exit(exc.exit_code)
    # The work is done and written: a Ctrl-C from here on would only turn exit 0 into "killed".
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code if isinstance(code, int) else 0)


def _stopped() -> None:
    """Exit 130 now. Not ``sys.exit``: CPython re-raises SIGINT on itself at exit once a KeyboardInterrupt
    crossed an ``exec`` of the import system, and the shell would then see "killed by a signal"."""
    import os
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)
