"""PDF/X-4 (and PDF/X-1a:2003) for the card files: what a print shop's preflight asks of a file before it goes to press.

Everything else PDF/X wants the card files already have (CMYK only, every font embedded,
TrimBox and BleedBox on every page, no transparency); this adds the output intent with its
embedded CMYK characterization, the XMP metadata and Info keys that name the standard, and
the PDF version (1.6 for PDF/X-4, 1.4 for PDF/X-1a:2003, as :data:`STANDARDS` says). The
dates are ReportLab's own (SOURCE_DATE_EPOCH, else 2000-01-01 00:00:00 UTC), so rebuilds
stay byte-identical and XMP and the Info dictionary agree.

The keys that name the standard are each standard's own, not its common name: ISO 15930-7
(PDF/X-4) has ``GTS_PDFXVersion (PDF/X-4)`` and no conformance key; ISO 15930-4 (PDF/X-1a:2003)
keeps the pair of the 2001 edition, ``GTS_PDFXVersion (PDF/X-1:2003)`` with ``GTS_PDFXConformance
(PDF/X-1a:2003)``: a strict PDF/X-1a preflight (Acrobat's profile, PitStop, pdfToolbox) does not
recognise a file that names itself otherwise (issue 37), and poppler's ``pdfinfo`` reads
"PDF/X-1:2003" as ISO 15930-4. In the XMP each standard's keys stand in the schema its
preflights read: ISO 15930-7's ``pdfxid`` for PDF/X-4, Adobe's ``pdfx`` for PDF/X-1a.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from . import internals
from .pdf import Metadata, creator, producer
from .styles import escape  # not xml.sax.saxutils: it imports urllib, http and ssl (20 ms)

PDF_VERSION = (1, 6)
"""PDF/X-4 is built on PDF 1.6."""

OUTPUT_CONDITION = "FOGRA39"
"""The registered characterization the CMYK values are meant for: offset on coated paper, Europe's common default."""

OUTPUT_INTENT = {
    "OutputConditionIdentifier": OUTPUT_CONDITION,
    "OutputCondition": "Offset printing, according to ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated art, 115 g/m2)",
    "RegistryName": "http://www.color.org",
    "Info": "FOGRA39L-argyll: ArgyllCMS profile from the FOGRA39L characterization data",
}

PROFILE = "FOGRA39L-argyll.icc"
"""The embedded profile, shipped with its licence (``profiles/FOGRA39L-argyll.LICENSE.txt``)."""


@lru_cache(maxsize=1)
def profile() -> bytes:
    """The FOGRA39 printer characterization of PDF/X-4, read once."""
    return profile_bytes(PROFILE)


XMP_PDFXID = ("pdfxid", "http://www.npes.org/pdfx/ns/id/")
"""The PDF/X identification schema of ISO 15930-7 (PDF/X-4 and later)."""
XMP_PDFX = ("pdfx", "http://ns.adobe.com/pdfx/1.3/")
"""The schema the keys of PDF/X-1a and PDF/X-3 stand in in XMP (Adobe's, from before ISO 15930-7)."""


@dataclass(frozen=True)
class Standard:
    """One PDF/X flavour: its name, the keys that identify it in the file, the PDF version it is built on, and its
    output intent."""

    name: str
    """What people call it, and what the manifest and the guide say: "PDF/X-1a:2003"."""
    keys: dict[str, str]
    """The identification keys, as the standard spells them, in the Info dictionary and in the XMP."""
    xmp_schema: tuple[str, str]
    """Prefix and namespace of those keys in the XMP."""
    pdf_version: tuple[int, int]
    intent: dict[str, str]
    profile: str


STANDARDS = {
    "PDF/X-4": Standard("PDF/X-4", {"GTS_PDFXVersion": "PDF/X-4"}, XMP_PDFXID, PDF_VERSION, OUTPUT_INTENT, PROFILE),
    "PDF/X-1a:2003": Standard(
        "PDF/X-1a:2003",
        {"GTS_PDFXVersion": "PDF/X-1:2003", "GTS_PDFXConformance": "PDF/X-1a:2003"},
        XMP_PDFX,
        (1, 4),  # PDF/X-1a:2003 is built on PDF 1.4: no transparency, no object streams
        {
            "OutputConditionIdentifier": "CGATS TR 003",
            "OutputCondition": "SWOP (Specifications for Web Offset Publications), grade 3 coated paper",
            "RegistryName": "http://www.color.org",
            "Info": "SWOP-TR003-argyll: ArgyllCMS profile from the ANSI/CGATS/SWOP TR 003-2007 characterization data",
        },
        "SWOP-TR003-argyll.icc",
    ),
}
"""The PDF/X flavours the card files come in, by name."""


@lru_cache(maxsize=4)
def profile_bytes(name: str) -> bytes:
    """One shipped CMYK printer characterization, read once."""
    return files(__package__).joinpath("profiles", name).read_bytes()


def make_pdfx4(canvas, meta: Metadata, fingerprint: str, *, standard: str = "PDF/X-4") -> None:
    """Make the file PDF/X-4 (or another of :data:`STANDARDS`); call after the last page, before ``save``.
    ``fingerprint`` says what makes this file differ from others with the same metadata (its name, layout,
    options), for a file ID of its own."""
    chosen = STANDARDS[standard]
    year, month, day, hour, minute, second = internals.document_time(canvas)
    when = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}+00:00"
    internals.add_pdfx(
        canvas,
        profile=profile_bytes(chosen.profile),
        intent=chosen.intent,
        xmp=lambda ident: xmp(meta, when, ident, standard=chosen),
        fingerprint=fingerprint,
        keys=chosen.keys,
    )


def xmp(meta: Metadata, when: str, ident: str, *, standard: Standard = STANDARDS["PDF/X-4"]) -> str:
    """The XMP packet: the same title, dates, creator and producer as the Info dictionary, and the standard's
    identification keys."""
    prefix, namespace = standard.xmp_schema
    keys = "\n".join(f"<{prefix}:{key}>{escape(value)}</{prefix}:{key}>" for key, value in standard.keys.items())
    document = f"uuid:{uuid.UUID(hex=ident.ljust(32, '0')[:32])}"
    author = (
        f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>" if meta.author else ""
    )
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:{prefix}="{namespace}">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
{author}<xmp:CreateDate>{when}</xmp:CreateDate>
<xmp:ModifyDate>{when}</xmp:ModifyDate>
<xmp:MetadataDate>{when}</xmp:MetadataDate>
<xmp:CreatorTool>{escape(creator())}</xmp:CreatorTool>
<pdf:Producer>{escape(producer())}</pdf:Producer>
<pdf:Keywords>{escape(", ".join(meta.keywords))}</pdf:Keywords>
<pdf:Trapped>False</pdf:Trapped>
<xmpMM:DocumentID>{document}</xmpMM:DocumentID>
<xmpMM:InstanceID>{document}</xmpMM:InstanceID>
<xmpMM:VersionID>1</xmpMM:VersionID>
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>
{keys}
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
