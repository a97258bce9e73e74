"""generate: fresh fictional persons that keep the source deck's lesson, checked here by independent computation."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datadialoog_print.cli import cli
from datadialoog_print.figures.lessontext import broken
from datadialoog_print.trainer.draft import CannotGenerate
from datadialoog_print.trainer.generate import generate_deck

from .conftest import DEFAULT_DECK, ROOT, DeckFolder

DATA = ROOT / "src" / "datadialoog_print" / "trainer" / "data"
AIMS = yaml.safe_load((DATA / "personas.yaml").read_text(encoding="utf-8"))
ENGLISH = ROOT / "decks" / "default-en"


def read(folder: Path, name: str):
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def persons_of(folder: Path) -> list[dict]:
    return read(folder, "persons.yaml")["persons"]


def margin_share(comparison: dict) -> float:
    """The row's margin as answers.yaml states it ("3 of 10" or a share), read here, with the documented defaults."""
    margin = comparison.get("margin")
    if margin is None:
        return 0.3 if comparison["measure"] == "count" else comparison.get("equal_within", 0.1) + 0.1
    if isinstance(margin, str):
        count, of = margin.split(" of ")
        return int(count) / int(of)
    return margin


def keeps(comparison: dict, persons: list[dict]) -> bool:
    """Whether the persons show the comparison's `expect` with its margin, computed here from the raw YAML."""
    key, measure, expect = comparison["attribute"], comparison["measure"], comparison["expect"]
    within = comparison.get("equal_within", 0.1)
    together = within * AIMS["together"]
    columns = [[p[key] for p in persons if p["series"] == s] for s in (1, 2)]
    if measure == "mode":
        counts = [Counter(c) for c in columns]
        modes = [{v for v, n in c.items() if n == max(c.values())} for c in counts]
        if expect == "equal":
            return bool(modes[0] & modes[1])
        shared = sum(1 for p in persons if all(p[key] in c for c in columns))
        return (
            not modes[0] & modes[1]
            and all(max(c.values()) >= AIMS["mode_count"] for c in counts)
            and not any(counts[1 - i][v] for i in (0, 1) for v in modes[i])
            and shared / len(persons) <= margin_share(comparison) + 1e-9
        )
    if measure == "distribution":
        shares = [{v: n / len(c) for v, n in Counter(c).items()} for c in columns]
        tvd = sum(abs(shares[0].get(v, 0) - shares[1].get(v, 0)) for v in {*shares[0], *shares[1]}) / 2
        # where one person alone already puts small series further apart than the aim, the lesson's own equal_within
        # (issue 36: 4 to 6 persons a series were refused, naming a bound answers.yaml does not state)
        bound = within if 1 / min(len(c) for c in columns) > together + 1e-12 else together
        return tvd <= bound + 1e-9 if expect == "equal" else tvd >= margin_share(comparison) - 1e-9
    if measure == "count":
        x, y = (sum(v in comparison["categories"] for v in c) / len(c) for c in columns)
    else:
        x, y = (statistics.fmean(c) for c in columns)
    signed = (x - y) / max(abs(x), abs(y)) if max(abs(x), abs(y)) else 0.0
    if expect == "equal":
        return abs(signed) <= together
    toward = 1 if expect == "higher" else -1
    if measure == "count":  # persons apart, and apart by more than equal_within, or the sheet reads "equal"
        return toward * (x - y) >= margin_share(comparison) - 1e-9 and toward * signed > within
    return toward * signed >= margin_share(comparison) - 1e-9


def related(comparison: dict, persons: list[dict]) -> bool:
    """Whether a correlation's `expect` holds: no relation below its threshold, computed here."""
    spec = comparison.get("correlation", {})
    if "expect" not in spec:
        return True
    r = statistics.correlation([p[comparison["attribute"]] for p in persons], [p[spec["attribute"]] for p in persons])
    threshold = spec.get("threshold", 0.3)
    return {"none": abs(r) < threshold, "positive": r >= threshold, "negative": r <= -threshold}[spec["expect"]]


def lonely_values(folder: Path, persons: list[dict]) -> list[tuple[str, str]]:
    """(attribute, value) of every category or code value exactly one person holds, computed here."""
    attributes = read(folder, "deck.yaml")["attributes"]
    out = []
    for a in attributes:
        if a["kind"] != "number":
            out += [(a["key"], v) for v, n in Counter(str(p[a["key"]]) for p in persons).items() if n == 1]
    return out


def assert_keeps_the_lesson(folder: Path, source: Path = DEFAULT_DECK) -> list[dict]:
    """Every stated direction with its margin, and one value held by one person: the one the deck names."""
    persons = persons_of(folder)
    answers = read(source, "answers.yaml")
    for comparison in answers["comparisons"]:
        assert keeps(comparison, persons), (folder, comparison["attribute"])
        assert related(comparison, persons), (folder, comparison["attribute"])
    named = answers["singles_out"]
    assert lonely_values(folder, persons) == [(named["attribute"], named["value"])]
    result = CliRunner().invoke(cli, ["check", str(folder), "--strict"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == "", result.output
    return persons


def surname(name: str) -> str:
    return name.split(". ", 1)[1]


def test_twenty_seeds_give_twenty_decks_that_keep_the_lesson(tmp_path: Path):
    """20 seeds: 20 different decks, each passing check --strict, each direction kept with its margin, one telling
    value, no name of the source deck, plausible values."""
    source = persons_of(DEFAULT_DECK)
    source_names = {p["name"] for p in source}
    seen = set()
    for seed in range(20):
        made = generate_deck(f"d{seed}", seed=seed, decks_dir=tmp_path)
        persons = assert_keeps_the_lesson(made.path)
        names = [p["name"] for p in persons]
        assert len(set(names)) == 20 and Counter(p["series"] for p in persons) == {1: 10, 2: 10}
        assert len(source_names & set(names)) <= 2
        assert not {surname(n) for n in source_names} & {surname(n) for n in names}  # not even a surname
        assert sum(any(ord(ch) > 127 for ch in n) for n in names) >= 3
        for p in persons:  # a few of the rules, checked here directly
            assert 19 <= p["leeftijd"] <= 66 and p["maanden_uitkering"] <= (p["leeftijd"] - 18) * 12
            assert p["interventies"] <= p["maanden_uitkering"]
            assert p["studieschuld"] % 500 == 0
            assert p["studieschuld"] == 0 or p["opleiding"] in ("WO", "HBO", "MBO")
        deck = read(made.path, "deck.yaml")
        assert [len(s.get("pseudonymised", [])) for s in deck["series"]] == [0, 3]
        assert set(deck["series"][1]["pseudonymised"]) <= {p["name"] for p in persons if p["series"] == 2}
        seen.add((made.path / "persons.yaml").read_text(encoding="utf-8").split("\n", 2)[2])
    assert len(seen) == 20


def test_the_english_edition_keeps_its_lesson_in_its_own_words(tmp_path: Path):
    """--from default-en: English categories, the English deck's statement kept, persons in its own persons.yaml."""
    made = generate_deck("en", seed=3, source="default-en", decks_dir=tmp_path)
    persons = assert_keeps_the_lesson(made.path, ENGLISH)
    assert {p["geslacht"] for p in persons} == {"man", "woman"}
    assert "Dutch" in {p["migratieachtergrond"] for p in persons}
    deck = (made.path / "deck.yaml").read_text(encoding="utf-8")
    assert "persons_from" not in deck and "translate:" not in deck


def test_same_seed_same_files_in_any_process(tmp_path: Path):
    """The same seed and source give the same bytes, also in processes with other hash seeds; and the command
    loads neither pandas nor ReportLab."""
    code = (
        "import sys\n"
        "from datadialoog_print.cli import cli\n"
        "try:\n"
        "    cli(['generate', sys.argv[1], '--seed', '11'], standalone_mode=False)\n"
        "finally:\n"
        "    print(sorted(m for m in ('pandas', 'reportlab', 'numpy') if m in sys.modules))\n"
    )
    folders = []
    for hash_seed in ("1", "2"):
        here = tmp_path / f"run{hash_seed}"
        here.mkdir()
        folder = here / "decks" / "deck"
        env = {"PYTHONHASHSEED": hash_seed, "PATH": "/usr/bin:/bin"}
        out = subprocess.run(
            [sys.executable, "-c", code, "deck"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            timeout=60,
            cwd=here,
        ).stdout
        assert out.strip().splitlines()[-1] == "[]", out
        folders.append(folder)
    files = sorted(p.name for p in folders[0].iterdir())
    assert files == ["answers.yaml", "deck.yaml", "persons.yaml", "texts.yaml"]
    for name in files:
        assert (folders[0] / name).read_bytes() == (folders[1] / name).read_bytes(), name
    again = generate_deck("again", seed=11, decks_dir=tmp_path)
    for name in files:
        assert (again.path / name).read_bytes() == (folders[0] / name).read_bytes(), name


def test_the_source_deck_is_copied_but_for_the_persons(tmp_path: Path):
    """deck.yaml differs only in the pre-pseudonymised names, answers.yaml not at all; texts name the stand-in."""
    made = generate_deck("d", seed=5, decks_dir=tmp_path)
    old = (DEFAULT_DECK / "deck.yaml").read_text(encoding="utf-8").splitlines()
    new = (made.path / "deck.yaml").read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    assert [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == [
        next(i for i, line in enumerate(old) if "pseudonymised:" in line)
    ]
    assert (made.path / "answers.yaml").read_bytes() == (DEFAULT_DECK / "answers.yaml").read_bytes()
    ((was, now),) = made.renamed
    assert was == "B. Bos"
    texts = (made.path / "texts.yaml").read_text(encoding="utf-8")
    assert f"van de persoon {now} staat" in texts
    assert texts.replace(now, "B. Bos") == (DEFAULT_DECK / "texts.yaml").read_text(encoding="utf-8")
    stand_in = next(p for p in persons_of(made.path) if p["name"] == now)
    assert stand_in["series"] == 1
    everything = "".join((made.path / f).read_text(encoding="utf-8") for f in ("deck.yaml", "texts.yaml"))
    assert not [p["name"] for p in persons_of(DEFAULT_DECK) if p["name"] in everything]


def test_pseudonymised_persons_keep_their_proportion(tmp_path: Path):
    """3 of 10 in series 2 in the source: 6 of 20 with 20 persons per series, none in series 1."""
    made = generate_deck("d", seed=2, decks_dir=tmp_path, persons_per_series=20)
    series = read(made.path, "deck.yaml")["series"]
    assert len(series[1]["pseudonymised"]) == 6 and "pseudonymised" not in series[0]
    assert_keeps_the_lesson(made.path)


def test_generate_prints_the_figures_as_stats_does(tmp_path: Path, monkeypatch):
    """The command ends with the stats table of the new deck, intentions included."""
    monkeypatch.chdir(tmp_path)
    target = Path("decks") / "groep-2"
    result = CliRunner().invoke(cli, ["generate", "groep-2", "--seed", "7"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Created {target}: 20 fresh fictional persons keeping the lesson of 'default'")
    table = CliRunner().invoke(cli, ["stats", str(target)], catch_exceptions=False).output
    assert result.output.endswith(table)
    assert table.count("(klopt)") == 11  # 9 rows, the months row's correlation, the telling value
    assert "De les klopt: elke rij van het antwoordblad laat zien wat answers.yaml bedoelt.\n" in result.output


@pytest.mark.parametrize("size", [1, 2, 3])
def test_an_impossible_request_is_refused_naming_the_intention(tmp_path: Path, size: int, monkeypatch):
    """Too few persons per series for the one 'motorvoertuigen' person and 'sector about equal': exit 2, a
    message naming that intention and the equal_within answers.yaml states (0.3), nothing written."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "decks" / "klein"
    result = CliRunner().invoke(
        cli, ["generate", "klein", "--seed", "1", "--persons-per-series", str(size)], catch_exceptions=False
    )
    assert result.exit_code == 2
    message = result.output.strip()
    assert message.startswith(f"Error: cannot make {size} person")
    if size == 1:
        assert "Postcode (expect: different)" in message and "at least 2 persons per series" in message
    else:
        assert "Sector (expect: equal)" in message and "'motorvoertuigen'" in message
        assert "at most 0.3 apart (equal_within in answers.yaml)" in message
        assert f"{1 / size:.2f} apart" in message and "at least 4 persons per series" in message
    assert not target.parent.exists()  # not even decks/


@pytest.mark.parametrize("size", [4, 5, 6])
def test_four_to_six_persons_per_series_keep_the_lesson(tmp_path: Path, size: int):
    """One 'motorvoertuigen' person of 4 puts the sectors 0.25 apart, within answers.yaml's 0.3: made, and kept."""
    made = generate_deck("klein", seed=13, persons_per_series=size, decks_dir=tmp_path)
    assert len(made.deck.persons) == 2 * size and not broken(made.deck)


def test_a_lesson_the_rules_cannot_keep_is_refused_naming_it(deck_copy: DeckFolder, tmp_path: Path):
    """Every age fixed at 40 by the deck: 'series 1 younger' cannot be met; the message names it, nothing written."""
    deck_copy.replace("deck.yaml", "    unit: jaar\n    max: 120", "    unit: jaar\n    min: 40\n    max: 40")
    text = re.sub(r"leeftijd: \d+", "leeftijd: 40", deck_copy.text("persons.yaml"))
    (deck_copy.path / "persons.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CannotGenerate) as info:
        generate_deck("x", seed=1, source=deck_copy.path, decks_dir=tmp_path / "decks")
    assert info.value.message.startswith("cannot make 10 persons per series that keep the lesson of 'testdeck'")
    assert info.value.message.endswith("not met: Leeftijd (expect: lower)")
    assert not (tmp_path / "decks").exists()


def test_generate_refuses_a_taken_or_bad_name(tmp_path: Path, monkeypatch):
    """An existing folder is never overwritten; a bad name, or a path, gets advice."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "decks" / "d"
    target.mkdir(parents=True)
    (target / "mine.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", "d", "--seed", "1"])
    assert result.exit_code == 2 and "already exists" in result.output
    assert [p.name for p in target.iterdir()] == ["mine.txt"]
    for bad in ("Mijn Deck", "../x", str(tmp_path / "elsewhere")):
        result = CliRunner().invoke(cli, ["generate", bad, "--seed", "1"])
        assert result.exit_code == 2 and "is not a deck name" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decks"]
    result = CliRunner().invoke(cli, ["generate", "e"])
    assert result.exit_code == 2 and "--seed" in result.output


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 2**32),
    size=st.one_of(st.none(), st.integers(1, 40)),
    english=st.booleans(),
)
def test_property_every_deck_keeps_its_lesson_or_is_refused(tmp_path_factory, seed: int, size, english: bool):
    """Any seed and size: the deck keeps every intention with its margins, or is refused, naming the intention."""
    decks = tmp_path_factory.mktemp("decks")
    source = ENGLISH if english else DEFAULT_DECK
    try:
        made = generate_deck("d", seed=seed, source=source, persons_per_series=size, decks_dir=decks)
    except CannotGenerate as refused:
        assert re.match(r"cannot make \d+ persons? per series that keep the lesson of 'default(-en)?'", refused.message)
        assert "(expect: " in refused.message or "singling out" in refused.message
        assert list(decks.iterdir()) == []  # the folder hypothesis made stays empty
        return
    persons = assert_keeps_the_lesson(made.path, source)
    assert Counter(p["series"] for p in persons) == {1: size or 10, 2: size or 10}


def test_the_name_list_is_printable_varied_and_has_letters_beyond_ascii():
    """Every surname prints in the font, appears once, and the list has the letters the default deck needs."""
    from datadialoog_print.paper.glyphs import unprintable as glyph_problem

    names = yaml.safe_load((DATA.parents[1] / "deck" / "data" / "names.yaml").read_text(encoding="utf-8"))
    surnames = [s for g in names["groups"].values() for s in g["surnames"]]
    assert len(surnames) == len(set(surnames)) and len(surnames) > 250
    assert not [s for s in surnames if glyph_problem(f"A. {s}")]
    assert all(ch in "".join(surnames) for ch in "ëşığç")
    for language, mix in names["languages"].items():
        assert set(mix["mix"]) <= set(names["groups"]), language


def test_the_source_decks_own_persons_keep_every_rule():
    """The rules are those a real deck keeps: every person of the default deck keeps them all."""
    from datadialoog_print import load_deck
    from datadialoog_print.deck.plausible import plausibility

    data = plausibility()
    for person in load_deck().persons:
        context = {k: data.canonical(k, v) for k, v in person.values.items()}
        assert [r.text for r in data.rules if not r.holds(context)] == [], person.name
    english = next(p for p in load_deck("default-en").persons if p.name == "Y. El Amrani")
    context = {k: data.canonical(k, v) for k, v in english.values.items()}
    assert context["opleiding"] == "VMBO" and all(r.holds(context) for r in data.rules)


@pytest.mark.parametrize(
    "rule", ["__import__('os').system('true')", "leeftijd.real > 1", "[x for x in (1, 2)]", "leeftijd[0] > 1"]
)
def test_a_rule_is_arithmetic_only(rule: str):
    """A rule that calls, reads attributes, indexes or loops is refused before it runs."""
    from datadialoog_print.deck.rules import compile_rule

    with pytest.raises(ValueError, match="not allowed in a rule"):
        compile_rule(rule)


def test_a_generated_deck_builds(tmp_path: Path):
    """generate → build: the cards carry the new names, the booklet the stand-in for B. Bos."""
    from pypdf import PdfReader

    made = generate_deck("d", seed=8, decks_dir=tmp_path / "decks")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(made.path), "-o", str(out), "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    cards = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "kaarten-reeks-1-groen.pdf").pages)
    first = persons_of(made.path)[0]["name"]
    assert first in cards and "B. Bos" not in cards
    booklet = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "gespreksleider-a5.pdf").pages)
    assert f"van de persoon {made.renamed[0][1]} staat" in booklet
