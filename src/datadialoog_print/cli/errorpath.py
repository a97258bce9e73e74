"""The command line's one error path: the library's errors, the machine's and the unexpected, as click messages.

The library raises plain :class:`~..errors.DatadialoogError` subclasses; only here do they
become click's, at the edge, with their exit codes.
"""

from __future__ import annotations

import sys

import click

from .. import holdsignals
from ..errors import DatadialoogError, Stopped, os_reason, user_error
from .console import ConsoleLost, echo


class ErrorPath(click.Group):
    """The command group with the one error path.

    A DatadialoogError (bad deck, bad option, output that cannot be written) is already a
    message. An OSError from the machine (disk full, read-only, permission, a name too long)
    becomes one too. Anything else is a bug: its traceback goes to a log file, the screen
    gets one line with the log's path. ``verify`` answers only 0 or 1, so its errors exit 1.
    """

    def invoke(self, ctx: click.Context):
        holdsignals.begin()
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            _ignore_interrupts()  # a second Ctrl-C while the staging folder is removed must not print a traceback
            raise StoppedMessage() from None
        except ConsoleLost as lost:
            error = console_lost(lost)
        except click.BadParameter as exc:
            error = shortened(exc)
            exc.param_hint = variable_hint(exc) or exc.param_hint
        except click.ClickException as exc:
            error = shortened(exc)
        except BrokenPipeError:
            closed_pipe()
        except Exception as exc:  # the one place that catches everything: a bug, reported with a log
            error = as_click(user_error(exc, sys.argv))
        if ctx.invoked_subcommand == "verify" and error.exit_code != 0:
            error.exit_code = 1
        raise error from None


def as_click(error: DatadialoogError) -> click.ClickException:
    """The library's error as click prints it ("Error: …" on stderr), with the same exit code.

    After a commit of this command (a deck or a set in place) the message says so first: what
    failed later did not undo it."""
    done = holdsignals.committed()
    message = error.message if done is None else f"{done} is written and complete; then: {error.message}"
    translated = click.ClickException(message)
    translated.exit_code = error.exit_code
    return translated


class Written(click.ClickException):
    """The command's work is in place, but its report could not be shown: exit 0, and a note if stderr takes one."""

    exit_code = 0

    def show(self, file=None) -> None:
        import contextlib

        with contextlib.suppress(OSError, ConsoleLost):
            echo(f"Note: {self.message}", err=True)


def console_lost(lost: ConsoleLost) -> click.ClickException:
    """A stream that cannot be written: no output (``| head``: exit 0, quietly), or the report lost.

    When this command committed something, that stands and the exit is 0 with a note that the
    report is missing; else nothing was done that the lost output was not (``stats > /dev/full``:
    exit 2, naming the stream and why)."""
    import errno

    if lost.error.errno == errno.EPIPE:
        closed_pipe()
    _to_nothing(sys.stdout if lost.stream == "the standard output" else sys.stderr)  # no second failure at exit
    reason = os_reason(lost.error)
    done = holdsignals.committed()
    if done is not None:
        return Written(f"{done} is written and complete, but {lost.stream} could not be written ({reason})")
    error = click.ClickException(f"cannot write to {lost.stream}: {reason}; nothing was changed")
    error.exit_code = 2  # as every error of the machine's (verify's, as all its errors, becomes 1)
    return error


class StoppedMessage(click.ClickException):
    """Ctrl-C: the one line "stopped; nothing changed" (no "Error:"), exit 130."""

    exit_code = Stopped.exit_code

    def __init__(self) -> None:
        super().__init__(Stopped(after_commit=holdsignals.committed()).message)

    def show(self, file=None) -> None:
        import contextlib

        with contextlib.suppress(OSError, ConsoleLost):  # a closed terminal (SIGHUP): the exit code says it
            echo(self.message, err=True)


def _ignore_interrupts() -> None:
    import contextlib
    import signal

    with contextlib.suppress(ValueError):  # not the main thread: nothing to ignore there
        signal.signal(signal.SIGINT, signal.SIG_IGN)


BROKEN_PIPE_EXIT = 0
"""Exit code when the reader of our output went away (``build | head -1``): the command's work is done (a build
reports only after its commit), and whether the pipe is already closed when we write is a race, so anything
but success would come out at random (a reader that closes late never shows us the closed pipe)."""


def shortened(error: click.ClickException) -> click.ClickException:
    """A usage error with every long value in it shortened in the middle: an option of 100 000 characters is
    not repeated whole (a word longer than :data:`~..errors.SHOWN_CHARS`, and the message past ten times that)."""
    import re

    from ..errors import SHOWN_CHARS, short

    if isinstance(error, click.UsageError):
        text = re.sub(rf"'[^']{{{SHOWN_CHARS + 1},}}'", lambda m: f"'{short(m.group()[1:-1])}'", error.message)
        text = re.sub(rf"\S{{{SHOWN_CHARS + 1},}}", lambda m: short(m.group()), text)
        error.message = short(text, 10 * SHOWN_CHARS)
    return error


def _to_nothing(stream) -> None:
    """Point a stream that failed at the null device, so Python's flush at exit does not fail on it again."""
    import os
    from contextlib import suppress

    with suppress(OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer): nothing to do
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def closed_pipe():
    """End quietly when the reader closed the pipe: the files are written (a build reports only after its commit),
    so no message, no "Exception ignored" when Python flushes the dead stream at exit, and a fixed exit code."""
    for stream in (sys.stdout, sys.stderr):
        _to_nothing(stream)
    raise click.exceptions.Exit(BROKEN_PIPE_EXIT)


def variable_hint(exc: click.BadParameter) -> str | None:
    """ "the variable DATADIALOOG_BACK_OFFSET" when the bad value came from the environment, so the message
    names what the user set, not an option they never typed; None when it came from the command line."""
    import os

    ctx, param = exc.ctx, exc.param
    if ctx is None or param is None or param.name is None:
        return None
    if ctx.get_parameter_source(param.name) is not click.core.ParameterSource.ENVIRONMENT:
        return None
    names = param.envvar or (f"{ctx.auto_envvar_prefix}_{param.name.upper()}" if ctx.auto_envvar_prefix else None)
    names = [names] if isinstance(names, str) else list(names or [])
    found = [name for name in names if name in os.environ] or names
    return f"the variable {found[0]}" if found else None
