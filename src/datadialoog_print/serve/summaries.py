"""Each deck's summary for the decks page, loaded once and kept while its files are the same bytes.

Loading and checking a deck takes from 30 ms (the default deck) to seconds (10 000 persons); the decks page
lists every deck, so it reads each one's summary here. A summary is kept with the SHA-256 of every file it was
read from (and of which deck files the folder has): hashing a deck's files costs a fraction of reading it, and
any change, by the workspace, the CLI or a text editor, makes it read anew. One deck is read by one thread at a
time, so two pages opened at once do not read it twice. :func:`warm` reads them all once at the start.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from ..deck.load import DECK_FILES


@dataclass(frozen=True)
class DeckRow:
    """One deck as the decks page lists it."""

    name: str
    local: bool
    """In ``./decks`` (else shipped with the tool)."""
    writable: bool = False
    """The workspace may change it: a deck of the user's own (never a shipped one, also not in a clone)."""
    title: str = ""
    language: str = ""
    persons: tuple[int, ...] = ()
    problems: int = 0
    warnings: int = 0
    version: str = ""
    """The deck's files as this summary read them (:mod:`..trainer.deckversion`), for the forms that write it."""

    @property
    def version_persons(self) -> str:
        """The version an import of persons is checked against (the deck's attributes and series, its persons)."""
        from ..trainer.deckversion import PERSONS, narrowed

        return narrowed(self.version, PERSONS) if self.version else ""


@dataclass(frozen=True)
class _Kept:
    stamp: tuple[tuple[str, str | None], ...]
    row: DeckRow


_KEPT: dict[Path, _Kept] = {}
_LOCKS: dict[Path, threading.Lock] = {}
_GUARD = threading.Lock()


def _digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def _stamp(folder: Path, files: tuple[Path, ...]) -> tuple[tuple[str, str | None], ...]:
    """What a summary depends on: the bytes of the files it was read from, and which deck files the folder has."""
    paths = dict.fromkeys([*(folder / name for name in DECK_FILES), *files])
    return tuple((str(p), _digest(p)) for p in paths)


def _read(folder: Path, local: bool) -> tuple[DeckRow, tuple[Path, ...]]:
    """The deck loaded and checked as ``check`` does (a deck that does not load counts its problems)."""
    from ..assemble.decks import load_deck
    from ..deck.locate import is_shipped
    from ..errors import DeckError
    from ..figures.lessontext import deck_findings
    from ..trainer.deckversion import version_of

    writable = local and not is_shipped(folder)
    try:
        deck = load_deck(folder)
    except DeckError as exc:
        return DeckRow(folder.name, local, writable, problems=exc.total), ()
    row = DeckRow(
        folder.name,
        local,
        writable,
        deck.title,
        deck.language,
        tuple(len(deck.persons_in(s)) for s in deck.series),
        warnings=len(deck_findings(deck)),
        version=version_of(deck),
    )
    return row, tuple(Path(p) for p in deck.files)


def summary(folder: Path, *, local: bool) -> DeckRow:
    """The deck at ``folder`` summed up: kept from before while its files are unchanged, else read now."""
    with _GUARD:
        lock = _LOCKS.setdefault(folder, threading.Lock())
    with lock:
        kept = _KEPT.get(folder)
        paths = tuple(Path(p) for p, _ in kept.stamp) if kept is not None else ()
        if kept is not None and kept.row.local == local and dict(_stamp(folder, paths)) == dict(kept.stamp):
            return kept.row
        before = dict(_stamp(folder, ()))  # taken first: a change while it reads makes the next page read it again
        row, files = _read(folder, local)
        _KEPT[folder] = _Kept(tuple({**dict(_stamp(folder, files)), **before}.items()), row)
        return row


def deck_rows() -> list[DeckRow]:
    """Every deck ``decks`` lists, local ones first; a local deck hides a shipped one of the same name, as the CLI
    finds it."""
    from ..deck.locate import list_decks

    local, shipped = list_decks()
    seen, rows = set(), []
    for folder, is_local in [*((p, True) for p in local), *((p, False) for p in shipped)]:
        if folder.name in seen:
            continue
        seen.add(folder.name)
        rows.append(summary(folder, local=is_local))
    return rows


def warm() -> None:
    """Read every deck's summary once (a thread at the start), so the first decks page is quick too."""
    import contextlib

    from .offload import collections_paused

    with contextlib.suppress(Exception), collections_paused():  # a page reads it again and shows what goes wrong
        deck_rows()
