"""The safe-area check: no text of a single-card file closer to the trim than a print shop's safe margin.

Measured on the rendered file, as the shop's preflight would: every glyph's box, read back with
PDFium, against the page's TrimBox. The cards are laid out to keep the margin, so this is the
guard behind that layout: a change that moves a text outwards stops the build, naming person
and attribute, like the fit check (:func:`~datadialoog_print.paper.cardfit.check_cards_fit`).
"""

from __future__ import annotations

from pathlib import Path

from ..deck.cardtext import Card, set_letters
from ..deck.model import Series
from ..errors import LayoutError
from ..paper.geometry import MM
from ..paper.layout import SingleLayout

OVERSHOOT_MM = 0.15
"""Round letters dip past the baseline a text is placed on, and a slanted one (Fira Sans' "A") reaches a
little left of the pen position it is drawn at: up to this much is the font's shape, not a text out of place."""


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


def check_safe_area(
    front: Path,
    back: Path,
    *,
    layout: SingleLayout,
    series: Series,
    cards: list[Card],
    sets: int,
    margin_mm: float,
    shop: str,
) -> None:
    """Raise LayoutError naming every card (person and attribute) with a text less than ``margin_mm`` inside
    the trim; ``front`` and ``back`` hold ``sets`` sets of ``cards``, one card per page."""
    import pypdfium2 as pdfium

    trim = tuple(v * MM for v in layout.trim_box)
    failures: list[str] = []
    for path, face in ((front, "front"), (back, "back")):
        doc = pdfium.PdfDocument(str(path))
        try:
            # Every front differs; the backs of one set are the same page, so one per set is measured.
            pages = range(len(doc)) if face == "front" else range(0, len(doc), max(1, len(cards)))
            for index in pages:
                distance, word = closest_text(doc[index], trim)
                if distance >= margin_mm - OVERSHOOT_MM:
                    continue
                card = cards[index % len(cards)]
                letter = set_letters(sets)[index // len(cards)]
                where = (
                    f"{card.person.name} ({series.label}), {card.attribute.label}"
                    if face == "front"
                    else f"the back{f' of set {letter}' if letter else ''} of {series.label}"
                )
                failures.append(
                    f"{where}: '{word}' is {distance:.1f} mm from the trim, inside the {margin_mm:.1f} mm safe margin"
                )
        finally:
            doc.close()
    if failures:
        shown = failures[:20] + ([f"… and {len(failures) - 20} more"] if len(failures) > 20 else [])
        raise LayoutError(
            f"text too close to the trim for {shop}, which prints only what lies {margin_mm:.1f} mm inside it:\n"
            + "\n".join(f"  {line}" for line in shown)
        )
