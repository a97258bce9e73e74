"""The exported workbook guides a trainer, and import reads it (and CSV) back exactly.

Expected values come from the deck's YAML read here with PyYAML, not from the tool's model,
so a wrong label, list or bound in the workbook cannot agree with itself.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from datadialoog_print import load_deck
from datadialoog_print.cli import cli

from .conftest import ROOT, DeckFolder

DECKS = ROOT / "decks"
WORDS = {
    "nl": {"persons": "Personen", "explanation": "Uitleg", "name": "Naam", "series": "Reeks"},
    "en": {"persons": "Persons", "explanation": "Explanation", "name": "Name", "series": "Series"},
}
PSEUDONYMISED = {"nl": ("Gepseudonimiseerd", "ja", "nee"), "en": ("Pseudonymised", "yes", "no")}


def persons(deck: Path) -> list[tuple]:
    """A deck's persons as values (the line each stands on in persons.yaml left out)."""
    return [(p.name, p.series, dict(p.values)) for p in load_deck(deck).persons]


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def fails(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 2, result.output
    return result.output


def deck_yaml(name: str) -> dict:
    return yaml.safe_load((DECKS / name / "deck.yaml").read_text(encoding="utf-8"))


def list_values(book, check) -> list[str]:
    """The values a list check offers: written inline ("a,b") or as a range on another sheet."""
    source = check.formula1
    if source.startswith('"'):
        return source[1:-1].split(",")
    sheet, cells = source.rsplit("!", 1)
    return [c.value for row in book[sheet.strip("'")][cells.replace("$", "")] for c in row]


def checks_by_column(sheet) -> dict[str, object]:
    out = {}
    for check in sheet.data_validations.dataValidation:
        ref = str(check.sqref)
        letter = "".join(ch for ch in ref.split(":")[0] if ch.isalpha())
        assert ref == f"{letter}2:{letter}1048576", ref  # every row a trainer can add, not just the filled ones
        assert letter not in out, f"two checks on column {letter}"
        out[letter] = check
    return out


def sheet_rows(path: Path) -> list[list]:
    """The persons sheet's cells as values, header included (via openpyxl, independent of the tool's reader)."""
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    """A folder to work in with its own decks/ (copies of default and default-en), where `new NAME` writes."""
    for name in ("default", "default-en"):
        shutil.copytree(DECKS / name, tmp_path / "decks" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("export")
    out = {}
    for name in ("default", "default-en"):
        out[name] = folder / f"{name}.xlsx"
        run("export", name, str(out[name]))
    return out


@pytest.mark.parametrize("name", ["default", "default-en"])
def test_persons_sheet_headers_and_dropdowns(exported, name: str):
    """Headers as printed, bold and frozen; a dropdown of exactly the deck's values on every category and the series."""
    data = deck_yaml(name)
    words = WORDS[data["language"]]
    book = openpyxl.load_workbook(exported[name])
    assert book.sheetnames[:2] == [words["persons"], words["explanation"]]
    sheet = book[words["persons"]]
    header = [c.value for c in sheet[1]]
    pseudonymised, yes, no = PSEUDONYMISED[data["language"]]
    assert header == [words["name"], words["series"], *(a["label"] for a in data["attributes"]), pseudonymised]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "B2"  # the header row (and the names) stay in view
    checks = checks_by_column(sheet)
    letters = {h: openpyxl.utils.get_column_letter(i) for i, h in enumerate(header, 1)}
    assert len(checks) == len(header)  # every column has one (at least an input message)
    series = checks[letters[words["series"]]]
    assert series.type == "list" and list_values(book, series) == [s["label"] for s in data["series"]]
    marks = checks[letters[pseudonymised]]
    assert marks.type == "list" and list_values(book, marks) == [yes, no] and marks.errorStyle == "stop"
    for a in data["attributes"]:
        check = checks[letters[a["label"]]]
        assert check.showInputMessage and check.prompt and check.promptTitle
        sources = {s["key"]: s["name"] for s in data["sources"]}
        assert sources[a["source"]] in check.prompt
        if a.get("unit"):
            assert a["unit"] in check.prompt
        if a["kind"] == "category":
            assert check.type == "list" and list_values(book, check) == a["categories"], a["key"]
            assert check.showErrorMessage and check.errorStyle == "stop"
        elif a["kind"] == "number":
            assert check.type == ("whole" if a.get("decimals", 0) == 0 else "decimal"), a["key"]
            assert float(check.formula1) == a.get("min", 0), a["key"]
            if "max" in a:
                assert check.operator == "between" and float(check.formula2) == a["max"]
                assert str(a["max"]) in check.prompt
            else:
                assert check.operator == "greaterThanOrEqual" and check.formula2 is None
            assert check.showErrorMessage and check.errorStyle == "stop"


@pytest.mark.parametrize("name", ["default", "default-en"])
def test_persons_sheet_values_widths_and_marks(exported, name: str):
    """Every person as in persons.yaml (numbers as numbers); columns fit their values; pre-pseudonymised rows marked."""
    data = deck_yaml(name)
    deck = load_deck(DECKS / name)
    book = openpyxl.load_workbook(exported[name])
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    labels = {s["key"]: s["label"] for s in data["series"]}
    marked = {n for s in data["series"] for n in s.get("pseudonymised", [])}
    _, yes, no = PSEUDONYMISED[data["language"]]
    assert rows == [
        [p.name, labels[int(p.series)], *p.values.values(), yes if p.name in marked else no] for p in deck.persons
    ]
    assert all(isinstance(v, int) for r in rows for v in r[2:] if not isinstance(v, str))
    for index, column in enumerate(sheet.iter_cols(values_only=True), 1):
        letter = openpyxl.utils.get_column_letter(index)
        assert sheet.column_dimensions[letter].width >= max(len(str(v)) for v in column), letter
    assert len(marked) == 3
    for r in range(2, sheet.max_row + 1):
        name_cell = sheet.cell(r, 1)
        fills = {sheet.cell(r, c).fill.fgColor.rgb for c in range(1, sheet.max_column + 1)}
        if name_cell.value in marked:
            assert name_cell.comment is not None and len(fills) == 1 and fills != {"00000000"}
        else:
            assert name_cell.comment is None and fills == {"00000000"}


@pytest.mark.parametrize("name", ["default", "default-en"])
def test_explanation_sheet_lists_every_attribute_source_and_the_way_back(exported, name: str):
    """Sources with their ink, every attribute with kind, unit, bounds and values, and the import command."""
    data = deck_yaml(name)
    book = openpyxl.load_workbook(exported[name])
    sheet = book[WORDS[data["language"]]["explanation"]]
    rows = [[v for v in r if v not in (None, "")] for r in sheet.iter_rows(values_only=True)]
    text = "\n".join(str(v) for r in rows for v in r)
    inks = {
        "nl": {"red": "rood", "black": "zwart", "blue": "blauw"},
        "en": {"red": "red", "black": "black", "blue": "blue"},
    }
    for s in data["sources"]:
        assert [s["name"], inks[data["language"]][s["ink"]]] == [
            str(v) for v in next(r for r in rows if r[:1] == [s["name"]])[:2]
        ]
    for a in data["attributes"]:
        line = next(r for r in rows if r[:2] == [a["label"], a["key"]])
        joined = " ".join(str(v) for v in line)
        assert a.get("unit", "") in joined
        for value in a.get("categories", []):
            assert value in joined, (a["key"], value)
        if "max" in a:
            assert str(a["max"]) in line
    assert "import" in text and "--replace" in text
    if name == "default-en":  # its persons belong to the Dutch deck: the way back goes through a deck of one's own
        assert "datadialoog-print new my-deck --from default-en" in text
        assert "datadialoog-print import my-deck" in text


def test_no_cell_is_a_formula(exported):
    """Reading every sheet back: no formula cell, and no <f> element in any sheet's XML."""
    for path in exported.values():
        for sheet in openpyxl.load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                assert all(c.data_type != "f" for c in row), sheet.title
        with zipfile.ZipFile(path) as z:
            for part in z.namelist():
                if part.startswith("xl/worksheets/"):
                    assert b"<f>" not in z.read(part) and b"<f " not in z.read(part), part


def test_long_and_comma_lists_use_a_hidden_sheet(tmp_path: Path):
    """A list over Excel's 255 characters, or with a comma in a value, is a range on a hidden sheet; messages fit Excel's limits."""
    folder = DeckFolder(tmp_path / "lang")
    shutil.copytree(DECKS / "default", folder.path)
    long = [f"sector nummer {i} met een lange naam" for i in range(12)]
    comma = ["WO", "HBO", "MBO, deeltijd"]
    data = folder.read("deck.yaml")
    for a in data["attributes"]:
        if a["key"] == "sector":
            a["categories"] = long
            a["label"] = "Sector waarin de persoon het laatst werkte, volgens de uitkeringsadministratie"
        if a["key"] == "opleiding":
            a["categories"] = comma
    data["sources"][0]["name"] = "Uitkeringsadministratie " * 12  # a prompt over 255 characters
    folder.write("deck.yaml", data)
    rows = folder.read("persons.yaml")["persons"]
    for i, p in enumerate(rows):
        p["sector"], p["opleiding"] = long[i % len(long)], comma[i % len(comma)]
    folder.write("persons.yaml", {"persons": rows})
    answers = folder.read("answers.yaml")
    answers["singles_out"] = {"attribute": "sector"}  # the named 'motorvoertuigen' is gone from the list
    folder.write("answers.yaml", answers)
    path = tmp_path / "p.xlsx"
    run("export", str(folder.path), str(path))
    book = openpyxl.load_workbook(path)
    hidden = [s for s in book.worksheets if s.sheet_state == "hidden"]
    assert [s.title for s in hidden] == ["Lijsten"]
    checks = checks_by_column(book.worksheets[0])
    assert len(",".join(long)) > 255 and not checks["G"].formula1.startswith('"')
    assert list_values(book, checks["G"]) == long
    assert not checks["D"].formula1.startswith('"') and list_values(book, checks["D"]) == comma
    assert checks["E"].formula1.startswith('"')  # a short list without commas stays inline
    for check in checks.values():
        assert len(check.promptTitle or "") <= 32 and len(check.prompt or "") <= 255
        assert len(check.errorTitle or "") <= 32 and len(check.error or "") <= 255
        if check.type == "list" and check.formula1.startswith('"'):
            assert len(check.formula1) <= 255
    assert checks["G"].prompt.endswith("…") and checks["G"].promptTitle.endswith("…")
    target = tmp_path / "copy"
    shutil.copytree(folder.path, target)
    run("import", str(target), str(path), "--replace")
    assert persons(target) == persons(folder.path)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_default(workspace: Path, suffix: str):
    """new → export → import → export: the same persons, and the two files hold the same values."""
    run("new", "mijn-deck")
    deck = workspace / "decks" / "mijn-deck"
    first, second = workspace / f"a{suffix}", workspace / f"b{suffix}"
    run("export", "mijn-deck", str(first))
    run("import", "mijn-deck", str(first), "--replace")
    run("export", "mijn-deck", str(second))
    assert persons(deck) == persons(DECKS / "default")
    if suffix == ".xlsx":
        assert sheet_rows(first) == sheet_rows(second)
    else:
        assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_default_en_through_a_deck_of_ones_own(workspace: Path, suffix: str):
    """default-en borrows the Dutch persons: its export imports into `new --from default-en`, and exports the same again."""
    first, second = workspace / f"en{suffix}", workspace / f"mine{suffix}"
    run("export", "default-en", str(first))
    run("new", "my-deck", "--from", "default-en")
    deck = workspace / "decks" / "my-deck"
    run("import", "my-deck", str(first), "--replace")
    run("export", "my-deck", str(second))
    assert persons(deck) == persons(DECKS / "default-en")
    if suffix == ".xlsx":
        assert sheet_rows(first) == sheet_rows(second)
    else:
        assert first.read_bytes() == second.read_bytes()


def test_edit_the_workbook_and_import(tmp_path: Path, deck_copy: DeckFolder):
    """A trainer changes an age and adds a row in the exported workbook (kept with its checks): import takes both."""
    sheet = tmp_path / "p.xlsx"
    run("export", str(deck_copy.path), str(sheet))
    book = openpyxl.load_workbook(sheet)
    rows = book["Personen"]
    names = [c.value for c in rows["A"]]
    rows.cell(names.index("B. Bos") + 1, 3).value = 35
    added = [c.value for c in rows[2]]
    added[0] = "Z. Zwart"
    rows.append(added)
    assert len(rows.data_validations.dataValidation) == 13
    book.save(sheet)
    run("import", str(deck_copy.path), str(sheet), "--replace")
    by_name = {p.name: p for p in load_deck(deck_copy.path).persons}
    assert by_name["B. Bos"].values["leeftijd"] == 35 and by_name["Z. Zwart"].values == by_name["B. Bos"].values


def test_a_plain_workbook_from_another_tool_with_english_keys_imports(tmp_path: Path, deck_copy: DeckFolder):
    """A bare 'Sheet1' workbook (as pandas writes it) headed name, series and attribute keys still imports."""
    import pandas as pd

    before = persons(deck_copy.path)
    loaded = load_deck(deck_copy.path)
    rows = [{"name": p.name, "series": int(p.series), **p.values} for p in loaded.persons]
    sheet = tmp_path / "plain.xlsx"
    pd.DataFrame(rows).to_excel(sheet, index=False)
    run("import", str(deck_copy.path), str(sheet), "--replace")
    assert persons(deck_copy.path) == before


def test_import_into_a_deck_that_borrows_its_persons_is_refused(tmp_path: Path):
    """default-en has no persons.yaml of its own: import says how to make a deck that has, and changes nothing."""
    decks = tmp_path / "decks"
    shutil.copytree(DECKS / "default", decks / "default")
    shutil.copytree(DECKS / "default-en", decks / "default-en")
    before = {p: p.read_bytes() for p in decks.rglob("*") if p.is_file()}
    sheet = tmp_path / "en.xlsx"
    run("export", str(decks / "default-en"), str(sheet))
    out = fails("import", str(decks / "default-en"), str(sheet), "--replace")
    assert "takes its persons from the deck 'default'" in out and "new my-deck --from default-en" in out
    assert {p: p.read_bytes() for p in decks.rglob("*") if p.is_file()} == before


def test_csv_is_plain_with_headings_in_the_decks_language(tmp_path: Path):
    """CSV: a header row in the deck's words, then plain values; numbers without quotes or thousands marks."""
    path = tmp_path / "p.csv"
    run("export", "default-en", str(path))
    text = path.read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    labels = [a["label"] for a in deck_yaml("default-en")["attributes"]]
    assert lines[0] == ",".join(["Name", "Series", *labels, "Pseudonymised"])
    assert (
        lines[1]
        == "B. Bos,Series 1,34,Higher professional education (HBO),Dutch,12000,health and social care,1,14,4,3582,man,no"
    )


def test_import_takes_old_english_keys_labels_and_any_case(tmp_path: Path, deck_copy: DeckFolder):
    """Files made before keep working: name/series and attribute keys; categories and series in another case."""
    csv = tmp_path / "old.csv"
    keys = [a["key"] for a in deck_copy.read("deck.yaml")["attributes"]]
    csv.write_text(
        ",".join(["name", "series", *keys]) + "\n"
        "Z. Nieuw,reeks 2,44,mbo,turks,0,Horeca,2,13,1,3531,MAN\n"
        "Y. Oud,2,45,HBO,Turks,0,horeca,2,13,1,3531,vrouw\n",
        encoding="utf-8",
    )
    run("import", str(deck_copy.path), str(csv), "--append")
    by_name = {p.name: p for p in load_deck(deck_copy.path).persons}
    new = by_name["Z. Nieuw"]
    assert new.series == "2" and new.values["opleiding"] == "MBO" and new.values["migratieachtergrond"] == "Turks"
    assert new.values["sector"] == "horeca" and new.values["geslacht"] == "man"
    assert by_name["Y. Oud"].series == "2"


def test_what_a_spreadsheet_made_of_a_typed_value_is_refused(tmp_path: Path, deck_copy: DeckFolder):
    """A formula, a date, an error value and a yes/no in the workbook: each named by row and column; nothing written."""
    import datetime

    path = tmp_path / "p.xlsx"
    run("export", str(deck_copy.path), str(path))
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet["C2"] = "=30+4"
    sheet["F3"] = datetime.datetime(2024, 3, 4)
    sheet["H4"].value, sheet["H4"].data_type = "#DIV/0!", "e"
    sheet["A5"] = True
    sheet["N5"] = "vergeten"  # right of the last heading: where a hidden payload would stand
    book.save(path)
    before = deck_copy.text("persons.yaml")
    out = fails("import", str(deck_copy.path), str(path), "--replace")
    assert "row 2, column 'Leeftijd': a formula (=30+4); type the value itself" in out
    assert "row 3, column 'Studieschuld': a date or time" in out
    assert "row 4, column 'Ziekenhuisbezoeken': an error value (#DIV/0!)" in out
    assert "row 5, column 'Naam': a yes/no value (TRUE); type the text itself" in out
    assert "row 5, column N: a value right of the last heading" in out
    assert "5 problems in the spreadsheet" in out
    assert deck_copy.text("persons.yaml") == before and not (deck_copy.path / "backups").exists()


def test_blank_rows_are_skipped_and_a_value_without_heading_is_named(tmp_path: Path, deck_copy: DeckFolder):
    """Blank rows between persons are fine; a value in a column whose heading is empty is a problem."""
    header = "Naam,Reeks,Leeftijd,Opleidingsniveau,Migratieachtergrond,Studieschuld,Sector,Ziekenhuisbezoeken,Maanden in de uitkering,Aantal interventies,,Postcode,Geslacht\n"
    row = "Z. Nieuw,Reeks 1,30,HBO,Nederlands,1000,horeca,1,3,2,,3582,vrouw\n"
    csv = tmp_path / "p.csv"
    csv.write_text(header + ",,,,\n\n" + row, encoding="utf-8")
    run("import", str(deck_copy.path), str(csv), "--append")
    assert load_deck(deck_copy.path).persons[-1].name == "Z. Nieuw"
    csv.write_text(header + row.replace(",,", ",x,").replace("Z. Nieuw", "Y. Nieuw"), encoding="utf-8")
    assert "row 2, column 11: a value in a column without a heading" in fails(
        "import", str(deck_copy.path), str(csv), "--append"
    )


def test_many_problems_are_capped(tmp_path: Path, deck_copy: DeckFolder):
    """300 bad rows: the first 50 problems, then how many more."""
    header = "Naam,Reeks,Leeftijd,Opleidingsniveau,Migratieachtergrond,Studieschuld,Sector,Ziekenhuisbezoeken,Maanden in de uitkering,Aantal interventies,Postcode,Geslacht\n"
    rows = "".join(f"P{i},Reeks 1,oud,HBO,Nederlands,1000,horeca,1,3,2,3582,vrouw\n" for i in range(300))
    csv = tmp_path / "p.csv"
    csv.write_text(header + rows, encoding="utf-8")
    out = fails("import", str(deck_copy.path), str(csv), "--append")
    assert "300 problems in the spreadsheet" in out and "… and 250 more" in out
    assert out.count("expected a number") == 50
