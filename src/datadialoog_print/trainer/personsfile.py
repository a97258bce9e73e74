"""persons.yaml written anew with the old file's comments kept: its heading, and each person's notes.

``import`` and the workspace's persons page write the persons as PyYAML writes them; a trainer's
comments (generate's seed line above all, or "# checked with the client file" above a person)
would be lost. So the old file's comments are read with their place: the heading above
``persons:``, the lines after it, the comment lines above a person or one of their values, a
comment at the end of a value's line, and the lines after the last person. The new file gets the
heading back, and each person gets the comments of the person they come from: the same name (an
import) or the same row (the persons page, where a row may be renamed). A person who is gone takes
their comments along. The result is read back and must give exactly the persons; if it does not,
the persons are written with the heading alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .newdeck import persons_yaml

KEY_LINE = re.compile(r"^(?:- |  )([^\s:#][^:#]*): ")
"""A person's key in the file persons_yaml writes: on the item's dash line, or indented by two."""


@dataclass
class _Comments:
    heading: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    """Comment lines between ``persons:`` and the first person."""
    names: list[str] = field(default_factory=list)
    above: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    """(old person, key) → the comment lines right above that key (the name's: above the person)."""
    inline: dict[tuple[int, str], str] = field(default_factory=dict)
    tail: list[str] = field(default_factory=list)


def persons_text(
    persons: list[dict], comment: str, old: str | None = None, *, by_row: bool = False, note: str = ""
) -> str:
    """persons.yaml for ``persons``: ``old``'s comments kept where it has any, else ``comment`` as the heading.

    ``by_row``: person i takes the comments of the old file's person i (the persons page); otherwise those
    of the old person with the same name (an import). ``note`` (where the persons came from: an import's file)
    ends the kept heading, in place of an earlier such note."""
    plain = persons_yaml(persons, comment)
    found = _comments(old) if old else None
    if found is None:
        return plain
    heading = [line for line in found.heading if not _is_note(line)] + ([f"# {note}"] if note else [])
    heading = heading if found.heading else [f"# {comment}"]
    body = plain.split("\n", 1)[1]  # persons_yaml's own heading is one line
    if not (found.lead or found.above or found.inline or found.tail):
        return "\n".join([*heading, body.rstrip("\n")]) + "\n"
    origins = (
        [i if i < len(found.names) else None for i in range(len(persons))]
        if by_row
        else [found.names.index(p["name"]) if p.get("name") in found.names else None for p in persons]
    )
    out = [*heading]
    lines = body.rstrip("\n").split("\n")
    person = -1
    key = None
    for number, line in enumerate(lines):
        if line.startswith("- "):
            person += 1
        match = KEY_LINE.match(line) if person >= 0 else None
        if match:
            key = match.group(1)
            origin = origins[person]
            indent = "" if line.startswith("- ") else "  "
            if origin is not None:
                out += [indent + c for c in found.above.get((origin, key), [])]
        out.append(line)
        if line == "persons:":
            out += found.lead
        # a comment at the end of a value's line: after its last line (the next line is no continuation)
        nxt = lines[number + 1] if number + 1 < len(lines) else ""
        origin = origins[person] if person >= 0 else None
        if key and origin is not None and not nxt.startswith("    ") and (inline := found.inline.get((origin, key))):
            out[-1] += f"  {inline}"
    out += found.tail
    text = "\n".join(out) + "\n"
    try:
        same = yaml.safe_load(text) == yaml.safe_load(plain)
    except yaml.YAMLError:
        same = False
    return text if same else "\n".join([*heading, body.rstrip("\n")]) + "\n"


def _comments(text: str) -> _Comments | None:
    """Where each comment of a persons.yaml stands; None when it cannot be read as one."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    items = next(
        (v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "persons"),
        None,
    )
    if not isinstance(items, yaml.SequenceNode):
        return None
    lines = text.split("\n")
    first_key = root.value[0][0].start_mark.line
    found = _Comments()
    anchors: list[tuple[int, int, str]] = []  # (line, old person, key), in the file's order
    for index, item in enumerate(items.value):
        if not isinstance(item, yaml.MappingNode):
            return None
        name = next((v.value for k, v in item.value if k.value == "name" and isinstance(v, yaml.ScalarNode)), "")
        found.names.append(str(name))
        for k, v in item.value:
            anchors.append((k.start_mark.line, index, str(k.value)))
            if isinstance(v, yaml.ScalarNode) and v.style in (None, "'", '"'):
                rest = lines[v.end_mark.line][v.end_mark.column :]
                if re.match(r"\s+#", rest):
                    found.inline[(index, str(k.value))] = rest.strip()
    start = items.value[0].start_mark.line if items.value else len(lines)
    for number, line in enumerate(lines):
        if not line.strip().startswith("#"):
            continue
        comment = line.strip()
        if number < first_key:
            found.heading.append(comment)
        elif number < start:
            found.lead.append(comment)
        elif later := next(((i, k) for at, i, k in anchors if at > number), None):
            index, key = later
            key = "name" if key == _first_key(items.value[index]) else key  # above the person: above the dash
            found.above.setdefault((index, key), []).append(comment)
        else:
            found.tail.append(comment)
    return found


def _is_note(line: str) -> bool:
    """An import's note (this tool's, in any language), or the line an import wrote before notes were kept."""
    from ..deck.language import LANGUAGES

    starts = [lang["persons_file_imported"].split("{", 1)[0] for lang in LANGUAGES.values()]
    return any(line.startswith(f"# {s}") for s in starts) or bool(
        re.match(r"# Persons of the deck '.*', imported", line)
    )


def _first_key(item: yaml.MappingNode) -> str:
    return str(item.value[0][0].value) if item.value else ""
