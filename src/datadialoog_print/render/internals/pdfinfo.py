"""What PDF/X needs and ReportLab has no API for: the output intent, the XMP stream with the trailer's ID,
the standard's identification keys in the Info dictionary, and the dates ReportLab writes.

Part of the one adapter that touches ReportLab's private parts (see the package).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from .stream import end_form


def document_time(canvas) -> tuple[int, int, int, int, int, int]:
    """Year, month, day, hour, minute, second (UTC) that ReportLab writes as the Info dict's dates.

    With ``invariant=1`` it is SOURCE_DATE_EPOCH if set, else 2000-01-01 00:00:00 UTC; XMP must say the same.
    """
    return tuple(canvas._doc._timeStamp.YMDhms)


def add_pdfx(
    canvas,
    *,
    profile: bytes,
    intent: dict[str, str],
    xmp: Callable[[str], str],
    fingerprint: str,
    keys: dict[str, str] | None = None,
) -> None:
    """What PDF/X needs and ReportLab has no API for: an OutputIntents array in the catalog with the ICC
    profile embedded, an XMP metadata stream (``xmp`` gets the trailer's ID (hex) and returns the XML),
    and the standard's identification ``keys`` (``GTS_PDFXVersion``, …; PDF/X-4's by default) in the Info
    dictionary as well, where preflights look for them.

    ReportLab's ID digests only the metadata, so a front and a back file, or a long- and a
    short-flip sheet, would share it; ``fingerprint`` (what tells this file apart) goes into it too.
    The XMP is made while the file is written, when the ID is known.
    """
    from reportlab.pdfbase import pdfdoc

    doc = canvas._doc
    doc.updateSignature(fingerprint)
    icc = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4}), profile, filters=[pdfdoc.PDFZCompress])
    entries = {"Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFX")}
    entries.update({key: pdfdoc.PDFString(value) for key, value in intent.items()})
    entries["DestOutputProfile"] = icc
    catalog = doc.Catalog
    catalog.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary(entries)])
    if "OutputIntents" not in catalog.__NoDefault__:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]  # this catalog only

    class Metadata(pdfdoc.PDFStream):
        def format(self, document):
            self.content = xmp(trailer_id(document)).encode("utf-8")
            return super().format(document)

    stream = Metadata(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}))
    stream.filters = None  # metadata stays readable for tools that do not inflate streams
    catalog.Metadata = stream
    doc.info.__class__ = _info_class(type(doc.info))
    doc.info.pdfx_keys = dict(keys or {"GTS_PDFXVersion": "PDF/X-4"})


@cache
def _info_class(base: type) -> type:
    """ReportLab's Info dictionary with the PDF/X keys more (``/GTS_PDFXVersion``, …), in the order given."""
    from reportlab.pdfbase import pdfdoc

    class PDFXInfo(base):
        def format(self, document):
            text = base.format(self, document).rstrip()
            extra = b"".join(
                b"\n/" + key.encode("ascii") + b" " + pdfdoc.PDFString(value).format(document)
                for key, value in self.pdfx_keys.items()
            )
            return text.removesuffix(b">>").rstrip() + extra + b"\n>>"

    return PDFXInfo


def trailer_id(document) -> str:
    """The first string of the trailer's /ID, as hex (fixed from here on: ReportLab caches it)."""
    import re

    found = re.search(rb"<([0-9A-Fa-f]+)>", document.ID())
    return found.group(1).decode("ascii").lower() if found else ""


def problems() -> list[str]:
    """What :func:`add_pdfx`, :func:`document_time` and the shared colour spaces rely on."""
    import io

    from reportlab.lib.colors import CMYKColorSep
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    found = []
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    stamp = getattr(getattr(canvas._doc, "_timeStamp", None), "YMDhms", None)
    if not (isinstance(stamp, tuple) and len(stamp) == 6):
        found.append("PDFDocument._timeStamp.YMDhms (the Info dates) is gone")
    if not isinstance(getattr(canvas._doc.Catalog, "__NoDefault__", None), list):
        found.append("PDFCatalog.__NoDefault__ (the catalog keys it writes) is no longer a list")
    if not callable(getattr(canvas._doc, "updateSignature", None)) or not hasattr(pdfdoc, "PDFZCompress"):
        found.append("PDFDocument.updateSignature() or pdfdoc.PDFZCompress is gone")
    if not callable(getattr(pdfdoc.PDFResourceDictionary(), "setColorSpace", None)):
        found.append("PDFResourceDictionary.setColorSpace() is gone")
    if found:
        return found
    canvas.beginForm("probe-separation")
    canvas.setStrokeColor(CMYKColorSep(1, 1, 1, 1, spotName="All"))
    try:
        end_form(canvas)
        form = canvas._doc.idToObject["FormXob.probe-separation"]
        if "All" not in (getattr(form, "_colorsUsed", None) or {}).values():
            found.append("a form no longer records its separations in _colorsUsed")
    except (AttributeError, KeyError) as exc:
        found.append(f"end_form no longer works: {exc!r}")
    canvas.setStrokeColor(CMYKColorSep(1, 1, 1, 1, spotName="All"))
    canvas.showPage()
    page = canvas._doc.Pages.pages[-1]
    if "All" not in (getattr(page, "_colorsUsed", None) or {}).values():
        found.append("a page no longer records its separations in _colorsUsed")
    try:
        add_pdfx(
            canvas,
            profile=b"probe",
            intent={"Info": "probe"},
            xmp=lambda ident: f"probe-{ident}",
            fingerprint="probe",
            keys={"GTS_PDFXVersion": "probe-version", "GTS_PDFXConformance": "probe-conformance"},
        )
        canvas.save()
    except Exception as exc:  # any failure here is what this check exists to report
        found.append(f"add_pdfx no longer works: {exc!r}")
        return found
    data = out.getvalue()
    ident = trailer_id(canvas._doc)
    if b"/GTS_PDFXVersion (probe-version)\n/GTS_PDFXConformance (probe-conformance)" not in data:
        found.append("the Info dictionary no longer takes the PDF/X keys")
    if b"/OutputIntents" not in data or b"/GTS_PDFX" not in data:
        found.append("the catalog no longer writes OutputIntents")
    if not ident or f"probe-{ident}".encode() not in data or b"/Metadata" not in data:
        found.append("the XMP stream no longer gets the trailer ID")
    return found
