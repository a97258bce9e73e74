"""Charts of series 1 beside series 2, drawn with ReportLab's own vector graphics for the slides.

Colour is never the only cue: the series' card colours are light tints meant for card
fills, so a bar takes a stronger variant of its series' colour *and* the second series is
hatched, every bar is outlined in black and named by its row's label, and every bar
carries its figure. That survives a washed-out projector and a grey-scale print.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..figures.chartdata import Chart, ChartKind
from ..paper import fonts
from . import internals
from .pdf import BLACK, WHITE, cmyk

MIN_LABEL_PT = 18.0
"""Chart labels are read from the back of the room like every other slide text."""
OUTLINE = 1.4
"""pt: the black edge round every bar."""
HATCH_SPACING = 7.0
"""pt between the hatch lines of the second series."""
TRACK = (0, 0, 0, 0.45)
"""The outline of the empty part of a share."""
ZEBRA = (0, 0, 0, 0.05)
"""Every other row of a distribution."""


def strong(colour: tuple[float, float, float, float], *, mono: bool, index: int) -> tuple[float, float, float, float]:
    """A bar colour for a series: its card tint at full strength with a little black; greys in mono."""
    if mono:
        return (0, 0, 0, 0.7 if index == 0 else 0.2)
    c, m, y, k = colour
    top = max(c, m, y)
    if top < 0.05:  # a grey or white card: a mid grey bar
        return (0, 0, 0, max(k, 0.5))
    return (c / top, m / top, y / top, min(1.0, k + 0.15))


def bar(x: float, y: float, w: float, h: float, fill, *, hatched: bool) -> list:
    """A filled, outlined bar; hatched diagonally for the second series."""
    from reportlab.graphics.shapes import Line, Rect

    shapes = [Rect(x, y, w, h, fillColor=cmyk(fill), strokeColor=cmyk(BLACK), strokeWidth=OUTLINE)]
    if hatched and w > 0:
        c = x - (y + h)
        while c < x + w - y:
            x_start, x_end = max(x, y + c), min(x + w, y + h + c)
            if x_end - x_start > 0.5:
                shapes.append(Line(x_start, x_start - c, x_end, x_end - c, strokeColor=cmyk(BLACK), strokeWidth=1.1))
            c += HATCH_SPACING
        shapes.append(Rect(x, y, w, h, fillColor=None, strokeColor=cmyk(BLACK), strokeWidth=OUTLINE))
    return shapes


def _text(x: float, y: float, text: str, size: float, *, bold: bool = False, anchor: str = "start", ink=BLACK):
    from reportlab.graphics.shapes import String

    font = fonts.BOLD if bold else fonts.REGULAR
    return String(x, y, text, fontName=font, fontSize=size, fillColor=cmyk(ink), textAnchor=anchor)


def _width(text: str, size: float, *, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, fonts.BOLD if bold else fonts.REGULAR, size)


def chart_drawing(chart: Chart, width: float, height: float, colours: Sequence[tuple], *, mono: bool = False):
    """The chart as a Drawing of ``width`` × ``height`` points; ``colours`` are the series' card colours."""
    from reportlab.graphics.shapes import Drawing

    internals.use_fonts()
    fills = [strong(c, mono=mono, index=i) for i, c in enumerate(colours)]
    drawing = Drawing(width, height)
    if chart.kind is ChartKind.DISTRIBUTION:
        shapes = _distribution(chart, width, height, fills)
    else:
        shapes = _bars(chart, width, height, fills)
    for shape in shapes:
        drawing.add(shape)
    return drawing


def _bars(chart: Chart, width: float, height: float, fills) -> list:
    """One horizontal bar per series from a common zero, its figure at its end."""
    from reportlab.graphics.shapes import Line

    label_size, value_size = 24.0, 30.0
    label_w = max(_width(s, label_size, bold=True) for s in chart.series) + 18
    value_w = max(_width(t, value_size, bold=True) for t in chart.texts) + 16
    x0, x1 = label_w, width - value_w
    n = len(chart.series)
    bar_h = min(78.0, height / (n * 1.5))
    gap = bar_h * 0.5
    top = (height + n * bar_h + (n - 1) * gap) / 2
    shapes = []
    for i, label in enumerate(chart.series):
        y = top - (i + 1) * bar_h - i * gap
        mid = y + bar_h / 2 - label_size * 0.35
        shapes.append(_text(x0 - 14, mid, label, label_size, bold=True, anchor="end"))
        hatched = i % 2 == 1
        if chart.kind is ChartKind.SHARES:
            end = _share(shapes, chart, i, x0, x1, y, bar_h, fills[i], hatched)
        else:
            length = abs(chart.values[i]) / chart.scale * (x1 - x0)
            shapes += bar(x0, y, length, bar_h, fills[i], hatched=hatched)
            end = x0 + length
        shapes.append(_text(end + 12, y + bar_h / 2 - value_size * 0.35, chart.texts[i], value_size, bold=True))
    shapes.append(Line(x0, top - n * bar_h - (n - 1) * gap - 8, x0, top + 8, strokeColor=cmyk(BLACK), strokeWidth=2))
    return shapes


def _share(shapes: list, chart: Chart, i: int, x0: float, x1: float, y: float, h: float, fill, hatched) -> float:
    """Count out of persons: one box per person (filled for the counted ones), or a bar in its track."""
    from reportlab.graphics.shapes import Rect

    count, total = int(chart.values[i]), chart.totals[i]
    if chart.units:
        step = (x1 - x0) / chart.scale
        pad = min(6.0, step * 0.18)
        for p in range(total):
            x = x0 + p * step + pad / 2
            if p < count:
                shapes += bar(x, y, step - pad, h, fill, hatched=hatched)
            else:
                shapes.append(
                    Rect(x, y, step - pad, h, fillColor=cmyk(WHITE), strokeColor=cmyk(TRACK), strokeWidth=OUTLINE)
                )
        return x0 + total * step
    track = total / chart.scale * (x1 - x0)
    shapes.append(Rect(x0, y, track, h, fillColor=cmyk(WHITE), strokeColor=cmyk(TRACK), strokeWidth=OUTLINE))
    shapes += bar(x0, y, count / chart.scale * (x1 - x0), h, fill, hatched=hatched)
    return x0 + track


def _distribution(chart: Chart, width: float, height: float, fills) -> list:
    """A row per value, a column per series: each bar as long as the persons with that value."""
    from reportlab.graphics.shapes import Rect

    from ..paper.textfit import Fit, balance, wrap_lines

    header = 40.0
    rows = len(chart.rows)
    row_h = min(46.0, (height - header) / max(rows, 1))
    # The largest size at which every label fits its column, on one line or (rows permitting) two.
    room = width * 0.45 - 16
    size = max(MIN_LABEL_PT, min(22.0, row_h * 0.55))
    while True:
        labels = [wrap_lines(r.label, fonts.REGULAR, size, room).split("\n") for r in chart.rows]
        lines = max(len(label) for label in labels)
        if (lines <= 2 and lines * size * 1.1 <= row_h) or size <= MIN_LABEL_PT:
            break
        size = max(MIN_LABEL_PT, size - 0.5)  # never below the room's minimum
    # Two lines evenly broken ("construction / and installation"), never a lone word under a full line.
    labels = [list(balance(Fit(size, tuple(label)), fonts.REGULAR, room).lines) for label in labels]
    label_w = max(_width(line, size) for lines in labels for line in lines) + 16
    column = (width - label_w) / len(chart.series)
    count_w = _width("00", size, bold=True) + 12
    top = height - header
    shapes = []
    for j, label in enumerate(chart.series):
        x = label_w + j * column
        key = min(26.0, header - 12)
        shapes += bar(x, top + 8, key, key * 0.7, fills[j], hatched=j % 2 == 1)
        shapes.append(_text(x + key + 10, top + 10, label, 22, bold=True))
    for r, row in enumerate(chart.rows):
        y = top - (r + 1) * row_h
        if r % 2 == 0:
            shapes.append(Rect(0, y, width, row_h, fillColor=cmyk(ZEBRA), strokeColor=None, strokeWidth=0))
        base = y + row_h / 2 - size * 0.35
        lines = labels[r]
        for k, line in enumerate(lines):  # two lines sit either side of the row's middle
            offset = (len(lines) - 1) / 2 * size * 1.05 - k * size * 1.05
            shapes.append(_text(label_w - 14, base + offset, line, size, anchor="end"))
        bar_h = row_h * 0.62
        for j, count in enumerate(row.counts):
            x = label_w + j * column
            length = 0.0 if row.other else count / chart.scale * (column - count_w - 10)
            if count and not row.other:
                shapes += bar(x, y + (row_h - bar_h) / 2, length, bar_h, fills[j], hatched=j % 2 == 1)
            shapes.append(_text(x + length + 8, base, row.texts[j], size, bold=True))
    return shapes


def legend_drawing(texts: Sequence[str], width: float, colours: Sequence[tuple], *, mono: bool = False, rows: int = 1):
    """What each series means, each text after a swatch drawn as its bars are (fill, hatch, outline), side by
    side in one row or one under the other: "Reeks 1: heeft werk gevonden"."""
    from reportlab.graphics.shapes import Drawing

    internals.use_fonts()
    size, swatch, gap = 20.0, 30.0, 28.0
    fills = [strong(c, mono=mono, index=i) for i, c in enumerate(colours)]
    per_row = -(-len(texts) // rows)

    def row_width(items: Sequence[str], size: float) -> float:
        return sum(swatch + 10 + _width(t, size) for t in items) + gap * (len(items) - 1)

    lines = [texts[i : i + per_row] for i in range(0, len(texts), per_row)]
    while size > MIN_LABEL_PT and max(row_width(line, size) for line in lines) > width:
        size = max(MIN_LABEL_PT, size - 0.5)  # never below the room's minimum
    height = len(lines) * size * 1.5
    drawing = Drawing(width, height)
    for r, line in enumerate(lines):
        x, y = 0.0, height - (r + 1) * size * 1.5 + size * 0.3
        for j, text in enumerate(line):
            index = r * per_row + j
            for shape in bar(x, y - 2, swatch, size * 0.9, fills[index], hatched=index % 2 == 1):
                drawing.add(shape)
            drawing.add(_text(x + swatch + 10, y, text, size))
            x += swatch + 10 + _width(text, size) + gap
    return drawing
