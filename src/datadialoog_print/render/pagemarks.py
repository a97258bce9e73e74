"""Every path drawn on a PDF page (frames, lines, markers, fills), read back with PDFium, with how far it reaches.

A stroke reaches half its width past its path: out to the side of every segment, past the
corner of a mitred join, and past an open end only with a round or square cap. PDFium's own
bounds add half the width in every direction, which would put the end of a butt-capped rule
0.09 mm further out than it is; so the reach is worked out here from the path's points, its
line width, cap and join. Curves count with their control points (a circle's are on its box).
Forms are followed, each with its matrix, so a mark drawn once and placed on every card is
measured where it lands.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator
from dataclasses import dataclass

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MITER_LIMIT = 10.0
"""PDF's default miter limit: a sharper join is bevelled."""


@dataclass(frozen=True)
class Mark:
    """One path as drawn on the page: its kind and the box its ink reaches, in points."""

    kind: str
    """"frame" (a closed stroked path), "line" (an open one) or "shape" (filled only)."""
    box: tuple[float, float, float, float]
    """Left, bottom, right, top in page space, strokes included."""


def _then(first: Matrix, second: Matrix) -> Matrix:
    """The matrix that applies ``first``, then ``second`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def stroke_reach(
    subpaths: list[tuple[list[tuple[float, float]], bool]], half: float, *, cap: int, join: int
) -> list[tuple[float, float]]:
    """Points whose box is the box of the stroke of ``subpaths`` (each: its vertices and whether it is closed)
    drawn ``half`` a line width to each side, with PDF's ``cap`` (0 butt, 1 round, 2 square) and ``join``
    (0 miter, 1 round, 2 bevel)."""
    out: list[tuple[float, float]] = []

    def disc(x: float, y: float) -> None:
        out.extend(((x - half, y - half), (x + half, y + half)))

    for points, closed in subpaths:
        pts = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if closed and len(pts) > 1 and pts[0] == pts[-1]:
            pts.pop()
        if len(pts) == 1:
            if cap == 1:
                disc(*pts[0])
            continue
        segments = list(zip(pts, pts[1:] + pts[:1] if closed else pts[1:], strict=False))
        units = []
        for (x0, y0), (x1, y1) in segments:
            length = math.hypot(x1 - x0, y1 - y0)
            ux, uy = (x1 - x0) / length, (y1 - y0) / length
            units.append((ux, uy))
            nx, ny = -uy * half, ux * half
            out += [(x0 + nx, y0 + ny), (x0 - nx, y0 - ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny)]
        joins = range(len(segments)) if closed else range(1, len(segments))
        for i in joins:
            (ax, ay), (bx, by) = units[i - 1], units[i]
            vx, vy = segments[i][0]
            if join == 1:
                disc(vx, vy)
                continue
            cross, dot = ax * by - ay * bx, ax * bx + ay * by
            if join == 2 or abs(cross) < 1e-12:
                continue
            if 1 / math.sqrt((1 - dot) / 2) > MITER_LIMIT:  # 1/sin(angle/2) over the limit: bevelled
                continue
            # The outer offset lines meet here: on the side the path turns away from.
            side = -1 if cross > 0 else 1
            mx, my = (-ay - by) * half * side / (1 + dot), (ax + bx) * half * side / (1 + dot)
            out.append((vx + mx, vy + my))
        if not closed and cap in (1, 2):
            for (x, y), (ux, uy), sign in ((pts[0], units[0], -1), (pts[-1], units[-1], 1)):
                if cap == 1:
                    disc(x, y)
                else:
                    ex, ey = x + sign * ux * half, y + sign * uy * half
                    out += [(ex - uy * half, ey + ux * half), (ex + uy * half, ey - ux * half)]
    return out


def _path(obj, matrix: Matrix) -> Mark | None:
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill, stroke)
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []
    curved = False
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append(([], False))
        curved |= kind == raw.FPDF_SEGMENT_BEZIERTO
        subpaths[-1][0].append(_apply(matrix, x.value, y.value))
        if raw.FPDFPathSegment_GetClose(segment):
            subpaths[-1] = (subpaths[-1][0], True)
    points = [p for vertices, _ in subpaths for p in vertices]
    if not points or not (fill.value or stroke.value):
        return None
    reach = list(points)
    if stroke.value:
        width = ctypes.c_float()
        raw.FPDFPageObj_GetStrokeWidth(obj, width)
        half = width.value / 2 * math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]))
        if curved:  # a curve's stroke stays within half a width of its control points' box
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            reach += [(min(xs) - half, min(ys) - half), (max(xs) + half, max(ys) + half)]
        else:
            cap, join = raw.FPDFPageObj_GetLineCap(obj), raw.FPDFPageObj_GetLineJoin(obj)
            reach += stroke_reach(subpaths, half, cap=max(cap, 0), join=max(join, 0))
    xs, ys = [p[0] for p in reach], [p[1] for p in reach]
    kind = "shape" if not stroke.value else "frame" if all(closed for _, closed in subpaths) else "line"
    return Mark(kind, (min(xs), min(ys), max(xs), max(ys)))


def _matrix(obj) -> Matrix:
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def page_marks(page) -> Iterator[Mark]:
    """Every path on a pypdfium2 ``page`` (inside forms too), in page space."""
    import pypdfium2.raw as raw

    def walk(objects, parent: Matrix) -> Iterator[Mark]:
        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                mark = _path(obj, _then(_matrix(obj), parent))
                if mark is not None:
                    yield mark
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                inner = _then(_matrix(obj), parent)
                yield from walk(
                    (raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))), inner
                )

    handle = page.raw
    yield from walk((raw.FPDFPage_GetObject(handle, i) for i in range(raw.FPDFPage_CountObjects(handle))), IDENTITY)
