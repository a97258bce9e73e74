"""PNG previews for a look without a PDF viewer: each document's first page, and per series a
contact sheet of all card fronts."""

from __future__ import annotations

from pathlib import Path

from ..deck.model import Deck
from ..paper.layout import Duplex
from ..paper.printplan import card_file_stem
from .options import BuildOptions
from .pipeline import build

PREVIEW_DPI = 72
CONTACT_COLUMNS = 4


def preview(deck: Deck, out_dir: Path, *, options: BuildOptions = BuildOptions()) -> list[Path]:
    """Build the deck into ``out_dir`` and write PNGs into ``out_dir/preview``; returns the PNGs."""
    import pypdfium2 as pdfium
    from PIL import Image

    result = build(deck, out_dir, options=options)
    target_dir = Path(out_dir) / "preview"
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    stems = {card_file_stem(deck, s) for s in deck.series}
    step = 2 if options.layout == "sheets" and options.duplex is not Duplex.NONE else 1
    for pdf in result.files:
        doc = pdfium.PdfDocument(str(pdf))
        first = target_dir / f"{pdf.stem}.png"
        doc[0].render(scale=PREVIEW_DPI * 1.5 / 72).to_pil().convert("RGB").save(first, optimize=True)
        written.append(first)
        if pdf.stem in stems:
            images = [doc[i].render(scale=PREVIEW_DPI / 72).to_pil().convert("RGB") for i in range(0, len(doc), step)]
            w, h = images[0].size
            columns = min(CONTACT_COLUMNS, len(images))
            rows = -(-len(images) // columns)
            sheet = Image.new("RGB", (columns * (w + 8) + 8, rows * (h + 8) + 8), (128, 128, 128))
            for i, image in enumerate(images):
                sheet.paste(image, (8 + (i % columns) * (w + 8), 8 + (i // columns) * (h + 8)))
            contact = target_dir / f"{pdf.stem}-contact.png"
            sheet.save(contact, optimize=True)
            written.append(contact)
        doc.close()
    return written
