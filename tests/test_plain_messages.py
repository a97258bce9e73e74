"""Messages of the second pass (issue 38): each case a true one-line message that names the path or the variable,
says "too large, at most …", shortens a value in the middle; names written into YAML comments made safe; a
hidden row or column of a workbook refused by name.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli
from datadialoog_print.trainer.bounds import MAX_SEED

from .conftest import ROOT, DeckFolder


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, str]:
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), env=env)
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def test_import_append_with_the_replace_variable_set_names_the_variable(tmp_path: Path):
    code, text = run("import", "mine", "x.csv", "--append", env={"DATADIALOOG_IMPORT_REPLACE": "1"}, cwd=tmp_path)
    assert code == 2 and "the variable DATADIALOOG_IMPORT_REPLACE and --append were given" in text, text


HUGE = "x" * 100_000


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["build", "--paper", HUGE], None),
        (["build", "--card-size", HUGE], None),
        (["build", "--start", HUGE], None),
        (["build", "--sets", HUGE], None),
        (["build", f"--{HUGE}"], None),
        (["build"], {"DATADIALOOG_PAPER": HUGE}),
        (["build"], {"DATADIALOOG_BACK_OFFSET": HUGE}),
        (["stats", "--format", "a " * 50_000], None),
    ],
)
def test_a_value_of_100_000_characters_is_shortened_in_the_middle(tmp_path: Path, args: list[str], env):
    out = ["-o", str(tmp_path / "out")] if args[0] == "build" else []
    code, text = run(*args, *out, env=env, cwd=tmp_path)
    assert code == 2 and "…" in text and len(text) < 600, text[:300]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["generate", "g", "--seed", "1" * 21], f"is too large: at most {MAX_SEED}"),
        (["generate", "g", "--seed", "-" + "1" * 21], "is too small: at least 0"),
        (["stats", "-k", "9" * 25], "is too large: at most 18 digits"),
        (["build", "--sets", "9" * 19], "is too large: at most 26"),
    ],
)
def test_a_whole_number_with_too_many_digits_is_too_large_not_malformed(tmp_path: Path, args: list[str], words: str):
    code, text = run(*args, cwd=tmp_path)
    assert code == 2 and words in text and "not a whole number" not in text, text


def test_export_to_a_name_of_250_characters(deck_copy: DeckFolder, tmp_path: Path):
    """The temporary file beside it has a short name of its own, so a name the file system takes is written."""
    target = tmp_path / ("p" * 246 + ".csv")
    code, text = run("export", str(deck_copy.path), str(target))
    assert code == 0 and target.is_file(), text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_line_break_in_a_spreadsheets_name_stays_out_of_the_yaml(tmp_path: Path):
    assert run("new", "mine", cwd=tmp_path)[0] == 0
    sheet = tmp_path / "personen\nname: injected.csv"
    assert run("export", "mine", str(sheet), cwd=tmp_path)[0] == 0
    code, text = run("import", "mine", str(sheet), "--replace", cwd=tmp_path)
    assert code == 0, text
    lines = (tmp_path / "decks" / "mine" / "persons.yaml").read_text(encoding="utf-8").splitlines()
    assert "# Ingelezen uit personen\\nname: injected.csv." in lines  # the note, one line, in the deck's language
    assert not any(line.startswith("name:") for line in lines)
    assert run("check", "mine", cwd=tmp_path)[0] == 0


def test_a_line_break_in_a_deck_folders_name_stays_out_of_the_yaml(tmp_path: Path):
    """A copy of an edition that borrows its persons (default-en) gets a persons.yaml whose comment names it."""
    shutil.copytree(ROOT / "decks" / "default", tmp_path / "default")
    shutil.copytree(ROOT / "decks" / "default-en", tmp_path / "en\u2028edition\nx")
    code, text = run("new", "mine", "--from", str(tmp_path / "en\u2028edition\nx"), cwd=tmp_path)
    assert code == 0, text
    first = (tmp_path / "decks" / "mine" / "persons.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# Persons of the deck 'mine', copied from 'en\\u2028edition\\nx'."
    assert run("check", "mine", cwd=tmp_path)[0] == 0


def test_the_pseudonym_key_is_not_held_to_what_is_printed(deck_copy: DeckFolder):
    """It is never printed: any letter is fine (no font check); its length is bounded, said without 'printed'."""
    deck_copy.replace("deck.yaml", "pseudonym_key: datadialoog-utrecht-2024", "pseudonym_key: sleutel-\U0001f511-鍵")
    code, text = run("check", str(deck_copy.path))
    assert code == 0, text
    deck_copy.replace("deck.yaml", "pseudonym_key: sleutel-\U0001f511-鍵", "pseudonym_key: " + "k" * 400)
    code, text = run("check", str(deck_copy.path))
    assert code == 2 and "pseudonym_key: 400 characters; at most 300" in text and "printed" not in text, text


@pytest.mark.parametrize(("one", "twin"), [("WO", "WO\\u200b"), ("WO", "WO\\u00ad"), ("Caf\\u00e9", "Cafe\\u0301")])
def test_two_categories_that_print_the_same_are_refused(deck_copy: DeckFolder, one: str, twin: str):
    """An invisible character or another composition of the same letters: both would print alike (the font's
    check refuses what it cannot print, a fullwidth ＷＯ, on its own)."""
    deck_copy.replace("deck.yaml", "categories: [WO, HBO", f'categories: ["{one}", "{twin}", HBO')
    code, text = run("check", str(deck_copy.path))
    assert code == 2 and "print the same; a category is listed twice" in text and "categories" in text, text


# ---------------------------------------------------------------- hidden rows and columns


@pytest.fixture
def workbook(tmp_path: Path) -> tuple[Path, Path]:
    assert run("new", "mine", cwd=tmp_path)[0] == 0
    assert run("export", "mine", str(tmp_path / "p.xlsx"), cwd=tmp_path)[0] == 0
    assert run("export", "mine", str(tmp_path / "p.ods"), cwd=tmp_path)[0] == 0
    return tmp_path, tmp_path / "decks" / "mine" / "persons.yaml"


def _xlsx(source: Path, target: Path, change) -> Path:
    import openpyxl

    book = openpyxl.load_workbook(source)
    change(book.worksheets[0])
    book.save(target)
    return target


def _ods(source: Path, target: Path, old: bytes, new: bytes) -> Path:
    """The .ods with one change in its content.xml (the first ``old``), as LibreOffice would save it."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "content.xml":
                assert old in data, old
                data = data.replace(old, new, 1)
            zout.writestr(item, data)
    return target


def _hide_ods_row(text: bytes, number: int) -> tuple[bytes, bytes]:
    """(old, new) for the ``number``-th <table:table-row> of the persons sheet: hidden."""
    start = 0
    for _ in range(number):
        start = text.index(b"<table:table-row", start) + 1
    end = text.index(b">", start)
    row = text[start - 1 : end]
    return row, row + b' table:visibility="collapse"'


HIDDEN = {
    "xlsx row": lambda d: _xlsx(d / "p.xlsx", d / "h.xlsx", lambda s: setattr(s.row_dimensions[5], "hidden", True)),
    "xlsx column": lambda d: _xlsx(
        d / "p.xlsx", d / "h.xlsx", lambda s: setattr(s.column_dimensions["C"], "hidden", True)
    ),
    "ods row": lambda d: _ods(d / "p.ods", d / "h.ods", *_hide_ods_row(_content(d / "p.ods"), 5)),
    "ods column": lambda d: _ods(
        d / "p.ods", d / "h.ods", b"<table:table-column ", b'<table:table-column table:visibility="collapse" '
    ),
}


def _content(ods: Path) -> bytes:
    with zipfile.ZipFile(ods) as z:
        return z.read("content.xml")


@pytest.mark.parametrize("case", list(HIDDEN))
def test_a_hidden_row_or_column_of_a_workbook_is_refused_by_name(workbook, case: str):
    folder, persons = workbook
    before = persons.read_bytes()
    sheet = HIDDEN[case](folder)
    code, text = run("import", "mine", str(sheet), "--replace", cwd=folder)
    what = "row" if case.endswith("row") else "column"
    assert code == 2 and f"the sheet 'Personen' hides {what}" in text and "Unhide" in text, text
    assert persons.read_bytes() == before


def test_a_hidden_empty_row_is_no_ones_data(workbook):
    folder, _ = workbook
    sheet = _xlsx(folder / "p.xlsx", folder / "h.xlsx", lambda s: setattr(s.row_dimensions[40], "hidden", True))
    code, text = run("import", "mine", str(sheet), "--replace", cwd=folder)
    assert code == 0 and "Imported 20 persons" in text, text
