"""A duplex calibration sheet: print it once, hold it against the light, read off the back offset.

The front carries a centre cross and millimetre scales; the back a bold cross and the same
scales, placed exactly as the card backs are (mirrored for the flip, shifted by any offset
already in use). The front's scale labels are signed so that the number under the back's
cross is the number to type in for the printer (``--back-offset``); a sheet made with an offset in use
says so and gives the sum to type in, since what it shows is the error that remains. It names no command
and no variable: the person who prints it reads it in the deck's language.
"""

from __future__ import annotations

from ..deck.language import language
from ..deck.model import Deck
from ..paper import fonts
from ..paper.geometry import MM, PAPER_SIZES
from ..paper.layout import Duplex
from ..paper.textfit import fit
from .pdf import BLACK, Metadata, cmyk, new_canvas

SCALE_MM = 10
"""The scales run from −10 to +10 mm."""
CROSS_MM = 70
"""Half the length of each arm of the crosses: long lines, easy to see through the paper."""
BACK_SCALE = (0, 0, 0, 0.35)
"""The back's scales: a light grey, seen through the paper only as a hint of the offset."""
SCALE_AWAY_MM = 40
"""The X scale sits this far below the centre, the Y scale this far to its right (on the front),
away from the crowded centre; the back's long cross lines still run through them."""


def label_signs(duplex: Duplex) -> tuple[int, int]:
    """How a shift of the back's cross seen on the front (right, up) becomes the offset to type (X, Y).

    The offset moves the back on its own page. With a long-edge flip the back is mirrored
    left–right, so a cross seen 1 mm to the right is corrected by X = +1 (moving it right on
    the back page moves it left on the front), and a cross seen 1 mm higher by Y = −1. A
    short-edge flip mirrors top–bottom: X = −1 and Y = +1.
    """
    return (1, -1) if duplex is Duplex.LONG else (-1, 1)


def _scale(c, x0: float, y0: float, sign: int | None, *, axis: str) -> None:
    """Ticks every 0.5 mm across (x0, y0) in points, along x (ticks hang down) or y (ticks point right);
    labelled every 5 mm when a sign is given."""
    steps = SCALE_MM * 2
    for i in range(-steps, steps + 1):
        length = (5.0 if i % 10 == 0 else 3.2 if i % 2 == 0 else 1.8) * MM
        c.setLineWidth(0.3 if i % 2 == 0 else 0.2)
        at = i / 2 * MM
        if axis == "x":
            c.line(x0 + at, y0, x0 + at, y0 - length)
        else:
            c.line(x0, y0 + at, x0 + length, y0 + at)
        if sign is not None and i % 10 == 0:
            label = _signed(sign * i / 2)
            if axis == "x":
                c.drawCentredString(x0 + at, y0 - 9 * MM, label)
            else:
                c.drawString(x0 + 6.5 * MM, y0 + at - 2.5, label)


def _signed(value: float) -> str:
    return "0" if value == 0 else f"{value:+g}".replace("-", "−")


def _cross(c, cx: float, cy: float, width: float, arm_mm: float = CROSS_MM) -> None:
    c.setStrokeColor(cmyk(BLACK))
    c.setLineWidth(width)
    c.line(cx - arm_mm * MM, cy, cx + arm_mm * MM, cy)
    c.line(cx, cy - arm_mm * MM, cx, cy + arm_mm * MM)


def _mirror(x: float, y: float, width: float, height: float, duplex: Duplex) -> tuple[float, float]:
    """Where a point of the front must be drawn on the back (points) to land behind it."""
    return (width - x, y) if duplex is Duplex.LONG else (x, height - y)


def render_calibration(
    deck: Deck,
    path,
    *,
    paper: str = "a4",
    duplex: Duplex = Duplex.LONG,
    back_offset: tuple[float, float] = (0.0, 0.0),
    meta: Metadata,
) -> None:
    """Two pages: the front with the cross, scales and instructions; the back as the card backs are placed."""
    if duplex is Duplex.NONE:
        duplex = Duplex.LONG
    lang = language(deck.language)
    width, height = PAPER_SIZES[paper]
    c = new_canvas(path, width, height, meta)
    c.setViewerPreference("PrintScaling", "None")
    c.setViewerPreference("Duplex", "DuplexFlipLongEdge" if duplex is Duplex.LONG else "DuplexFlipShortEdge")
    cx, cy = width / 2 * MM, height / 2 * MM

    # front: a short thin cross, clear of the scales; the back's long bold cross runs across them
    _cross(c, cx, cy, 0.25, arm_mm=SCALE_AWAY_MM - 14)
    c.setFillColor(cmyk(BLACK))
    c.setFont(fonts.REGULAR, 8)
    sx, sy = label_signs(duplex)
    x_scale_at = (cx, cy - SCALE_AWAY_MM * MM)
    y_scale_at = (cx + SCALE_AWAY_MM * MM, cy)
    _scale(c, *x_scale_at, sx, axis="x")
    _scale(c, *y_scale_at, sy, axis="y")
    c.setFont(fonts.BOLD, 10)
    c.drawCentredString(cx, x_scale_at[1] - 15 * MM, "X")
    c.drawString(y_scale_at[0] + 14 * MM, cy - 3.5, "Y")
    c.setFillColor(cmyk(BLACK))
    c.setFont(fonts.BOLD, 18)
    c.drawString(18 * MM, (height - 22) * MM, lang["calibration_sheet_title"])
    flip = lang["print_duplex_long"] if duplex is Duplex.LONG else lang["print_duplex_short"]
    paragraphs = [
        lang.t("calibration_print", paper=lang["paper_" + paper], flip=flip),
        lang["calibration_read"],
        lang["calibration_next"],
    ]
    y = (height - 32) * MM
    box = (width - 36) * MM
    for text in paragraphs:
        fitted = fit(text, fonts.REGULAR, max_size=10, min_size=7, width=box, height=40 * MM, max_lines=6)
        c.setFont(fonts.REGULAR, fitted.size)
        for line in fitted.lines:
            c.drawString(18 * MM, y, line)
            y -= fitted.line_height
        y -= 4
    if back_offset != (0.0, 0.0):
        # The remaining error is read now: the organiser types in the sum, and the sheet says which sum.
        def written(value: float) -> str:  # as the scales write it: 1,5 and −1
            return lang.number(value, 2).replace("-", "−")

        x, y = (written(v) for v in back_offset)
        text = lang.t("calibration_in_use", x=x, y=y, example=written(round(back_offset[0] + 0.5, 2)))
        fitted = fit(text, fonts.BOLD, max_size=10, min_size=7, width=box, height=45 * MM, max_lines=8)
        c.setFont(fonts.BOLD, fitted.size)
        y_at = 62 * MM
        for line in fitted.lines:
            c.drawString(18 * MM, y_at, line)
            y_at -= fitted.line_height
    c.showPage()

    # back: everything where the card backs' geometry puts it — mirrored for the flip, then shifted
    dx, dy = back_offset[0] * MM, back_offset[1] * MM
    page = (width * MM, height * MM)
    bx, by = _mirror(cx, cy, *page, duplex)
    _cross(c, bx + dx, by + dy, 1.2)
    c.setStrokeColor(cmyk(BACK_SCALE))  # light, so the front's scale stays the one to read
    xs = _mirror(*x_scale_at, *page, duplex)
    ys = _mirror(*y_scale_at, *page, duplex)
    c.saveState()
    c.translate(dx, dy)
    if duplex is Duplex.LONG:
        _scale(c, *xs, None, axis="x")
        c.translate(2 * ys[0], 0)
        c.scale(-1, 1)  # the Y scale's ticks point the other way on the mirrored back
        _scale(c, *ys, None, axis="y")
    else:
        c.translate(0, 2 * xs[1])
        c.scale(1, -1)
        _scale(c, *xs, None, axis="x")
        c.scale(1, -1)
        c.translate(0, -2 * xs[1])
        _scale(c, *ys, None, axis="y")
    c.restoreState()
    c.setFont(fonts.BOLD, 14)
    c.setFillColor(cmyk(BLACK))
    c.drawCentredString(cx, 25 * MM, lang["calibration_back"])
    c.showPage()
    c.save()
