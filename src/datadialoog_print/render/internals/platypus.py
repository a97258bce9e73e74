"""Platypus' private parts: the anchor our headings carry, the flowables inside a KeepTogether, a Paragraph
that keeps its last wrap.

Part of the one adapter that touches ReportLab's private parts (see the package).
"""

from __future__ import annotations

from functools import cache

ANCHOR_ATTRIBUTE = "_contents_key"
"""The attribute a heading carries with its anchor key, read as the booklet is laid out."""


def set_anchor(flowable, key: str):
    """Mark a flowable (a heading) with the anchor ``key``; returns it."""
    setattr(flowable, ANCHOR_ATTRIBUTE, key)
    return flowable


def anchor_of(flowable) -> str | None:
    """The anchor key a flowable was marked with, or None."""
    return getattr(flowable, ANCHOR_ATTRIBUTE, None)


def inner_flowables(flowable) -> list | None:
    """The flowables a KeepTogether (or KeepInFrame) holds, or None for any other flowable."""
    inner = getattr(flowable, "_content", None)
    return inner if isinstance(inner, list) else None


@cache
def paragraph_class():
    """ReportLab's Paragraph, remembering its last wrap: a layout asks a paragraph to wrap to the same
    width three times on average (to keep blocks together, to fit a frame, to split), and breaking
    the lines is most of a booklet's time. The result depends on the width alone, so the lines are
    kept with the width they were broken for, and asked again, handed back."""
    from reportlab.platypus import Paragraph

    class WrapOnceParagraph(Paragraph):
        def wrap(self, availWidth, availHeight):
            kept = self.__dict__.get("_kept_wrap")
            # Kept for this width and these very fragments (a copy made by a split shares nothing stale).
            if kept is not None and kept[0] == availWidth and kept[1] is self.frags:
                _, _, self.width, self._wrapWidths, self.blPara, self.height = kept
                return self.width, self.height
            result = super().wrap(availWidth, availHeight)
            if hasattr(self, "blPara"):
                self._kept_wrap = (availWidth, self.frags, self.width, self._wrapWidths, self.blPara, self.height)
            return result

    return WrapOnceParagraph


def problems() -> list[str]:
    """Our anchor attribute is free, KeepTogether keeps its flowables in ``_content``, and a wrapped Paragraph
    leaves what :func:`paragraph_class` keeps."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, Paragraph

    found = []
    style = ParagraphStyle("probe", fontName="Helvetica")  # a font of ReportLab's own: no setting needed
    probe = Paragraph("probe text", style)
    probe.wrap(100, 100)
    if not all(hasattr(probe, a) for a in ("blPara", "_wrapWidths", "width", "height")):
        found.append("Paragraph.wrap no longer leaves blPara, _wrapWidths, width and height (paragraph_class)")
    probe = Paragraph("probe", style)
    if hasattr(probe, ANCHOR_ATTRIBUTE):
        found.append(f"Paragraph has an attribute {ANCHOR_ATTRIBUTE} of its own, which our anchors would overwrite")
    if inner_flowables(KeepTogether([probe])) != [probe]:
        found.append("KeepTogether no longer keeps its flowables in _content")
    return found
