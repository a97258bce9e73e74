"""Hostile input beyond the catalogue: YAML built to hang or crash the parser, patterns that backtrack,
options that are not numbers, random values, and a deck at every limit (which must build).

Anything that could hang runs in a subprocess under a timeout.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datadialoog_print.assemble.documents import DOCUMENTS
from datadialoog_print.cli import cli
from datadialoog_print.deck.checker import LABEL, LINE, PARAGRAPHS, TITLE
from datadialoog_print.deck.pattern import PatternError, compile_pattern, fullmatch
from datadialoog_print.deck.sessionplan import READ_ALOUD, SERVICE, SLIDE_LISTS
from datadialoog_print.deck.texts import CAUTION, QUESTION, SHEET_INTRODUCTION, STEP
from datadialoog_print.deck.yamlfile import read_yaml

from .conftest import DEFAULT_DECK, ROOT, DeckFolder
from .folders import snapshot

TIMEOUT_S = 20


def cli_subprocess(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real command in its own process, killed (by pid, through subprocess) if it runs past the timeout."""
    return subprocess.run(
        [sys.executable, "-m", "datadialoog_print", *args], capture_output=True, text=True, cwd=cwd, timeout=TIMEOUT_S
    )


def bomb(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\npersons: *a{levels - 1}\n"


HANGS = [
    ("alias-bomb", bomb(9), "expands to more than 2,000,000 values"),
    ("recursive-anchor", "persons: &p [*p]\n", "an anchor refers to itself"),
    ("recursive-mapping", "persons:\n  - &p {name: x, self: *p}\n", "an anchor refers to itself"),
    ("deep-flow", "persons: " + "[" * 5000 + "]" * 5000 + "\n", "nest"),
    (
        "deep-block",
        "persons:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 3000)) + "  " * 3000 + "x: 1\n",
        "nest",
    ),
]


@pytest.mark.parametrize("text,words", [h[1:] for h in HANGS], ids=[h[0] for h in HANGS])
def test_yaml_built_to_hang_or_crash(deck_copy: DeckFolder, text: str, words: str):
    """Alias bombs, anchors inside themselves, nesting thousands deep: a message on persons.yaml, exit 2, at once."""
    (deck_copy.path / "persons.yaml").write_text(text, encoding="utf-8")
    result = cli_subprocess("check", str(deck_copy.path))
    assert result.returncode == 2, result.stderr
    assert "persons.yaml" in result.stderr and words in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 2, result.stderr  # "Error: 1 problem" and the problem


def test_node_budget_is_a_parameter():
    """The budget counts every use of an alias, before anything is built; a small one refuses a small bomb."""
    problems: list = []
    assert read_yaml(Path("x.yaml"), "x.yaml", problems, text=bomb(3), max_nodes=10_000) is not None
    assert not problems
    assert read_yaml(Path("x.yaml"), "x.yaml", problems, text=bomb(3), max_nodes=500) is None
    assert "expands to more than 500 values" in problems[0].message


def test_a_backtracking_pattern_runs_in_linear_time(deck_copy: DeckFolder):
    """`(a+)+b`-style patterns take Python's re minutes on 30 characters; here the check answers at once."""
    deck_copy.replace("deck.yaml", 'pattern: "[1-9][0-9]{3}"', 'pattern: "([0-9]+)+x"')
    deck_copy.replace("persons.yaml", 'postcode: "3582"', 'postcode: "' + "1" * 40 + '!"')
    result = cli_subprocess("check", str(deck_copy.path))
    assert result.returncode == 2 and "does not match the pattern ([0-9]+)+x" in result.stderr, result.stderr


PATTERNS = [
    "[1-9][0-9]{3}",
    "[1-9][0-9]{3} ?[A-Z]{2}",
    "(AB|CD)[0-9]{2,4}",
    "a*b+c?",
    "(a|ab)(c|bcd)(d*)",
    "\\d{2}-\\d{2}",
    "[^x]+",
    "x{0,3}y{2,}",
    "(?:ab)*",
    "^[a-c]+$",
    "[-a]z",
    "[]a]",
    "\\.\\w\\s\\D\\W\\S",
    "((a)*)*",
    "(a+)+b",
    ".{2}",
    "[\\d.]+",
    "a|",
    "a{2}?b*?",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pattern_engine_agrees_with_re(pattern: str):
    """On the syntax it accepts, the engine says what Python's re.fullmatch says (2 000 random texts each)."""
    rng = random.Random(pattern)
    compiled = re.compile(pattern)
    for _ in range(2000):
        text = "".join(rng.choice("abcdxyzAB019.- _]") for _ in range(rng.randint(0, 7)))
        assert fullmatch(pattern, text) == bool(compiled.fullmatch(text)), text


@pytest.mark.parametrize(
    "pattern,words",
    [
        ("(?=1)", "invalid perl operator"),
        ("(a)\\1", "invalid escape sequence"),
        ("(a{100}){100}", "invalid repetition size"),
        ("x" * 201, "at most 200 characters"),
        ("(a", "missing )"),
        ("a)", "unexpected )"),
        ("[z-a]", "invalid character class range"),
        ("*a", "no argument for repetition operator"),
    ],
)
def test_pattern_engine_refuses_what_it_cannot_run_safely(pattern: str, words: str):
    """What only a backtracking engine could run, a huge automaton or a broken pattern: a message saying why."""
    with pytest.raises(PatternError, match=re.escape(words)):
        compile_pattern(pattern)


@pytest.mark.parametrize(
    "option,value,words",
    [
        ("--bleed", "nan", "not a number of millimetres"),
        ("--bleed", "inf", "not a number of millimetres"),
        ("--bleed", "1e309", "not a number of millimetres"),
        ("--bleed", "١٢", "not a number of millimetres"),
        ("--bleed", "1_0", "not a number of millimetres"),
        ("--bleed", "-1", "not from 0 to 6 mm"),
        ("--bleed", "7", "not from 0 to 6 mm"),
        ("--back-offset", "nan,nan", "is not X,Y in millimetres"),
        ("--back-offset", "inf,0", "is not X,Y in millimetres"),
        ("--back-offset", "1e309,0", "is not X,Y in millimetres"),
        ("--back-offset", "١,٢", "is not X,Y in millimetres"),
        ("--back-offset", "1,2,3", "is not X,Y in millimetres"),
        ("--back-offset", "25, 0", "more than 20 mm"),
        ("--card-size", "nanxnan", "is neither a preset"),
        ("--card-size", "infx88", "is neither a preset"),
        ("--card-size", "٦٣x٨٨", "is neither a preset"),
        ("--card-size", "10x10", "is neither a preset"),
    ],
)
def test_options_that_are_not_sane_numbers(built_once: Path, option: str, value: str, words: str):
    """Every number option: finite, ASCII digits, in range; exit 2 with one line naming the option; folder as it was."""
    before = snapshot(built_once)
    result = CliRunner().invoke(cli, ["build", "-o", str(built_once), "-q", f"{option}={value}"])
    assert result.exit_code == 2, result.output
    assert option in result.output and words in result.output, result.output
    assert snapshot(built_once) == before


def test_environment_variable_options_are_checked_the_same(built_once: Path):
    before = snapshot(built_once)
    result = CliRunner().invoke(cli, ["build", "-o", str(built_once), "-q"], env={"DATADIALOOG_BACK_OFFSET": "nan,nan"})
    assert result.exit_code == 2 and "is not X,Y" in result.output, result.output
    assert snapshot(built_once) == before


def test_verify_answers_only_0_or_1(tmp_path: Path):
    """verify's own usage errors exit 1, like every other verify failure."""
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "extra"])
    assert result.exit_code == 1, result.output


def _words(n: int) -> str:
    return ("woord " * (n // 6 + 1))[:n].strip()


def _at_limits(data, path=()):
    """Every text of deck.yaml, answers.yaml and texts.yaml at its longest (card texts aside: see the card fit)."""
    fixed = {"key", "source", "kind", "ink", "marker", "mono", "colour", "language", "pattern", "measure"}
    fixed |= {"attribute", "unit_position", "card_size", "footnote", "pseudonym_key", "name", "series"}
    fixed |= {"start", "see", "expect", "value", "margin"}  # a time, places in the booklet, an intention, a category
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, str) and path[:1] != ("attributes",) and k not in fixed:
                if k in ("title", "agenda", "slide_title") or (path == () and k == "subtitle"):
                    data[k] = _words(TITLE)
                elif path == ("answer_sheet",) and k == "introduction":
                    data[k] = _words(SHEET_INTRODUCTION)
                elif path == ("answer_sheet",) and k == "caution":
                    data[k] = _words(CAUTION)
                elif path[:1] == ("series",) and k == "label":
                    data[k] = _words(LABEL - 1) + str(path[1])
                elif path == ("run_sheet",) and k == "read_aloud":
                    data[k] = _words(READ_ALOUD)
                elif path == ("run_sheet", "service"):
                    data[k] = _words(SERVICE)
                elif k in {"introduction", "inks_explanation", "markers_explanation", "explanation", "answer"}:
                    data[k] = _words(PARAGRAPHS // 4)
                else:
                    data[k] = _words(LINE)
            else:
                _at_limits(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            if isinstance(v, str) and path[-1:] == ("questions",):
                data[i] = _words(QUESTION)
            elif isinstance(v, str) and path[-1:] and path[-1] in SLIDE_LISTS:
                data[i] = _words(SLIDE_LISTS[path[-1]][1])
            elif isinstance(v, str) and path[-1:] == ("steps",):  # an exercise's steps, on its slide
                data[i] = _words(STEP)
            elif isinstance(v, str) and path[-1:] == ("items",):
                data[i] = _words(LINE)
            else:
                _at_limits(v, path + (i,))


def test_a_deck_at_every_limit_passes_check_and_builds(deck_copy: DeckFolder, tmp_path: Path):
    """Each title, label, wording and text as long as check allows: check passes, so every paper document must
    build; the slides build or are refused naming the slide."""
    for name in ("deck.yaml", "answers.yaml", "texts.yaml"):
        data = deck_copy.read(name)
        _at_limits(data)
        deck_copy.write(name, data)
    assert CliRunner().invoke(cli, ["check", str(deck_copy.path)]).exit_code == 0
    printed = [doc.kind for doc in DOCUMENTS if all(spec.printed for spec in doc.files)]  # all but the slides
    paper = [arg for kind in printed for arg in ("--only", kind)]
    result = CliRunner().invoke(cli, ["build", str(deck_copy.path), "-o", str(tmp_path / "out"), "-q", *paper])
    assert result.exit_code == 0, result.output
    # The slides hold less than paper at 18 pt: a slide whose texts do not fit even when its chart and boxes
    # give way is refused at build, naming the slide; never cut short, never a traceback, nothing written.
    result = CliRunner().invoke(cli, ["build", str(deck_copy.path), "-o", str(tmp_path / "slides"), "--only", "slides"])
    assert result.exit_code == 0 or (result.exit_code == 2 and "does not fit on the slide at 18 pt" in result.output), (
        result.output
    )
    assert result.exit_code == 0 or not list((tmp_path / "slides").glob("*.pdf"))


names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30)
values = st.one_of(
    st.integers(-50, 400),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.text(alphabet="0123456789٠١٢٣.,_+-eE:x", max_size=8),
    st.booleans(),
    st.none(),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_random_persons_build_or_fail_clearly(tmp_path_factory, data):
    """Random names and values: check and build agree; a failure is a message (exit 2), never a bug (exit 3)."""
    folder = DeckFolder(tmp_path_factory.mktemp("rand") / "deck")
    shutil.copytree(DEFAULT_DECK, folder.path)
    persons = yaml.safe_load(folder.text("persons.yaml"))["persons"]
    for person in persons[:3]:
        person["name"] = data.draw(names)
        key = data.draw(st.sampled_from(["leeftijd", "sector", "postcode", "studieschuld"]))
        person[key] = data.draw(values)
    folder.write("persons.yaml", {"persons": persons})
    checked = CliRunner().invoke(cli, ["check", str(folder.path)])
    out = folder.path.parent / "out"
    result = CliRunner().invoke(cli, ["build", str(folder.path), "-o", str(out), "-q", "--only", "cards"])
    assert checked.exit_code in (0, 2) and result.exit_code in (0, 2), result.output
    assert result.output.startswith("Error: ") or result.exit_code == 0
    if checked.exit_code == 2:
        assert result.exit_code == 2
    elif result.exit_code == 2:  # check cannot measure text on a card: that is the build's to say
        assert "does not fit on a" in result.output, result.output


def test_a_page_layout_failure_names_the_document(deck_copy: DeckFolder, tmp_path: Path, monkeypatch):
    """Should a text pass check and still not fit its page (here: the questions page held to one large size), the build
    stops with a message naming the document instead of ReportLab's traceback, and writes nothing."""
    from datadialoog_print.deck import texts
    from datadialoog_print.render import handouts

    monkeypatch.setattr(texts, "QUESTION", 1000)
    # Within check's limits the questions page now always finds a type size that fits; in one size only, twice
    # the largest, six long questions no longer do.
    monkeypatch.setattr(handouts, "QUESTION_SCALES", (6.0,))
    data = deck_copy.read("texts.yaml")
    data["part2"]["questions"] = [_words(290)] * 6
    deck_copy.write("texts.yaml", data)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(deck_copy.path), "-o", str(out), "-q", "--only", "handouts"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: vragen.pdf: a text is too long for its place on the page"), result.output
    assert snapshot(out) == {".datadialoog.lock": snapshot(out).get(".datadialoog.lock")}


def test_a_series_label_too_long_for_its_backs_is_named_not_left_off(deck_copy: DeckFolder, tmp_path: Path):
    """On small cards a long label would not fit the back; it was silently left off, now the build says so."""
    deck_copy.replace("deck.yaml", "    label: Reeks 1", "    label: " + _words(LABEL))
    result = CliRunner().invoke(cli, ["build", str(deck_copy.path), "-o", str(tmp_path), "--card-size", "30x45"])
    assert result.exit_code == 2, result.output
    assert "the label of series '1', on its card backs, is too long" in result.output, result.output
