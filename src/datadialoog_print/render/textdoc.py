"""Writing a platypus story to a PDF: one page size, our font, deterministic bytes, any imposition."""

from __future__ import annotations

from collections.abc import Sequence

from ..paper import fonts
from ..paper.geometry import MM
from . import internals
from .impose import reading_order
from .internals import Output, page_form_canvas
from .late import Late
from .pdf import Metadata, apply_metadata


def document(path, width_mm: float, height_mm: float, margin_mm: float):
    """A platypus document of one page size with equal margins, deterministic (invariant)."""
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        str(path),
        pagesize=(width_mm * MM, height_mm * MM),
        leftMargin=margin_mm * MM,
        rightMargin=margin_mm * MM,
        topMargin=margin_mm * MM,
        bottomMargin=margin_mm * MM,
        invariant=1,
    )


def write_story(
    doc,
    story: list,
    *,
    meta: Metadata,
    outputs: Sequence[Output] = (),
    late: Late | None = None,
    on_page=None,
) -> int:
    """Lay ``story`` out once with ``doc`` and write it to each of ``outputs`` (default: ``doc``'s
    file in reading order); returns the page count.

    Late values (contents page numbers, page counts) are written once the layout is done.
    """
    internals.use_fonts()
    width, height = doc.pagesize
    outputs = list(outputs) or [Output(doc.filename, reading_order(width, height))]
    doc.filename = outputs[0].path
    counted: list[int] = []

    def before_save(canvas, pages: int) -> None:
        counted.append(pages)
        if late is not None:
            late.define(canvas, pages)
        apply_metadata(canvas, meta)  # platypus set its own title while building

    canvas_class = page_form_canvas(
        outputs,
        canvas_options={"initialFontName": fonts.REGULAR, "invariant": 1, "pageCompression": 1},
        before_save=before_save,
    )
    if on_page is None:
        doc.build(story, canvasmaker=canvas_class)
    else:
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvas_class)
    return counted[0]
