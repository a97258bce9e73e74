"""What a print-day prepress check found in the card files: marks in registration colour (the All
separation, no ink), the PDF/X version in Info as well as XMP, a real author, and a subset tag per font."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import ContentStream

from datadialoog_print.cli import cli

from .test_pdfx import NS


def build(out: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "-q", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sheets")
    build(out, "--only", "cards", "--paper", "letter", "--max-ink", "260")
    return out


def colour_uses(reader: PdfReader) -> list[tuple[str, tuple[float, ...], str]]:
    """Every colour the file's content streams set, pages and forms alike, none left out:
    (colour space name, operands, the stream it is in), with DeviceCMYK as "DeviceCMYK"."""
    found = []
    seen: set[int] = set()

    def visit(stream, resources, where: str) -> None:
        spaces = resources.get("/ColorSpace", {}) if resources else {}
        current = {"fill": "DeviceGray", "stroke": "DeviceGray"}
        for operands, op in ContentStream(stream, reader).operations:
            op = op.decode()
            if op in ("k", "K"):
                found.append(("DeviceCMYK", tuple(float(v) for v in operands), where))
            elif op in ("cs", "CS"):
                name = str(operands[0])
                space = spaces[name].get_object() if name in spaces else name
                label = f"{space[0]} {space[1]}" if not isinstance(space, str) else space
                current["fill" if op == "cs" else "stroke"] = label
            elif op in ("scn", "SCN", "sc", "SC"):
                found.append((current["fill" if op.islower() else "stroke"], tuple(float(v) for v in operands), where))
            elif op in ("rg", "RG", "g", "G"):
                found.append(("DeviceRGB" if op.lower() == "rg" else "DeviceGray", tuple(operands), where))
        for name, ref in (resources.get("/XObject", {}) if resources else {}).items():
            form = ref.get_object()
            if id(form) in seen or form.get("/Subtype") != "/Form":
                continue
            seen.add(id(form))
            visit(form, form.get("/Resources", {}).get_object() if "/Resources" in form else None, name)

    for number, page in enumerate(reader.pages, 1):
        visit(page.get_contents(), page["/Resources"].get_object(), f"page {number}")
    return found


def test_marks_are_in_the_all_separation_and_no_colour_exceeds_the_ink_limit(sheets: Path):
    """Every colour of every stream counted, marks included: the marks stroke in /Separation /All,
    every DeviceCMYK colour stays within --max-ink 260, and nothing is RGB or grey."""
    files = sorted(sheets.glob("*.pdf"))
    assert len(files) == 2
    for pdf in files:
        uses = colour_uses(PdfReader(pdf))
        marks = [u for u in uses if u[2] == "/FormXob.marks"]
        assert marks and all(space == "/Separation /All" and values == (1.0,) for space, values, _ in marks)
        cmyk = [values for space, values, _ in uses if space == "DeviceCMYK"]
        assert cmyk and max(sum(v) * 100 for v in cmyk) <= 260 + 1e-6
        assert {space for space, _, _ in uses} <= {"DeviceCMYK", "/Separation /All"}


def info_and_xmp(pdf: Path) -> tuple[dict, ET.Element]:
    reader = PdfReader(pdf)
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    xml = ET.fromstring(metadata.split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    return reader.trailer["/Info"].get_object(), xml.find("rdf:RDF/rdf:Description", NS)


def test_pdfx_version_and_author_in_info_and_xmp(sheets: Path):
    """/GTS_PDFXVersion in the Info dictionary as in XMP; /Author the deck, the same as dc:creator."""
    for pdf in sorted(sheets.glob("*.pdf")):
        info, desc = info_and_xmp(pdf)
        assert info["/GTS_PDFXVersion"] == desc.findtext("pdfxid:GTS_PDFXVersion", namespaces=NS) == "PDF/X-4"
        assert info["/Author"] == "Datadialogen · default"
        assert desc.findtext("dc:creator/rdf:Seq/rdf:li", namespaces=NS) == info["/Author"]


def base_fonts(pdf: Path) -> list[str]:
    return re.findall(rb"/BaseFont /([A-Z]{6}\+[\w-]+)", Path(pdf).read_bytes().replace(b"\r", b""))


def test_every_font_subset_has_a_tag_of_its_own(tmp_path: Path):
    """Regular and Bold (and the booklet's four styles) each a different six-letter tag, the same on a rebuild."""
    from pypdf import PdfReader

    build(tmp_path / "a", "--only", "cards", "--only", "booklet")
    for name in ("kaarten-reeks-1-groen.pdf", "gespreksleider-a5.pdf"):
        reader = PdfReader(tmp_path / "a" / name)
        fonts = {
            str(font.get_object()["/BaseFont"])
            for page in reader.pages
            for xobject in [page["/Resources"]]
            for font in (xobject.get("/Font") or {}).values()
        }
        tags = {f.split("+")[0] for f in fonts}
        assert len(fonts) >= 2 and len(tags) == len(fonts), fonts
        assert all(re.fullmatch(r"/[A-Z]{6}", t) for t in tags) and "/AAAAAA" not in tags
