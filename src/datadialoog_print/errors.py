"""Errors a user can act on, rooted in click.ClickException so the CLI prints them cleanly."""

from __future__ import annotations

from dataclasses import dataclass

import click


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


class DatadialoogError(click.ClickException):
    """Any error the tool reports without a traceback; exit code 2 for bad input."""

    exit_code = 2


class DeckError(DatadialoogError):
    """A deck (or spreadsheet) that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the deck:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))

    def __reduce__(self):
        """Pickled with its problems, so it crosses from a worker process whole."""
        return (type(self), (self.problems,))


class LayoutError(DatadialoogError):
    """Something that cannot be printed as asked (text too long for a card, cards larger than the paper)."""


class OutputError(DatadialoogError):
    """The output folder cannot be written; nothing in it was changed."""
