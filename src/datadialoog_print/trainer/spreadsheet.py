"""Persons in and out of spreadsheets (CSV and XLSX), so trainers can edit them in Excel or LibreOffice.

Import validates every row with the same rules as the YAML loader, then the whole deck
with the new persons, and only then writes ``persons.yaml`` — after saving the old one
under ``backups/``. Export writes what import reads, so a round trip loses nothing.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..deck.language import language
from ..deck.load import load_deck
from ..deck.locate import writable_deck_path
from ..deck.model import Deck, Kind
from ..deck.persons import check_value
from ..errors import DatadialoogError, DeckError, Problem
from .newdeck import persons_yaml

SUFFIXES = (".csv", ".xlsx")
MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    persons: int
    """Persons in the deck after the import."""
    added: int
    backup: Path | None
    """Where the replaced persons were saved, if any."""


def _headers(deck: Deck) -> dict[str, str]:
    """Lower-cased column heading → field: 'name', 'series' or an attribute key (by key or printed label)."""
    lang = language(deck.language)
    out = {"name": "name", "series": "series", lang["name"].lower(): "name", lang["series"].lower(): "series"}
    for a in deck.attributes:
        out[a.key.lower()] = a.key
        out[a.label.lower()] = a.key
    return out


def read_table(path: Path):
    """The spreadsheet as a DataFrame of text cells (nothing guessed: '3582' stays '3582')."""
    import pandas as pd

    label = str(path)
    if path.suffix.lower() not in SUFFIXES:
        raise DeckError([Problem(label, None, "", f"not a spreadsheet this tool reads; use {' or '.join(SUFFIXES)}")])
    if not path.is_file():
        raise DeckError([Problem(label, None, "", "no such file")])
    if path.stat().st_size > MAX_SPREADSHEET_BYTES:
        raise DeckError([Problem(label, None, "", f"file is larger than {MAX_SPREADSHEET_BYTES // 2**20} MB")])
    try:
        if path.suffix.lower() == ".csv":
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                line = raw.count(b"\n", 0, exc.start) + 1
                raise DeckError(
                    [Problem(label, line, "", "not UTF-8 text; save the spreadsheet as 'CSV UTF-8'")]
                ) from None
            import csv
            import io

            first = text.split("\n", 1)[0]
            delimiter = ";" if first.count(";") > first.count(",") else ","
            frame = pd.read_csv(
                io.StringIO(text), dtype=str, keep_default_na=False, sep=delimiter, quoting=csv.QUOTE_MINIMAL
            )
        else:
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    except DeckError:
        raise
    except ImportError:
        raise DatadialoogError("reading .xlsx needs openpyxl: pip install openpyxl") from None
    except Exception as exc:  # pandas raises many kinds for a broken file; all mean the same to a trainer
        raise DeckError([Problem(label, None, "", f"cannot read the spreadsheet: {exc}")]) from None
    return frame


def persons_from_table(deck: Deck, path: Path) -> list[dict]:
    """Every row as a person mapping for persons.yaml; every problem named by row and column."""
    frame = read_table(path)
    label = str(path)
    fields = _headers(deck)
    problems: list[Problem] = []
    columns: dict[str, str] = {}
    for column in frame.columns:
        field = fields.get(str(column).strip().lower())
        if field is None:
            if str(column).startswith("Unnamed:"):
                continue
            problems.append(
                Problem(
                    label,
                    1,
                    f"column '{column}'",
                    "unknown column; expected name, series and one per attribute (key or label)",
                )
            )
        elif field in columns.values():
            problems.append(Problem(label, 1, f"column '{column}'", f"a second column for '{field}'"))
        else:
            columns[column] = field
    for needed in ["name", "series", *(a.key for a in deck.attributes)]:
        if needed not in columns.values():
            problems.append(Problem(label, 1, "", f"no column for '{needed}'"))
    if problems:
        raise DeckError(problems)
    by_field = {field: column for column, field in columns.items()}
    series_keys = {s.key for s in deck.series}
    series_by_label = {s.label.lower(): s.key for s in deck.series}
    persons = []
    seen: dict[str, int] = {}
    for index, record in enumerate(frame.to_dict("records")):
        row = index + 2  # the header is row 1, as a spreadsheet numbers them
        if all(str(v).strip() == "" for v in record.values()):
            continue

        def problem(field: str, message: str, row: int = row) -> None:
            problems.append(Problem(label, row, f"row {row}, column '{by_field[field]}'", message))

        name = str(record[by_field["name"]]).strip()
        if not name:
            problem("name", "the name is empty")
        elif name in seen:
            problem("name", f"duplicate name '{name}' (first in row {seen[name]})")
        seen.setdefault(name, row)
        series = str(record[by_field["series"]]).strip()
        series = series_by_label.get(series.lower(), series)
        if series not in series_keys:
            problem("series", f"unknown series '{series}'; series: {', '.join(s.key for s in deck.series)}")
        person: dict = {"name": name, "series": int(series) if series.isdigit() else series}
        for attribute in deck.attributes:
            value, message = check_value(attribute, record[by_field[attribute.key]])
            if message:
                problem(attribute.key, message)
            elif attribute.kind is Kind.NUMBER:
                person[attribute.key] = value
            else:
                person[attribute.key] = str(value)
        persons.append(person)
    if problems:
        raise DeckError(problems)
    if not persons:
        raise DeckError([Problem(label, None, "", "the spreadsheet has no persons")])
    return persons


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def _backup(folder: Path) -> Path:
    target = folder / "backups"
    target.mkdir(exist_ok=True)
    n = 1
    while (target / f"persons-{n}.yaml").exists():
        n += 1
    path = target / f"persons-{n}.yaml"
    path.write_bytes((folder / "persons.yaml").read_bytes())
    return path


def import_persons(deck_name: str | Path, table: Path, *, mode: str) -> ImportResult:
    """Replace or extend a deck's persons from a spreadsheet; validated as a whole deck before writing."""
    folder = writable_deck_path(deck_name)
    deck = load_deck(folder)
    incoming = persons_from_table(deck, Path(table))
    existing = yaml.safe_load((folder / "persons.yaml").read_text(encoding="utf-8-sig"))["persons"]
    persons = incoming if mode == "replace" else [*existing, *incoming]
    text = persons_yaml(persons, f"Persons of the deck '{deck.name}', imported from {Path(table).name}.")
    load_deck(folder, replacing={"persons.yaml": text})  # raises with every problem of the combined deck
    backup = _backup(folder)
    _atomic_write(folder / "persons.yaml", text)
    return ImportResult(persons=len(persons), added=len(incoming), backup=backup)


def export_persons(deck_name: str | Path, table: Path) -> int:
    """Write every person to a CSV or XLSX with name, series and one column per attribute label."""
    import pandas as pd

    deck = load_deck(deck_name)
    table = Path(table)
    if table.suffix.lower() not in SUFFIXES:
        raise DeckError([Problem(str(table), None, "", f"use a file name ending in {' or '.join(SUFFIXES)}")])
    labels = [a.label for a in deck.attributes]
    headers = labels if len({label.lower() for label in labels}) == len(labels) else [a.key for a in deck.attributes]
    rows = [[p.name, p.series, *(p.values[a.key] for a in deck.attributes)] for p in deck.persons]
    frame = pd.DataFrame(rows, columns=["name", "series", *headers])
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=table.suffix, dir=table.parent if table.parent.exists() else None)
    os.close(fd)
    try:
        if table.suffix.lower() == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8")
        else:
            frame.to_excel(tmp, index=False, engine="openpyxl")
        os.replace(tmp, table)
    except ImportError:
        raise DatadialoogError("writing .xlsx needs openpyxl: pip install openpyxl") from None
    except OSError as exc:
        raise DatadialoogError(f"cannot write {table}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return len(rows)
