"""YAML files read into plain Python data, with the line of every node, recording problems instead of raising.

The only place that parses YAML. A hostile file gets a problem, never a crash or a hang:
a size limit for huge files; a node budget, counted over the node graph before anything is
built (so an alias bomb is refused in milliseconds); a depth limit for deep nesting and
anchors that refer to themselves. Numbers count only when written plainly (``1000``,
``-2.5``, ``1.5e+3``): YAML 1.1 would also read ``0x1F``, ``017`` (octal), ``1_000``,
``1:30`` (sexagesimal), ``.inf`` and ``.nan`` as numbers; those stay the text as written,
so a check says "expected a number" and a code such as ``0123`` keeps its zero.
"""

from __future__ import annotations

import functools
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are refused before parsing: a deck of 10 000 persons is about 5 MB."""

MAX_NODES = 2_000_000
"""YAML nodes a deck file may expand to (aliases counted each time they are used)."""

MAX_DEPTH = 40
"""Levels of nesting a deck file may have; a deck needs six."""

MAX_ITEMS = 600_000
"""Lines and commas a deck file may hold, counted in the text before parsing (parsing costs about
4 µs a node, so 1.9 million list items would take half a minute); a deck of 10 000 persons has
about 150 000."""

Path_ = tuple[str | int, ...]
"""Where a node sits in its file: keys and list indexes from the root."""


class _Refused(Exception):
    """The file's node graph cannot be built; the message says why, the line where."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


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


def read_file(path: Path, label: str, problems: list[Problem]) -> bytes | None:
    """The bytes of a deck file, at most :data:`MAX_FILE_BYTES` (also when it grows while read); None, with a problem, if not."""
    too_large = f"a deck file may be at most {MAX_FILE_BYTES // 2**20} MB"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO opens at once, and is refused below
    except FileNotFoundError:
        what = "a link to nothing" if os.path.islink(path) else "missing"
        problems.append(Problem(label, None, "", f"{what}: every deck needs this file"))
        return None
    except OSError as exc:
        problems.append(Problem(label, None, "", f"cannot read the file: {exc.strerror or exc}"))
        return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # reading a FIFO would hang; a device has no end
        os.close(fd)
        what = "a folder, not a file" if stat.S_ISDIR(info.st_mode) else "not a plain file (a pipe or a device)"
        problems.append(Problem(label, None, "", f"{what}: every deck needs this file as a plain file"))
        return None
    if info.st_size > MAX_FILE_BYTES:
        os.close(fd)
        problems.append(Problem(label, None, "", f"file is {info.st_size / 1e6:.0f} MB; {too_large}"))
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # one byte more: a file that grew while read is refused too
    except OSError as exc:
        problems.append(Problem(label, None, "", f"cannot read the file: {exc.strerror or exc}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(label, None, "", f"file is over {MAX_FILE_BYTES // 2**20} MB; {too_large}"))
        return None
    return raw


def decode_text(raw: bytes, label: str, problems: list[Problem]) -> str | None:
    """A deck file's bytes as text (UTF-8, a byte-order mark allowed); None, with a problem naming the line, if not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(
            Problem(label, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        )
        return None


def read_yaml(
    path: Path, label: str, problems: list[Problem], *, text: str | None = None, max_nodes: int | None = None
) -> Doc | None:
    """Parse one YAML file (or ``text`` standing in for it), recording problems instead of raising.

    ``max_nodes`` overrides :data:`MAX_NODES` (a test uses a small budget).
    """
    if text is None:
        raw = read_file(path, label, problems)
        text = None if raw is None else decode_text(raw, label, problems)
    if text is None:
        return None
    items = text.count("\n") + text.count(",")
    if items > MAX_ITEMS:
        problems.append(
            Problem(label, None, "", f"{items:,} lines and commas; a deck file may hold at most {MAX_ITEMS:,}")
        )
        return None
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(label, number, "", "a tab in the indentation; YAML indents with spaces only"))
            return None
    try:
        node = (_GIVEN.get(text) or _composed(text)) if len(text) <= KEEP_PARSED_CHARS else compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        problems.append(Problem(label, line, "", f"YAML syntax error: {what}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(label, None, "", f"YAML error: {exc}"))
        return None
    except RecursionError:  # the pure-Python parser, where libyaml is missing
        problems.append(Problem(label, None, "", f"nested more than {MAX_DEPTH} levels deep"))
        return None
    doc = Doc(label, None)
    if node is None:
        problems.append(Problem(label, 1, "", "the file is empty"))
        return None
    limit = MAX_NODES if max_nodes is None else max_nodes
    try:
        size = _measure(node, 0, {}, set())
        if size > limit:
            raise _Refused(f"expands to more than {limit:,} values (anchors and aliases repeated?)")
        doc.data = _build(node, (), doc, yaml.constructor.SafeConstructor(), problems)
    except _Refused as exc:
        problems.append(Problem(label, exc.line, "", str(exc)))
        return None
    return doc


KEEP_PARSED_CHARS = 1_000_000
"""Texts up to this long keep their parse (:func:`_composed`): every deck of a workshop's size, not one of
10 000 persons, whose node tree would hold a hundred megabytes to save what libyaml does in a second."""


@functools.lru_cache(maxsize=32)
def _composed(text: str):
    """The node tree of a text parsed before, given again. Where libyaml is missing (the web edition) the default
    deck takes a second to parse, and every page of the workspace, every build, reads its deck again. The nodes
    are only read (:func:`_measure` and :func:`_build` make new data from them), so one tree serves every read;
    a text that fails to parse raises each time, as nothing is kept for it."""
    return compose(text)


def compose(text: str) -> yaml.Node | None:
    """The text's node tree, as the deck reader parses it (raises PyYAML's errors)."""
    return yaml.compose(text, Loader=_Loader)


_GIVEN: dict[str, yaml.Node] = {}


def load_data(path: Path) -> Any:
    """A YAML data file of the package's own (the plausibility rules, the name lists) as ``yaml.safe_load`` reads
    it, from the parse given beforehand where there is one (:func:`given_parse`)."""
    text = path.read_text(encoding="utf-8")
    node = _GIVEN.get(text) or compose(text)
    return None if node is None else yaml.constructor.SafeConstructor().construct_document(node)


def given_parse(text: str, node: yaml.Node) -> None:
    """Use ``node`` as the parse of ``text`` (made beforehand with :class:`PythonLoader`): the web edition ships
    its decks' parses, as parsing one takes a second there."""
    _GIVEN[text] = node


def _measure(node, depth: int, memo: dict[int, tuple[int, int]], active: set[int]) -> int:
    """Values the node expands to, each alias counted where it is used; refuses deep or recursive graphs.

    Memoised per node, so an alias bomb costs as many steps as it has lines.
    """
    key = id(node)
    line = node.start_mark.line + 1
    if key in active:
        raise _Refused("an anchor refers to itself (&name used inside its own value)", line)
    if depth > MAX_DEPTH:
        raise _Refused(f"nested more than {MAX_DEPTH} levels deep", line)
    if key in memo:
        size, height = memo[key]
    else:
        active.add(key)
        children = [v for _, v in node.value] if isinstance(node, yaml.MappingNode) else []
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        size, height = 1, 0
        for child in children:
            size += _measure(child, depth + 1, memo, active)
            height = max(height, memo[id(child)][1] + 1)
        active.discard(key)
        memo[key] = (size, height)
    if depth + height > MAX_DEPTH:
        raise _Refused(f"nested more than {MAX_DEPTH} levels deep", line)
    return size


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"})
"""Besides text and numbers, the only scalar types a deck holds: ``!!binary``, dates and the rest are refused."""
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+(?:[eE][-+]?[0-9]+)?")


class _PlainNumbers:
    """Plain whole numbers resolved without YAML 1.1's regular expressions.

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


class _Loader(_PlainNumbers, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml's where it is installed), with plain numbers resolved quickly."""


class PythonLoader(_PlainNumbers, yaml.SafeLoader):
    """The same loader in PyYAML's own Python, as where libyaml is missing (the web edition): the site's parses of
    the shipped decks (:mod:`.yamltree`) are made with it, so they are the parses the tab would make."""


MAX_INT_DIGITS = 15
"""Digits a whole number may have to be read as one: no figure of a deck has more (see ``checker.MAX_MAGNITUDE``).
Longer ones stay the text written and are named by the checks ("a number of 4,301 digits"), never handed to
``int()``, which refuses 4 301 digits and more with an error of its own."""


def _number(text: str, tag: str) -> int | float | str:
    """A plainly written number as a number; anything else (0x1F, 1_000, .inf, 1e+999, 10^400) as the text written."""
    if tag == _INT and _PLAIN_INT.fullmatch(text):
        return int(text) if len(text.lstrip("+-")) <= MAX_INT_DIGITS else text
    if tag == _FLOAT and _PLAIN_FLOAT.fullmatch(text):
        value = float(text)
        if math.isfinite(value):
            return value
    return text


def _build(node, path, doc, constructor, problems):
    doc.lines.setdefault(path, node.start_mark.line + 1)
    plain = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}.get(type(node))
    if plain is not None and node.tag != plain:
        kind = node.tag.rsplit(":", 1)[-1]
        line = node.start_mark.line + 1
        problems.append(
            Problem(doc.label, line, field_name(path), f"a value of YAML type '{kind}'; write a plain list or mapping")
        )
        return None
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
            result[key] = _build(value_node, path + (key,), doc, constructor, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), doc, constructor, problems) for i, child in enumerate(node.value)]
    tag = node.tag
    if tag == _STR:  # the common case directly: a deck of 10 000 persons has 120 000 scalars
        return node.value
    if tag in (_INT, _FLOAT):
        return _number(node.value, tag)
    if tag not in _PLAIN_TAGS:
        kind = tag.rsplit(":", 1)[-1]
        problems.append(
            Problem(
                doc.label,
                node.start_mark.line + 1,
                field_name(path),
                f"a value of YAML type '{kind}' ({node.value[:40]!r}); write it as plain text in quotes",
            )
        )
        return None
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        problems.append(
            Problem(doc.label, node.start_mark.line + 1, field_name(path), f"cannot read this value: {exc}")
        )
        return None
