"""A YAML node tree as plain JSON data and back: what the deck reader uses of a parse, and nothing more.

The web edition ships the parses of its shipped decks (parsing one takes a second where libyaml is missing), made
when the site is written (:mod:`..web.parses`). The reader uses of each node its tag, its value and the line it
starts on, so that is what a tree keeps: ``["s", tag, line, text]`` for a scalar, ``["q", tag, line, [items]]``
for a list and ``["m", tag, line, [[key, value], …]]`` for a mapping. What an alias shares is written out again
where it is used (the reader counts it there too); an anchor used inside itself is refused, and its file parsed
where it is read.
"""

from __future__ import annotations

from typing import Any

import yaml

CORE = "tag:yaml.org,2002:"
"""YAML's own tags (``str``, ``int``, ``map``…), kept as ``!!str`` and so on."""


class Recursive(ValueError):
    """An anchor used inside its own value: no tree can hold it."""


def to_tree(node: yaml.Node, active: frozenset[int] = frozenset()) -> list[Any]:
    """The node and everything under it as plain data (lists and text)."""
    if id(node) in active:
        raise Recursive("an anchor used inside its own value")
    active |= {id(node)}
    line = node.start_mark.line
    tag = "!!" + node.tag[len(CORE) :] if node.tag.startswith(CORE) else node.tag
    if isinstance(node, yaml.ScalarNode):
        return ["s", tag, line, node.value]
    if isinstance(node, yaml.SequenceNode):
        return ["q", tag, line, [to_tree(child, active) for child in node.value]]
    return ["m", tag, line, [[to_tree(k, active), to_tree(v, active)] for k, v in node.value]]


def from_tree(tree: list[Any]) -> yaml.Node:
    """The node tree again, each node starting on its line."""
    kind, tag, line, value = tree
    tag = CORE + tag[2:] if tag.startswith("!!") else tag
    mark = yaml.Mark("", 0, line, 0, None, None)
    if kind == "s":
        return yaml.ScalarNode(tag, value, mark, mark)
    if kind == "q":
        return yaml.SequenceNode(tag, [from_tree(child) for child in value], mark, mark)
    return yaml.MappingNode(tag, [(from_tree(k), from_tree(v)) for k, v in value], mark, mark)
