"""The persons page's cell reasons: the loader decides what is taken, the page only names why in words."""

from __future__ import annotations

import pytest

from datadialoog_print.deck.load import load_deck
from datadialoog_print.deck.locate import shipped_dir
from datadialoog_print.deck.model import Kind
from datadialoog_print.deck.persons import check_value
from datadialoog_print.serve.cells import cell_problem
from datadialoog_print.serve.words import TABLES, Words

HOSTILE = ["", " ", "36", "36,5", "36.5", "1.000", "1,000", "-1", "veertig", "1e3", "nan", "inf", "9" * 20,
           "0x10", "٣", "WO", "wo", "1234", "1234 AB", "x" * 301, "☃", "\u200b", "12,3456"]  # fmt: skip


@pytest.fixture(scope="module")
def deck():
    return load_deck(shipped_dir() / "default")


def test_the_page_takes_exactly_what_the_loader_takes(deck):
    for a in deck.attributes:
        bounds = [a.minimum, a.maximum] if a.kind is Kind.NUMBER else []
        edges = [f"{b + d:g}" for b in bounds if b is not None for d in (-1, 0, 1)]  # each bound and one past it
        for raw in [*HOSTILE, *edges, *a.categories]:
            loaded, problem = check_value(a, raw)
            value, message = cell_problem(a, raw)
            assert (message is None) == (problem is None), (a.key, raw, problem, message)
            if message is None:
                assert value == loaded
            else:
                assert message[0] in TABLES["nl"] and message[0] != "cell_bad", (a.key, raw, message)


def test_bounds_are_named_in_the_language_and_its_number_format(deck):
    age = next(a for a in deck.attributes if a.key == "leeftijd")
    above = f"{age.maximum + 1:g}"
    _, message = cell_problem(age, above)
    assert Words("nl").say(message) == f"{above} is hoger dan het maximum {age.maximum:g}"
    assert Words("en").say(message) == f"{above} is above the maximum {age.maximum:g}"
    assert cell_problem(age, f"{age.maximum:g}")[1] is None
    assert Words("nl").say(("cell_below", {"text": "0,5", "minimum": 1.5})) == "0,5 is lager dan het minimum 1,5"
