"""Where a deck named on the command line is found: a rule a user can predict, in a clone or installed anywhere.

1. a folder given as a path;
2. else ``./decks/NAME``, the trainer's own decks where they stand;
3. else a deck of that name shipped inside the package (``default``, ``default-en``);
4. without a name: ``./decks/default`` if it exists, else the shipped default.

The shipped decks travel as package data (the repository keeps them once, in ``decks/``,
and the build maps them into the package), so an installed tool finds them with no clone.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ..errors import DeckError, Problem

DEFAULT = "default"
"""The deck used when none is named."""


class Origin(enum.Enum):
    """Where a deck was found, as a user would say it."""

    PATH = "the folder given"
    LOCAL = "decks/ in this folder"
    SHIPPED = "shipped with datadialoog-print"


@dataclass(frozen=True)
class Found:
    """A deck folder and how it was found."""

    path: Path
    origin: Origin

    def describe(self) -> str:
        """ "default-en (shipped with datadialoog-print: /…/site-packages/datadialoog_print/decks/default-en)"."""
        return f"{self.path.name} ({self.origin.value}: {self.path})"


def decks_dir() -> Path:
    """``./decks``: where the trainer's own decks are, and where ``new`` and ``generate`` write."""
    return Path("decks")


def shipped_dir() -> Path:
    """The decks inside the installed package."""
    return Path(str(files("datadialoog_print") / "decks"))


def _is_deck(folder: Path) -> bool:
    return (folder / "deck.yaml").is_file()


def _listed(folder: Path) -> bool:
    """A deck ``decks`` lists: not hidden (no deck name starts with a dot), with a deck.yaml."""
    return not folder.name.startswith(".") and _is_deck(folder)


def find_deck(deck: str | Path | None) -> Found:
    """The deck folder ``deck`` names, by the rule in this module's docstring; DeckError if there is none."""
    if deck is None:
        local = decks_dir() / DEFAULT
        return Found(local, Origin.LOCAL) if _is_deck(local) else Found(shipped_dir() / DEFAULT, Origin.SHIPPED)
    path = Path(deck)
    if not utf8(str(path)):  # its name would go into every PDF's title and the manifest, which hold UTF-8 only
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        raise DeckError([Problem(shown, None, "", "the folder's name is not UTF-8 text; rename the folder")])
    if path.is_dir():
        return Found(path, Origin.PATH)
    if not path.is_absolute() and len(path.parts) == 1 and path.name not in (".", ".."):
        for folder, origin in ((decks_dir() / path.name, Origin.LOCAL), (shipped_dir() / path.name, Origin.SHIPPED)):
            if _is_deck(folder):
                return Found(folder, origin)
    local, shipped = list_decks()
    names = sorted({p.name for p in local} | {p.name for p in shipped})
    hint = f"; decks on offer: {', '.join(names)} (datadialoog-print decks lists them)" if names else ""
    raise DeckError([Problem(str(deck), None, "", f"no deck folder here, and no deck of that name{hint}")])


def resolve_deck_path(deck: str | Path | None) -> Path:
    """The folder of the deck ``deck`` names (see :func:`find_deck`)."""
    return find_deck(deck).path


SHIPPED_DECKS = ("default", "default-en")
"""The decks the package ships (``package-data`` in pyproject.toml lists the same)."""


def is_shipped(folder: Path) -> bool:
    """Whether ``folder`` is one of the shipped decks: inside the package, or in a clone the repository's
    ``decks/`` folder that the package links to."""
    real = Path(folder).resolve()
    return real.name in SHIPPED_DECKS and real.parent == shipped_dir().resolve()


def writable_deck_path(deck: str | Path) -> Path:
    """The folder of a deck that may be changed (by an import): never a shipped deck, installed or in a clone."""
    from ..invocation import program

    found = find_deck(deck)
    if found.origin is Origin.SHIPPED or is_shipped(found.path):
        raise DeckError(
            [
                Problem(
                    str(deck),
                    None,
                    "",
                    "this deck is shipped with the tool and is not changed in place; "
                    f"start your own copy first: {program()} new my-deck --from {found.path.name}",
                )
            ]
        )
    return found.path


def list_decks() -> tuple[list[Path], list[Path]]:
    """The decks in ``./decks`` and the shipped ones, each sorted by name; never a hidden folder (a deck being
    written, ``.staging-…``, is one)."""
    local = sorted(p for p in decks_dir().glob("*") if _listed(p)) if decks_dir().is_dir() else []
    shipped = sorted(p for p in shipped_dir().glob("*") if _listed(p))
    return local, shipped


def utf8(text: str) -> bool:
    """Whether ``text`` (a name from the file system) is UTF-8; a byte that is not arrives as a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
