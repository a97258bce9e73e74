"""A ReportLab canvas set up the way every PDF of this tool needs it.

Deterministic (no dates or random IDs, so rebuilds are byte-identical), our font
embedded and used from the first operator, CMYK only, and metadata that says which deck
and tool version made it.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import DatadialoogError, short
from ..numbers import parse_whole
from ..paper import fonts
from ..paper.geometry import MM
from . import internals


@dataclass(frozen=True)
class Metadata:
    """What a PDF says about itself (title, subject, keywords); never a date, so rebuilds match."""

    title: str
    subject: str = ""
    keywords: tuple[str, ...] = ()
    author: str = ""
    """Who made the content (Info /Author, XMP dc:creator): :func:`deck_author`."""


def deck_author(deck) -> str:
    """The author a file names: the deck it was made from, by title and name ("Data dialogen · default"),
    never empty (a preflight flags an empty /Author) and never a person's name the deck does not give."""
    return f"{deck.title} · {deck.name}"


FIXED_EPOCH = 946684800
"""2000-01-01 00:00:00 UTC: every file's date when SOURCE_DATE_EPOCH is not set (ReportLab's invariant date)."""


MAX_EPOCH = 253402300799
"""9999-12-31 23:59:59 UTC: the last second a PDF date (four-digit year) can say."""


def check_source_date_epoch() -> None:
    """Refuse a SOURCE_DATE_EPOCH that is not whole seconds since 1970 (ReportLab would fail deep inside).

    ReportLab dates every file from SOURCE_DATE_EPOCH when it is set, else from :data:`FIXED_EPOCH`:
    either way a rebuild gives the same bytes.
    """
    source_date()


def source_date() -> int:
    """The date every file of this build carries, as seconds since 1970: SOURCE_DATE_EPOCH, else :data:`FIXED_EPOCH`.

    Read with the number rule of every option (:func:`~datadialoog_print.numbers.parse_whole`). The
    manifest records it, so ``verify`` can rebuild under the same date.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return FIXED_EPOCH
    try:
        epoch = parse_whole(raw)
    except ValueError:
        epoch = -1
    if not 0 <= epoch <= MAX_EPOCH:
        raise DatadialoogError(
            f"SOURCE_DATE_EPOCH={short(repr(raw))} is not a date: give whole seconds since 1970-01-01 UTC "
            "(e.g. 1700000000), or unset it for the fixed date 2000-01-01"
        )
    return epoch


def dated(epoch: object):
    """A block that renders under ``epoch`` (a date :func:`source_date` gave, read back from a manifest)
    and puts SOURCE_DATE_EPOCH back afterwards; ValueError now if ``epoch`` is no such date.

    ReportLab reads the variable when each canvas starts, so a rebuild inside the block carries
    the recorded date; the command-line process is its only user (``verify``).
    """
    if not (isinstance(epoch, int) and not isinstance(epoch, bool) and 0 <= epoch <= MAX_EPOCH):
        raise ValueError(f"the build date {short(repr(epoch))} is not seconds since 1970")
    return _dated(epoch)


@contextmanager
def _dated(epoch: int):
    before = os.environ.pop("SOURCE_DATE_EPOCH", None)
    if epoch != FIXED_EPOCH:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if before is not None:
            os.environ["SOURCE_DATE_EPOCH"] = before


def new_canvas(path: Path, width_mm: float, height_mm: float, meta: Metadata, *, pdf_version=None):
    """A canvas for ``path`` with the page size in mm, invariant output and our font as the default."""
    check_source_date_epoch()
    internals.use_fonts()
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(
        str(path),
        pagesize=(width_mm * MM, height_mm * MM),
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.REGULAR,
        initialFontSize=10,
        enforceColorSpace="sep_cmyk",  # CMYK, and the All separation of the marks; never RGB
        pdfVersion=pdf_version,
    )
    apply_metadata(canvas, meta)
    return canvas


def apply_metadata(canvas, meta: Metadata) -> None:
    """Title, subject, keywords and creator: which deck and tool made the file (never a date)."""
    canvas.setTitle(meta.title)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setAuthor(meta.author)
    canvas.setCreator(creator())
    canvas.setProducer(producer())


def creator() -> str:
    """What every PDF names as its creator (Info and XMP)."""
    return f"datadialoog-print {__version__}"


def producer() -> str:
    """What every PDF names as its producer (Info and XMP)."""
    return f"datadialoog-print {__version__} (ReportLab)"


def cmyk(values: tuple[float, float, float, float]):
    """A ReportLab CMYK colour from fractions."""
    from reportlab.lib.colors import CMYKColor

    return CMYKColor(*values)


BLACK = (0.0, 0.0, 0.0, 1.0)
"""Pure K: text and hairlines stay sharp even when the plates are slightly off."""
WHITE = (0.0, 0.0, 0.0, 0.0)
REGISTRATION = (1.0, 1.0, 1.0, 1.0)
"""Registration colour: crop marks print on every plate (see :func:`registration`)."""


def registration():
    """The registration colour as the PDF's All separation: a preflight knows it for marks, not for ink on the
    card, and a print shop's plates all get it. Shows as black on screen and on an office printer."""
    from reportlab.lib.colors import CMYKColorSep

    return CMYKColorSep(*REGISTRATION, spotName="All")
