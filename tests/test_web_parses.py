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


TRICKY = {
    "not a number": "a: .nan\nb: .inf\nc: -.inf\nd: 1e999\n",
    "numbers YAML 1.1 reads": "a: 0x1F\nb: 017\nc: 1_000\nd: 1:30\ne: '0123'\n",
    "huge": "a: " + "9" * 5000 + "\n",
    "empty values": "a:\nb: ~\nc: ''\nd: []\ne: {}\n",
    "nested": "a: " + "[" * 30 + "1" + "]" * 30 + "\n",
    "shared": "a: &x {k: [1, 2]}\nb: *x\nc: *x\n",
    "words": "naam: Zoë Çelik\nja: yes\nnee: No\n",
    "a key twice": "a: 1\na: 2\n",
    "typed": "a: !!binary aGk=\nb: 2026-12-07\n",
}


@pytest.mark.parametrize("case", list(TRICKY))
def test_a_tricky_text_reads_the_same_from_its_tree(case, monkeypatch):
    """What the reader makes of a text (data, lines and problems) is what it makes of that text's tree."""
    text = TRICKY[case]
    monkeypatch.setattr(yamlfile, "_GIVEN", {})
    yamlfile._composed.cache_clear()
    problems_direct: list = []
    direct = yamlfile.read_yaml(Path("t.yaml"), "t.yaml", problems_direct, text=text)
    yamlfile.given_parse(text, from_tree(json.loads(json.dumps(to_tree(yaml.compose(text, yamlfile.PythonLoader))))))
    problems_given: list = []
    given = yamlfile.read_yaml(Path("t.yaml"), "t.yaml", problems_given, text=text)
    assert problems_given == problems_direct
    assert (given is None) == (direct is None)
    if direct is not None:
        assert given.lines == direct.lines
        assert json.dumps(given.data, default=str) == json.dumps(direct.data, default=str)  # nan is not nan


def test_an_empty_or_runaway_file_has_no_parse_and_is_read_where_it_is_used(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "empty.yaml").write_text("")
    (tmp_path / "data" / "deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / "data" / "loop.yaml").write_text("a: &x [1, *x]\n")
    (tmp_path / "data" / "fine.yaml").write_text("a: 1\n")
    monkeypatch.setattr(parses, "package_yaml", lambda: sorted((tmp_path / "data").glob("*.yaml")))
    monkeypatch.setattr(parses, "ROOT", tmp_path)
    assert list(json.loads(parses.shipped_parses())) == ["data/fine.yaml"]


DAMAGED = {
    "empty": b"",
    "cut short": b'{"decks/default/deck.yaml": {"sha',
    "a list": b"[1, 2]",
    "no hash": b'{"decks/default/deck.yaml": {"tree": ["s", "!!str", 0, "x"]}}',
    "a hash of a number": b'{"decks/default/deck.yaml": {"sha256": 1, "tree": []}}',
    "not UTF-8": b"\xff\xfe{",
    "a folder": None,
}


def test_a_damaged_parses_file_means_parsing_as_always(tmp_path):
    """Each damage, in a process of its own under a time bound: no parse given, nothing raised, the deck read."""
    import subprocess
    import sys

    for case, data in DAMAGED.items():
        kept = tmp_path / case.replace(" ", "-")
        kept.mkdir() if data is None else kept.write_bytes(data)
    # A tree damaged behind a right hash: the file is parsed where it is read.
    good = json.loads(parses.shipped_parses())
    good["decks/default/deck.yaml"]["tree"] = ["s", "!!str"]
    (tmp_path / "bad-tree").write_text(json.dumps({"decks/default/deck.yaml": good["decks/default/deck.yaml"]}))
    script = (
        "import sys, pathlib\n"
        "from datadialoog_print.web import parses\n"
        "from datadialoog_print.assemble.decks import load_deck\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
        "    print(p.name, parses.give.__wrapped__(p))\n"
        "print('deck', load_deck(parses.ROOT / 'decks' / 'default').title)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "deck Datadialogen"
    assert sorted(lines[:-1]) == sorted(f"{p.name} 0" for p in tmp_path.iterdir())
