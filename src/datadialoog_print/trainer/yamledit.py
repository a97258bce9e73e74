"""Texts of a deck file changed in place: only the changed scalars are rewritten, every comment and line else stays.

A trainer's YAML carries comments that explain it (``# optional: build --start HH:MM overrides
it``); writing the parsed data back out would lose them. So each changed text's node is found
by its path (PyYAML's composer gives its span in the file) and only that span is replaced: a
text of paragraphs as a literal block (``|``) indented under its key, a one-line text as
PyYAML writes a scalar. Each replacement is read back and must give the text exactly, else it
is written double-quoted, which always does.
"""

from __future__ import annotations

import json

import yaml

from ..deck.yamlfile import Path_
from ..errors import DatadialoogError


def _find(root: yaml.Node, path: Path_) -> tuple[yaml.ScalarNode, int, bool]:
    """The scalar at ``path``, the indentation its block would take, and whether it sits in a flow collection."""
    node, indent, flow = root, 0, False
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    node, indent, flow = value, key.start_mark.column + 2, bool(node.flow_style)
                    break
            else:
                raise KeyError(path)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            flow = bool(node.flow_style)
            node = node.value[part]
            indent = node.start_mark.column
        else:
            raise KeyError(path)
    if not isinstance(node, yaml.ScalarNode):
        raise KeyError(path)
    return node, indent, flow


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _written(value: str, node: yaml.ScalarNode, indent: int, flow: bool) -> str:
    block = node.style in ("|", ">")
    lines = value.split("\n")
    if "\n" in value and not flow and not lines[0].startswith((" ", "\t")):
        body = "".join(f"{' ' * indent}{line}\n" if line else "\n" for line in lines)
        return "|-\n" + (body if block else body[:-1])  # a block's span took its line break with it; a scalar's not
    if flow:
        return _quoted(value)
    plain = yaml.safe_dump(value, allow_unicode=True, width=2**31, default_flow_style=True)
    plain = plain.removesuffix("\n").removesuffix("\n...").strip()
    one = plain if "\n" not in plain else _quoted(value)
    return one + ("\n" if block else "")  # a block's span took its line break with it


def _value_at(data, path: Path_):
    for part in path:
        data = data[part]
    return data


def replace_texts(text: str, changes: dict[Path_, str]) -> str:
    """``text`` with the scalar at each path replaced by its new text; DatadialoogError if a path is no text."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        spans = sorted(((path, *_find(root, path)) for path in changes), key=lambda s: -s[1].start_mark.index)
    except (yaml.YAMLError, KeyError) as exc:
        raise DatadialoogError(f"cannot change the text at {exc}: the file changed since the page was opened") from None
    for path, node, indent, flow in spans:
        start, end = node.start_mark.index, node.end_mark.index
        for attempt in (_written(changes[path], node, indent, flow), None):
            if attempt is None:  # the short form did not read back as the text: the quoted one always does
                attempt = _quoted(changes[path]) + ("\n" if node.style in ("|", ">") else "")
            candidate = text[:start] + attempt + text[end:]
            try:
                if _value_at(yaml.safe_load(candidate), path) == changes[path]:
                    break
            except (yaml.YAMLError, KeyError, IndexError, TypeError):
                continue
        else:
            raise DatadialoogError(f"cannot write the text at {'/'.join(map(str, path))} into YAML")
        text = candidate
    return text
