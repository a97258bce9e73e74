"""deck.yaml's ``pseudonymised`` lists set from the workbook's column, the rest of the file as it was.

Only the value of each series' ``pseudonymised`` key is replaced (a flow list, as the
shipped decks write it); comments, order and every other line stay. The text is found
through PyYAML's node marks, and the result is read back and compared with what was meant,
so an edit that would change anything else is refused rather than written.
"""

from __future__ import annotations

import yaml

from ..deck.model import Deck
from ..errors import DatadialoogError


def pseudonymised_deck_yaml(deck: Deck, persons: list[dict], marked: set[str] | None) -> str | None:
    """deck.yaml with the pseudonymised lists that ``marked`` (the names ticked: a workbook's column, the persons
    page's boxes) gives ``persons``; None when the lists stay as they are, or nothing is marked either way."""
    if marked is None:  # a file without the column: deck.yaml's lists stand
        return None
    lists = {
        s.key: [p["name"] for p in persons if str(p["series"]) == s.key and p["name"] in marked] for s in deck.series
    }
    if all(set(lists[s.key]) == set(s.pseudonymised) for s in deck.series):
        return None
    try:
        text = (deck.path / "deck.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise DatadialoogError(f"cannot read {deck.path / 'deck.yaml'}: {exc}; nothing was changed") from None
    return with_pseudonymised(text, lists)


def with_pseudonymised(text: str, lists: dict[str, list[str]]) -> str:
    """``text`` (deck.yaml) with series ``key``'s pseudonymised names set to ``lists[key]`` ([] for none)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    edits: list[tuple[int, int, str]] = []
    for item in _series_items(root):
        entries = {k.value: (k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)}
        key = str(entries["key"][1].value) if "key" in entries else None
        names = lists.get(key, [])
        flow = yaml.safe_dump(names, default_flow_style=True, allow_unicode=True, width=2**20).strip()
        if "pseudonymised" in entries:
            node = entries["pseudonymised"][1]
            start, end = node.start_mark.index, node.end_mark.index
            end = start + len(text[start:end].rstrip())
            edits.append((start, end, flow))
        elif names:
            at = item.start_mark.index
            edits.append((at, at, f"pseudonymised: {flow}\n" + " " * item.start_mark.column))
    out = text
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    _same_but_the_lists(text, out, lists)
    return out


def _series_items(root) -> list:
    if not isinstance(root, yaml.MappingNode):
        return []
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == "series" and isinstance(v, yaml.SequenceNode):
            return [item for item in v.value if isinstance(item, yaml.MappingNode)]
    return []


def _same_but_the_lists(before: str, after: str, lists: dict[str, list[str]]) -> None:
    """Refuse an edit whose result reads differently from ``before`` in anything but the lists."""
    expected = yaml.safe_load(before)
    for series in expected.get("series", []):
        names = lists.get(str(series.get("key")), [])
        if names or "pseudonymised" in series:
            series["pseudonymised"] = names
    if yaml.safe_load(after) != expected:
        raise DatadialoogError(
            "cannot set the pre-pseudonymised persons in deck.yaml without changing more than that; "
            "edit the series' 'pseudonymised' lists in deck.yaml by hand; nothing was changed"
        )
