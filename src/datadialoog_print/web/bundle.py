"""The Python the browser tab runs: this package and the pure-Python packages it needs, as one zip archive.

Taken from the installed environment's own distributions (``importlib.metadata`` lists each one's files
and licence), so the tab runs exactly the versions the tests ran, with nothing downloaded: compiled parts
(``.so``: ReportLab's ``rl_accel``, PyYAML's libyaml, MarkupSafe's speedups) are left out, as each package
falls back to its Python code; of the font package only the styles the documents use. Pyodide unpacks the
archive into its ``site-packages``; every licence travels in it, beside its package.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import datadialoog_print

from . import parses

DISTRIBUTIONS = (
    "reportlab",  # the PDFs (pure Python without rl_accel)
    "pyyaml",  # decks
    "openpyxl",  # .xlsx in and out
    "et-xmlfile",
    "odfpy",  # .ods in and out
    "defusedxml",  # openpyxl's and the .ods guard's refusal of XML entities
    "jinja2",  # the workspace's pages
    "markupsafe",
    "starlette",  # the workspace's application
    "anyio",
    "python-multipart",  # forms and uploads
    "platformdirs",  # the settings folder (printers)
    "idna",  # anyio's
    "typing-extensions",
    "fontpkg",  # the font, as a package
    "fontpkg-fira-sans",
)
"""The distributions the web edition needs (the runtime dependencies less pandas, pypdfium2, google-re2, Pillow,
click, uvicorn: what the browser lacks is handled in the library, see docs/web-edition.md)."""

SKIPPED_SUFFIXES = (".so", ".pyd", ".pyc", ".pyi", ".dll", ".dylib", ".exe")
SKIPPED_PARTS = {"__pycache__", "tests", "bin"}
SKIPPED_FILES = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
SKIPPED_FOLDERS = ("reportlab/fonts/",)
"""ReportLab's own Type 1 and TrueType fonts: no document uses them (the licences there are kept)."""

PACKAGE = "datadialoog_print"
STANDIN = Path(__file__).parent / "standin"
"""Modules that stand in for what the browser lacks (``PIL``), placed at the archive's top level."""


def _kept(name: str) -> bool:
    path = Path(name)
    if set(path.parts) & SKIPPED_PARTS or path.suffix in SKIPPED_SUFFIXES or path.name in SKIPPED_FILES:
        return False
    if name.startswith(SKIPPED_FOLDERS):
        return "copying" in path.name.lower() or "licen" in path.name.lower()
    return not name.startswith("..")


def _font_kept(name: str) -> bool:
    """Of the font package, its code, licence and the four styles the documents use."""
    from ..paper import fonts

    if "/files/" not in name:
        return True
    return Path(name).name in {fonts.font_path(style).name for style in fonts.STYLES}


def distribution_files(name: str) -> Iterator[tuple[str, Path]]:
    """(archive name, file on disk) for each file of an installed distribution the tab needs."""
    dist = metadata.distribution(name)
    for entry in dist.files or ():
        archived = entry.as_posix()
        if not _kept(archived) or (name == "fontpkg-fira-sans" and not _font_kept(archived)):
            continue
        path = Path(dist.locate_file(entry))
        if path.is_file():
            yield archived, path


def package_files() -> Iterator[tuple[str, Path]]:
    """This package's files (the shipped decks through its link to them), without the site's own files."""
    root = Path(datadialoog_print.__file__).resolve().parent
    found = [Path(folder) / f for folder, _, files in os.walk(root, followlinks=True) for f in files]
    for path in sorted(found):
        relative = path.relative_to(root)
        if not _kept(relative.as_posix()):
            continue
        if relative.parts[:2] in {("web", "static"), ("web", "templates"), ("web", "standin")}:
            continue
        yield f"{PACKAGE}/{relative.as_posix()}", path
    for path in sorted(STANDIN.rglob("*.py")):
        yield path.relative_to(STANDIN).as_posix(), path
    license_file = root.parent.parent / "LICENSE"
    if license_file.is_file():  # in a clone; an installed wheel has it in its dist-info
        yield f"{PACKAGE}/LICENSE", license_file


def write_bundle(target: Path) -> list[str]:
    """Write the archive; the distributions it holds, with their versions (for the site's licence page)."""
    written = []
    seen: set[str] = set()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in DISTRIBUTIONS:
            for archived, path in distribution_files(name):
                if archived not in seen:
                    seen.add(archived)
                    _add(archive, archived, path)
            written.append(f"{name} {metadata.version(name)}")
        for archived, path in package_files():
            if archived not in seen:
                seen.add(archived)
                _add(archive, archived, path)
        _add_bytes(archive, f"{PACKAGE}/web/{parses.NAME}", parses.shipped_parses())
    return written


def add_compiled(target: Path, compiled: Mapping[str, bytes]) -> None:
    """Add modules compiled by Pyodide's Python (:mod:`.precompile`, which runs the archive) to it, each beside its
    source where the tab's imports look (``__pycache__``)."""
    with zipfile.ZipFile(target, "a") as archive:
        for archived, data in sorted(compiled.items()):
            _add_bytes(archive, archived, data)


def _add(archive: zipfile.ZipFile, name: str, path: Path) -> None:
    _add_bytes(archive, name, path.read_bytes())


def _add_bytes(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """One file with a fixed date and mode, so the same environment gives the same archive, byte for byte."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=9)
