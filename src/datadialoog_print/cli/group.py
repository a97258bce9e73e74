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
    """Console-script entry point: Ctrl-C, SIGTERM or a closed terminal (SIGHUP) ends in one line and exit 130;
    output on any console (:mod:`.console`); and a working folder that was deleted is said to be one."""
    import signal
    import sys

    from .console import prepare
    from .errorpath import StoppedMessage, shortened

    prepare()

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) is not signal.SIG_IGN:  # nohup asked to ignore a hang-up
            signal.signal(sig, interrupt)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # from here on a Ctrl-C unwinds: staging is removed
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _working_folder()
        code = cli.main(prog_name="datadialoog-print", standalone_mode=False)
    except (KeyboardInterrupt, click.Abort):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        StoppedMessage().show()
        _stopped()
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        shortened(exc).show()
        if isinstance(exc, StoppedMessage):
            _stopped()
        sys.exit(exc.exit_code)
    # The work is done and written: a Ctrl-C from here on would only turn exit 0 into "killed".
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code if isinstance(code, int) else 0)


def _working_folder() -> None:
    """Refuse at once when the working folder no longer exists: every relative path (``./decks``, ``output/``)
    would fail with a reason that names no path."""
    import os

    try:
        os.getcwd()
    except FileNotFoundError:
        where = os.environ.get("PWD") or "the folder this shell is in"
        error = click.ClickException(
            f"the working folder {where} no longer exists (deleted or moved); "
            "go to a folder that exists (cd) and run the command again; nothing was changed"
        )
        error.exit_code = 2
        raise error from None


def _stopped() -> None:
    """Exit 130 now. Not ``sys.exit``: CPython re-raises SIGINT on itself at exit once a KeyboardInterrupt
    crossed an ``exec`` of the import system, and the shell would then see "killed by a signal"."""
    import contextlib
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed terminal or a full disk: the exit code says it
            stream.flush()
    os._exit(130)
