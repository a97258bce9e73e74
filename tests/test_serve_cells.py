"""The persons page's cells: the page takes and refuses exactly what ``import`` does, and says why in words."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.datastructures import FormData

from datadialoog_print.assemble.decks import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.deck.model import Kind
from datadialoog_print.errors import DatadialoogError
from datadialoog_print.serve.person_cells import cell_problem
from datadialoog_print.serve.persons_page import _read
from datadialoog_print.serve.words import TABLES, Words
from datadialoog_print.trainer.spreadsheet import csv_bytes, import_persons

HOSTILE = ["", " ", "36", " 36 ", "36,5", "36.5", "1.000", "1,000", "-1", "veertig", "1e3", "nan", "inf", "9" * 20,
           "0x10", "٣", "WO", "wo", "hbo", "Hbo ", "1234", "1234 AB", "x" * 301, "x" * 300, "☃", "\u200b",
           "12,3456", "1" * 16, "a\nb", "Reeks 1", "reeks 2", "1", "2", "3", "J.\u00a0Jansen", "J. Jansen", "Ø"]  # fmt: skip


@pytest.fixture
def mine(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["new", "mine"]).exit_code == 0
    return load_deck(Path("decks/mine"))


def _imports(deck, column: int, row: int, value: str, tmp: Path) -> bool:
    """Whether ``import --replace`` takes the deck's own export with one cell changed."""
    delimiter = ";" if deck.language == "nl" else ","
    rows = list(csv.reader(io.StringIO(csv_bytes(deck).decode("utf-8-sig")), delimiter=delimiter))
    rows[row][column] = value
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    sheet = tmp / "persons.csv"
    sheet.write_text(out.getvalue(), encoding="utf-8")
    try:
        import_persons(deck.path, sheet, mode="replace")
    except DatadialoogError:
        return False
    return True


def _page_takes(deck, field: str, row: int, value: str) -> bool:
    """Whether the persons page takes the deck's table with one cell changed (as the browser posts it)."""
    keys = ["name", "series", *(a.key for a in deck.attributes)]
    items = []
    for i, p in enumerate(deck.persons):
        cells = {"name": p.name, "series": p.series, **{k: str(v) for k, v in p.values.items()}}
        if i == row:
            cells[field] = value
        items += [(k, cells[k]) for k in keys]
    edited = _read(deck, FormData(items))
    return not edited.problems and not edited.error


def test_the_page_takes_exactly_what_import_takes(mine, tmp_path):
    """Every hostile value in the name, series, a number, a category and a code column: import (a CSV of the
    deck's own export) and the page agree on each, cell for cell."""
    headers = ["name", "series", *(a.key for a in mine.attributes)]
    fields = ["name", "series", "leeftijd", "opleiding", "postcode"]
    disagree = []
    for field in fields:
        for value in HOSTILE:
            imported = _imports(mine, headers.index(field), 3, value, tmp_path)
            if imported != _page_takes(mine, field, 2, value):
                disagree.append((field, value, imported))
    assert not disagree


def test_every_refusal_is_named_by_a_reason_in_both_tables(mine):
    for a in mine.attributes:
        bounds = [a.minimum, a.maximum] if a.kind is Kind.NUMBER else []
        edges = [f"{b + d:g}" for b in bounds if b is not None for d in (-1, 0, 1)]  # each bound and one past it
        for raw in [*HOSTILE, *edges, *a.categories]:
            _, message = cell_problem(a, raw)
            if message is not None:
                assert all(message[0] in TABLES[code] for code in TABLES), (a.key, raw)
                assert message[0] not in ("cell_bad", "cell_other"), (a.key, raw, message)


def test_the_page_says_the_loaders_own_reason(mine):
    """One rule (issue 36): a value the loader refuses in persons.yaml is refused on the page for the reason the
    loader gives (its Reason's key), not one the page works out again."""
    import yaml

    from datadialoog_print.assemble.decks import printing
    from datadialoog_print.deck.reason import reason_of
    from datadialoog_print.errors import DeckError

    path = Path("decks/mine/persons.yaml")
    original = path.read_text(encoding="utf-8")
    checked = 0
    for a in (a for a in mine.attributes if a.key in ("leeftijd", "postcode")):
        for raw in HOSTILE:
            data = yaml.safe_load(original)
            data["persons"][2][a.key] = raw
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            try:
                load_deck(Path("decks/mine"))
                continue
            except DeckError as exc:
                said = [reason_of(p.message) for p in exc.problems if p.field == f"persons[3].{a.key}"]
            _, message = cell_problem(a, raw, printing().printable)  # the font's check, as the page has it
            own = ("cell_empty", "cell_line_break")  # import's own rules, before the loader's
            if message is not None and said and said[0] is not None and message[0] not in own:
                assert message[0] == f"cell_{said[0][0]}", (a.key, raw, message, said)
                checked += 1
    path.write_text(original, encoding="utf-8")
    assert checked >= 10


def test_bounds_are_named_in_the_language_and_its_number_format(mine):
    age = next(a for a in mine.attributes if a.key == "leeftijd")
    above = f"{age.maximum + 1:g}"
    _, message = cell_problem(age, above)
    assert Words("nl").say(message) == f"{above} is hoger dan het maximum {age.maximum:g}"
    assert Words("en").say(message) == f"{above} is above the maximum {age.maximum:g}"
    assert cell_problem(age, f"{age.maximum:g}")[1] is None
    assert Words("nl").say(("cell_below", {"text": "0,5", "minimum": 1.5})) == "0,5 is lager dan het minimum 1,5"


def test_a_reason_survives_pickle_as_a_deck_error_crosses_processes():
    """A DeckError goes from the build's worker process back to the page: each message keeps its key and values."""
    import pickle

    from datadialoog_print.deck.reason import Reason, reason_of
    from datadialoog_print.errors import DeckError, Problem

    message = Reason("7 is below the minimum 18", "below", text="7", minimum=18.0)
    again = pickle.loads(pickle.dumps(DeckError([Problem("persons.yaml", 3, "persons[1].leeftijd", message)])))
    assert again.problems[0].message == "7 is below the minimum 18"
    assert reason_of(again.problems[0].message) == ("below", {"text": "7", "minimum": 18.0})
