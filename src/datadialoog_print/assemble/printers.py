"""Printers remembered: the back offset read off a printer's calibration sheet, and its duplex flip, by name.

One small JSON file in the user's configuration folder (``platformdirs``; the folder in
``DATADIALOOG_CONFIG_DIR`` instead, for tests and for a shared machine), written whole and
replaced in one step, and read only as a regular file of at most :data:`MAX_FILE_BYTES`
(a FIFO or a link to ``/dev/zero`` in its place is named, never waited on or read to the end). ``build --printer NAME``, ``printers`` and the workspace (``serve``) all
read and write it here, so they never disagree.
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatadialoogError, os_reason, short
from ..paper.layout import Duplex
from ..safefile import read_json
from .options import parse_back_offset

CONFIG_ENV = "DATADIALOOG_CONFIG_DIR"
"""Environment variable naming the folder that holds ``printers.json`` (default: the user's config folder)."""

MAX_NAME = 60
"""Characters in a printer's name: enough for "Canon iR-ADV C5535 2e verdieping", short enough for a list."""

MAX_PRINTERS = 100
"""Printers kept; an office has a handful."""

MAX_FILE_BYTES = 1 << 20
"""The settings file of 100 printers is about 10 KB; a larger one is not ours."""


@dataclass(frozen=True)
class Printer:
    """One printer as calibrated: its name, how it flips the sheet, how far it puts the backs off."""

    name: str
    duplex: Duplex
    """The flip it was calibrated with (long or short edge)."""
    back_offset: tuple[float, float]
    """X, Y in mm, as read off the calibration sheet (right and up are positive)."""


def settings_file() -> Path:
    """Where the printers are kept."""
    folder = os.environ.get(CONFIG_ENV)
    if not folder:
        from platformdirs import user_config_dir

        folder = user_config_dir("datadialoog-print", appauthor=False)
    return Path(folder) / "printers.json"


def check_name(name: str) -> str:
    """A printer's name, trimmed; an error for an empty, overlong or control-character name."""
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in name):
        raise DatadialoogError(f"a printer's name is 1 to {MAX_NAME} letters, digits, spaces or signs")
    return name


def load_printers() -> tuple[Printer, ...]:
    """Every printer saved, by name; none when the file is not there yet. An error names a damaged file."""
    path = settings_file()
    try:
        data = read_json(path, limit=MAX_FILE_BYTES, follow=True)  # a link to a file is fine; to /dev/zero, not
    except FileNotFoundError:
        return ()
    except (OSError, ValueError) as exc:
        why = str(exc) if isinstance(exc, ValueError) else os_reason(exc)
        raise DatadialoogError(
            f"{short(str(path))}: cannot read the saved printers ({why}); remove the file to start anew"
        ) from None
    try:
        printers = tuple(
            Printer(
                check_name(str(p["name"])),
                Duplex(p["duplex"]),
                parse_back_offset(f"{float(p['back_offset_mm'][0])},{float(p['back_offset_mm'][1])}"),
            )
            for p in data["printers"]
        )
    except (KeyError, TypeError, ValueError, IndexError, OverflowError, DatadialoogError) as exc:
        raise DatadialoogError(
            f"{short(str(path))}: the saved printers are damaged ({short(str(exc), 80)}); remove the file to start anew"
        ) from None
    return tuple(sorted(printers, key=lambda p: p.name.casefold()))


def find_printer(name: str) -> Printer:
    """The saved printer of that name (case ignored); an error listing the saved ones."""
    printers = load_printers()
    for printer in printers:
        if printer.name.casefold() == " ".join(name.split()).casefold():
            return printer
    known = ", ".join(p.name for p in printers) or "none yet"
    raise DatadialoogError(
        f"no printer named '{short(name, 60)}' is saved (saved: {known}); datadialoog-print printers lists them"
    )


class PrinterExists(DatadialoogError):
    """A printer of that name is saved already; it is replaced only when asked (``replace=True``)."""


def save_printer(printer: Printer, *, replace: bool = False) -> Path:
    """Add the printer; one of the same name (case ignored) is replaced only with ``replace``, else
    :class:`PrinterExists`. The file is replaced in one step."""
    if printer.duplex is Duplex.NONE:
        raise DatadialoogError("a printer is calibrated for a double-sided flip: long or short edge")
    saved = load_printers()
    kept = [p for p in saved if p.name.casefold() != printer.name.casefold()]
    if len(kept) < len(saved) and not replace:
        raise PrinterExists(f"a printer named '{printer.name}' is saved already")
    return _write([*kept, printer])


def rename_printer(old: str, new: str) -> Path:
    """Give a saved printer another name (its offset and flip stay); an error if there is none of the old name or
    another one has the new name."""
    new = check_name(new)
    printer = find_printer(old)
    if any(p.name.casefold() == new.casefold() for p in load_printers() if p is not printer):
        raise PrinterExists(f"a printer named '{new}' is saved already")
    kept = [p for p in load_printers() if p.name != printer.name]
    return _write([*kept, Printer(new, printer.duplex, printer.back_offset)])


def remove_printer(name: str) -> Path:
    """Forget a saved printer (an error if there is none of that name)."""
    printer = find_printer(name)
    return _write([p for p in load_printers() if p.name != printer.name])


def _write(printers: list[Printer]) -> Path:
    """Every printer, sorted by name, written whole and put in place in one step."""
    printers = sorted(printers, key=lambda p: p.name.casefold())
    if len(printers) > MAX_PRINTERS:
        raise DatadialoogError(f"at most {MAX_PRINTERS} printers are kept; remove one from {settings_file()} first")
    data = {
        "printers": [
            {"name": p.name, "duplex": p.duplex.value, "back_offset_mm": list(p.back_offset)} for p in printers
        ]
    }
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".printers-", suffix=".json")
    try:
        with open(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
