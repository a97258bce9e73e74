"""PDF/X-4 as a print shop's preflight reads it: every key, on every card file, and the dates that keep rebuilds equal."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print.cli import cli
from datadialoog_print.render import internals
from datadialoog_print.render.pdfx import profile

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "pdfx": "http://ns.adobe.com/pdfx/1.3/",
}
PROFILE = Path(__file__).resolve().parents[1] / "src/datadialoog_print/render/profiles"


def build(out: Path, *args: str, env: dict | None = None) -> None:
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--only", "cards", "-q", *args], env=env)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def singles(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("singles")
    build(out, "--layout", "single")
    return out


def info_date_to_xmp(value: str) -> str:
    """D:20000101000000+00'00' → 2000-01-01T00:00:00+00:00."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-]\d\d)'(\d\d)'", value)
    assert m, value
    y, mo, d, h, mi, s, tz, tzm = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{tz}:{tzm}"


def check_pdfx4(pdf: Path) -> dict:
    """Every PDF/X-4 key this tool writes, checked; returns the XMP values for further checks."""
    assert pdf.read_bytes()[:8] in (b"%PDF-1.6", b"%PDF-1.7")
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    info = reader.trailer["/Info"].get_object()
    # The output intent, with the embedded CMYK printer characterization.
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/Type"] == "/OutputIntent" and intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/RegistryName"] == "http://www.color.org"
    assert "ISO 12647-2" in intent["/OutputCondition"]
    icc = intent["/DestOutputProfile"].get_object()
    data = icc.get_data()
    assert icc["/N"] == 4 and data == profile() == (PROFILE / "FOGRA39L-argyll.icc").read_bytes()
    assert data[36:40] == b"acsp" and data[12:16] == b"prtr" and data[16:20] == b"CMYK" and data[20:24] == b"Lab "
    # XMP metadata, in step with the Info dictionary.
    metadata = root["/Metadata"].get_object()
    assert metadata["/Type"] == "/Metadata" and metadata["/Subtype"] == "/XML"
    xml = ET.fromstring(metadata.get_data().decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    desc = xml.find("rdf:RDF/rdf:Description", NS)
    values = {
        "version": desc.findtext("pdfxid:GTS_PDFXVersion", namespaces=NS),
        "title": desc.findtext("dc:title/rdf:Alt/rdf:li", namespaces=NS),
        "created": desc.findtext("xmp:CreateDate", namespaces=NS),
        "modified": desc.findtext("xmp:ModifyDate", namespaces=NS),
        "trapped": desc.findtext("pdf:Trapped", namespaces=NS),
        "producer": desc.findtext("pdf:Producer", namespaces=NS),
        "creator": desc.findtext("xmp:CreatorTool", namespaces=NS),
        "document": desc.findtext("xmpMM:DocumentID", namespaces=NS),
        "rendition": desc.findtext("xmpMM:RenditionClass", namespaces=NS),
        "version_id": desc.findtext("xmpMM:VersionID", namespaces=NS),
    }
    assert values["version"] == "PDF/X-4"
    assert values["title"] == info["/Title"] and values["title"]
    assert values["created"] == info_date_to_xmp(info["/CreationDate"])
    assert values["modified"] == info_date_to_xmp(info["/ModDate"])
    assert values["trapped"] == "False" and info["/Trapped"] == "/False"
    assert values["producer"] == info["/Producer"] and values["creator"] == info["/Creator"]
    assert values["rendition"] == "default" and values["version_id"] == "1"
    # The trailer ID: present, and the XMP document ID is made from it.
    ident = reader.trailer["/ID"]
    assert len(ident) == 2 and ident[0] == ident[1] and len(ident[0].original_bytes) == 16
    assert values["document"].replace("uuid:", "").replace("-", "") == ident[0].original_bytes.hex()
    # TrimBox within BleedBox within MediaBox, on every page.
    for page in reader.pages:
        media, bleed, trim = ([float(v) for v in page[key]] for key in ("/MediaBox", "/BleedBox", "/TrimBox"))
        assert media[0] <= bleed[0] <= trim[0] and media[1] <= bleed[1] <= trim[1]
        assert trim[2] <= bleed[2] <= media[2] and trim[3] <= bleed[3] <= media[3]
    return values | {"id": ident[0].original_bytes.hex()}


def test_every_single_card_file_is_pdfx4(singles: Path):
    """Fronts and backs of both series: every PDF/X-4 key, and each file an ID of its own."""
    files = sorted(singles.glob("*.pdf"))
    assert len(files) == 4
    found = {pdf.name: check_pdfx4(pdf) for pdf in files}
    assert len({v["id"] for v in found.values()}) == 4
    assert all(v["created"] == "2000-01-01T00:00:00+00:00" for v in found.values())
    assert found["kaarten-reeks-1-groen-achterkanten.pdf"]["title"].endswith("Kaarten Reeks 1, achterkanten")


def test_card_sheets_are_pdfx4_too(tmp_path: Path):
    """The office sheets carry the same keys; their trim is the sheet."""
    build(tmp_path, "--paper", "letter")
    for pdf in tmp_path.glob("*.pdf"):
        check_pdfx4(pdf)
        page = PdfReader(pdf).pages[0]
        assert [float(v) for v in page["/TrimBox"]] == [float(v) for v in page["/MediaBox"]]


def test_source_date_epoch_dates_every_file_and_rebuilds_stay_equal(tmp_path: Path):
    """SOURCE_DATE_EPOCH=1700000000: Info and XMP say 2023-11-14 22:13:20 UTC; two builds, the same bytes."""
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    digests = []
    for name in ("a", "b"):
        build(tmp_path / name, "--layout", "single", env=env)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / name).glob("*.pdf")})
    assert digests[0] == digests[1]
    values = check_pdfx4(tmp_path / "a" / "kaarten-reeks-2-geel.pdf")
    assert values["created"] == values["modified"] == "2023-11-14T22:13:20+00:00"


@pytest.mark.parametrize(
    "value", ["yesterday", "1.7e9", "-5", "99999999999999", "²", "١٧٠٠٠٠٠٠٠٠", "1_700_000_000", "9" * 5000]
)
def test_a_source_date_epoch_that_is_no_date_is_refused(tmp_path: Path, value: str):
    """A SOURCE_DATE_EPOCH ReportLab would crash on: one clear line, exit 2, nothing written."""
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "out"), "-q"], env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.output and "whole seconds" in result.output
    assert not (tmp_path / "out").exists()


def test_internals_still_find_what_they_use(monkeypatch):
    """problems() is empty with this ReportLab, and names a part that goes missing."""
    assert internals.problems() == []
    from reportlab.pdfbase import pdfdoc

    monkeypatch.delattr(pdfdoc.PDFResourceDictionary, "setColorSpace")
    assert any("setColorSpace" in p for p in internals.problems())
