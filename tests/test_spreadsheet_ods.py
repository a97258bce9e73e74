"""The .ods workbook: opened with odfpy (not the tool's reader), it has the .xlsx's checks; it round-trips exactly.

Expected values come from the deck's YAML read here with PyYAML, not from the tool's model.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from odf.namespaces import OFFICENS, TABLENS
from odf.opendocument import load
from odf.table import ContentValidation, Table, TableCell, TableRow

from datadialoog_print.cli import cli

from .conftest import ROOT

DECKS = ROOT / "decks"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def deck_yaml(name: str) -> dict:
    return yaml.safe_load((DECKS / name / "deck.yaml").read_text(encoding="utf-8"))


def text(element) -> str:
    return "\n".join(str(p) for p in element.childNodes if p.qname[1] == "p")


def validations(doc) -> dict[str, dict]:
    """Every content validation by name: its condition, input message and error message."""
    out = {}
    for v in doc.getElementsByType(ContentValidation):
        parts = {child.qname[1]: child for child in v.childNodes}
        out[v.getAttrNS(TABLENS, "name")] = {
            "condition": v.getAttrNS(TABLENS, "condition") or "",
            "empty": v.getAttrNS(TABLENS, "allow-empty-cell"),
            "title": parts["help-message"].getAttrNS(TABLENS, "title"),
            "prompt": text(parts["help-message"]),
            "error": text(parts["error-message"]) if "error-message" in parts else "",
            "stop": parts["error-message"].getAttrNS(TABLENS, "message-type") if "error-message" in parts else None,
        }
    return out


def sheet(doc, index: int):
    return doc.spreadsheet.getElementsByType(Table)[index]


def cell_rows(table) -> list[tuple[int, list]]:
    """(times repeated, cells) per row of an ODF table."""
    out = []
    for tr in table.getElementsByType(TableRow):
        repeat = int(tr.getAttrNS(TABLENS, "number-rows-repeated") or 1)
        out.append((repeat, [c for c in tr.childNodes if c.qname[1] == "table-cell"]))
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ods")
    out = {}
    for name in ("default", "default-en"):
        out[name] = folder / f"{name}.ods"
        run("export", name, str(out[name]))
    return out


@pytest.mark.parametrize("name", ["default", "default-en"])
def test_ods_has_the_workbooks_dropdowns_bounds_and_messages_on_every_row(exported, name: str):
    """Each column's cells, in the persons' rows and in every row up to 1 048 576, carry its check."""
    data = deck_yaml(name)
    doc = load(str(exported[name]))
    words = {
        "nl": ("Personen", "Uitleg", "Naam", "Reeks", "Gepseudonimiseerd", "ja", "nee"),
        "en": ("Persons", "Explanation", "Name", "Series", "Pseudonymised", "yes", "no"),
    }
    persons_word, explanation_word, name_word, series_word, marks, yes, no = words[data["language"]]
    tables = doc.spreadsheet.getElementsByType(Table)
    assert [t.getAttrNS(TABLENS, "name") for t in tables] == [persons_word, explanation_word]
    rows = cell_rows(tables[0])
    header = [str(c) for c in rows[0][1]]
    assert header == [name_word, series_word, *(a["label"] for a in data["attributes"]), marks]
    assert sum(repeat for repeat, _ in rows) == 1_048_576
    checks = validations(doc)
    for _, cells in rows[1:]:
        assert [c.getAttrNS(TABLENS, "content-validation-name") for c in cells] == [
            f"val{i}" for i in range(1, len(header) + 1)
        ]
    assert rows[-1][0] == 1_048_576 - 1 - 20 and all(str(c) == "" for c in rows[-1][1])
    series = checks["val2"]
    assert (
        series["condition"] == "of:cell-content-is-in-list(" + ";".join(f'"{s["label"]}"' for s in data["series"]) + ")"
    )
    assert checks[f"val{len(header)}"]["condition"] == f'of:cell-content-is-in-list("{yes}";"{no}")'
    assert checks["val1"]["condition"] == "of:is-true-formula(COUNTIF([.$A$2:.$A$1048576];[.A2])=1)"
    sources = {s["key"]: s["name"] for s in data["sources"]}
    for index, a in enumerate(data["attributes"], 3):
        check = checks[f"val{index}"]
        assert check["title"] == a["label"] and sources[a["source"]] in check["prompt"] and check["empty"] == "true"
        if a["kind"] == "category":
            assert (
                check["condition"] == "of:cell-content-is-in-list(" + ";".join(f'"{c}"' for c in a["categories"]) + ")"
            )
            assert check["stop"] == "stop" and check["error"]
        elif a["kind"] == "number":
            kind = "whole" if a.get("decimals", 0) == 0 else "decimal"
            bound = (
                f"cell-content-is-between({a.get('min', 0)},{a['max']})"
                if "max" in a
                else f"cell-content()>={a.get('min', 0)}"
            )
            assert check["condition"] == f"of:cell-content-is-{kind}-number() and {bound}", a["key"]
            assert check["stop"] == "stop" and check["error"]


def test_ods_cells_hold_texts_as_strings_numbers_as_floats_and_no_formula(exported):
    """The persons as persons.yaml has them, typed; pre-pseudonymised names carry a note; no formula anywhere."""
    data = deck_yaml("default")
    persons = yaml.safe_load((DECKS / "default" / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    doc = load(str(exported["default"]))
    for cell in doc.getElementsByType(TableCell):
        assert not cell.getAttrNS(TABLENS, "formula")
    rows = cell_rows(sheet(doc, 0))[1:21]
    labels = {s["key"]: s["label"] for s in data["series"]}
    marked = {n for s in data["series"] for n in s.get("pseudonymised", [])}
    for (_, cells), person in zip(rows, persons, strict=True):
        values = [person[a["key"]] for a in data["attributes"]]
        expected = [person["name"], labels[person["series"]], *values, "ja" if person["name"] in marked else "nee"]
        got = []
        for c in cells:
            kind = c.getAttrNS(OFFICENS, "value-type")
            got.append(float(c.getAttrNS(OFFICENS, "value")) if kind == "float" else text(c))
            assert kind == ("float" if not isinstance(expected[len(got) - 1], str) else "string")
        assert got == expected
        notes = [n for n in cells[0].childNodes if n.qname[1] == "annotation"]
        assert len(notes) == (1 if person["name"] in marked else 0), person["name"]


def test_ods_explanation_sheet_says_the_way_back_with_this_file(exported):
    doc = load(str(exported["default"]))
    lines = "\n".join(str(c) for c in sheet(doc, 1).getElementsByType(TableCell))
    assert "Bewaar het bestand als .ods" in lines
    assert f"import default {exported['default']} --replace" in lines


def test_ods_round_trips_exactly(tmp_path: Path, monkeypatch):
    """new → export .ods → import → export → import: persons.yaml holds the default deck's persons, both times the same."""
    shutil.copytree(DECKS / "default", tmp_path / "decks" / "default")
    monkeypatch.chdir(tmp_path)
    run("new", "mijn-deck")
    target = tmp_path / "decks" / "mijn-deck" / "persons.yaml"
    run("export", "mijn-deck", "a.ods")
    assert "from the sheet 'Personen'" in run("import", "mijn-deck", "a.ods", "--replace")
    first = target.read_text(encoding="utf-8")
    shipped = yaml.safe_load((DECKS / "default" / "persons.yaml").read_text(encoding="utf-8"))
    assert yaml.safe_load(first) == shipped
    run("export", "mijn-deck", "b.ods")
    run("import", "mijn-deck", "b.ods", "--replace")
    # the heading kept, and the note of the file read in the deck's language (issue 36)
    assert target.read_text(encoding="utf-8") == first.replace("# Ingelezen uit a.ods.", "# Ingelezen uit b.ods.")


def test_ods_header_row_and_names_stay_in_view(exported):
    """Frozen at B2 as in the .xlsx: LibreOffice's view settings for the persons sheet."""
    from odf.config import ConfigItem, ConfigItemMapEntry
    from odf.namespaces import CONFIGNS

    doc = load(str(exported["default"]))
    entry = next(
        e for e in doc.settings.getElementsByType(ConfigItemMapEntry) if e.getAttrNS(CONFIGNS, "name") == "Personen"
    )
    items = {i.getAttrNS(CONFIGNS, "name"): str(i) for i in entry.getElementsByType(ConfigItem)}
    assert items["HorizontalSplitMode"] == items["VerticalSplitMode"] == "2"
    assert items["HorizontalSplitPosition"] == items["VerticalSplitPosition"] == "1"
