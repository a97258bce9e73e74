"""Text widths with the same arithmetic whether ReportLab's C accelerator (``rl_accel``) is there or not.

ReportLab measures a TrueType string in C when ``rl_accel`` is installed, as ``(Σ widths × 0.001) × size``,
and in Python otherwise, as ``0.001 × size × Σ widths``: the two round differently in the last bit, a
third of all strings, and a line break or a chart bar moved by that bit changes a PDF's bytes (the
slides' bars did). The web edition has no ``rl_accel``, and ``verify`` must agree on every machine, so
where the accelerator is missing its arithmetic is done here, in Python, step for step: the widths
added one by one in floating point (never ``sum``, which compensates since Python 3.12), then × 0.001,
then × size. With the accelerator present nothing changes.
"""

from __future__ import annotations

from functools import cache


def string_width(font, text, size, encoding="utf8") -> float:
    """The width of ``text`` in the TrueType ``font`` at ``size``, as ``rl_accel`` computes it."""
    if not isinstance(text, str):
        text = text.decode(encoding or "utf8")
    width = font.face.charWidths.get
    default = font.face.defaultWidth
    total = 0.0
    for char in text:
        total += width(ord(char), default)
    return total * 0.001 * size


@cache
def same_widths() -> None:
    """Measure TrueType text as ``rl_accel`` does, with or without it; idempotent.

    ``TTFont.stringWidth`` looks the function up in its module at every call, so setting it there
    once, before the first build, covers every font, registered before or after."""
    from reportlab.pdfbase import ttfonts

    if not _accelerated(ttfonts.instanceStringWidthTTF):
        ttfonts.instanceStringWidthTTF = string_width


def _accelerated(function) -> bool:
    return getattr(function, "__module__", None) == "_rl_accel"


def problems() -> list[str]:
    """The module-level function ``TTFont.stringWidth`` calls is still there, and measures as we do."""
    from reportlab.pdfbase import ttfonts

    from ...paper import fonts

    if not callable(getattr(ttfonts, "instanceStringWidthTTF", None)):
        return ["reportlab.pdfbase.ttfonts.instanceStringWidthTTF (what TTFont.stringWidth calls) is gone"]
    same_widths()
    fonts.register()
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(fonts.REGULAR)
    probe = "Gemiddelde leeftijd 39,5 – Ümit Şahin"
    if font.stringWidth(probe, 13.33) != string_width(font, probe, 13.33):
        return ["TTFont.stringWidth no longer measures with ttfonts.instanceStringWidthTTF's arithmetic"]
    return []
