"""What a printer is told to paint, read from a PDF's content streams with pypdf, not from our own code.

A small interpreter of the operators that decide colour and place: ``q``/``Q``, ``cm``, the CMYK and grey
colour operators, ``re`` and the path-painting operators, text (``BT``/``Tm``/``Td``/``Tj``) and form
XObjects (``Do``), which are entered with their own content stream. Text is shown as its raw single-byte
codes (ReportLab's subset fonts keep ASCII codes for ASCII letters; other letters show as ``?``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ContentStream

FILL_PAINT = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
STROKE_PAINT = {b"S", b"s", b"B", b"B*", b"b", b"b*"}
PAINT = FILL_PAINT | STROKE_PAINT | {b"n"}


@dataclass(frozen=True)
class Paint:
    """One thing painted: a filled path ('fill'), a stroked one ('stroke'), a text ('text') or a form ('form')."""

    what: str
    x: float
    y: float
    """Page coordinates in points: a rectangle's or text's origin, a form's translation."""
    colour: tuple[float, ...]
    """The fill colour for fills and text, the stroke colour for strokes; () for forms."""
    width: float = 0.0
    height: float = 0.0
    text: str = ""
    """A text's characters, or a form's name."""


@dataclass
class _State:
    ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    fill: tuple[float, ...] = (0.0,)
    stroke: tuple[float, ...] = (0.0,)


@dataclass
class _Walk:
    reader: PdfReader
    out: list[Paint] = field(default_factory=list)


def _mul(a, b):
    """a × b for PDF matrices [a b c d e f]."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _point(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _text(operand) -> str:
    raw = operand if isinstance(operand, str) else bytes(operand).decode("latin-1")
    return "".join(ch if " " <= ch <= "~" else "?" for ch in raw)


def _walk(walk: _Walk, stream, resources, state: _State, depth: int = 0) -> None:
    stack: list[_State] = []
    rects: list[tuple[float, float, float, float]] = []
    tm = (1, 0, 0, 1, 0, 0)
    line = tm
    leading = 0.0
    start = (0.0, 0.0)
    for operands, op in ContentStream(stream, walk.reader).operations:
        nums = [float(v) for v in operands if isinstance(v, (int, float))]
        if op == b"q":
            stack.append(_State(state.ctm, state.fill, state.stroke))
        elif op == b"Q":
            state = stack.pop()
        elif op == b"cm":
            state.ctm = _mul(tuple(nums), state.ctm)
        elif op in (b"k", b"g", b"rg"):
            state.fill = tuple(nums)
        elif op in (b"K", b"G", b"RG"):
            state.stroke = tuple(nums)
        elif op == b"re":
            rects.append(tuple(nums))
        elif op == b"m":
            start = tuple(nums)
        elif op in PAINT:
            for x, y, w, h in rects or [(*start, 0.0, 0.0)]:
                px, py = _point(state.ctm, x, y)
                if op in FILL_PAINT:
                    walk.out.append(Paint("fill", px, py, state.fill, w * state.ctm[0], h * state.ctm[3]))
                if op in STROKE_PAINT:
                    walk.out.append(Paint("stroke", px, py, state.stroke, w * state.ctm[0], h * state.ctm[3]))
            rects = []
        elif op == b"BT":
            tm = line = (1, 0, 0, 1, 0, 0)
        elif op == b"Tm":
            tm = line = tuple(nums)
        elif op == b"TL":
            leading = nums[0]
        elif op in (b"Td", b"TD", b"T*", b"'"):
            dx, dy = nums[:2] if op in (b"Td", b"TD") else (0.0, -leading)
            tm = line = _mul((1, 0, 0, 1, dx, dy), line)
        if op in (b"Tj", b"TJ", b"'"):
            parts = operands[0] if op == b"TJ" else operands
            text = "".join(_text(p) for p in parts if not isinstance(p, (int, float)))
            px, py = _point(_mul(tm, state.ctm), 0, 0)
            walk.out.append(Paint("text", px, py, state.fill, text=text))
        elif op == b"Do" and depth < 8:
            name = operands[0]
            form = resources["/XObject"][name].get_object()
            if form.get("/Subtype") != "/Form":
                continue
            px, py = _point(state.ctm, 0, 0)
            walk.out.append(Paint("form", px, py, (), text=str(name)))
            inner = _State(_mul(tuple(float(v) for v in form.get("/Matrix", (1, 0, 0, 1, 0, 0))), state.ctm))
            inner.fill, inner.stroke = state.fill, state.stroke
            _walk(walk, form, form.get("/Resources", resources), inner, depth + 1)


def painted(reader: PdfReader, index: int) -> list[Paint]:
    """Everything page ``index`` paints, in painting order, forms entered where they are drawn."""
    page = reader.pages[index]
    walk = _Walk(reader)
    _walk(walk, page.get_contents(), page["/Resources"], _State())
    return walk.out


def colour(values: tuple[float, ...]) -> str:
    """A colour as a printer reads it: 'cmyk 0 3 45 0' in percent, or 'grey 50', or 'rgb …'."""
    kind = {4: "cmyk", 1: "grey", 3: "rgb"}.get(len(values), "colour")
    return kind + " " + " ".join(f"{v * 100:.4g}" for v in values)
