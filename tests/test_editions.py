"""The English edition: the same workshop and figures, no Dutch left from the tool, language by data alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from datadialoog_print import load_deck
from datadialoog_print.cli import cli
from datadialoog_print.deck.language import LANGUAGES

from .conftest import ROOT, DeckFolder
from .planned import planned_names

DUTCH = ROOT / "decks" / "default"
ENGLISH = ROOT / "decks" / "default-en"

TOOL_WORDS_NL = [
    "gemiddeld",
    "totaal",
    "vooral",
    "Aanname",
    "Opdracht",
    "Inhoud",
    "Inleiding",
    "Bijlagen",
    "Kenmerk",
    "neutraal",
    "oneens",
    "Vellen",
    "Bestand",
    "Papier",
    "enkelzijdig",
    "dubbelzijdig",
    "Herkenbaar",
    "Sleutel",
    "Printen",
    "snijden",
    "Naam",
    "Nummer",
    "Kaarten",
    "kaarten",
    "Bron",
    "Inkt",
    "nr.",
    "Reeks",
]


@pytest.fixture(scope="module")
def builds(shipped_build) -> dict[str, Path]:
    """Both editions, built once for the session (read, never written)."""
    return {"nl": shipped_build(DUTCH.name), "en": shipped_build(ENGLISH.name)}


def text_of(folder: Path) -> str:
    return " ".join(
        " ".join(p.extract_text() for pdf in sorted(folder.glob("*.pdf")) for p in PdfReader(pdf).pages).split()
    )


def test_same_persons_and_attributes_in_both_editions():
    """Persons are defined once; attributes, sources, series and comparisons match one to one."""
    nl, en = load_deck(DUTCH), load_deck(ENGLISH)
    assert [p.name for p in nl.persons] == [p.name for p in en.persons]
    assert [p.series for p in nl.persons] == [p.series for p in en.persons]
    assert [a.key for a in nl.attributes] == [a.key for a in en.attributes]
    assert [(a.kind, a.source.key, a.minimum, a.maximum, len(a.categories)) for a in nl.attributes] == [
        (a.kind, a.source.key, a.minimum, a.maximum, len(a.categories)) for a in en.attributes
    ]
    assert [(s.key, s.ink.name, s.marker, s.mono) for s in nl.sources] == [
        (s.key, s.ink.name, s.marker, s.mono) for s in en.sources
    ]
    assert [(s.key, s.colour.name, s.pseudonymised) for s in nl.series] == [
        (s.key, s.colour.name, s.pseudonymised) for s in en.series
    ]
    assert [(c.attribute, c.measure, c.equal_within, c.decimals) for c in nl.comparisons] == [
        (c.attribute, c.measure, c.equal_within, c.decimals) for c in en.comparisons
    ]
    for a in nl.attributes:
        if a.kind.value == "number":
            assert all(p.values[a.key] == q.values[a.key] for p, q in zip(nl.persons, en.persons, strict=False))
    assert not (ENGLISH / "persons.yaml").exists()


def test_same_workshop_structure_in_both_editions():
    """Same assignments, questions, statements and footnotes, in the same order."""
    nl, en = load_deck(DUTCH).texts, load_deck(ENGLISH).texts
    assert [len(a.questions) for a in nl.assignments] == [len(a.questions) for a in en.assignments]
    assert [len(a.tasks) for a in nl.assignments] == [len(a.tasks) for a in en.assignments]
    assert len(nl.questions) == len(en.questions) == 6
    assert [len(g.items) for g in nl.statements] == [len(g.items) for g in en.statements]
    assert set(nl.footnotes) == set(en.footnotes)


def test_an_attribute_missing_from_one_edition_fails(tmp_path: Path):
    """Drift is caught: the English edition without a translation for a value does not load."""
    import shutil

    shutil.copytree(ENGLISH, tmp_path / "en")
    shutil.copytree(DUTCH, tmp_path / "default")
    d = DeckFolder(tmp_path / "en")
    d.replace("deck.yaml", "    motorvoertuigen: motor trade\n", "")
    result = CliRunner().invoke(cli, ["check", str(d.path)])
    assert result.exit_code == 2 and "no translation for 'motorvoertuigen'" in result.output


def test_same_files_pages_and_cards(builds):
    """The English build writes the same kinds of file, and card PDFs with the same pages and cards."""
    nl = sorted(p.name for p in builds["nl"].glob("*.pdf"))
    en = sorted(p.name for p in builds["en"].glob("*.pdf"))
    pairs = dict(zip(planned_names(DUTCH), planned_names(ENGLISH), strict=True))  # the registry's files, both
    assert pairs["kaarten-reeks-1-groen.pdf"] == "cards-series-1-green.pdf" and pairs["dias.pdf"] == "slides.pdf"
    assert sorted(pairs) == nl and sorted(pairs.values()) == en
    for dutch, english in list(pairs.items())[:2]:
        a, b = PdfReader(builds["nl"] / dutch), PdfReader(builds["en"] / english)
        assert len(a.pages) == len(b.pages) == 24
        count = lambda r, word: sum(p.extract_text().count(word) for p in r.pages)  # noqa: E731
        assert count(a, "nr.") == count(b, "no.") == 100


def test_no_dutch_from_the_tool_and_english_figures(builds):
    """None of the tool's Dutch words in the English PDFs; the figures in English number format."""
    text = text_of(builds["en"])
    words = set(text.replace(".", " ").replace(",", " ").split())
    for word in TOOL_WORDS_NL:
        assert word.rstrip(".") not in words, word
    for figure in ["39.5", "7,600", "4,600", "13.5", "11.9", "3.8", "3.1", "9 of 10", "38 in all, average 3.8"]:
        assert figure in text, figure
    assert "39,5" not in text and "7.600" not in text


def test_every_language_table_has_the_same_words():
    """A third language is a new table with the same keys; none is missing in the shipped ones."""
    keys = [set(lang.words) for lang in LANGUAGES.values()]
    assert all(k == keys[0] for k in keys)


def test_unsupported_language_names_the_ones_on_offer(tmp_path: Path):
    """A deck in Frisian: a clear message with the languages on offer."""
    import shutil

    shutil.copytree(DUTCH, tmp_path / "fy")
    d = DeckFolder(tmp_path / "fy")
    d.replace("deck.yaml", "language: nl", "language: fy")
    result = CliRunner().invoke(cli, ["build", str(d.path)])
    assert result.exit_code == 2
    assert "language 'fy' is not supported; languages on offer: en (English), nl (Nederlands)" in result.output


def test_new_deck_from_the_english_edition_is_standalone(tmp_path: Path, monkeypatch):
    """new --from default-en writes the translated persons into the new deck, ready to edit."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "decks" / "my-deck"
    result = CliRunner().invoke(cli, ["new", "my-deck", "--from", "default-en"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((target / "deck.yaml").read_text(encoding="utf-8"))
    assert "persons_from" not in data and "translate" not in data and data["language"] == "en"
    persons = yaml.safe_load((target / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    assert persons[0]["opleiding"] == "Higher professional education (HBO)"
    assert load_deck(target).persons == load_deck(ENGLISH).persons
