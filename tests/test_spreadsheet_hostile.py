"""Spreadsheets as an attacker would try them: formulas, huge and booby-trapped files, a full disk.

Each case: exit 2 with one clear message, and the deck (backups included) byte-identical to
before. Files that could hang run in a subprocess under a timeout.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import stat
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from datadialoog_print import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.deck.typography import curly
from datadialoog_print.trainer import cells
from datadialoog_print.trainer.columns import columns, row
from datadialoog_print.trainer.importrows import least_bytes
from datadialoog_print.trainer.newdeck import persons_yaml

from .conftest import DEFAULT_DECK, DeckFolder

FORMULA_NAMES = [
    '=HYPERLINK("http://example.com/x","klik")',
    "+31 6 1234 5678",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "'t Hart",  # a real Dutch name: no apostrophe may be added or taken away
    "'=1+1",
    "''-2",
]


def invoke(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def ok(*args: str) -> str:
    code, out = invoke(*args)
    assert code == 0, out
    return out


def in_subprocess(*args: str, timeout: float = 60) -> tuple[int, str]:
    """The command as its own process, ended by the timeout if it hangs."""
    done = subprocess.run(
        [sys.executable, "-m", "datadialoog_print", *args], capture_output=True, text=True, timeout=timeout
    )
    return done.returncode, done.stdout + done.stderr


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under a folder with its bytes and mode: what 'nothing changed' means."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def values(deck: Path) -> list[tuple]:
    return [(p.name, p.series, dict(p.values)) for p in load_deck(deck).persons]


@pytest.fixture
def formula_deck(deck_copy: DeckFolder) -> DeckFolder:
    """The default deck with names, a category and negative numbers that a spreadsheet could take for formulas."""
    persons = deck_copy.read("persons.yaml")["persons"]
    for person, name in zip(persons, FORMULA_NAMES, strict=False):
        person["name"] = name
    persons[0]["geslacht"] = "=1+2"
    persons[1]["interventies"] = -3
    persons[2]["maanden_uitkering"] = -2.5
    deck_copy.write("persons.yaml", {"persons": persons})
    # the texts name B. Bos, now '=HYPERLINK…': they name a person who is still on the cards (issue 36)
    deck_copy.replace("texts.yaml", "B. Bos", persons[len(FORMULA_NAMES)]["name"], 99)
    data = deck_copy.read("deck.yaml")
    for a in data["attributes"]:
        if a["key"] == "geslacht":
            a["categories"].append("=1+2")
        if a["key"] in ("interventies", "maanden_uitkering"):
            a["min"] = -10
        if a["key"] == "maanden_uitkering":
            a["decimals"] = 1
    deck_copy.write("deck.yaml", data)
    ok("check", str(deck_copy.path))
    return deck_copy


def test_xlsx_holds_formula_like_texts_as_texts(tmp_path: Path, formula_deck: DeckFolder):
    """Every text is a text cell (marked to stay one when edited), numbers are numbers, and nothing is a formula."""
    path = tmp_path / "p.xlsx"
    ok("export", str(formula_deck.path), str(path))
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for r in sheet.iter_rows():
            for c in r:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)
    sheet = book.worksheets[0]
    names = [c.value for c in sheet["A"][1:]]
    # The deck prints typographic quotes (issue 16), so the loaded names carry them; nothing else changes.
    assert names[: len(FORMULA_NAMES)] == [curly(name) for name in FORMULA_NAMES]
    for c in sheet["A"][1 : len(FORMULA_NAMES) + 1]:
        assert c.data_type == "s" and c.quotePrefix == c.value.startswith(("=", "+", "-", "@")), c.value
    assert sheet["L2"].value == "=1+2" and sheet["L2"].data_type == "s"
    assert sheet["J3"].value == -3 and sheet["I4"].value == -2.5


def test_csv_neutralises_exactly_what_a_spreadsheet_would_run(tmp_path: Path, formula_deck: DeckFolder):
    """OWASP: a leading apostrophe before = + - @; plain negative numbers stay numbers; 't Hart stays 't Hart."""
    path = tmp_path / "p.csv"
    ok("export", str(formula_deck.path), str(path))
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))  # a Dutch deck
    names = [r[0] for r in rows[1 : len(FORMULA_NAMES) + 1]]
    assert names == [  # the loaded names, with their typographic quotes (issue 16), guarded where they must be
        "'=HYPERLINK(“http://example.com/x”,”klik”)",
        "'+31 6 1234 5678",
        "'-2+3+cmd|’ /C calc’!A0",
        "'@SUM(A1:A2)",
        "’t Hart",
        "‘=1+1",
        "‘’-2",
    ]
    assert rows[1][11] == "'=1+2" and rows[2][9] == "-3" and rows[3][8] == "-2,5"  # Dutch Excel's decimal comma
    for r in rows:
        for cell in r:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or cell.lstrip("-").replace(",", "", 1).isdigit(), cell


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_formula_like_texts_survive_the_round_trip(tmp_path: Path, formula_deck: DeckFolder, suffix: str):
    """export → import gives back every name and value exactly: import strips only what export added."""
    path = tmp_path / f"p{suffix}"
    ok("export", str(formula_deck.path), str(path))
    target = tmp_path / "copy"
    shutil.copytree(formula_deck.path, target)
    ok("import", str(target), str(path), "--replace")
    assert values(target) == values(formula_deck.path)


def test_plain_numbers_are_not_guarded_but_sums_are():
    """-3 and -2.5 stay numbers a spreadsheet reads as such; -2+3 and +5 are formulas and get the apostrophe."""
    assert [cells.neutralise(t) for t in ["-3", "-2.5", "7600", "-2+3", "+5", "-", "-1e5"]] == [
        "-3",
        "-2.5",
        "7600",
        "'-2+3",
        "'+5",
        "'-",
        "'-1e5",
    ]


@given(st.text(max_size=12))
def test_neutralise_is_undone_exactly(text: str):
    """For any text: restore(neutralise(t)) == t, and the neutralised cell is never run by a spreadsheet."""
    guarded = cells.neutralise(text)
    assert cells.restore(guarded) == text
    assert not cells.looks_like_formula(guarded)


def test_a_name_the_cards_cannot_print_or_an_endless_number_is_refused_before_writing(
    tmp_path: Path, deck_copy: DeckFolder
):
    """What check refuses (a glyph the font lacks, a number of 400 digits) import refuses, writing nothing."""
    header = "Naam,Reeks,Leeftijd,Opleidingsniveau,Migratieachtergrond,Studieschuld,Sector,Ziekenhuisbezoeken,Maanden in de uitkering,Aantal interventies,Postcode,Geslacht\n"
    before = snapshot(deck_copy.path)
    for row_, words in [
        ("Z. \U0001f600,Reeks 1,30,HBO,Nederlands,1000,horeca,1,3,2,3582,vrouw\n", "cannot print"),
        ("Z. Groot,Reeks 1,30,HBO,Nederlands,1" + "0" * 400 + ",horeca,1,3,2,3582,vrouw\n", "a number of 401 digits"),
    ]:
        path = tmp_path / "p.csv"
        path.write_text(header + row_, encoding="utf-8")
        code, out = invoke("import", str(deck_copy.path), str(path), "--append")
        assert code == 2 and words in out, out
        assert snapshot(deck_copy.path) == before


# ---------------------------------------------------------------- size


def test_a_hundred_thousand_rows_are_refused_as_check_would(tmp_path: Path, deck_copy: DeckFolder):
    """100 000 persons do not fit in the 20 MB persons.yaml check accepts: refused while reading, nothing written."""
    header = "Naam,Reeks,Leeftijd,Opleidingsniveau,Migratieachtergrond,Studieschuld,Sector,Ziekenhuisbezoeken,Maanden in de uitkering,Aantal interventies,Postcode,Geslacht\n"
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write(header)
        f.writelines(
            f"P. Persoon {i},Reeks 1,34,HBO,Nederlands,12000,zorg en welzijn,1,14,4,3582,man\n" for i in range(100_000)
        )
    before = snapshot(deck_copy.path)
    code, out = in_subprocess("import", str(deck_copy.path), str(path), "--replace")
    assert code == 2, out
    assert "too many persons" in out and "larger than 20 MB, the most `check` accepts for a deck file" in out
    assert out.count("\n") == 2  # one problem, one line
    assert snapshot(deck_copy.path) == before


def test_the_size_estimate_never_exceeds_the_file_import_writes():
    """Reading stops on a lower bound: the bytes counted per row never add up to more than persons.yaml takes."""
    deck = load_deck(DEFAULT_DECK)
    fields = {i: c.field for i, c in enumerate(columns(deck))}
    persons = [{"name": p.name, "series": int(p.series), **p.values} for p in deck.persons]
    rows = [row(deck, p) for p in deck.persons]
    for name in [*FORMULA_NAMES, "ë" * 60, "a: b", "#x", "12", "yes", " x ", "x\ty", "\u00a0nb"]:
        persons.append({**persons[0], "name": name.strip()})
        rows.append([name, *rows[0][1:]])
    counted = sum(least_bytes(deck, fields, r) for r in rows)
    assert counted <= len(persons_yaml(persons, "").encode("utf-8"))
    each = [len(persons_yaml([p], "").encode()) - len(persons_yaml([], "").encode()) for p in persons]
    assert all(least_bytes(deck, fields, r) <= e + 3 for r, e in zip(rows, each, strict=True))


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "good.xlsx"
    ok("export", str(DEFAULT_DECK), str(path))
    return path


def _rezip(source: Path, target: Path, change) -> Path:
    """A copy of a workbook with its persons sheet's XML changed by ``change``."""
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info.filename)
            out.writestr(info.filename, change(data) if info.filename == "xl/worksheets/sheet1.xml" else data)
    return target


def test_zip_bomb_is_refused_from_the_zip_directory(tmp_path: Path, deck_copy: DeckFolder):
    """A workbook whose sheet unpacks to 100 MB (200 kB on disk): refused before anything is unpacked."""
    good = _workbook(tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as z, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info.filename, z.read(info.filename))
                continue
            head, tail = z.read(info.filename).split(b"</sheetData>")
            with out.open(info.filename, "w", force_zip64=True) as f:
                f.write(head)
                for _ in range(100):
                    f.write(b" " * 2**20)
                f.write(b"</sheetData>" + tail)
    assert bomb.stat().st_size < 300_000
    before = snapshot(deck_copy.path)
    code, out = in_subprocess("import", str(deck_copy.path), str(bomb), "--replace", timeout=20)
    assert code == 2 and "it unpacks to 100 MB; an .xlsx may unpack to at most 16 MB" in out, out
    assert snapshot(deck_copy.path) == before


def test_zip_bomb_that_lies_about_its_size_fails_its_checksum(tmp_path: Path, deck_copy: DeckFolder):
    """A sheet of 40 MB that its zip entry says is 20 kB: Python unpacks only 20 kB, and the checksum fails."""
    lying = _rezip(
        _workbook(tmp_path),
        tmp_path / "lying.xlsx",
        lambda x: x.replace(b"</sheetData>", b" " * (40 << 20) + b"</sheetData>"),
    )
    raw = bytearray(lying.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    at = 0
    while (at := raw.find(b"PK\x01\x02", at)) >= 0:  # central directory entries: uncompressed size at +24
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + length] == name:
            struct.pack_into("<I", raw, at + 24, 20_000)
            local = struct.unpack_from("<I", raw, at + 42)[0]
            struct.pack_into("<I", raw, local + 22, 20_000)  # and in the local header
        at += 4
    lying.write_bytes(raw)
    before = snapshot(deck_copy.path)
    code, out = in_subprocess("import", str(deck_copy.path), str(lying), "--replace", timeout=20)
    assert code == 2 and "cannot read the spreadsheet" in out and "CRC" in out, out
    assert snapshot(deck_copy.path) == before


def test_entity_expansion_rows_beyond_the_limit_and_too_many_parts(tmp_path: Path, deck_copy: DeckFolder):
    """A billion-laughs sheet, a row numbered past Excel's last row, 2 000 parts: a message each, quickly."""
    good = _workbook(tmp_path)
    entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(9)
    )
    laughs = _rezip(
        good,
        tmp_path / "laughs.xlsx",
        lambda x: x.replace(b"<worksheet", b"<!DOCTYPE worksheet [" + entities + b"]><worksheet", 1).replace(
            b"<t>B. Bos</t>", b"<t>&j;</t>"
        ),
    )
    beyond = _rezip(
        good,
        tmp_path / "beyond.xlsx",
        lambda x: x.replace(b"</sheetData>", b'<row r="5000000"><c r="A5000000"><v>1</v></c></row></sheetData>'),
    )
    parts = tmp_path / "parts.xlsx"
    shutil.copyfile(good, parts)
    with zipfile.ZipFile(parts, "a") as z:
        for i in range(2_000):
            z.writestr(f"xl/extra/{i}.xml", b"")
    before = snapshot(deck_copy.path)
    for path, words in [
        (laughs, "XML entities"),
        (beyond, "more than 1,048,576 rows"),
        (parts, "2,013 parts; an .xlsx may have at most 1,000"),
    ]:
        code, out = in_subprocess("import", str(deck_copy.path), str(path), "--replace", timeout=30)
        assert code == 2, out
        assert words in out, out
    assert snapshot(deck_copy.path) == before


# ---------------------------------------------------------------- full disk, modes, temporary files


class FullDisk:
    """os.write that fills the disk: the ``fail_on``-th call writes half its bytes, then says ENOSPC."""

    def __init__(self, fail_on: int):
        self.calls, self.fail_on, self.real = 0, fail_on, os.write

    def __call__(self, fd, data):
        self.calls += 1
        if self.calls >= self.fail_on:
            self.real(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real(fd, data)


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "p.csv"
    ok("export", str(DEFAULT_DECK), str(path))
    return path


@pytest.mark.parametrize("earlier_backup", [False, True])
@pytest.mark.parametrize("fail_on", [1, 2], ids=["backup", "persons.yaml"])
def test_full_disk_during_import_changes_nothing(
    tmp_path: Path, deck_copy: DeckFolder, monkeypatch, fail_on: int, earlier_backup: bool
):
    """The disk fills while the backup (or then persons.yaml) is written: no truncated file, no temporary one."""
    if earlier_backup:
        (deck_copy.path / "backups").mkdir()
        (deck_copy.path / "backups" / "persons-1.yaml").write_text("# earlier\n", encoding="utf-8")
    sheet = _csv(tmp_path)
    before = snapshot(deck_copy.path)
    full = FullDisk(fail_on)
    monkeypatch.setattr(os, "write", full)
    code, out = invoke("import", str(deck_copy.path), str(sheet), "--replace")
    monkeypatch.undo()
    assert full.calls == fail_on  # the failure happened where this case says
    assert code == 2 and "the disk is full" in out and "nothing was changed" in out, out
    assert snapshot(deck_copy.path) == before
    assert (deck_copy.path / "backups").exists() == earlier_backup


def test_failed_flush_during_import_changes_nothing(tmp_path: Path, deck_copy: DeckFolder, monkeypatch):
    """ENOSPC reported only when the data is flushed (as network disks do): the same, nothing changed."""
    sheet = _csv(tmp_path)
    before = snapshot(deck_copy.path)

    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    code, out = invoke("import", str(deck_copy.path), str(sheet), "--replace")
    monkeypatch.undo()
    assert code == 2 and "the disk is full" in out
    assert snapshot(deck_copy.path) == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_full_disk_during_export_keeps_the_earlier_file(tmp_path: Path, monkeypatch, suffix: str):
    """Export over an earlier file on a full disk: the earlier file stays whole, no temporary file is left."""
    target = tmp_path / f"p{suffix}"
    target.write_bytes(b"earlier")
    monkeypatch.setattr(os, "write", FullDisk(1))
    code, out = invoke("export", str(DEFAULT_DECK), str(target))
    monkeypatch.undo()
    assert code == 2 and "the disk is full" in out
    assert target.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_import_and_export_keep_file_modes(tmp_path: Path, deck_copy: DeckFolder):
    """persons.yaml keeps 0640 (and so does its backup); an exported file replaced keeps its mode, a new one gets the umask's."""
    persons = deck_copy.path / "persons.yaml"
    persons.chmod(0o640)
    sheet = tmp_path / "p.xlsx"
    ok("export", str(deck_copy.path), str(sheet))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o666 & ~umask
    ok("import", str(deck_copy.path), str(sheet), "--replace")
    assert stat.S_IMODE(persons.stat().st_mode) == 0o640
    assert stat.S_IMODE((deck_copy.path / "backups" / "persons-1.yaml").stat().st_mode) == 0o640
    sheet.chmod(0o604)
    ok("export", str(deck_copy.path), str(sheet))
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o604
    assert not list(deck_copy.path.rglob(".*")) and not list(tmp_path.glob(".*"))


def test_export_to_a_missing_folder_or_a_folder(tmp_path: Path):
    """A clear message, nothing written."""
    code, out = invoke("export", str(DEFAULT_DECK), str(tmp_path / "nope" / "p.xlsx"))
    assert code == 2 and "there is no folder" in out
    (tmp_path / "d.csv").mkdir()
    code, out = invoke("export", str(DEFAULT_DECK), str(tmp_path / "d.csv"))
    assert code == 2 and "is a folder" in out


def test_csv_with_a_giant_field_or_a_broken_header(tmp_path: Path, deck_copy: DeckFolder):
    """A cell of 200 000 characters and a sheet of 300 columns: one message each, nothing written."""
    header = "Naam,Reeks,Leeftijd,Opleidingsniveau,Migratieachtergrond,Studieschuld,Sector,Ziekenhuisbezoeken,Maanden in de uitkering,Aantal interventies,Postcode,Geslacht\n"
    giant = tmp_path / "giant.csv"
    giant.write_text(header + '"' + "x" * 200_000 + '",Reeks 1\n', encoding="utf-8")
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"k{i}" for i in range(300)) + "\n", encoding="utf-8")
    before = snapshot(deck_copy.path)
    code, out = invoke("import", str(deck_copy.path), str(giant), "--append")
    assert code == 2 and "giant.csv:2: cannot read the CSV: a cell of more than 131,072 characters" in out, out
    code, out = invoke("import", str(deck_copy.path), str(wide), "--append")
    assert code == 2 and "300 columns; a persons sheet may have at most 200" in out, out
    assert snapshot(deck_copy.path) == before
