"""Every bound a deck meets, tried at its edge: the bound itself passes ``check``, one step beyond is refused
with a message naming the file and the field.

"One step" is one unit for whole numbers and counts, one character for texts, and for a number that may
be fractional also the nearest float beyond it (``math.nextafter``): 120.00000000000001 is above 120.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli
from datadialoog_print.deck.checker import LABEL, LINE, MAX_MAGNITUDE, PARAGRAPHS, TITLE
from datadialoog_print.deck.model import MAX_SETS
from datadialoog_print.deck.pattern import MAX_PATTERN
from datadialoog_print.deck.texts import MAX_MINUTES, MAX_QUESTIONS, QUESTION, SHEET_INTRODUCTION
from datadialoog_print.paper.geometry import CARD_MAX_MM, CARD_MIN_MM

from .conftest import DeckFolder

below = lambda v: math.nextafter(v, -math.inf)  # noqa: E731 - the largest float below v
above = lambda v: math.nextafter(v, math.inf)  # noqa: E731 - the smallest float above v


def _words(n: int) -> str:
    return ("woord " * (n // 6 + 1))[: n - 1].strip().ljust(n - 1, "w") + "."


@dataclass(frozen=True)
class Edge:
    """One edit of one file; ``field`` is None when the deck stays valid, else the field check must name."""

    id: str
    file: str
    edit: Callable[[dict], None]
    field: str | None = None
    words: str = ""


def person(key: str, value) -> Callable[[dict], None]:
    def edit(data: dict) -> None:
        data["persons"][0][key] = value

    return edit


def attribute(key: str, **fields) -> Callable[[dict], None]:
    def edit(data: dict) -> None:
        data["attributes"][[a["key"] for a in data["attributes"]].index(key)].update(fields)

    return edit


def at(*path, value) -> Callable[[dict], None]:
    def edit(data: dict) -> None:
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return edit


P, D, A, T = "persons.yaml", "deck.yaml", "answers.yaml", "texts.yaml"
AGE = "persons[1].leeftijd"
DEBT = "persons[1].studieschuld"
EDGES = [
    # A person's value against the attribute's declared max (leeftijd: max 120) and min (the default 0, or 18).
    Edge("age-at-max", P, person("leeftijd", 120)),
    Edge("age-max+1", P, person("leeftijd", 121), AGE, "121 is above the maximum 120"),
    Edge("age-at-default-min", P, person("leeftijd", 0)),
    Edge("age-default-min-1", P, person("leeftijd", -1), AGE, "-1 is below the minimum 0"),
    # Numbers without a declared max: the deck-wide magnitude of 10^12.
    Edge("debt-at-magnitude", P, person("studieschuld", MAX_MAGNITUDE)),
    Edge("debt-float-above-magnitude", P, person("studieschuld", above(MAX_MAGNITUDE)), DEBT, "to 1e+12"),
    Edge("attribute-max-at-magnitude", D, attribute("studieschuld", max=MAX_MAGNITUDE)),
    Edge("attribute-max-above", D, attribute("studieschuld", max=above(MAX_MAGNITUDE)), "attributes[4].max"),
    Edge("attribute-min-at-magnitude", D, attribute("studieschuld", min=-MAX_MAGNITUDE)),
    Edge("attribute-min-below", D, attribute("studieschuld", min=below(-MAX_MAGNITUDE)), "attributes[4].min"),
    Edge("attribute-min-equals-max", D, attribute("studieschuld", min=5, max=5), "persons[1].studieschuld"),
    Edge("attribute-max-below-min", D, attribute("leeftijd", min=30, max=below(30.0)), "attributes[1].max"),
    Edge("decimals-4", D, attribute("leeftijd", decimals=4)),
    Edge("decimals-5", D, attribute("leeftijd", decimals=5), "attributes[1].decimals", "from 0 to 4"),
    Edge("decimals-minus-1", D, attribute("leeftijd", decimals=-1), "attributes[1].decimals", "from 0 to 4"),
    Edge("pattern-at-limit", D, attribute("postcode", pattern="[1-9][0-9]{3}|" + "x" * (MAX_PATTERN - 14))),
    Edge("pattern-limit+1", D, attribute("postcode", pattern="[1-9][0-9]{3}|" + "x" * (MAX_PATTERN - 13)),
         "attributes[9].pattern", f"at most {MAX_PATTERN}"),
    # Text lengths.
    Edge("title-at-limit", D, at("title", value=_words(TITLE))),
    Edge("title-limit+1", D, at("title", value=_words(TITLE + 1)), "title", f"at most {TITLE}"),
    Edge("series-label-at-limit", D, at("series", 0, "label", value=_words(LABEL))),
    Edge("series-label-limit+1", D, at("series", 0, "label", value=_words(LABEL + 1)), "series[1].label",
         f"at most {LABEL}"),
    Edge("line-at-limit", D, at("sources", 0, "name", value=_words(LINE))),
    Edge("line-limit+1", D, at("sources", 0, "name", value=_words(LINE + 1)), "sources[1].name", f"at most {LINE}"),
    Edge("sheet-introduction-at-limit", T, at("answer_sheet", "introduction", value=_words(SHEET_INTRODUCTION))),
    Edge("sheet-introduction-limit+1", T, at("answer_sheet", "introduction", value=_words(SHEET_INTRODUCTION + 1)),
         "answer_sheet.introduction", f"at most {SHEET_INTRODUCTION}"),
    Edge("paragraphs-at-limit", T, at("booklet", "introduction", value=_words(PARAGRAPHS))),
    Edge("paragraphs-limit+1", T, at("booklet", "introduction", value=_words(PARAGRAPHS + 1)),
         "booklet.introduction", f"at most {PARAGRAPHS:,}"),
    Edge("question-at-limit", T, at("part2", "questions", 0, value=_words(QUESTION))),
    Edge("question-limit+1", T, at("part2", "questions", 0, value=_words(QUESTION + 1)), "part2.questions[1]",
         f"at most {QUESTION}"),
    # Counts.
    Edge("questions-at-limit", T, at("part2", "questions", value=[f"Vraag {i}?" for i in range(MAX_QUESTIONS)])),
    Edge("questions-limit+1", T, at("part2", "questions", value=[f"Vraag {i}?" for i in range(MAX_QUESTIONS + 1)]),
         "part2.questions", f"holds {MAX_QUESTIONS}"),
    Edge("sets-1", D, at("sets", value=1)),
    Edge("sets-max", D, at("sets", value=MAX_SETS)),
    Edge("sets-0", D, at("sets", value=0), "sets", f"from 1 to {MAX_SETS}"),
    Edge("sets-max+1", D, at("sets", value=MAX_SETS + 1), "sets", f"from 1 to {MAX_SETS}"),
    Edge("three-series", D, lambda d: d["series"].append({"key": 3, "label": "Reeks 3", "meaning": "x"}), "series",
         "two series"),
    Edge("minutes-1", T, at("run_sheet", "parts", 0, "minutes", value=1)),
    Edge("minutes-max", T, at("run_sheet", "parts", 0, "minutes", value=MAX_MINUTES)),
    Edge("minutes-0", T, at("run_sheet", "parts", 0, "minutes", value=0), "run_sheet.parts[1].minutes",
         f"from 1 to {MAX_MINUTES}"),
    Edge("minutes-max+1", T, at("run_sheet", "parts", 0, "minutes", value=MAX_MINUTES + 1),
         "run_sheet.parts[1].minutes", f"from 1 to {MAX_MINUTES}"),
    Edge("per-table-1", T, at("run_sheet", "per_table", value=1)),
    Edge("per-table-50", T, at("run_sheet", "per_table", value=50)),
    Edge("per-table-0", T, at("run_sheet", "per_table", value=0), "run_sheet.per_table", "from 1 to 50"),
    Edge("per-table-51", T, at("run_sheet", "per_table", value=51), "run_sheet.per_table", "from 1 to 50"),
    # Fractions of the answer sheet.
    Edge("equal-within-0", A, at("comparisons", 0, "equal_within", value=0)),
    Edge("equal-within-1", A, at("comparisons", 0, "equal_within", value=1)),
    Edge("equal-within-above-1", A, at("comparisons", 0, "equal_within", value=above(1.0)),
         "comparisons[1].equal_within", "from 0 to 1"),
    Edge("equal-within-below-0", A, at("comparisons", 0, "equal_within", value=below(0.0)),
         "comparisons[1].equal_within", "from 0 to 1"),
    Edge("mean-decimals-4", A, at("comparisons", 0, "decimals", value=4)),
    Edge("mean-decimals-5", A, at("comparisons", 0, "decimals", value=5), "comparisons[1].decimals", "from 0 to 4"),
    # Card size in millimetres.
    Edge("card-at-smallest", D, at("card_size", value={"width": CARD_MIN_MM, "height": CARD_MIN_MM})),
    Edge("card-below-smallest", D, at("card_size", value={"width": below(CARD_MIN_MM), "height": 50}),
         "card_size.width", f"from {CARD_MIN_MM:g}"),
    Edge("card-at-largest", D, at("card_size", value={"width": CARD_MAX_MM[0], "height": CARD_MAX_MM[1]})),
    Edge("card-above-largest", D, at("card_size", value={"width": 60, "height": above(CARD_MAX_MM[1])}),
         "card_size.height", f"to {CARD_MAX_MM[1]:g}"),
]  # fmt: skip


def check(deck: DeckFolder) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(deck.path)])
    return result.exit_code, result.output


@pytest.mark.parametrize("edge", EDGES, ids=lambda e: e.id)
def test_each_bound_at_its_edge(deck_copy: DeckFolder, edge: Edge):
    """At the bound: check passes. One step beyond: exit 2 and one line naming the file, the field and the bound."""
    data = deck_copy.read(edge.file)
    edge.edit(data)
    deck_copy.write(edge.file, data)
    code, output = check(deck_copy)
    if edge.field is None:
        assert code == 0, output
        return
    assert code == 2, output
    lines = [line for line in output.splitlines() if f": {edge.field}: " in line]
    assert lines, f"no problem names {edge.field}:\n{output}"
    assert any(edge.words in line for line in lines), output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("minimum", "value", "words"),
    [
        (18, 18, None),
        (18, 17, "17 is below the minimum 18"),
        (18, below(18.0), "below the minimum 18"),
        (None, below(0.0), "below the minimum 0"),
        (18, 120, None),
        (18, above(120.0), "above the maximum 120"),
    ],
    ids=["at-min", "min-1", "float-below-min", "float-below-default-min", "at-max", "float-above-max"],
)
def test_a_declared_minimum_at_its_edge(deck_copy: DeckFolder, minimum, value, words):
    """leeftijd with 2 decimals (so a float is a value it may take) and min 18 (every shipped age is 26 or more),
    or the default min 0: the bound passes, one below and the float just beyond either bound are refused."""
    data = deck_copy.read(D)
    attribute("leeftijd", decimals=2, **({"min": minimum} if minimum is not None else {}))(data)
    deck_copy.write(D, data)
    persons = deck_copy.read(P)
    person("leeftijd", value)(persons)
    deck_copy.write(P, persons)
    code, output = check(deck_copy)
    if words is None:
        assert code == 0, output
    else:
        assert code == 2 and "persons.yaml:" in output and f"{AGE}: " in output and words in output, output
