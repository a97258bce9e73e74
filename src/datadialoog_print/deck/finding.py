"""A warning about a deck that is valid but may not say what its trainer means, in the deck's language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One warning: what a trainer reads first, then where (file, line, field) for whoever edits the YAML."""

    text: str
    file: str
    line: int | None
    field: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{self.text} ({where}: {self.field})" if self.field else f"{self.text} ({where})"
