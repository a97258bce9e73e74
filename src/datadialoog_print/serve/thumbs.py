"""Page thumbnails of built PDFs, rendered with pypdfium2 and kept while the file is unchanged.

PDFium is not thread-safe, so one lock serialises the rendering (the pages are small:
a thumbnail takes milliseconds). pypdfium2 is imported on the first thumbnail, not with the
workspace (the web edition has none: pdf.js draws its thumbnails). A file PDFium cannot read
(damaged, or not a PDF) raises :class:`Unreadable`, for a page to say so in words.
"""

from __future__ import annotations

import atexit
import io
import threading
from functools import lru_cache
from pathlib import Path


class Unreadable(Exception):
    """PDFium cannot open or draw the file: it is damaged, or no PDF."""


WIDTH_PX = 180
"""A thumbnail's width: enough to see the layout, small enough for a page of them."""

_PDFIUM = threading.Lock()


def page_count(path: Path) -> int:
    """Pages in the PDF."""
    stat = path.stat()
    return _count(str(path), stat.st_mtime_ns, stat.st_size)


def thumbnail(path: Path, page: int) -> bytes:
    """PNG of 0-based ``page``; IndexError past the last page."""
    stat = path.stat()
    return _png(str(path), stat.st_mtime_ns, stat.st_size, page)


_OPEN: dict[tuple[str, int, int], object] = {}
"""The documents open now (a build's dozen files), so each page does not parse its file again."""

MAX_OPEN = 16

_MODULE: list = []
"""pypdfium2, once imported."""


def _pdfium():
    """pypdfium2, imported on first use (the lock is held); our exit hook is registered after its own, so ours
    runs first and closes the documents while PDFium is still there."""
    if not _MODULE:
        import pypdfium2

        atexit.register(_close_all)
        _MODULE.append(pypdfium2)
    return _MODULE[0]


def _close_all() -> None:
    with _PDFIUM:
        while _OPEN:
            _OPEN.popitem()[1].close()


def _document(key: tuple[str, int, int]):
    """The open PdfDocument for this version of the file (the lock is held); Unreadable if PDFium cannot open it."""
    pdfium = _pdfium()
    if key not in _OPEN:
        for old in [k for k in _OPEN if k[0] == key[0]] or list(_OPEN)[: max(0, len(_OPEN) - MAX_OPEN + 1)]:
            _OPEN.pop(old).close()
        try:
            _OPEN[key] = pdfium.PdfDocument(key[0])
        except pdfium.PdfiumError:
            raise Unreadable(key[0]) from None
    return _OPEN[key]


@lru_cache(maxsize=256)
def _count(path: str, mtime: int, size: int) -> int:
    with _PDFIUM:
        return len(_document((path, mtime, size)))


@lru_cache(maxsize=2048)
def _png(path: str, mtime: int, size: int, page: int) -> bytes:
    with _PDFIUM:
        pdf = _document((path, mtime, size))
        if not 0 <= page < len(pdf):
            raise IndexError(page)
        try:
            sheet = pdf[page]
            image = sheet.render(scale=WIDTH_PX / sheet.get_width()).to_pil()
            sheet.close()
        except _pdfium().PdfiumError:
            raise Unreadable(path) from None
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)  # small pages: the fastest compression is small enough
    return out.getvalue()
