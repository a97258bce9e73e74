"""Texts changed in place in a deck file: every text reads back exactly, every other line and comment stays."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from datadialoog_print.trainer.yamledit import replace_texts

SOURCE = """\
# a comment on top
booklet:
  title: Instructie   # a trailing comment
  introduction: |
    Eerste alinea.

    Tweede alinea.
  # a comment between keys
  quoted: "met: een dubbele punt"
part2:
  items:
    - eerste
    - |
      een blok
    # a comment in a list
    - 'derde'
  flow: [een, twee]
end: 3
"""

PATHS = [("booklet", "title"), ("booklet", "introduction"), ("booklet", "quoted"), ("part2", "items", 0),
         ("part2", "items", 1), ("part2", "items", 2), ("part2", "flow", 1)]  # fmt: skip

PIECES = st.sampled_from([*"ab :#-|>'\"\n\t{}[],&*!%@`?é…€\\", "---", "...", "  "])
TEXTS = st.lists(PIECES, max_size=20).map("".join)


def _at(data, path):
    for part in path:
        data = data[part]
    return data


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), TEXTS), min_size=1, max_size=4))
def test_every_text_reads_back_exactly_and_the_rest_stays(changes):
    wanted = {path: text.strip() for path, text in changes}
    out = replace_texts(SOURCE, wanted)
    data = yaml.safe_load(out)
    for path, text in wanted.items():
        assert _at(data, path) == text
    original = yaml.safe_load(SOURCE)
    for path in PATHS:
        if path not in wanted:
            assert _at(data, path) == _at(original, path)
    assert data["end"] == 3
    comments = [line.split("#", 1)[1] for line in SOURCE.splitlines() if line.lstrip().startswith("#")]
    assert all(c in out for c in comments)
    assert "# a trailing comment" in out or ("booklet", "title") in wanted


def test_paragraphs_become_a_block_under_their_key():
    out = replace_texts(SOURCE, {("booklet", "introduction"): "Een.\n\nTwee: drie."})
    assert "  introduction: |-\n    Een.\n\n    Twee: drie.\n  # a comment between keys" in out
    out = replace_texts(SOURCE, {("part2", "items", 0): "regel een\nregel twee"})
    assert "    - |-\n      regel een\n      regel twee\n    - |" in out
