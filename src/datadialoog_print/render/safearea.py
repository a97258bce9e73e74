"""The safe-area check: nothing on a single card closer to the trim than a print shop's safe margin.

Measured on the rendered file, as the shop's preflight would, against the page's TrimBox:
every glyph's box (read back with PDFium), and every path drawn on the card with the outer
edge of its stroke (:mod:`.pagemarks`): the write-in box's frame, the rule under the name,
the markers, a boxed value's frame. The card colour, which runs into the bleed on purpose,
is the one path exempt. The cards are laid out to keep the margin, so this is the guard
behind that layout: a change that moves anything outwards stops the build, naming person and
attribute, like the fit check (:func:`~datadialoog_print.paper.cardfit.check_cards_fit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..deck.cardtext import Card, set_letters
from ..deck.model import Series
from ..errors import LayoutError
from ..paper.geometry import MM
from ..paper.layout import SingleLayout
from ..paper.shops import Arrangement
from .pagemarks import page_marks

OVERSHOOT_MM = 0.15
"""Round letters dip past the baseline a text is placed on, and a slanted one (Fira Sans' "A") reaches a
little left of the pen position it is drawn at: up to this much is the font's shape, not a text out of place."""

MARK_TOLERANCE_MM = 0.01
"""A path's reach is computed exactly; this much covers the rounding of the numbers in the file (a stroke
0.1 mm over is found)."""

WHAT = {"frame": "a frame's outer edge", "line": "a line's edge", "shape": "a filled shape (a marker)"}
"""How a message names a path, by its kind."""


def closest_text(page, trim: tuple[float, float, float, float]) -> tuple[float, str]:
    """The smallest distance (mm) of any glyph on ``page`` to the trim, and the word it belongs to."""
    text = page.get_textpage()
    count = text.count_chars()
    full = text.get_text_range()
    left, bottom, right, top = trim
    best, at = float("inf"), -1
    for i in range(count):
        if full[i : i + 1].isspace() if len(full) == count else text.get_text_range(i, 1).isspace():
            continue
        x0, y0, x1, y1 = text.get_charbox(i)
        distance = min(x0 - left, y0 - bottom, right - x1, top - y1) / MM
        if distance < best:
            best, at = distance, i
    if at < 0:
        return best, ""
    if len(full) != count:
        return best, text.get_text_range(at, 1)
    start, end = at, at + 1
    while start > 0 and not full[start - 1].isspace():
        start -= 1
    while end < len(full) and not full[end].isspace():
        end += 1
    return best, full[start:end]


def _mm(value: float) -> str:
    """Millimetres to the thousandth a shop's inch-based margin needs (3.175), without trailing zeros (3)."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def closest_mark(page, trim: tuple[float, float, float, float]) -> tuple[float, str]:
    """The smallest distance (mm) of any path's ink on ``page`` to the trim, and what the path is; the card
    colour (a fill over the whole trim) does not count."""
    left, bottom, right, top = trim
    best, what = float("inf"), ""
    for mark in page_marks(page):
        x0, y0, x1, y1 = mark.box
        if mark.kind == "shape" and x0 <= left and y0 <= bottom and x1 >= right and y1 >= top:
            continue  # the card colour, into the bleed
        distance = min(x0 - left, y0 - bottom, right - x1, top - y1) / MM
        if distance < best:
            best, what = distance, WHAT[mark.kind]
    return best, what


def check_safe_area(
    files: Sequence[Path],
    arrangement: Arrangement,
    *,
    layout: SingleLayout,
    series: Series,
    cards: list[Card],
    sets: int,
    margin_mm: float,
    shop: str,
) -> None:
    """Raise LayoutError naming every card (person and attribute) with a text or a mark less than ``margin_mm``
    inside the trim; ``files`` hold ``sets`` sets of ``cards``, one face per page as ``arrangement`` puts them
    (fronts, then backs; or back and front in turn)."""
    import pypdfium2 as pdfium

    trim = tuple(v * MM for v in layout.trim_box)
    failures: list[str] = []
    for path, pages in zip(files, arrangement.pages(len(cards) * sets), strict=True):
        doc = pdfium.PdfDocument(str(path))
        try:
            for index, (face, number) in enumerate(pages):
                if face == "back" and number % len(cards):
                    continue  # the backs of one set are the same page: one per set is measured
                card = cards[number % len(cards)]
                letter = set_letters(sets)[number // len(cards)]
                where = (
                    f"{card.person.name} ({series.label}), {card.attribute.label}"
                    if face == "front"
                    else f"the back{f' of set {letter}' if letter else ''} of {series.label}"
                )
                distance, word = closest_text(doc[index], trim)
                if distance < margin_mm - OVERSHOOT_MM:
                    failures.append(
                        f"{where}: '{word}' is {distance:.1f} mm from the trim, inside the {margin_mm:.1f} mm safe margin"
                    )
                distance, what = closest_mark(doc[index], trim)
                if distance < margin_mm - MARK_TOLERANCE_MM:
                    failures.append(
                        f"{where}: {what} is {_mm(distance)} mm from the trim, inside the {_mm(margin_mm)} mm safe margin"
                    )
        finally:
            doc.close()
    if failures:
        shown = failures[:20] + ([f"… and {len(failures) - 20} more"] if len(failures) > 20 else [])
        raise LayoutError(
            f"too close to the trim for {shop}, which prints only what lies {_mm(margin_mm)} mm inside it:\n"
            + "\n".join(f"  {line}" for line in shown)
        )
