"""The one place that touches ReportLab's private parts, so a new ReportLab release breaks here, visibly.

What the public API cannot do fast enough or at all:

* write a card's drawing operators straight into the page stream (100 000 cards through
  the canvas API cost a tenth of a millisecond per call);
* give every page of a card file one shared resource dictionary, written once;
* turn each finished page of a platypus document into a form XObject, so the same pages
  can be imposed (two A5 pages on an A4 side) as well as printed in reading order, and
  write both files from one layout;
* give each embedded font subset a tag made from its glyphs (ReportLab tags every font's first
  subset ``AAAAAA+``) and name the PDF/X standard in the Info dictionary;
* measure text with the same arithmetic with or without ReportLab's C accelerator, so a build gives
  the same bytes on every machine and in the browser (:mod:`.widths`).

It also holds every change to ReportLab's global settings (:func:`use_fonts`) and the one
attribute of our own that flowables carry (:func:`set_anchor`, :func:`anchor_of`), and
reads the flowables inside a KeepTogether (:func:`inner_flowables`). One module a job:
:mod:`.stream` (the page stream), :mod:`.pageforms` (pages as forms), :mod:`.pdfinfo`
(PDF/X), :mod:`.fontsetup` (global settings), :mod:`.subsettags` (the font class and its subset
tags), :mod:`.platypus` (flowables), :mod:`.widths` (text widths).
Nothing outside this package touches a private ReportLab name.

:func:`problems` checks that everything used here still exists and behaves; a test calls
it, so a ReportLab release that changes one of them fails with a plain message. ReportLab's
major version is pinned in ``pyproject.toml`` for the same reason.
"""

from __future__ import annotations

from . import fontsetup, pageforms, pdfinfo, platypus, stream, subsettags, widths
from .fontsetup import use_fonts
from .pageforms import Imposition, Output, page_form_canvas
from .pdfinfo import add_pdfx, document_time, trailer_id
from .platypus import ANCHOR_ATTRIBUTE, anchor_of, inner_flowables, paragraph_class, set_anchor
from .stream import append, encoded_runs, end_form, form_name, share_page_resources
from .subsettags import tagged_font_class
from .widths import same_widths

__all__ = [
    "ANCHOR_ATTRIBUTE",
    "Imposition",
    "Output",
    "add_pdfx",
    "anchor_of",
    "append",
    "document_time",
    "encoded_runs",
    "end_form",
    "form_name",
    "inner_flowables",
    "page_form_canvas",
    "paragraph_class",
    "problems",
    "same_widths",
    "set_anchor",
    "share_page_resources",
    "tagged_font_class",
    "trailer_id",
    "use_fonts",
]


def problems() -> list[str]:
    """What this adapter relies on that the installed ReportLab no longer has or does; empty when all is well."""
    import reportlab

    found = stream.canvas_problems()
    if not found:  # the other checks draw on a canvas
        for part in (stream, pageforms, platypus, pdfinfo, subsettags, fontsetup, widths):
            found += part.problems()
    return [f"ReportLab {reportlab.Version}: {p}" for p in found]
