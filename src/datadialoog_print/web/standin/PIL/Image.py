"""``PIL.Image`` as far as ReportLab needs it to load: no image is ever opened (see the package)."""

from __future__ import annotations


class Image:
    """Never made: ReportLab only asks whether something is one."""


class RasterImageRefused(OSError):
    """A raster image was asked for where the web edition has no Pillow."""


def open(fp, *args, **kwargs):
    """Refuse: the web edition draws no raster images."""
    raise RasterImageRefused(
        "This edition of datadialoog-print cannot draw raster images (PNG, JPEG): use the installed tool."
    )


def new(*args, **kwargs):
    """Refuse, as :func:`open` does."""
    return open(None)
