"""The result page as the print plan: its copies and sheets are the booklet's own (run sheet and guide, read from the
PDF of the same build) for 1, 2 and 3 tables; what was asked; the test sheet; the line above the print form's
button that follows the choices."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from .serveclient import signed_in


@pytest.fixture
def client(tmp_path: Path, monkeypatch):
    return signed_in(tmp_path, monkeypatch)


def plan(page: str) -> dict[str, tuple[str, str]]:
    """The plan's rows: file name → (how many, sheets), as the page shows them."""
    table = page[page.index('<table class="plan">') : page.index("</table>")]
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        name = re.search(r'class="file">([^<]+)</a>', row).group(1)
        cells = [html.unescape(re.sub("<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        out[name] = (cells[0], cells[3])
    return out


def per_copy(sheets: str) -> int:
    """The sheets one copy takes, from the page's "16 (2 per exemplaar)", "11 vellen per exemplaar" or "24"."""
    match = re.search(r"\((\d+) per exemplaar\)", sheets) or re.search(r"(\d+) vel(?:len)? per exemplaar", sheets)
    return int(match.group(1)) if match else int(sheets)


def booklet(out: Path) -> tuple[dict[str, int], dict[str, int]]:
    """The booklet's run sheet (copies per file: "8 × stellingen-deelnemers.pdf") and its guide's table (sheets
    per copy per file), read from the A5 booklet's text."""
    text = "\n".join(p.extract_text() for p in PdfReader(out / "gespreksleider-a5.pdf").pages)
    copies = {name: int(n) for n, name in re.findall(r"(\d+) × (\S+\.pdf)", text)}
    guide = text[text.index("Printen en snijden\nWelk bestand") :]
    guide = guide[: guide.index("\n•")].replace("-\n", "-")  # a long file name wraps after its hyphen
    sheets, current, numbers = {}, None, []
    for line in guide.splitlines():
        if re.fullmatch(r"\S+\.pdf", line.strip()):
            current, numbers = line.strip(), []
        elif current and current not in sheets and re.fullmatch(r"\d+", line.strip()):
            numbers.append(int(line))
            if len(numbers) == 2:  # the guide's Copies, then Sheets (of all its copies)
                sheets[current] = numbers[1] // numbers[0]
    return copies, sheets


@pytest.mark.parametrize("sets", [1, 2, 3])
def test_copies_and_sheets_are_the_booklets_own(client, tmp_path: Path, sets: int):
    """Per file: the copies the run sheet counts for this many tables, the sheets a copy takes as the guide counts
    them (the A4 booklet: its pages over two, not over four), in the guide's order."""
    r = client.post("/decks/default/build", data={"sets": str(sets)})
    assert r.status_code == 200, r.text[-500:]
    rows = plan(r.text)
    out = tmp_path / "output" / "default"
    copies, sheets = booklet(out)
    assert copies == {"stellingen-deelnemers.pdf": 4 * sets, "vragen.pdf": sets, "stellingen.pdf": 1,
                      "sleutelblad.pdf": sets, "antwoordblad.pdf": 1}  # fmt: skip
    for name, count in copies.items():
        shown = rows[name][0]
        assert shown == (f"{count} exemplaren" if count > 1 else "1 exemplaar"), (name, shown)
    assert len(sheets) == 9 and set(sheets) <= set(rows)
    for name, count in sheets.items():
        assert per_copy(rows[name][1]) == count, (name, rows[name])
    pages = {n: f["pages"] for n, f in json.loads((out / "manifest.json").read_text())["files"].items()}
    assert per_copy(rows["gespreksleider-boekje-a4.pdf"][1]) == pages["gespreksleider-boekje-a4.pdf"] // 2  # not / 4
    assert rows["dias.pdf"][0] == "niet printen: om te tonen"
    assert list(rows)[:4] == ["kaarten-reeks-1-groen.pdf", "kaarten-reeks-2-geel.pdf", "gespreksleider-a5.pdf",
                              "gespreksleider-boekje-a4.pdf"]  # fmt: skip
    if sets > 1:
        assert rows["kaarten-reeks-1-groen.pdf"][0] == f"1 exemplaar, met alle {sets} sets"
        total, each = map(
            int, re.fullmatch(r"(\d+) \((\d+) per exemplaar\)", rows["stellingen-deelnemers.pdf"][1]).groups()
        )
        assert total == each * 4 * sets  # one per participant: four a table


def test_what_was_asked_and_the_test_sheet(client, tmp_path: Path):
    """A saved printer with its flip and offset: both reach the build (a flip ignored while the offset is kept is
    caught here), and the result page says what was asked and which test sheet to print first."""
    client.post("/printers", data={"name": "Kantoor 2", "duplex": "short", "x": "1,5", "y": "-1"})
    r = client.post("/decks/default/build", data={"sets": "2", "printer": "Kantoor 2", "duplex": "long"})
    assert r.status_code == 200
    options = json.loads((tmp_path / "output" / "default" / "manifest.json").read_text())["options"]
    assert options["duplex"] == "short" and options["back_offset_mm"] == [1.5, -1.0] and options["sets"] == 2
    text = html.unescape(re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", r.text)))
    assert (
        "Gevraagd: 2 kaartsets op A4, dubbelzijdig via de korte kant, printer Kantoor 2 "
        "(achterkant 1,5 mm naar rechts, 1 mm omlaag)" in text
    )
    assert "Eerst één testvel" in text and "Print alleen pagina 1 en 2 van kaarten-reeks-1-groen.pdf" in text
    assert "Meet één kaart tussen de snijtekens: 63 × 88 mm" in text
    assert "Klaar om te printen: Datadialogen" in text and "output/" not in text


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        ({}, "U maakt: 1 kaartset op A4, dubbelzijdig via de lange kant, zonder correctie van de achterkant"),
        ({"paper": "letter", "sets": "3"}, "3 kaartsets op Letter"),
        ({"back_offset_x": "1,5", "back_offset_y": "-1"}, "achterkant 1,5 mm naar rechts, 1 mm omlaag"),
        ({"back_offset_x": "-0.5"}, "achterkant 0,5 mm naar links"),
        ({"duplex": "none"}, "1 kaartset op A4, alleen voorkanten"),
        ({"shop": "tgc"}, "1 kaartset, losse kaarten voor The Game Crafter"),
        ({"mono": "on", "sets": "2", "pack_sets": "on"}, "zwart-wit, sets aaneensluitend"),
        ({"only": ["cards", "answers"]}, "alleen: kaarten, antwoordblad"),
        ({"sets": "27", "back_offset_x": "x"}, "Nog niet te maken: 2 keuzes kloppen niet"),
    ],
)
def test_the_summary_follows_the_choices(client, fields: dict, line: str):
    r = client.post("/decks/default/print/summary", data={"paper": "a4", "sets": "1", **fields})
    assert r.status_code == 200 and line in html.unescape(re.sub("<[^>]+>", "", r.text)), r.text


def test_the_summary_names_a_saved_printer_in_english(client):
    client.post("/printers", data={"name": "Office 2", "duplex": "long", "x": "1.5", "y": "-1"})
    r = client.post(
        "/decks/default-en/print/summary", data={"sets": "2", "printer": "Office 2"}, headers={"accept-language": "en"}
    )
    text = html.unescape(re.sub("<[^>]+>", "", r.text))
    assert (
        "2 card sets on A4, double-sided, flipping on the long edge, printer Office 2 (backs 1.5 mm to the right, 1 mm down)"
        in text
    )


def test_the_form_opens_with_three_choices_and_a_summary(client):
    """Paper, tables and printer before everything else; the rest folded; the line above the button."""
    page = client.get("/decks/default/print").text
    first = [page.index(marker) for marker in ('name="paper"', 'name="sets"', 'id="printer"', '<details class="more"', 'id="summary"', "Maken</button>")]  # fmt: skip
    assert first == sorted(first)
    folded = page[page.index('<details class="more"') : page.index("</details>", page.index('<details class="more"'))]
    assert all(f'name="{name}"' in folded for name in ("layout", "duplex", "back_offset_x", "shop", "max_ink", "only"))
    assert '<details class="more" open>' not in page
