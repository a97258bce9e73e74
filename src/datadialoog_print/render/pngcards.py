"""One PNG per card face for the shops that take images (MakePlayingCards, The Game Crafter).

Rendered from the single-card PDFs (card plus the shop's bleed on every page) with PDFium, at
the shop's pixel size: the page is scaled so its width is the shop's pixel width exactly. The
names keep the uploader's order: ``kaarten-reeks-1-groen-001.png`` … for the fronts, then
``kaarten-reeks-1-groen-achterkanten-001.png`` … for the backs (digits sort before letters, and
card n's back has card n's number), and a contact sheet of all fronts to check them at a glance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CONTACT_WIDTH = 160
"""Pixel width of one card on the contact sheet."""
CONTACT_COLUMNS = 10


@dataclass(frozen=True)
class Png:
    """One PNG written: where, whether it is a card front, and its size."""

    path: Path
    front: bool
    pixels: tuple[int, int]


def scale_for(page, size: tuple[int, int]) -> float:
    """The render scale that gives ``size`` pixels: PDFium rounds the page's size times the scale up, so
    822.0000001 would be 823 pixels; a hair less than the smaller exact ratio keeps 822 × 1122."""
    return min(size[0] / page.get_width(), size[1] / page.get_height()) * (1 - 1e-9)


def _image(page, size: tuple[int, int]):
    """The page as an RGB image of exactly ``size`` pixels, never resampled: where the shop's rounded width and
    height disagree with the page's shape by a pixel, the outermost bleed pixel is repeated."""
    from PIL import Image

    image = page.render(scale=scale_for(page, size)).to_pil().convert("RGB")
    if image.size != size:
        exact = Image.new("RGB", size)
        exact.paste(image.resize(size, Image.Resampling.NEAREST))  # the edge pixels, stretched into the gap
        exact.paste(image.crop((0, 0, min(image.width, size[0]), min(image.height, size[1]))))
        image = exact
    return image


def render_pngs(
    front_pdf: Path,
    back_pdf: Path,
    place: Callable[[str], Path],
    *,
    stem: str,
    backs: str,
    contact: str,
    size: tuple[int, int],
    dpi: int,
    per_set: int,
) -> list[Png]:
    """Every page of ``front_pdf`` and ``back_pdf`` as a PNG of ``size`` pixels (``dpi`` recorded in it), and a
    contact sheet of the fronts; ``per_set``: cards in a set (the backs of one set are one image)."""
    import io

    import pypdfium2 as pdfium
    from PIL import Image

    out: list[Png] = []
    thumbs = []
    fronts = pdfium.PdfDocument(str(front_pdf))
    try:
        digits = max(3, len(str(len(fronts))))
        for index in range(len(fronts)):
            image = _image(fronts[index], size)
            target = place(f"{stem}-{index + 1:0{digits}d}.png")
            image.save(target, dpi=(dpi, dpi))
            out.append(Png(target, True, size))
            thumbs.append(image.resize((CONTACT_WIDTH, round(CONTACT_WIDTH * size[1] / size[0]))))
        count = len(fronts)
    finally:
        fronts.close()
    backs_doc = pdfium.PdfDocument(str(back_pdf))
    try:
        png = b""
        for index in range(len(backs_doc)):
            if index % max(1, per_set) == 0:  # a new set: its back (with its letter) rendered once
                buffer = io.BytesIO()
                _image(backs_doc[index], size).save(buffer, format="PNG", dpi=(dpi, dpi))
                png = buffer.getvalue()
            target = place(f"{stem}-{backs}-{index + 1:0{digits}d}.png")
            target.write_bytes(png)
            out.append(Png(target, False, size))
    finally:
        backs_doc.close()
    if thumbs:
        w, h = thumbs[0].size
        columns = min(CONTACT_COLUMNS, count)
        rows = -(-count // columns)
        sheet = Image.new("RGB", (columns * (w + 6) + 6, rows * (h + 6) + 6), (128, 128, 128))
        for i, thumb in enumerate(thumbs):
            sheet.paste(thumb, (6 + (i % columns) * (w + 6), 6 + (i // columns) * (h + 6)))
        target = place(f"{stem}-{contact}.png")
        sheet.save(target)
        out.append(Png(target, False, sheet.size))
    return out
