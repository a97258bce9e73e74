"""Persons in and out of spreadsheets (CSV, XLSX and ODS), so trainers can edit them in Excel or LibreOffice.

Export writes what import reads, so a round trip loses nothing: a workbook that guides
the trainer, as XLSX (:mod:`.workbook`) or ODS (:mod:`.odswrite`), or a plain CSV. Import checks every row with the
deck's own rules (:mod:`.importrows`), then the whole deck with the new persons, and
only then writes ``persons.yaml``, after saving the old one under ``backups/``, with the deck
folder locked; a failure at any point (a full disk, Ctrl-C included) leaves the deck as it was
(:mod:`.deckwrite`).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..assemble.decks import load_deck
from ..deck.language import language
from ..deck.locate import writable_deck_path
from ..deck.model import Deck
from ..deck.yamlfile import MAX_FILE_BYTES
from ..errors import DatadialoogError, DeckError, Problem
from ..safefile import write_atomically
from .cells import neutralise
from .columns import columns, persons_origin, row
from .deckwrite import edit_deck
from .importrows import persons_from_sheet
from .newdeck import comment_line
from .personsfile import persons_text
from .pseudonymised import pseudonymised_deck_yaml
from .sheetread import SUFFIXES


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    persons: int
    """Persons in the deck after the import."""
    added: int
    sheet: str | None
    """The sheet the persons were read from (None for a CSV)."""
    backup: Path | None
    """Where the replaced persons were saved, if any."""
    deck: Deck | None = None
    """The deck as it is now, for its lesson's verdict and plausibility warnings."""


def import_persons(
    deck_name: str | Path, table: Path, *, mode: str, wait: float | None = None, version: str | None = None
) -> ImportResult:
    """Replace (``mode="replace"``) or extend (``"append"``) a deck's persons from a spreadsheet.

    Nothing is written unless every row and then the whole deck with the new persons pass
    the checks ``check`` makes. The
    deck is read and written with its folder locked (:func:`.deckwrite.edit_deck`; ``wait`` as
    there), so a second import waits and then adds to the persons the first one wrote. ``version``: the deck as
    a page showed it; StaleDeck (nothing written) if it has changed since.
    """
    folder = writable_deck_path(deck_name)
    with edit_deck(folder, wait=wait, version=version) as edit:
        deck = load_deck(folder)
        origin = persons_origin(deck)
        if origin is not None:
            raise DatadialoogError(
                f"{deck.name} takes its persons from the deck '{origin.name}' (persons_from in deck.yaml), so it has "
                f"no persons of its own to replace; make a deck of your own first: "
                f"datadialoog-print new my-deck --from {deck.name}, then import into my-deck"
            )
        existing = [] if mode == "replace" else [_mapping(p) for p in deck.persons]
        source = os.fsencode(Path(table).name).decode("utf-8", "backslashreplace")  # a name of non-UTF-8 bytes
        source = comment_line(source)  # a line break in the name stays in the comment, written as its escape
        note = comment = language(deck.language).t("persons_file_imported", file=source)
        old = _old_text(folder / "persons.yaml")
        room = MAX_FILE_BYTES - len(persons_text(existing, comment, old, note=note).encode("utf-8"))
        read = persons_from_sheet(deck, Path(table), room=room)
        incoming = read.persons
        persons = [*existing, *incoming]
        data = persons_text(persons, comment, old, note=note).encode("utf-8")  # its comments kept
        target = folder / "persons.yaml"
        if len(data) > MAX_FILE_BYTES:
            raise DeckError(
                [
                    Problem(
                        str(target),
                        None,
                        "",
                        f"the persons would make a file of {len(data) / 2**20:.0f} MB; "
                        f"a deck file may be at most {MAX_FILE_BYTES // 2**20} MB",
                    )
                ]
            )
        replacing = {"persons.yaml": data}
        marked = read.pseudonymised
        if marked is not None and mode == "append":
            marked = marked | {name for s in deck.series for name in s.pseudonymised}
        deck_text = pseudonymised_deck_yaml(deck, persons, marked)
        if deck_text is not None:
            replacing["deck.yaml"] = deck_text.encode("utf-8")
        done = edit.replace(replacing)  # every problem of the deck it would be, then the files
    return ImportResult(
        persons=len(persons),
        added=len(incoming),
        sheet=read.sheet,
        backup=done.backups.get("persons.yaml"),
        deck=done.deck,
    )


def _old_text(path: Path) -> str | None:
    """The persons.yaml being replaced, for its comments; None if there is none to read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None


def export_persons(deck_name: str | Path | None, table: Path) -> int:
    """Write every person to a .csv, or an .xlsx or .ods workbook; returns how many. An existing file is replaced whole."""
    deck = load_deck(deck_name)
    table = Path(table)
    endings = ", ".join(SUFFIXES)
    if table.suffix.lower() not in SUFFIXES:
        raise DatadialoogError(f"{table}: use a file name ending in {endings}")
    if table.is_dir():
        raise DatadialoogError(f"{table} is a folder; give a file name ending in {endings}")
    if not table.parent.is_dir():
        raise DatadialoogError(f"cannot write {table}: there is no folder {table.parent}")
    arguments = {"deck_argument": str(deck_name or deck.name), "file_argument": str(table)}
    if table.suffix.lower() == ".csv":
        data = csv_bytes(deck)
    elif table.suffix.lower() == ".ods":
        from .odswrite import ods_bytes

        data = ods_bytes(deck, **arguments)
    else:
        from .workbook import workbook_bytes

        data = workbook_bytes(deck, **arguments)
    write_atomically(table, data)
    return len(deck.persons)


def csv_bytes(deck: Deck) -> bytes:
    """The persons as CSV (UTF-8 with the mark Excel needs to read it as UTF-8): headings, then a row per person.

    Texts that a spreadsheet would run are neutralised (:mod:`.cells`); numbers are plain
    numbers without an exponent or a thousands mark. A deck whose language writes a decimal
    comma (Dutch) gets what Excel reads and writes in that language: cells separated by
    ``;`` and decimals with a comma (2,5); otherwise ``,`` and a point.
    """
    mark = language(deck.language).decimal_mark
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if mark == "," else ",", lineterminator="\r\n")
    writer.writerow([neutralise(c.header) for c in columns(deck)])
    for person in deck.persons:
        writer.writerow([neutralise(v) if isinstance(v, str) else _number(v, mark) for v in row(deck, person)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _number(value: float, mark: str) -> str:
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)), "f").replace(".", mark)


def _mapping(person) -> dict:
    series = int(person.series) if person.series.isdigit() else person.series
    return {"name": person.name, "series": series, **person.values}
