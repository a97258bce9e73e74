"""The lesson as data: `expect` per row and `singles_out` per deck, held against the figures by check and stats."""

from __future__ import annotations

import csv
import io
import json
import statistics

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from .conftest import ROOT, DeckFolder


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def warning_lines(result) -> list[str]:
    """check's warnings about the lesson (in the deck's language; their location is answers.yaml)."""
    return [line for line in result.stderr.splitlines() if "answers.yaml:" in line]


def field_of(warning: str) -> str:
    """The field a warning names at its end: "… (decks/x/answers.yaml:41: comparisons[3].expect)"."""
    return warning.rsplit(": ", 1)[1].rstrip(")")


def mirror_ages(deck: DeckFolder) -> list[dict]:
    """Every age becomes 100 − age: series 1 turns older than series 2."""
    persons = deck.read("persons.yaml")["persons"]
    for p in persons:
        p["leeftijd"] = 100 - p["leeftijd"]
    deck.set_persons(persons)
    return persons


@pytest.mark.parametrize("deck", ["default", "default-en"])
def test_shipped_decks_state_their_lesson_and_keep_it(deck: str):
    """Both shipped decks state a direction for every row and the telling value; check --strict passes silently."""
    from datadialoog_print import load_deck

    loaded = load_deck(deck)
    assert all(c.expect for c in loaded.comparisons)
    assert loaded.singles_out is not None and loaded.singles_out.attribute == "sector"
    assert loaded.singles_out.value == {"default": "motorvoertuigen", "default-en": "motor trade"}[deck]
    result = run("check", deck, "--strict")
    assert result.exit_code == 0 and result.stderr == ""


def test_mirrored_ages_warn_about_the_age_row(deck_copy: DeckFolder):
    """100 − age: one warning, on stderr, naming the row, its figures and the intention; exit 0, --strict exit 1."""
    persons = mirror_ages(deck_copy)
    ones = [p["leeftijd"] for p in persons if p["series"] == 1]
    twos = [p["leeftijd"] for p in persons if p["series"] == 2]
    assert (statistics.fmean(ones), statistics.fmean(twos)) == (60.5, 50)  # computed here, independently
    result = run("check", str(deck_copy.path))
    assert result.exit_code == 0
    assert result.stdout.startswith("testdeck: bruikbaar, maar let op de ") and "OK" not in result.stdout
    (warning,) = warning_lines(result)
    line = deck_copy.line_of("answers.yaml", "expect: lower", 1)
    assert warning == (
        "waarschuwing: Leeftijd: Reeks 1 is nu hoger dan Reeks 2 (gemiddeld 60,5 tegen gemiddeld 50); "
        f"de les vraagt: Reeks 1 lager. ({deck_copy.path / 'answers.yaml'}:{line}: comparisons[3].expect)"
    )
    strict = run("check", str(deck_copy.path), "--strict")
    assert strict.exit_code == 1 and warning_lines(strict) == [warning]


def test_swapped_series_warn_about_every_ordered_row(deck_copy: DeckFolder):
    """Series 1 and 2 swapped: every higher/lower row warns; the equal and different rows and the telling value do not."""
    deck_copy.swap_series()
    warned = {field_of(line) for line in warning_lines(run("check", str(deck_copy.path)))}
    expected = deck_copy.read("answers.yaml")["comparisons"]
    flipped = {f"comparisons[{i}].expect" for i, c in enumerate(expected, 1) if c["expect"] in ("higher", "lower")}
    assert warned == flipped and len(flipped) == 7


def test_singles_out_warns_when_the_value_is_shared(deck_copy: DeckFolder):
    """A second 'motorvoertuigen' person (and so one 'horeca' person fewer): both named in one warning."""
    deck_copy.replace("persons.yaml", "sector: horeca", "sector: motorvoertuigen")
    (warning,) = warning_lines(run("check", str(deck_copy.path)))
    line = deck_copy.line_of("answers.yaml", "singles_out:")
    assert warning.startswith("waarschuwing: Sector: ‘motorvoertuigen’ bij 2 personen; ")
    assert "ook herkenbaar: Sector ‘horeca’" in warning
    assert warning.endswith(
        f"de les vraagt: één waarde maakt één persoon herkenbaar (Sector ‘motorvoertuigen’). "
        f"({deck_copy.path / 'answers.yaml'}:{line}: singles_out)"
    )


def test_singles_out_warns_when_nobody_has_the_value(deck_copy: DeckFolder):
    """Nobody left in 'motorvoertuigen': the warning says so."""
    deck_copy.replace("persons.yaml", "sector: motorvoertuigen", "sector: zorg en welzijn")
    (warning,) = warning_lines(run("check", str(deck_copy.path)))
    assert "niemand met ‘motorvoertuigen’" in warning


def test_singles_out_warns_about_another_telling_value(deck_copy: DeckFolder):
    """A postcode only one person has also singles someone out: the lesson is one value, so check warns."""
    deck_copy.replace("persons.yaml", 'postcode: "3582"', 'postcode: "3599"')  # 3582: three persons, then two
    (warning,) = warning_lines(run("check", str(deck_copy.path)))
    # under the postcode's own label, not the row of the value meant (issue 36: it was "Sector:")
    assert warning.startswith("waarschuwing: Postcode: ‘3599’ maakt ook één persoon herkenbaar; de les vraagt: ")
    assert "‘motorvoertuigen’ bij" not in warning


def test_singles_out_without_a_value_takes_any_one(deck_copy: DeckFolder):
    """Without `value`, any single value of the attribute will do; two of them do not."""
    deck_copy.replace("answers.yaml", "  value: motorvoertuigen\n", "")
    assert run("check", str(deck_copy.path), "--strict").exit_code == 0
    deck_copy.replace("persons.yaml", "sector: onderwijs", "sector: horeca")  # onderwijs 2 → 1 ...
    deck_copy.replace("persons.yaml", "sector: onderwijs", "sector: horeca")  # ... → 0
    deck_copy.replace("persons.yaml", "sector: bouw en installatie", "sector: horeca")  # bouw 2 → 1
    (warning,) = warning_lines(run("check", str(deck_copy.path)))
    assert "2 waarden van Sector die één persoon herkenbaar maken" in warning


def test_stats_json_and_csv_show_the_intention_per_row(deck_copy: DeckFolder):
    """stats: expect and kept per row in JSON and CSV; the mirrored age row is not kept."""
    mirror_ages(deck_copy)
    payload = json.loads(run("stats", str(deck_copy.path), "--format", "json").stdout)
    rows = {r["attribute"]: r for r in payload["rows"]}
    assert rows["leeftijd"]["expect"] == "lower" and rows["leeftijd"]["kept"] is False
    assert rows["leeftijd"]["direction"] == "higher"
    assert rows["leeftijd"]["margin"] == {"share": 0.15, "of": None}
    assert rows["opleiding"]["margin"] == {"share": 0.3, "of": 10}
    assert all(r["kept"] for key, r in rows.items() if key != "leeftijd")
    assert payload["singles_out"] == {
        "attribute": "sector",
        "value": "motorvoertuigen",
        "kept": True,
        "holders": 1,
        "others": [],
    }
    table = list(csv.DictReader(io.StringIO(run("stats", str(deck_copy.path), "--format", "csv").stdout)))
    age = [r for r in table if r["attribute"] == "leeftijd"]
    assert [(r["expect"], r["kept"]) for r in age] == [("lower", "false")] * 2
    assert {r["kept"] for r in table if r["attribute"] != "leeftijd"} == {"true"}


def test_stats_table_says_what_was_intended():
    """The table, in the deck's language, says per row what was intended and whether the figures keep it."""
    out = run("stats").stdout
    assert out.count("→ bedoeld: ") == 10 and out.count("(klopt)") == 11  # 9 rows and the months row's remark
    assert "→ bedoeld: Reeks 1 lager (minstens 15 % verschil) (klopt)" in out
    assert "→ bedoeld: Reeks 1 hoger (minstens 3 van 10 verschil) (klopt)" in out
    assert "→ bedoeld: geen samenhang met leeftijd (klopt)" in out
    assert out.rstrip().endswith("Bedoeld: één waarde maakt één persoon herkenbaar (Sector ‘motorvoertuigen’) (klopt)")
    english = run("stats", "default-en").stdout
    assert "→ intended: Series 1 lower (at least 15 % apart) (kept)" in english


def test_stats_table_shows_a_broken_intention(deck_copy: DeckFolder):
    """Mirrored ages: the table names what the figures show instead."""
    mirror_ages(deck_copy)
    out = run("stats", str(deck_copy.path)).stdout
    assert "→ bedoeld: Reeks 1 lager (minstens 15 % verschil), maar de cijfers laten zien: Reeks 1 hoger" in out


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "    measure: mode\n    expect: different",
            "    measure: mode\n    expect: higher",
            "comparisons[2].expect",
            ("'higher' does not fit an unordered figure (mode)", "different, equal"),
        ),
        (
            "    measure: mean\n    expect: lower",
            "    measure: mean\n    expect: different",
            "comparisons[3].expect",
            ("'different' does not fit an ordered figure (mean)", "higher, lower, equal"),
        ),
        ("expect: lower", "expect: lowr", "comparisons[3].expect", ("did you mean 'lower'",)),
        ("  attribute: sector\n  value:", "  attribute: sektor\n  value:", "singles_out.attribute", ("'sektor'",)),
        ("  attribute: sector\n  value:", "  attribute: leeftijd\n  value:", "singles_out.attribute", ("is a number",)),
        ("value: motorvoertuigen", "value: motorvoertuig", "singles_out.value", ("did you mean 'motorvoertuigen'",)),
        ("  value: motorvoertuigen", "  waarde: motorvoertuigen", "singles_out.waarde", ("unknown key 'waarde'",)),
    ],
)
def test_bad_intentions_are_located(deck_copy: DeckFolder, old: str, new: str, field: str, words: tuple[str, ...]):
    """A wrong `expect` or `singles_out`: file, line and field, exit 2."""
    deck_copy.replace("answers.yaml", old, new)
    text = deck_copy.text("answers.yaml")
    changed = next(i for i, x in enumerate(new.splitlines()) if x not in old.splitlines())
    line = text[: text.index(new)].count("\n") + 1 + changed
    result = run("check", str(deck_copy.path))
    assert result.exit_code == 2
    where = f"{deck_copy.path / 'answers.yaml'}:{line}: {field}: "
    hits = [x for x in result.output.splitlines() if x.strip().startswith(where)]
    assert hits and all(w in hits[0] for w in words), result.output


def test_the_deck_format_documents_the_lesson_fields():
    """docs/deck-format.md explains expect and singles_out."""
    text = (ROOT / "docs" / "deck-format.md").read_text(encoding="utf-8")
    assert "expect: lower" in text and "singles_out:" in text and "--strict" in text


def test_check_without_lesson_statements_is_silent(deck_copy: DeckFolder):
    """A deck that states no lesson gets no warnings, whatever its figures."""
    deck_copy.replace("answers.yaml", "singles_out:\n  attribute: sector\n  value: motorvoertuigen\n", "")
    text = deck_copy.text("answers.yaml")
    (deck_copy.path / "answers.yaml").write_text(
        "\n".join(x for x in text.splitlines() if not x.strip().startswith(("expect:", "margin:"))) + "\n",
        encoding="utf-8",
    )
    deck_copy.swap_series()
    result = run("check", str(deck_copy.path), "--strict")
    assert result.exit_code == 0 and result.stderr == ""
