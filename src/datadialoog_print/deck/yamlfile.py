"""YAML files read into plain Python data, with the line of every node, recording problems instead of raising.

The only place that parses YAML: a size limit and a node budget keep a hostile file
(an alias bomb, a huge file) from eating the machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are refused before parsing: a deck of 10 000 persons is about 5 MB."""

MAX_NODES = 2_000_000
"""YAML nodes a deck may expand to; stops an alias bomb from eating the machine."""

Path_ = tuple[str | int, ...]
"""Where a node sits in its file: keys and list indexes from the root."""


class _TooBig(Exception):
    pass


@dataclass
class Doc:
    """One YAML file as plain Python data, with the line of every node."""

    label: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """Line of the node at ``path``, or of its nearest parent that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


def field_name(path: Path_) -> str:
    """``("persons", 3, "leeftijd")`` → ``persons[4].leeftijd`` (counting from 1, as people do)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _read_text(path: Path, label: str, problems: list[Problem]) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    label,
                    None,
                    "",
                    f"file is {size / 1e6:.0f} MB; a deck file may be at most {MAX_FILE_BYTES // 2**20} MB",
                )
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(label, None, "", f"cannot read the file: {exc.strerror or exc}"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(
            Problem(label, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        )
        return None


def read_yaml(path: Path, label: str, problems: list[Problem], *, text: str | None = None) -> Doc | None:
    """Parse one YAML file (or ``text`` standing in for it), recording problems instead of raising."""
    if text is None:
        text = _read_text(path, label, problems)
    if text is None:
        return None
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(label, number, "", "a tab in the indentation; YAML indents with spaces only"))
            return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        problems.append(Problem(label, line, "", f"YAML syntax error: {what}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(label, None, "", f"YAML error: {exc}"))
        return None
    doc = Doc(label, None)
    if node is None:
        problems.append(Problem(label, 1, "", "the file is empty"))
        return None
    constructor = yaml.constructor.SafeConstructor()
    budget = [MAX_NODES]
    try:
        doc.data = _build(node, (), doc, constructor, budget, problems)
    except _TooBig:
        problems.append(
            Problem(label, None, "", f"expands to more than {MAX_NODES:,} values (anchors and aliases repeated?)")
        )
        return None
    return doc


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader, resolving plain whole numbers without YAML 1.1's regular expressions.

    A deck of 10 000 persons has 60 000 such numbers; PyYAML's resolver tries several long
    patterns on each (a second of a two-second load). A plain run of ASCII digits without a
    leading zero is an int in YAML 1.1 whatever the patterns say; everything else (leading
    zeros, signs, decimals, words) goes through PyYAML's own resolver.
    """

    def resolve(self, kind, value, implicit):
        if (
            kind is yaml.ScalarNode
            and implicit[0]
            and value.isascii()
            and value.isdigit()
            and (value[0] != "0" or value == "0")
        ):
            return _INT
        return super().resolve(kind, value, implicit)


def _build(node, path, doc, constructor, budget, problems):
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Problem(doc.label, key_node.start_mark.line + 1, field_name(path), "a key must be a plain word")
                )
                continue
            key = key_node.value
            if key in result:
                problems.append(
                    Problem(
                        doc.label, key_node.start_mark.line + 1, field_name(path + (key,)), "this key appears twice"
                    )
                )
                continue
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _build(value_node, path + (key,), doc, constructor, budget, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), doc, constructor, budget, problems) for i, child in enumerate(node.value)]
    tag = node.tag
    if tag == _STR:  # the common cases directly: a deck of 10 000 persons has 120 000 scalars
        return node.value
    if tag == _INT and node.value.isdigit():
        return int(node.value)
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        problems.append(
            Problem(doc.label, node.start_mark.line + 1, field_name(path), f"cannot read this value: {exc}")
        )
        return None
