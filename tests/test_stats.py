"""The answer-sheet figures, checked against plain-Python computations made here, not by the module."""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK, DeckFolder


def run_json(deck) -> dict:
    result = CliRunner().invoke(cli, ["stats", str(deck), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def rows_by_attribute(payload: dict) -> dict:
    return {row["attribute"]: row for row in payload["rows"]}


def by_series(persons: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for p in persons:
        out.setdefault(str(p["series"]), []).append(p)
    return out


def test_default_deck_reproduces_the_organisers_answer_sheet():
    """Every figure of SPEC.md's table comes out of stats --format json exactly."""
    rows = rows_by_attribute(run_json(DEFAULT_DECK))
    s = lambda attr, key: (rows[attr]["series"]["1"][key], rows[attr]["series"]["2"][key])  # noqa: E731
    assert s("opleiding", "count") == (9, 3)
    assert s("opleiding", "persons") == (10, 10)
    assert s("migratieachtergrond", "count") == (8, 3)
    assert s("leeftijd", "mean") == (39.5, 50)
    assert s("ziekenhuisbezoeken", "total") == (15, 49)
    assert s("studieschuld", "mean") == (7600, 4600)
    assert s("maanden_uitkering", "mean") == (13.5, 11.9)
    assert s("interventies", "total") == (38, 31)
    assert s("interventies", "mean") == (3.8, 3.1)
    assert s("postcode", "modes") == (["3582", "3583"], ["3531", "3532", "3533", "3534"])
    assert rows["sector"]["direction"] == "equal"
    assert rows["sector"]["recognisable"] == {"motorvoertuigen": 1}
    assert rows["maanden_uitkering"]["correlation"]["remark"].startswith(
        "Op deze kaarten hangt dit niet samen met leeftijd"
    )


def test_default_deck_table_uses_dutch_number_format():
    """The terminal table writes the figures as the organiser's sheet does: 39,5 and 7.600."""
    result = CliRunner().invoke(cli, ["stats"], catch_exceptions=False)
    out = result.output
    for figure in [
        "9 van 10 WO/HBO",
        "3 van 10 WO/HBO",
        "vooral 3582/3583",
        "vooral 3531/3532/3533/3534",
        "gemiddeld 39,5",
        "gemiddeld 50",
        "8 van 10 Nederlands",
        "3 van 10 Nederlands",
        "gemiddeld € 7.600",
        "gemiddeld € 4.600",
        "gemiddeld 13,5",
        "gemiddeld 11,9",
        "38 in totaal, gemiddeld 3,8",
        "31 in totaal, gemiddeld 3,1",
    ]:
        assert figure in out, figure
    assert "Hier zijn geen opvallende verschillen" in out
    assert "motorvoertuigen" in out


def test_default_deck_facts_the_instruction_relies_on():
    """B. Bos exists, exactly one person works in motorvoertuigen, names go beyond ASCII, age and months are unrelated."""
    import yaml

    persons = yaml.safe_load((DEFAULT_DECK / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    names = [p["name"] for p in persons]
    assert "B. Bos" in names
    assert sum(p["sector"] == "motorvoertuigen" for p in persons) == 1
    assert all(any(ch in "".join(names) for ch in letter) for letter in "ëşığç")
    assert len(persons) == 20 and Counter(str(p["series"]) for p in persons) == {"1": 10, "2": 10}
    r = statistics.correlation([p["leeftijd"] for p in persons], [p["maanden_uitkering"] for p in persons])
    assert abs(r) < 0.3
    deck = yaml.safe_load((DEFAULT_DECK / "deck.yaml").read_text(encoding="utf-8"))
    series2 = next(s for s in deck["series"] if str(s["key"]) == "2")
    assert len(series2["pseudonymised"]) == 3
    assert {s["ink"] for s in deck["sources"]} == {"red", "black", "blue"}


def independent(persons: list[dict]) -> dict:
    """The figures computed here with the standard library alone."""
    groups = by_series(persons)
    out = {}
    for key, group in groups.items():
        n = len(group)
        postcodes = Counter(p["postcode"] for p in group)
        top = max(postcodes.values())
        out[key] = {
            "opleiding": sum(p["opleiding"] in ("WO", "HBO") for p in group),
            "migratieachtergrond": sum(p["migratieachtergrond"] == "Nederlands" for p in group),
            "leeftijd": statistics.fmean(p["leeftijd"] for p in group),
            "ziekenhuisbezoeken": sum(p["ziekenhuisbezoeken"] for p in group),
            "studieschuld": statistics.fmean(p["studieschuld"] for p in group),
            "maanden_uitkering": statistics.fmean(p["maanden_uitkering"] for p in group),
            "interventies_total": sum(p["interventies"] for p in group),
            "interventies_mean": sum(p["interventies"] for p in group) / n,
            "postcode_modes": sorted(pc for pc, c in postcodes.items() if c == top),
        }
    return out


def compare(payload: dict, persons: list[dict]) -> None:
    rows = rows_by_attribute(payload)
    for key, expected in independent(persons).items():
        got = lambda attr, field, key=key: rows[attr]["series"][key][field]  # noqa: E731
        assert got("opleiding", "count") == expected["opleiding"]
        assert got("migratieachtergrond", "count") == expected["migratieachtergrond"]
        assert got("leeftijd", "mean") == pytest.approx(expected["leeftijd"])
        assert got("ziekenhuisbezoeken", "total") == expected["ziekenhuisbezoeken"]
        assert got("studieschuld", "mean") == pytest.approx(expected["studieschuld"])
        assert got("maanden_uitkering", "mean") == pytest.approx(expected["maanden_uitkering"])
        assert got("interventies", "total") == expected["interventies_total"]
        assert got("interventies", "mean") == pytest.approx(expected["interventies_mean"])
        assert sorted(got("postcode", "modes")) == expected["postcode_modes"]


def make_person(rng: random.Random, i: int, series: int) -> dict:
    return {
        "name": f"P. Persoon {i}",
        "series": series,
        "leeftijd": rng.randint(18, 67),
        "opleiding": rng.choice(["WO", "HBO", "MBO", "VMBO", "Praktijkonderwijs"]),
        "migratieachtergrond": rng.choice(["Nederlands", "Turks", "Marokkaans", "Surinaams"]),
        "studieschuld": rng.randrange(0, 40000, 100),
        "sector": rng.choice(["zorg en welzijn", "horeca", "onderwijs", "motorvoertuigen"]),
        "ziekenhuisbezoeken": rng.randint(0, 9),
        "maanden_uitkering": rng.randint(1, 48),
        "interventies": rng.randint(0, 9),
        "postcode": str(rng.choice([3511, 3531, 3582, 3583, 3584])),
        "geslacht": rng.choice(["man", "vrouw"]),
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_decks_match_independent_figures(deck_copy: DeckFolder, seed: int):
    """Random decks of uneven series sizes: every figure equals the plain-Python one."""
    rng = random.Random(seed)
    sizes = {1: rng.randint(1, 25), 2: rng.randint(1, 25)}
    persons = [make_person(rng, i, s) for s, n in sizes.items() for i in range(n)]
    for i, p in enumerate(persons):
        p["name"] = f"P. Persoon {i}"
    deck_copy.set_persons(persons, pseudonymised=[])
    compare(run_json(deck_copy.path), persons)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_property_figures_match(deck_copy: DeckFolder, seed: int):
    """For any random deck, the module agrees with the independent computation."""
    rng = random.Random(seed)
    persons = [make_person(rng, i, 1 + (i % 2)) for i in range(rng.randint(2, 30))]
    deck_copy.set_persons(persons, pseudonymised=[])
    compare(run_json(deck_copy.path), persons)


def test_wording_follows_the_data(deck_copy: DeckFolder):
    """Swap the series: 'the older you are…' turns into its reverse, never contradicted by the figures."""
    deck_copy.swap_series()
    rows = rows_by_attribute(run_json(deck_copy.path))
    assert rows["leeftijd"]["direction"] == "higher"
    assert rows["leeftijd"]["assumption"] == "Jongeren vinden moeilijker werk."
    assert rows["opleiding"]["direction"] == "lower"
    assert rows["maanden_uitkering"]["observation"].startswith("Reeks 1 zat gemiddeld korter")


def test_about_equal_within_threshold(deck_copy: DeckFolder):
    """Equal ages in both series give the 'about equal' wording."""
    persons = deck_copy.read("persons.yaml")["persons"]
    for p in persons:
        p["leeftijd"] = 40
    deck_copy.set_persons(persons)
    rows = rows_by_attribute(run_json(deck_copy.path))
    assert rows["leeftijd"]["direction"] == "equal"
    assert rows["leeftijd"]["assumption"].startswith("Leeftijd lijkt niet uit te maken")


def test_correlation_remark_follows_the_data(deck_copy: DeckFolder):
    """When months on benefits grow with age, the 'not related' remark is no longer printed."""
    persons = deck_copy.read("persons.yaml")["persons"]
    for p in persons:
        p["maanden_uitkering"] = p["leeftijd"] // 2
    deck_copy.set_persons(persons)
    row = rows_by_attribute(run_json(deck_copy.path))["maanden_uitkering"]
    assert row["correlation"]["r"] == pytest.approx(1.0, abs=0.01)
    assert row["correlation"]["remark"].startswith("Op deze kaarten zitten ouderen langer in de uitkering.")


def test_recognisable_values_are_found_by_count_not_name(deck_copy: DeckFolder):
    """A second motorvoertuigen person makes it unremarkable; a lone 'onderwijs' becomes the remark."""
    persons = deck_copy.read("persons.yaml")["persons"]
    onderwijs = [p for p in persons if p["sector"] == "onderwijs"]
    onderwijs[0]["sector"] = "motorvoertuigen"
    deck_copy.set_persons(persons)
    rows = rows_by_attribute(run_json(deck_copy.path))
    expected = {v: c for v, c in Counter(p["sector"] for p in persons).items() if c < 2}
    assert rows["sector"]["recognisable"] == expected == {"onderwijs": 1}
