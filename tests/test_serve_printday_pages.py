"""The print day's other pages, as an organiser meets them: a spreadsheet refused by its own name, row and column in
Dutch; the lesson's verdict after an import in the words and counts of the decks page and the print form;
printers renamed, removed and replaced only after asking; old links and refused requests in the page's language."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from datadialoog_print.cli import cli
from datadialoog_print.serve.app import create_app

from .serveclient import BASE, PORT, posting_versions, signed_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def client(tmp_path: Path, monkeypatch):
    return posting_versions(signed_in(tmp_path, monkeypatch, new_deck="eigen"))


def text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", page)))


def workbook(client, edit) -> bytes:
    """The deck's persons as the page downloads them, changed by ``edit(sheet)``."""
    book = openpyxl.load_workbook(io.BytesIO(client.get("/decks/eigen/persons.xlsx").content))
    edit(book["Personen"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes, name: str = "mijn personen.xlsx", mode: str = "replace"):
    return client.post("/decks/eigen/import", files={"file": (name, data, XLSX)}, data={"mode": mode})


def test_a_refused_spreadsheet_is_named_by_its_row_and_column_in_dutch(client, tmp_path: Path):
    before = (tmp_path / "decks" / "eigen" / "persons.yaml").read_bytes()

    def spoil(sheet):
        sheet["C3"] = "oud"  # Leeftijd of row 3
        sheet["A6"] = sheet["A2"].value  # a name twice
        sheet["B4"] = "Reeks 9"
        sheet["D5"] = "=A1"  # a formula

    r = upload(client, workbook(client, spoil))
    assert r.status_code == 422
    shown = text(r.text)
    assert "Er is niets ingelezen: mijn personen.xlsx heeft 4 problemen." in shown
    for line in (
        "mijn personen.xlsx, rij 3, kolom ‘Leeftijd’: oud is geen getal",
        "mijn personen.xlsx, rij 6, kolom ‘Naam’: de naam B. Bos staat al in rij 2",
        "mijn personen.xlsx, rij 4, kolom ‘Reeks’: ‘Reeks 9’ is geen reeks van dit kaartspel; kies uit Reeks 1, Reeks 2",
        "mijn personen.xlsx, rij 5, kolom ‘Opleidingsniveau’: een formule; typ de waarde zelf",
    ):
        assert line in shown, shown
    for never in ("upload", "persons.yaml", "persons[", "datadialoog-import", "row ", "column", "Error"):
        assert never not in shown, never
    assert 'id="file-eigen-error"' in r.text and "<details open>" in r.text  # at the field, its part unfolded
    assert (tmp_path / "decks" / "eigen" / "persons.yaml").read_bytes() == before


def test_a_missing_column_is_named_as_the_workbook_heads_it(client):
    r = upload(client, workbook(client, lambda sheet: sheet.delete_cols(9)))  # Maanden in de uitkering
    assert r.status_code == 422
    assert "mijn personen.xlsx: de kolom ‘Maanden in de uitkering’ ontbreekt" in text(r.text)


def test_a_file_that_is_no_spreadsheet_is_named_too(client):
    r = upload(client, b"PK\x03\x04 broken", name="personen.xlsx")
    assert r.status_code == 422 and "personen.xlsx: " in text(r.text) and "upload" not in r.text
    r = client.post(
        "/decks/eigen/import", files={"file": ("notities.txt", b"x", "text/plain")}, data={"mode": "replace"}
    )
    assert r.status_code == 422 and "notities.txt is geen werkmap of CSV-bestand" in text(r.text)
    r = client.post("/decks/eigen/import", data={"mode": "replace"})
    assert r.status_code == 422 and "Kies eerst een bestand" in text(r.text)


def test_the_verdict_after_an_import_is_counted_as_the_decks_page_and_the_print_form_count_it(client):
    """Series 1 sixteen years older (the age row no longer shows the lesson) and one person aged 7 with a
    university degree: the import's confirmation, the deck's row and the print form say the same."""

    def age(sheet):
        for row in range(2, 12):
            sheet.cell(row, 3).value += 16
        sheet["C2"], sheet["D2"] = 7, "WO"

    r = upload(client, workbook(client, age))
    assert r.status_code == 200, text(r.text)[-800:]
    confirmed = text(r.text)
    assert "Ingelezen uit mijn personen.xlsx: 20 personen; het kaartspel heeft er nu 20." in confirmed
    said = re.search(
        r"Daarna: (de les klopt niet op \d+ rij(?:en)?), (\d+ waarschuwing(?:en)? bij (?:een )?personen?)", confirmed
    )
    assert said, confirmed
    lesson, persons = said.groups()
    row = text(client.get("/").text)
    assert f"{lesson}, {persons}" in row
    form = text(client.get("/decks/eigen/print").text)
    count = int(re.search(r"\d+", lesson).group())
    assert f"De les klopt niet meer op {count} rij" in form
    assert persons[0].upper() + persons[1:] in form or persons in form
    assert "Leeftijd:" in confirmed and "Leeftijd:" in form  # the lesson's own sentences, beside the verdict


def test_printers_are_replaced_renamed_and_removed_only_after_asking(client, tmp_path: Path):
    saved = lambda: json.loads((tmp_path / "config" / "printers.json").read_text(encoding="utf-8"))["printers"]  # noqa: E731
    r = client.post("/printers", data={"name": "Kantoor", "duplex": "long", "x": "", "y": "-1"})
    assert r.status_code == 422 and 'id="x-error">vul het getal in dat u afleest' in r.text  # empty is not 0
    assert not (tmp_path / "config" / "printers.json").exists()
    assert client.post("/printers", data={"name": "Kantoor", "duplex": "long", "x": "0", "y": "-1"}).status_code == 201
    r = client.post("/printers", data={"name": "kantoor", "duplex": "short", "x": "2", "y": "2"})
    assert r.status_code == 409 and "er is al een printer ‘kantoor’" in text(r.text) and 'name="replace"' in r.text
    assert saved() == [{"name": "Kantoor", "duplex": "long", "back_offset_mm": [0.0, -1.0]}]
    r = client.post("/printers", data={"name": "kantoor", "duplex": "short", "x": "2", "y": "2", "replace": "yes"})
    assert r.status_code == 201 and saved() == [{"name": "kantoor", "duplex": "short", "back_offset_mm": [2.0, 2.0]}]
    client.post("/printers", data={"name": "Zolder", "duplex": "long", "x": "0", "y": "0"})
    r = client.post("/printers/rename", data={"old": "kantoor", "new": "zolder"})
    assert r.status_code == 422 and "er is al een printer ‘zolder’" in text(r.text)
    r = client.post("/printers/rename", data={"old": "kantoor", "new": "Kantoor 2e"})
    assert r.status_code == 200 and "kantoor heet nu Kantoor 2e." in text(r.text)
    assert [p["name"] for p in saved()] == ["Kantoor 2e", "Zolder"] and saved()[0]["back_offset_mm"] == [2.0, 2.0]
    r = client.post("/printers/rename", data={"old": "Zolder", "new": "  "})
    assert r.status_code == 422 and "geef de printer een naam" in text(r.text)
    r = client.post("/printers/remove", data={"name": "Zolder"})  # not confirmed
    assert r.status_code == 422 and len(saved()) == 2
    r = client.post("/printers/remove", data={"name": "Zolder", "confirm": "yes"})
    assert (
        r.status_code == 200
        and "Zolder is verwijderd." in text(r.text)
        and [p["name"] for p in saved()] == ["Kantoor 2e"]
    )
    listed = CliRunner().invoke(cli, ["printers"], catch_exceptions=False).output
    assert "Kantoor 2e" in listed and "Zolder" not in listed


def test_a_calibration_sheet_for_a_saved_printer_carries_its_offset(client):
    from pypdf import PdfReader

    client.post("/printers", data={"name": "Kantoor", "duplex": "long", "x": "1,5", "y": "-1"})
    r = client.post("/printers/calibration.pdf", data={"paper": "a4", "duplex": "long", "printer": "Kantoor"})
    assert r.status_code == 200
    sheet = " ".join(PdfReader(io.BytesIO(r.content)).pages[0].extract_text().split())
    assert "X = 1,5 en Y = −1 mm" in sheet and "vult u bij X 2 in" in sheet


def test_an_old_result_link_says_what_to_do_in_the_pages_language(client):
    r = client.get("/decks/default/builds/77")
    assert r.status_code == 404 and "Dit resultaat is er niet meer" in r.text
    assert '<a href="/decks/default/print">Maak de set opnieuw</a>' in r.text
    r = client.get("/decks/default/builds/77", headers={"accept-language": "en"})
    assert "This result is no longer here" in r.text


@pytest.mark.parametrize(
    ("headers", "status", "dutch", "english"),
    [
        ({}, 403, "Deze pagina vraagt het adres met de sleutel", "This page needs the address with the key"),
        ({"host": "evil.example:8123"}, 400, "via een ander adres geopend", "through another address"),
    ],
)
def test_a_refused_request_answers_in_the_browsers_language(tmp_path: Path, headers, status, dutch, english):
    stranger = TestClient(create_app(token="t", port=PORT), base_url=BASE)
    r = stranger.get("/", headers={**headers, "accept-language": "nl-NL,nl;q=0.9"})
    assert r.status_code == status and dutch in r.text and '<html lang="nl">' in r.text
    r = stranger.get("/", headers={**headers, "accept-language": "en-GB"})
    assert r.status_code == status and english in r.text and '<html lang="en">' in r.text


def test_a_deck_is_listed_by_its_title_and_the_examples_are_marked(client):
    page = text(client.get("/").text)
    assert "Datadialogen Voorbeeld, om te kopiëren korte naam: default · Nederlands" in page
    assert "Datadialogen korte naam: eigen" in page  # a copy made by `new` keeps the title until given one
    assert "personen per reeks: 10 / 10" in page
    download = client.get("/decks/eigen/persons.xlsx")
    assert 'filename="datadialogen-personen.xlsx"' in download.headers["content-disposition"]
