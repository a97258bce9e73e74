"""The workbook's 'Gepseudonimiseerd' column: import sets deck.yaml's lists from it, and changes nothing else there."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from datadialoog_print import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.trainer.pseudonymised import with_pseudonymised

from .conftest import DeckFolder


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def marked(deck: DeckFolder) -> dict[str, list[str]]:
    return {s.key: list(s.pseudonymised) for s in load_deck(deck.path).series}


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".csv"])
def test_renaming_a_pre_pseudonymised_person_in_the_workbook_imports(tmp_path, deck_copy: DeckFolder, suffix):
    """K. Bouzid renamed M. de Vries in the sheet: imported, and deck.yaml's list follows (its comment kept)."""
    path = tmp_path / f"p{suffix}"
    assert invoke("export", str(deck_copy.path), str(path))[0] == 0
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        for cell in book.worksheets[0]["A"]:
            if cell.value == "K. Bouzid":
                cell.value = "M. de Vries"
        book.save(path)
    elif suffix == ".ods":
        source = path.with_name("source.ods")
        path.rename(source)
        with zipfile.ZipFile(source) as z, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in z.infolist():
                out.writestr(info, z.read(info.filename).replace(b"K. Bouzid", b"M. de Vries"))
    else:
        path.write_bytes(path.read_bytes().replace(b"K. Bouzid", b"M. de Vries"))
    before = deck_copy.text("deck.yaml")
    code, out = invoke("import", str(deck_copy.path), str(path), "--replace")
    assert code == 0, out
    assert set(marked(deck_copy)["2"]) == {"M. de Vries", "G. Pinas", "H. Verbeek"}
    after = deck_copy.text("deck.yaml")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and "pseudonymised:" in changed[0][1], changed
    assert (deck_copy.path / "backups" / "deck-1.yaml").read_text(encoding="utf-8") == before


def test_marking_and_unmarking_in_the_column(tmp_path, deck_copy: DeckFolder):
    """'ja' on a person of series 2 adds them, 'nee' takes one off; a word that is neither is refused by row and column."""
    path = tmp_path / "p.xlsx"
    invoke("export", str(deck_copy.path), str(path))
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    last = sheet.max_column
    assert sheet.cell(1, last).value == "Gepseudonimiseerd"
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    series2 = [n for n, r in rows.items() if sheet.cell(r, 2).value == "Reeks 2" and sheet.cell(r, last).value == "nee"]
    sheet.cell(rows[series2[0]], last).value = "ja"
    sheet.cell(rows["K. Bouzid"], last).value = "nee"
    book.save(path)
    assert invoke("import", str(deck_copy.path), str(path), "--replace")[0] == 0
    assert set(marked(deck_copy)["2"]) == {"G. Pinas", "H. Verbeek", series2[0]}
    sheet.cell(rows["G. Pinas"], last).value = "misschien"
    book.save(path)
    code, out = invoke("import", str(deck_copy.path), str(path), "--replace")
    assert code == 2 and "column 'Gepseudonimiseerd': 'misschien'; type ja or nee" in out, out


def test_a_file_without_the_column_leaves_deck_yaml_alone(tmp_path, deck_copy: DeckFolder):
    header = "Naam;Reeks;Leeftijd;Opleidingsniveau;Migratieachtergrond;Studieschuld;Sector;Ziekenhuisbezoeken;Maanden in de uitkering;Aantal interventies;Postcode;Geslacht"
    path = tmp_path / "old.csv"
    path.write_text(f"{header}\nZ. Nieuw;Reeks 2;30;HBO;Nederlands;1000;horeca;1;3;2;3582;vrouw\n", encoding="utf-8")
    before = deck_copy.text("deck.yaml")
    assert invoke("import", str(deck_copy.path), str(path), "--append")[0] == 0
    assert deck_copy.text("deck.yaml") == before


def test_with_pseudonymised_edits_flow_and_block_lists_and_adds_a_missing_key():
    text = (
        "# a comment\n"
        "series:\n"
        "  - key: 1\n"
        "    label: Reeks 1  # kept\n"
        "  - key: 2\n"
        "    pseudonymised:\n"
        "      - A. Een\n"
        "      - B. Twee\n"
        "    label: Reeks 2\n"
        "  - key: 3\n"
        "    pseudonymised: [C. Drie]\n"
    )
    out = with_pseudonymised(text, {"1": ["Z: x, y"], "2": ["B. Twee"], "3": []})
    data = yaml.safe_load(out)
    assert [s.get("pseudonymised") for s in data["series"]] == [["Z: x, y"], ["B. Twee"], []]
    assert "# a comment" in out and "label: Reeks 1  # kept" in out and data["series"][1]["label"] == "Reeks 2"
