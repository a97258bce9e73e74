"""The package's YAML parsed when the site is written: the tab reads from those parses exactly what parsing gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from datadialoog_print.deck import yamlfile
from datadialoog_print.deck.yamltree import Recursive, from_tree, to_tree
from datadialoog_print.web import parses

FILES = parses.package_yaml()


def test_every_file_the_package_reads_as_it_is_has_a_parse():
    names = {p.relative_to(parses.ROOT).as_posix() for p in FILES}
    assert {"decks/default/persons.yaml", "decks/default-en/texts.yaml", "deck/data/names.yaml"} <= names
    assert set(json.loads(parses.shipped_parses())) == names
    assert parses.shipped_parses() == parses.shipped_parses()  # the site's archive is the same bytes each time


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(parses.ROOT).as_posix())
def test_a_parse_from_its_tree_reads_as_the_text_does(path: Path, monkeypatch):
    """Deck files give the deck reader the same data and the same line for every field; data files the same data
    as ``yaml.safe_load``."""
    text = path.read_bytes().decode("utf-8-sig")
    tree = json.loads(json.dumps(to_tree(yaml.compose(text, Loader=yamlfile.PythonLoader))))
    monkeypatch.setattr(yamlfile, "_GIVEN", {})
    direct = yamlfile.read_yaml(path, path.name, [], text=text)
    yamlfile.given_parse(text, from_tree(tree))
    given = yamlfile.read_yaml(path, path.name, [], text=text)
    assert given.data == direct.data and given.lines == direct.lines
    assert yamlfile.load_data(path) == yaml.safe_load(text)


def test_the_tab_is_given_only_the_parses_of_texts_it_still_has(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlfile, "_GIVEN", {})
    kept = json.loads(parses.shipped_parses())
    kept["decks/default/texts.yaml"]["sha256"] = "0" * 64  # as if the file had changed since the site was written
    (tmp_path / parses.NAME).write_text(json.dumps(kept), encoding="utf-8")
    assert parses.give.__wrapped__(tmp_path / parses.NAME) == len(FILES) - 1
    assert parses.give.__wrapped__(tmp_path / "none.json") == 0  # the package outside the site's archive
    persons = parses.ROOT / "decks" / "default" / "persons.yaml"
    yamlfile._composed.cache_clear()
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: pytest.fail("parsed again"))
    doc = yamlfile.read_yaml(persons, "persons.yaml", [], text=persons.read_text(encoding="utf-8"))
    assert doc.data["persons"]


def test_an_anchor_inside_itself_has_no_tree():
    node = yaml.compose("a: &x [1, *x]\n", Loader=yamlfile.PythonLoader)
    with pytest.raises(Recursive):
        to_tree(node)
    shared = yaml.compose("a: &x [1, 2]\nb: *x\n", Loader=yamlfile.PythonLoader)
    assert yaml.safe_load("a: &x [1, 2]\nb: *x\n") == yamlfile.yaml.constructor.SafeConstructor().construct_document(
        from_tree(to_tree(shared))
    )
