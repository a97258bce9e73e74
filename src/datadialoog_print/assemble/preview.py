"""PNG previews for a look without a PDF viewer: each document's first page, and per series a
contact sheet of all card fronts.

The PNGs are made from the staged PDFs and committed with them, as one set listed in the
manifest: a preview never shows other files than the ones beside it. A later build that
makes no previews removes them, for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..deck.model import Deck
from ..paper.layout import Duplex
from ..paper.printplan import card_file_names
from .manifest import PREVIEW_DIR
from .options import BuildOptions
from .pipeline import BuildResult, Written, build

PREVIEW_DPI = 72
CONTACT_COLUMNS = 4


def preview(deck: Deck, out_dir: Path, *, options: BuildOptions = BuildOptions()) -> tuple[BuildResult, list[Path]]:
    """Build the deck into ``out_dir`` with PNGs in ``out_dir/preview``; the build and the PNGs' final paths."""
    made: list[str] = []

    def render(deck: Deck, place: Callable[[str], Path], written: list[Written]) -> list[Path]:
        pngs = render_previews(deck, place, [w.path for w in written], options)
        made.extend(p.name for p in pngs)
        return pngs

    result = build(deck, out_dir, options=options, extra=render)
    return result, [Path(out_dir) / PREVIEW_DIR / name for name in made]


def render_previews(deck: Deck, place: Callable[[str], Path], pdfs: list[Path], options: BuildOptions) -> list[Path]:
    """Render the PNGs of ``pdfs``; ``place`` says where each goes."""
    import pypdfium2 as pdfium
    from PIL import Image

    written = []
    from ..deck.language import language

    stems = {Path(card_file_names(language(deck.language), s)[0]).stem for s in deck.series}
    step = 2 if options.layout == "sheets" and options.duplex is not Duplex.NONE else 1
    for pdf in pdfs:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            first = place(f"{PREVIEW_DIR}/{pdf.stem}.png")
            doc[0].render(scale=PREVIEW_DPI * 1.5 / 72).to_pil().convert("RGB").save(first, optimize=True)
            written.append(first)
            if pdf.stem in stems:
                images = [
                    doc[i].render(scale=PREVIEW_DPI / 72).to_pil().convert("RGB") for i in range(0, len(doc), step)
                ]
                w, h = images[0].size
                columns = min(CONTACT_COLUMNS, len(images))
                rows = -(-len(images) // columns)
                sheet = Image.new("RGB", (columns * (w + 8) + 8, rows * (h + 8) + 8), (128, 128, 128))
                for i, image in enumerate(images):
                    sheet.paste(image, (8 + (i % columns) * (w + 8), 8 + (i // columns) * (h + 8)))
                contact = place(f"{PREVIEW_DIR}/{pdf.stem}-contact.png")
                sheet.save(contact, optimize=True)
                written.append(contact)
        finally:
            doc.close()
    return written
