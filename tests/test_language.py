"""The slips a first-time facilitator found (issue 26), listed once and looked for in the text of
every document both shipped decks build: one register (u) in Dutch, the standard spellings, and
English written as English rather than translated Dutch."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from .conftest import ROOT

SLIPS = {
    "default": {
        r"\b(je|jij|jou|jouw|jullie)\b": "'je' for participants who are 'u' elsewhere",
        r"\b[Dd]ata-gedreven": "the standard spelling is 'datagedreven'",
        r"\bData dialogen\b": "the workshop is 'Datadialogen', beside 'De datadialoog'",
        r"(?<!groot- )\bhandel en detailhandel": "detailhandel is part of handel: 'groot- en detailhandel'",
        r"invloed op of": "'invloed op de vraag of'",
        r"\bdiens\b": "'van die persoon'",
        r"\b[Vv]oorwaarden? van\b": "'voorwaarde voor'",
        r"\bAngst\b": "the heading of 'Ik ben bang dat' is 'Zorgen'",
        r"\been pen\b": "a pencil and an eraser, so the cards serve again",
        r"re-integratiedienstverlening": "far above B1 for clients",
        r"\bsneller\b": "the data say found work or not yet, not how fast",
        r"Het besef dat": "a fragment, not a sentence",
        r"Aanname: (Hier zijn geen|De twee groepen wonen)": "an observation or a non-finding labelled as an assumption",
    },
    "default-en": {
        r"\b[Dd]ata-driven": "'working with data'",
        r"\bAssignments?\b": "an 'exercise' in English",
        r"\bSet\s+Meaning\b": "the table header says 'Series', as the cards do",
        r"one and the same": "said three times over",
        r"of 10 higher education": "'9 of 10 with higher education'",
        r"The realisation": "a fragment, not a sentence",
        r"\ba pen\b": "a pencil and an eraser",
        r"\bpersons\b": "'people'",
        r"more quickly": "the data say found work or not yet, not how fast",
        r"Assumption: (No striking|The two groups)": "an observation or a non-finding labelled as an assumption",
    },
}


def texts(folder: Path) -> dict[str, str]:
    """Every PDF's extracted text, pages joined, spacing normalised (so a slip across a line break is found)."""
    out = {}
    for pdf in sorted(folder.glob("*.pdf")):
        doc = pdfium.PdfDocument(str(pdf))
        out[pdf.name] = " ".join(" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc)))
        doc.close()
    return out


@pytest.fixture(scope="module", params=sorted(SLIPS))
def built(request, tmp_path_factory) -> tuple[str, dict[str, str]]:
    out = tmp_path_factory.mktemp(request.param)
    result = CliRunner().invoke(cli, ["build", str(ROOT / "decks" / request.param), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return request.param, texts(out)


def test_none_of_the_slips_in_any_document(built):
    """Not one of the listed slips in any document of either shipped deck, cards included."""
    deck, documents = built
    assert len(documents) >= 9
    found = [
        f"{name}: {match.group(0)!r} ({why})"
        for name, text in documents.items()
        for pattern, why in SLIPS[deck].items()
        for match in [re.search(pattern, text)]
        if match
    ]
    assert found == []


def test_the_slips_are_found_where_they_stand():
    """Each pattern catches the slip as the original wrote it (a pattern that matches nothing guards nothing)."""
    originals = {
        "default": [
            "Waarom heb je de kaarten zo neergelegd",
            "ervaring met data-gedreven werken",
            "Data dialogen · Nabespreking",
            "handel en detailhandel",
            "heeft invloed op of je werk kunt vinden",
            "op al diens kaarten",
            "Een voorwaarde van data-gedreven werken",
            "Angst",
            "elke deelnemer een pen",
            "passende re-integratiedienstverlening",
            "vinden sneller een baan",
            "Het besef dat de kaarten",
            "Aanname: Hier zijn geen opvallende verschillen",
        ],
        "default-en": [
            "data-driven working",
            "Assignment 1",
            "Set Meaning Colour",
            "comes from one and the same source",
            "9 of 10 higher education",
            "The realisation that the cards",
            "each participant a pen",
            "fictional persons",
            "find a job more quickly",
            "Assumption: No striking differences",
        ],
    }
    for deck, patterns in SLIPS.items():
        for pattern, original in zip(patterns, originals[deck], strict=True):
            assert re.search(pattern, original), (deck, pattern)
    # ... and not the fixes.
    assert not re.search(r"(?<!groot- )\bhandel en detailhandel", "groot- en detailhandel")
    assert not re.search(r"\ba pen\b", "a pencil and an eraser")
    assert not re.search(r"\b(je|jij|jou|jouw|jullie)\b", "Wat valt op als u kijkt")
