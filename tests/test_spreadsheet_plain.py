"""Spreadsheets read without pandas (the web edition has none) give what pandas gives: the same headings and rows,
or the same refusal with the same message, for the same ordinary and hostile files, read both ways."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli
from datadialoog_print.errors import SheetError
from datadialoog_print.trainer import plainread
from datadialoog_print.trainer.sheetread import MAX_COLUMNS, MAX_FIELD, open_table

from .conftest import ROOT

HEAD = "naam,reeks,leeftijd"


def csv_cases() -> dict[str, bytes]:
    return {
        "plain": f"{HEAD}\nAda,1,39\nBob,2,50\n".encode(),
        "a BOM and semicolons": "\ufeffnaam;reeks;leeftijd\nAda;1;39,5\n".encode(),
        "tabs": b"naam\treeks\nAda\t1\n",
        "blank and short rows": f"{HEAD}\n\nAda\n,,\n".encode(),
        "quoted newlines": f'{HEAD}\n"Ada\nLovelace",1,"3""9"\n'.encode(),
        "a heading with a comma, ; between": b'naam;"opleiding, hoogste"\nAda;HBO\nBob;WO\n',
        "too many cells": f"{HEAD}\nAda,1,39,extra\n".encode(),
        "too many after a quoted newline": f'{HEAD}\n"x\ny",1,2\n1,2,3,4\n'.encode(),
        "not UTF-8": f"{HEAD}\nJosé,1,39\n".encode("latin-1"),
        "empty": b"",
        "only a BOM": "\ufeff".encode(),
        "columns at max": (",".join(f"k{i}" for i in range(MAX_COLUMNS)) + "\n").encode(),
        "columns at max + 1": (",".join(f"k{i}" for i in range(MAX_COLUMNS + 1)) + "\n").encode(),
        "a field at max": f"{HEAD}\n{'a' * MAX_FIELD},1,2\n".encode(),
        "a field at max + 1": f"{HEAD}\n{'a' * (MAX_FIELD + 1)},1,2\n".encode(),
        "neutralised formulas": f"{HEAD}\n'=SUM(1),1,'+3\n\"'-2\",2,4\n".encode(),
        "a NUL": f"{HEAD}\nA\x00da,1,39\n".encode(),
        "CRLF and a lone CR": f"{HEAD}\r\nAda,1,39\r\nBob,2\r50\r\n".encode(),
        "a stray quote": f'{HEAD}\nA"da,1,39\n"Bob,2,50\n'.encode(),
    }


@pytest.fixture(scope="module")
def ods_cases(tmp_path_factory) -> dict[str, bytes]:
    """The workbook ``export`` writes, and that workbook changed as a trainer's spreadsheet program (or an attacker)
    would change it."""
    here = tmp_path_factory.mktemp("ods")
    path = here / "persons.ods"
    result = CliRunner().invoke(cli, ["export", str(ROOT / "decks" / "default"), str(path)])
    assert result.exit_code == 0, result.output
    data = path.read_bytes()

    def changed(edit) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in source.infolist():
                content = source.read(info)
                if info.filename == "content.xml":
                    content = edit(content.decode()).encode()
                z.writestr(info, content)
        return out.getvalue()

    first_value = re.compile(r'office:value-type="float" office:value="(\d+)"(?: calcext:value-type="float")?>')
    return {
        "exported": data,
        "a date": changed(lambda x: first_value.sub('office:value-type="date" office:date-value="2020-01-02">', x, 1)),
        "a time": changed(lambda x: first_value.sub('office:value-type="time" office:time-value="PT10H">', x, 1)),
        "a percentage": changed(lambda x: first_value.sub('office:value-type="percentage" office:value="0.5">', x, 1)),
        "a boolean": changed(
            lambda x: first_value.sub('office:value-type="boolean" office:boolean-value="true">', x, 1)
        ),
        "a decimal": changed(lambda x: first_value.sub('office:value-type="float" office:value="39.5">', x, 1)),
        "an error value": changed(lambda x: x.replace("<text:p>B. Bos</text:p>", "<text:p>#N/A</text:p>", 1)),
        "a formula": changed(
            lambda x: first_value.sub('table:formula="of:=1+1" office:value-type="float" office:value="2">', x, 1)
        ),
        "spaces and paragraphs": changed(
            lambda x: x.replace(
                "<text:p>B. Bos</text:p>", '<text:p>B.<text:s text:c="3"/>Bos</text:p><text:p>twee</text:p>', 1
            )
        ),
        "an unknown type": changed(lambda x: first_value.sub('office:value-type="mystery" office:value="1">', x, 1)),
        "not a zip": b"PK\x03\x04 broken",
        "broken XML": changed(lambda x: x.replace("</table:table>", "", 1)),
    }


def read(path: Path, *, pandas: bool, monkeypatch) -> object:
    """Headings and rows, or the refusal's message, as import would see them."""
    with monkeypatch.context() as m:
        if not pandas:
            m.setattr(plainread, "has_pandas", lambda: False)
        try:
            with open_table(path, sheet_name="Personen") as table:
                return table.headings, list(table.rows), table.sheet
        except SheetError as exc:
            return f"refused: {exc}"


def test_pandas_is_there_to_compare_with():
    assert plainread.has_pandas()


@pytest.mark.parametrize("case", list(csv_cases()))
def test_a_csv_reads_the_same_without_pandas(tmp_path, monkeypatch, case):
    path = tmp_path / "persons.csv"
    path.write_bytes(csv_cases()[case])
    assert read(path, pandas=False, monkeypatch=monkeypatch) == read(path, pandas=True, monkeypatch=monkeypatch)


@pytest.mark.parametrize(
    "case",
    ["exported", "a date", "a time", "a percentage", "a boolean", "a decimal", "an error value", "a formula",
     "spaces and paragraphs", "an unknown type", "not a zip", "broken XML"],
)  # fmt: skip
def test_an_ods_reads_the_same_without_pandas(tmp_path, monkeypatch, ods_cases, case):
    path = tmp_path / "persons.ods"
    path.write_bytes(ods_cases[case])
    plain = read(path, pandas=False, monkeypatch=monkeypatch)
    assert plain == read(path, pandas=True, monkeypatch=monkeypatch)
    if case == "exported":
        assert isinstance(plain, tuple) and len(plain[1]) >= 20  # the persons themselves, not a refusal
