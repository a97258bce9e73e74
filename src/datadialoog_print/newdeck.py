"""Start a new deck as a copy of an existing one, ready to edit."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .errors import DatadialoogError
from .load import DECK_FILES, default_decks_dir, load_deck, resolve_deck_path

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def new_deck(name: str, *, source: str | Path | None = None, decks_dir: Path | None = None) -> Path:
    """Copy the deck files of ``source`` (the default deck) into ``decks/NAME``; never overwrites."""
    if "/" in name or "\\" in name:
        target = Path(name)
    else:
        if not _NAME.match(name):
            raise DatadialoogError(f"'{name}' is not a good folder name; use lower-case letters, digits and hyphens (e.g. mijn-deck)")
        target = (decks_dir or default_decks_dir()) / name
    if target.exists():
        raise DatadialoogError(f"{target} already exists; choose another name (nothing was changed)")
    origin = resolve_deck_path(source)
    load_deck(origin)  # copy only a deck that works
    target.mkdir(parents=True)
    for file in DECK_FILES:
        shutil.copyfile(origin / file, target / file)
    return target
