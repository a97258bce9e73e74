"""Nothing implausible or famous reaches paper unasked, and every person a text names is on the cards (issue 36):
`build` (CLI and workspace) stops on check's warnings about persons until asked to build anyway."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from .serveclient import signed_in


def _implausible(folder: Path) -> None:
    """Age 7 with an HBO degree, and a well-known name: check's warnings, the lesson still kept."""
    persons = folder / "persons.yaml"
    text = persons.read_text(encoding="utf-8").replace("name: A. Yıldız", "name: M. Rutte", 1)
    text = re.sub(r"(name: L\. de Graaf\n    series: 1\n    leeftijd: )52", r"\g<1>7", text)
    persons.write_text(text, encoding="utf-8")


def test_build_stops_on_implausible_persons_until_asked(tmp_path: Path, monkeypatch):
    """Exit 2 in the deck's language naming each person, nothing written; --allow-implausible-persons builds and
    still says it."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["new", "t"]).exit_code == 0
    _implausible(tmp_path / "decks" / "t")
    refused = CliRunner().invoke(cli, ["build", "t", "-q"])
    assert refused.exit_code == 2, refused.output
    assert "M. Rutte: zo heet een bekend persoon (Mark Rutte)" in refused.output
    assert "L. de Graaf (Leeftijd 7): een uitkering krijg je vanaf je 18e" in refused.output
    assert "--allow-implausible-persons" in refused.output and not (tmp_path / "output").exists()
    built = CliRunner().invoke(cli, ["build", "t", "-q", "--only", "answers", "--allow-implausible-persons"])
    assert built.exit_code == 0, built.output
    assert "M. Rutte" in built.output and (tmp_path / "output" / "t").is_dir()


def test_a_text_naming_a_person_no_card_carries_is_a_problem(tmp_path: Path, monkeypatch):
    """B. Bos renamed in persons.yaml: check names the text's line; B. Bos pseudonymised: the same, and why."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["new", "t"]).exit_code == 0
    folder = tmp_path / "decks" / "t"
    persons = folder / "persons.yaml"
    original = persons.read_text(encoding="utf-8")
    persons.write_text(original.replace("name: B. Bos\n", "name: I. Groen\n"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "t", "--strict"])
    assert result.exit_code == 2
    assert re.search(
        r"texts\.yaml:\d+: part1\.introduction: names 'B\. Bos', but no person in persons\.yaml", result.output
    )
    assert CliRunner().invoke(cli, ["build", "t", "-q"]).exit_code == 2 and not (tmp_path / "output").exists()
    persons.write_text(original, encoding="utf-8")
    deck = folder / "deck.yaml"
    text = deck.read_text(encoding="utf-8")  # B. Bos, of series 1, pre-pseudonymised in series 1
    text = text.replace(
        "    meaning: heeft werk gevonden\n", "    meaning: heeft werk gevonden\n    pseudonymised: [B. Bos]\n", 1
    )
    deck.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "t"])
    assert "names 'B. Bos', whose cards carry a pseudonym number" in result.output


def test_the_print_form_shows_the_warnings_and_asks(tmp_path: Path, monkeypatch):
    """The form lists the persons' warnings and a box; a build without the box is refused at the form (422, nothing
    written); with it, built."""
    client = signed_in(tmp_path, monkeypatch, new_deck="t")
    _implausible(tmp_path / "decks" / "t")
    page = client.get("/decks/t/print").text
    assert "M. Rutte: zo heet een bekend persoon (Mark Rutte)" in page
    assert 'name="allow_implausible_persons"' in page and "Toch maken, met deze personen" in page
    refused = client.post("/decks/t/build", data={"only": "answers"})
    assert refused.status_code == 422
    assert 'id="allow_implausible_persons-error">vink dit aan om toch te maken' in refused.text  # at the box
    assert not (tmp_path / "output").exists()
    built = client.post("/decks/t/build", data={"only": "answers", "allow_implausible_persons": "on"})
    assert built.status_code in (200, 303), built.text[:300]
    assert (tmp_path / "output" / "t" / "manifest.json").is_file() or any((tmp_path / "output").rglob("*.pdf"))
    assert 'name="allow_implausible_persons"' not in client.get("/decks/default/print").text


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Leg de kaarten van reeks A. Daarna praten we samen.", []),  # a label ends the sentence: no name
        ("Kies antwoord B. Zo gaat het verder.", []),
        ("Neem vitamine D. De rest volgt.", []),
        ("Zoals J.P. Balkenende zei.", []),  # a row of initials is not where a name starts
        ("De kaarten van B. Bos en van K. Bouzid.", [("K. Bouzid", True)]),  # printed with a pseudonym number
        ("De kaarten van I. Groen liggen op tafel.", [("I. Groen", False)]),  # a common surname nobody here has
        ("De kaarten van Z. van Aalst liggen op tafel.", [("Z. van Aalst", False)]),  # a particle makes a surname
        ("B. Bos’s kaarten, en B. Bos.", []),
    ],
)
def test_a_name_in_a_text_is_told_from_an_ordinary_sentence(text: str, names: list[str]):
    """An initial, a full stop and a surname (one a person of the deck has, a common one, or after a particle) is a
    name; 'reeks A. Daarna' is the end of a sentence (issue 36)."""
    from datadialoog_print.deck.model import Person
    from datadialoog_print.deck.named import mentions

    persons = [Person(name=n, series="1", values={}, line=0) for n in ("B. Bos", "K. Bouzid", "L. de Graaf")]
    assert [(m.name, m.hidden) for m in mentions({"say": text}, persons, {"K. Bouzid"})] == names


def test_ordinary_sentences_in_the_texts_pass_check(tmp_path: Path, monkeypatch):
    """A trainer's text with 'reeks A. Daarna …': check --strict says nothing about names."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["new", "t"]).exit_code == 0
    texts = tmp_path / "decks" / "t" / "texts.yaml"
    text = texts.read_text(encoding="utf-8")
    ordinary = "Leg eerst de kaarten van reeks A. Daarna die van reeks B. Kies dan plan B. Zo gaat het."
    texts.write_text(text.replace("Er zijn geen goede of foute antwoorden.", ordinary, 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "t", "--strict"])
    assert result.exit_code == 0, result.output
