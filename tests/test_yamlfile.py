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
