"""Errors a user can act on: plain exceptions of the project's own, each with its message and exit code.

The library raises them and knows nothing of a command line (it can be used without click).
The CLI's one error path (:class:`~.cli.errorpath.ErrorPath`, the command group) prints them
and turns everything else into one of them first: an OSError from the machine (disk full,
read-only, permission, name too long) into :class:`EnvironmentFailure` with
:func:`os_reason`'s wording, and anything unexpected into :class:`Bug`, whose traceback goes
to a log file (:func:`bug_report`), never the screen.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

MAX_SHOWN = 50
"""Problems listed in one message; the rest are counted ("… and 120 more")."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located so a trainer can find it."""

    file: str
    """Path of the file, as the user would type it."""
    line: int | None
    """1-based line number, or None when the problem is the file as a whole."""
    field: str
    """Dotted path of the field, e.g. ``persons[3].leeftijd``; empty for the whole file."""
    message: str
    """What is wrong and, where it helps, what would be right."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DatadialoogError(Exception):
    """Any error the tool reports without a traceback; exit code 2 for bad input."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def format_message(self) -> str:
        """The message as the command line prints it."""
        return self.message

    def __str__(self) -> str:
        return self.message


class DeckError(DatadialoogError):
    """A deck that cannot be used; carries every problem found, not just the first."""

    subject = "the deck"
    """What the problems are in, as the message's first line names it."""

    def __init__(self, problems: list[Problem], *, total: int | None = None):
        """``total``: how many problems there were, where only the first ones were kept (a huge spreadsheet)."""
        self.problems = list(problems)
        self.total = max(total or 0, len(self.problems))
        count = self.total
        head = f"{count:,} problem{'s' if count != 1 else ''} in {self.subject}:"
        shown = self.problems[:MAX_SHOWN]
        lines = [head, *(f"  {p}" for p in shown)]
        if count > len(shown):
            lines.append(f"  … and {count - len(shown):,} more")
        super().__init__("\n".join(lines))

    def __reduce__(self):
        """Pickled with its problems, so it crosses from a worker process whole."""
        return (_deck_error, (type(self), self.problems, self.total))


class SheetError(DeckError):
    """A spreadsheet that cannot be imported: its problems, by row and column."""

    subject = "the spreadsheet"


class LayoutError(DatadialoogError):
    """Something that cannot be printed as asked (text too long for a card, cards larger than the paper)."""


class OutputError(DatadialoogError):
    """The output folder cannot be written; nothing in it was changed."""


class EnvironmentFailure(DatadialoogError):
    """The machine refused: a full disk, a read-only folder, a name too long, no permission."""


class Stopped(DatadialoogError):
    """Ctrl-C (or SIGTERM): before the commit point nothing changed; after it, the new files are whole."""

    exit_code = 130

    def __init__(self, *, after_commit: bool = False) -> None:
        super().__init__(
            "stopped after the new files were in place; they are complete"
            if after_commit
            else "stopped; nothing changed"
        )


SHOWN_CHARS = 120
"""The longest option value or path a message repeats whole; longer ones lose their middle."""


def short(text: object, limit: int = SHOWN_CHARS) -> str:
    """``text`` for a message: whole up to ``limit`` characters, else its start and end around "…"."""
    text = str(text)
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


class Bug(DatadialoogError):
    """Something the tool did not expect: reported with the path to a log that holds the traceback."""

    exit_code = 3


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EEXIST: "it already exists",
    errno.EMFILE: "too many files open at once",
    errno.EIO: "the disk reported an input/output error",
    errno.ELOOP: "too many symbolic links in the path",
}


def os_reason(exc: OSError) -> str:
    """What an OSError means, in words a user can act on."""
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def os_message(exc: OSError) -> str:
    """An OSError as one line: the file and the reason."""
    where = short(exc.filename) if exc.filename is not None else ""
    return f"{where}: {os_reason(exc)}" if where else os_reason(exc)


def bug_report(exc: BaseException, argv: list[str]) -> str:
    """Write the traceback to a log file and return the message that points to it."""
    import platform
    import tempfile
    import traceback

    from . import __version__

    text = (
        f"datadialoog-print {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
        f"arguments: {argv!r}\n\n" + "".join(traceback.format_exception(exc))
    )
    summary = f"{type(exc).__name__}: {exc}"[:300]
    try:
        fd, name = tempfile.mkstemp(prefix="datadialoog-print-bug-", suffix=".log", text=True)
        with open(fd, "w", encoding="utf-8") as log:
            log.write(text)
        where = f"the details are in {name}; please send that file with your report"
    except OSError as log_error:
        where = f"no log could be written ({os_reason(log_error)})"
    return f"unexpected error, a bug in datadialoog-print ({summary}); {where}"


def user_error(exc: Exception, argv: list[str]) -> DatadialoogError:
    """Any exception as the error a user reads, for a caller other than the command line (``serve``).

    A DatadialoogError is one already; an OSError names the file and the reason; anything
    else is a bug, whose traceback goes to a log file (``argv`` says what was asked). The CLI's
    :class:`~.cli.errorpath.ErrorPath` sorts them the same way.
    """
    if isinstance(exc, DatadialoogError):
        return exc
    if isinstance(exc, OSError):
        return EnvironmentFailure(os_message(exc))
    if isinstance(exc, MemoryError):
        return EnvironmentFailure("out of memory: the input is too large to process")
    return Bug(bug_report(exc, argv))


def user_message(exc: Exception, argv: list[str]) -> str:
    """The text the CLI prints for ``exc`` ("Error: …"), for a page to show the same words."""
    return f"Error: {user_error(exc, argv).format_message()}"


def _deck_error(kind: type, problems: list[Problem], total: int) -> DeckError:
    """A DeckError (or subclass) again, from what :meth:`DeckError.__reduce__` kept."""
    return kind(problems, total=total)
