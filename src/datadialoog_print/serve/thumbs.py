"""Page thumbnails of built PDFs, rendered with pypdfium2 and kept while the file is unchanged.

PDFium is not thread-safe, so one lock serialises the rendering (the pages are small:
a thumbnail takes milliseconds).
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache
from pathlib import Path

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


@lru_cache(maxsize=256)
def _count(path: str, mtime: int, size: int) -> int:
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(path)
        try:
            return len(pdf)
        finally:
            pdf.close()


@lru_cache(maxsize=2048)
def _png(path: str, mtime: int, size: int, page: int) -> bytes:
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(path)
        try:
            if not 0 <= page < len(pdf):
                raise IndexError(page)
            sheet = pdf[page]
            width = sheet.get_width()
            image = sheet.render(scale=WIDTH_PX / width).to_pil()
            sheet.close()
        finally:
            pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
