"""Persons in and out of spreadsheets (CSV and XLSX), so trainers can edit them in Excel or LibreOffice.

Export writes what import reads, so a round trip loses nothing: an XLSX workbook that
guides the trainer (:mod:`.workbook`), or a plain CSV. Import checks every row with the
deck's own rules (:mod:`.importrows`), then the whole deck with the new persons, and
only then writes ``persons.yaml``, after saving the old one under ``backups/``; a
failure at any point (a full disk included) leaves the deck as it was (:mod:`.safefile`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..deck.load import load_deck
from ..deck.locate import writable_deck_path
from ..deck.model import Deck
from ..deck.yamlfile import MAX_FILE_BYTES
from ..errors import DatadialoogError, DeckError, Problem
from .cells import neutralise
from .columns import columns, persons_origin, row
from .importrows import persons_from_sheet
from .newdeck import persons_yaml
from .safefile import write_atomically, write_with_backup
from .sheetread import SUFFIXES


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    persons: int
    """Persons in the deck after the import."""
    added: int
    backup: Path | None
    """Where the replaced persons were saved, if any."""
    deck: Deck | None = None
    """The deck as it is now, for its lesson's verdict and plausibility warnings."""


def import_persons(deck_name: str | Path, table: Path, *, mode: str) -> ImportResult:
    """Replace (``mode="replace"``) or extend (``"append"``) a deck's persons from a spreadsheet.

    Nothing is written unless every row and then the whole deck with the new persons pass
    the checks ``check`` makes.
    """
    folder = writable_deck_path(deck_name)
    deck = load_deck(folder)
    origin = persons_origin(deck)
    if origin is not None:
        raise DatadialoogError(
            f"{deck.name} takes its persons from the deck '{origin.name}' (persons_from in deck.yaml), so it has "
            f"no persons of its own to replace; make a deck of your own first: "
            f"datadialoog-print new my-deck --from {deck.name}, then import into my-deck"
        )
    existing = [] if mode == "replace" else [_mapping(p) for p in deck.persons]
    comment = f"Persons of the deck '{deck.name}', imported from {Path(table).name}."
    room = MAX_FILE_BYTES - len(persons_yaml(existing, comment).encode("utf-8"))
    incoming = persons_from_sheet(deck, Path(table), room=room)
    persons = [*existing, *incoming]
    data = persons_yaml(persons, comment).encode("utf-8")
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
    now = load_deck(folder, replacing={"persons.yaml": data.decode("utf-8")})  # every problem of the deck it would be
    backup = write_with_backup(target, data, folder / "backups")
    return ImportResult(persons=len(persons), added=len(incoming), backup=backup, deck=now)


def export_persons(deck_name: str | Path | None, table: Path) -> int:
    """Write every person to a .csv or an .xlsx workbook; returns how many. An existing file is replaced whole."""
    deck = load_deck(deck_name)
    table = Path(table)
    if table.suffix.lower() not in SUFFIXES:
        raise DeckError([Problem(str(table), None, "", f"use a file name ending in {' or '.join(SUFFIXES)}")])
    if table.is_dir():
        raise DatadialoogError(f"{table} is a folder; give a file name ending in {' or '.join(SUFFIXES)}")
    if not table.parent.is_dir():
        raise DatadialoogError(f"cannot write {table}: there is no folder {table.parent}")
    if table.suffix.lower() == ".csv":
        data = csv_bytes(deck)
    else:
        from .workbook import workbook_bytes

        data = workbook_bytes(deck, deck_argument=str(deck_name or deck.name), file_argument=str(table))
    write_atomically(table, data)
    return len(deck.persons)


def csv_bytes(deck: Deck) -> bytes:
    """The persons as CSV (UTF-8 with the mark Excel needs to read it as UTF-8): headings, then a row per person.

    Texts that a spreadsheet would run are neutralised (:mod:`.cells`); numbers are plain
    numbers with a decimal point and no exponent.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c.header) for c in columns(deck)])
    for person in deck.persons:
        writer.writerow([neutralise(v) if isinstance(v, str) else _number(v) for v in row(deck, person)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)), "f")


def _mapping(person) -> dict:
    series = int(person.series) if person.series.isdigit() else person.series
    return {"name": person.name, "series": series, **person.values}
