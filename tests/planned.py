"""What the registry of documents says a build writes, for tests that count files: a new document kind changes
these numbers, not the tests."""

from __future__ import annotations

from pathlib import Path

from datadialoog_print.assemble import documents
from datadialoog_print.assemble.context import build_context
from datadialoog_print.assemble.decks import load_deck
from datadialoog_print.assemble.options import BuildOptions


def planned_names(deck: Path, **options) -> list[str]:
    """The file names a whole build of ``deck`` with ``options`` writes, in the guide's order."""
    ctx = build_context(load_deck(deck), BuildOptions(**options), uses=frozenset())
    return [f.name for f in documents.plan(ctx)]


def verified(deck: Path, **options) -> str:
    """What ``verify`` says of a whole, intact build of ``deck`` with ``options``."""
    return f"OK: {len(planned_names(deck, **options))} files intact and as their deck builds them\n"
