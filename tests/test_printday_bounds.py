"""Every number the print day asks, at its bound and one past it, on the command line and in the print form; the
back offset as people type it (``1,5`` in a box is 1.5 mm; ``--back-offset 1,5`` is ambiguous and refused)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK
from .serveclient import signed_in


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.output


def options(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["options"]


def inked(folder: Path) -> Path:
    """The default deck with one source printed in a colour of 250 % total ink (50 + 100 + 100 + 0)."""
    shutil.copytree(DEFAULT_DECK, folder)
    deck = folder / "deck.yaml"
    text = deck.read_text(encoding="utf-8").replace(
        "series:\n", "colours:\n  donkerrood: [50, 100, 100, 0]\nseries:\n", 1
    )
    deck.write_text(text.replace("    ink: red\n", "    ink: donkerrood\n", 1), encoding="utf-8")
    return folder


# ---------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    ("value", "taken"),
    [
        ("20,-20", (20.0, -20.0)),
        ("1.5,0", (1.5, 0.0)),
        ("1, 5", (1.0, 5.0)),
        ("1,5;-1", (1.5, -1.0)),
        ("1,-5", (1.0, -5.0)),
    ],
)
def test_back_offset_as_the_command_line_takes_it(tmp_path: Path, value: str, taken: tuple):
    code, out = run("build", "-o", str(tmp_path), "-q", "--only", "cards", "--back-offset", value)
    assert code == 0, out
    assert tuple(options(tmp_path)["back_offset_mm"]) == taken


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("21, 0", "more than 20 mm"),
        ("0,-21", "more than 20 mm"),
        ("20.5,0", "more than 20 mm"),
        ("1,5", "'1,5' is ambiguous"),
        ("-1,5", "'-1,5' is ambiguous"),
    ],
)
def test_back_offset_past_its_bound_or_ambiguous_is_refused(built_once: Path, value: str, message: str):
    before = sorted(p.name for p in built_once.iterdir())
    code, out = run("build", "-o", str(built_once), "-q", "--back-offset", value)
    assert code == 2 and "--back-offset" in out and message in out, out
    assert sorted(p.name for p in built_once.iterdir()) == before


def test_an_ambiguous_offset_from_the_variable_names_the_variable(built_once: Path):
    code, out = run("build", "-o", str(built_once), "-q", env={"DATADIALOOG_BACK_OFFSET": "1,5"})
    assert code == 2 and "DATADIALOOG_BACK_OFFSET" in out and "ambiguous" in out


def test_a_colour_one_percent_over_max_ink_is_refused(tmp_path: Path):
    """A colour of 250 %: built at --max-ink 250, refused at 249, naming the colour."""
    deck = inked(tmp_path / "ink")
    code, out = run("build", str(deck), "-o", str(tmp_path / "at"), "-q", "--only", "cards", "--max-ink", "250")
    assert code == 0, out
    code, out = run("build", str(deck), "-o", str(tmp_path / "over"), "-q", "--only", "cards", "--max-ink", "249")
    assert code == 2 and "(donkerrood): 250 %" in out and not (tmp_path / "over").exists()


# ---------------------------------------------------------------- the print form


@pytest.fixture
def client(tmp_path: Path, monkeypatch):
    return signed_in(tmp_path, monkeypatch)


def post(client, **fields):
    return client.post("/decks/default/build", data={"only": "cards", **fields}, follow_redirects=False)


@pytest.mark.parametrize(
    ("fields", "taken"),
    [
        ({"back_offset_x": "1,5"}, (1.5, 0.0)),
        ({"back_offset_x": "20", "back_offset_y": "-20"}, (20.0, -20.0)),
        ({"back_offset_x": "−1,5 mm", "back_offset_y": "0.5"}, (-1.5, 0.5)),
        ({"back_offset": "1.5,-1"}, (1.5, -1.0)),  # the CLI's way, for a script
    ],
)
def test_the_offset_boxes_take_numbers_as_people_type_them(client, tmp_path: Path, fields: dict, taken: tuple):
    assert post(client, **fields).status_code == 303
    assert tuple(options(tmp_path / "output" / "default")["back_offset_mm"]) == taken


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"back_offset_x": "21"}, "back_offset_x", "21 ligt niet tussen -20 en 20"),
        ({"back_offset_y": "-20,5"}, "back_offset_y", "-20,5 ligt niet tussen -20 en 20"),
        ({"back_offset_x": "1,5,0"}, "back_offset_x", "‘1,5,0’ is geen getal"),
        ({"back_offset": "1,5"}, "back_offset_x", "‘1,5’ is onduidelijk: 1,5 mm, of X = 1 en Y = 5?"),
        ({"sets": "27"}, "sets", "27 ligt niet tussen 1 en 26"),
        ({"sets": "0"}, "sets", "0 ligt niet tussen 1 en 26"),
        ({"max_ink": "401"}, "max_ink", "401 ligt niet tussen 100 en 400"),
        ({"max_ink": "99"}, "max_ink", "99 ligt niet tussen 100 en 400"),
        ({"bleed": "6,5"}, "bleed", "6,5 ligt niet tussen 0 en 6"),
        ({"start": "25:00"}, "start", "‘25:00’ is geen tijd"),
        ({"card_size": "groot"}, "card_size", "‘groot’ is geen kaartformaat"),
        ({"printer": "Verdwenen"}, "printer", "er is geen printer ‘Verdwenen’ (meer) bewaard"),
    ],
)
def test_each_number_past_its_bound_is_refused_at_its_field(client, tmp_path: Path, fields, field, message):
    """At its field (its message beside it, the field marked invalid) and in the list at the top, in Dutch;
    nothing is built."""
    if field == "printer":  # a list to choose from, without the one asked for
        client.post("/printers", data={"name": "Kantoor", "duplex": "long", "x": "0", "y": "0"})
    r = post(client, **fields)
    assert r.status_code == 422
    assert f'<p class="field-error" id="{field}-error">{message}' in r.text
    assert f'<li><a href="#{field}">' in r.text and 'aria-invalid="true"' in r.text
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    "fields", [{"sets": "26", "only": "answers"}, {"max_ink": "400"}, {"max_ink": "300"}, {"bleed": "6"}]
)
def test_each_bound_itself_is_taken(client, fields):
    assert post(client, **fields).status_code == 303


def test_in_english_the_same_refusal_in_english(client):
    r = client.post("/decks/default-en/build", data={"back_offset_x": "21"}, headers={"accept-language": "en"})
    assert r.status_code == 422 and 'id="back_offset_x-error">21 is not between -20 and 20' in r.text


def test_a_colour_one_percent_over_the_ink_limit_is_refused_at_the_ink_field(client, tmp_path: Path):
    inked(tmp_path / "decks" / "ink")
    r = client.post("/decks/ink/build", data={"only": "cards", "max_ink": "249"})
    assert r.status_code == 422
    assert 'id="max_ink-error">een kleur van dit kaartspel gebruikt 250 % inkt, meer dan 249 %' in r.text
    assert not (tmp_path / "output").exists()
    r = client.post("/decks/ink/build", data={"only": "cards", "max_ink": "250"}, follow_redirects=False)
    assert r.status_code == 303
