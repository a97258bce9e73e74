"""The deck reader's faster number resolution reads every plain scalar exactly as PyYAML's own safe loader does."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from datadialoog_print.deck.yamlfile import _Loader

TRICKY = [
    "0",
    "00",
    "007",
    "089",
    "12",
    "1_000",
    "1:30",
    "+5",
    "-5",
    "3.5",
    "1e3",
    "0x1F",
    "0o17",
    "٣",
    "yes",
    "No",
    "~",
    "null",
    ".inf",
    "3582",
]


def same(value: str) -> None:
    document = f"key: {value}\n"
    assert yaml.load(document, Loader=_Loader) == yaml.load(document, Loader=yaml.SafeLoader), value


def test_tricky_scalars_resolve_as_pyyaml_resolves_them():
    """Leading zeros (octal in YAML 1.1), underscores, sexagesimals, signs, words: all as PyYAML says."""
    for value in TRICKY:
        same(value)


@given(st.text(alphabet="0123456789_:.+-eEx", min_size=1, max_size=8))
def test_any_number_like_scalar_resolves_as_pyyaml_resolves_it(value: str):
    """Whatever mix of digits and number punctuation: the same value and type as PyYAML's safe loader."""
    if value.strip() != value or value[0] in "-:" or value.endswith(":"):
        return  # not a plain scalar after "key: " (a list item, a mapping key)
    try:
        expected = yaml.load(f"key: {value}\n", Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    got = yaml.load(f"key: {value}\n", Loader=_Loader)
    assert got == expected and type(got["key"]) is type(expected["key"]), value


def test_a_text_read_again_is_parsed_once_and_gives_data_of_its_own(monkeypatch):
    """Without libyaml (the web edition) a deck takes a second to parse and every page reads it again: the parse
    is kept, while each read still gets new data, so a change to one read's data never reaches the next."""
    from pathlib import Path

    from datadialoog_print.deck import yamlfile

    parsed = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: parsed.append(1) or real(*a, **k))
    text = "title: kept parse\npersons:\n- naam: Ans\n  leeftijd: 39\n"
    first = yamlfile.read_yaml(Path("p.yaml"), "p.yaml", [], text=text)
    first.data["persons"][0]["leeftijd"] = 40
    second = yamlfile.read_yaml(Path("p.yaml"), "p.yaml", [], text=text)
    assert second.data == {"title": "kept parse", "persons": [{"naam": "Ans", "leeftijd": 39}]}
    assert second.lines == first.lines and second.lines[("persons", 0, "leeftijd")] == 4
    assert len(parsed) == 1
    broken = "a: [unclosed\n"
    for _ in range(2):  # a text that does not parse says so every time
        problems = []
        assert yamlfile.read_yaml(Path("b.yaml"), "b.yaml", problems, text=broken) is None
        assert "YAML syntax error" in problems[0].message
    huge = "x: 1\n" * (yamlfile.KEEP_PARSED_CHARS // 5 + 1)
    parsed.clear()
    for _ in range(2):
        yamlfile.read_yaml(Path("h.yaml"), "h.yaml", [], text=huge)
    assert len(parsed) == 2  # past the bound, parsed each time (its tree is not kept)
