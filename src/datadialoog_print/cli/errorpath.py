"""The command line's one error path: the library's errors, the machine's and the unexpected, as click messages.

The library raises plain :class:`~..errors.DatadialoogError` subclasses; only here do they
become click's, at the edge, with their exit codes.
"""

from __future__ import annotations

import sys

import click

from ..errors import DatadialoogError, Stopped, user_error


class ErrorPath(click.Group):
    """The command group with the one error path.

    A DatadialoogError (bad deck, bad option, output that cannot be written) is already a
    message. An OSError from the machine (disk full, read-only, permission, a name too long)
    becomes one too. Anything else is a bug: its traceback goes to a log file, the screen
    gets one line with the log's path. ``verify`` answers only 0 or 1, so its errors exit 1.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            _ignore_interrupts()  # a second Ctrl-C while the staging folder is removed must not print a traceback
            raise StoppedMessage() from None
        except click.ClickException as exc:
            error = exc
        except Exception as exc:  # the one place that catches everything: a bug, reported with a log
            error = as_click(user_error(exc, sys.argv))
        if ctx.invoked_subcommand == "verify":
            error.exit_code = 1
        raise error from None


def as_click(error: DatadialoogError) -> click.ClickException:
    """The library's error as click prints it ("Error: …" on stderr), with the same exit code."""
    translated = click.ClickException(error.message)
    translated.exit_code = error.exit_code
    return translated


class StoppedMessage(click.ClickException):
    """Ctrl-C: the one line "stopped; nothing changed" (no "Error:"), exit 130."""

    exit_code = Stopped.exit_code

    def __init__(self) -> None:
        super().__init__(Stopped().message)

    def show(self, file=None) -> None:
        click.echo(self.message, err=True)


def _ignore_interrupts() -> None:
    import contextlib
    import signal

    with contextlib.suppress(ValueError):  # not the main thread: nothing to ignore there
        signal.signal(signal.SIGINT, signal.SIG_IGN)
