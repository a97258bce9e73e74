"""A save refused because the deck changed after the page read it, told in the deck's language.

The page says which part of the deck changed and when, and, where the deck's ``backups/`` keep the
version the page was read from (every save through the workspace, ``import`` and the trainer's
writes keep one), what the other change was: persons added, removed or changed, texts changed.
What the person typed stays in the form; they reload to see the other change, or save anyway,
which sends the version the refusal names, so a third change in between is refused again.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from ..trainer.deckversion import StaleDeck
from .words import Words

SHOWN = 8
"""Lines of the other change shown; the rest are counted."""

TEXT_CHARS = 80
"""A changed text is shown up to this many characters."""


@dataclass(frozen=True)
class Notice:
    """What the refusal says: each changed part with its time, the other change where it can be told, and the
    version a save that means to replace it sends."""

    changes: tuple[str, ...]
    details: tuple[str, ...]
    unknown: bool
    """The deck changed, but no copy of the version the page read was kept (changed outside the workspace)."""
    current: str
    missing: bool = False
    """The save named no version (a script, or a form of another version): nothing is known to have changed, but
    nothing tells that it did not."""


def notice(exc: StaleDeck, w: Words) -> Notice:
    """The refusal ``exc`` in the words ``w`` (the deck's language)."""
    if not exc.changes:
        return Notice((w.stale_missing,), (), False, exc.current, missing=True)
    changes, details, unknown = [], [], False
    for change in exc.changes:
        stem = change.name.removesuffix(".yaml")
        when = w.when(change.when) if change.when is not None else w.stale_when_unknown
        changes.append(w.t(f"stale_file_{stem}", when=when))
        if change.before is None:
            unknown = True
            continue
        try:
            details += _told(w, change.name, change.before, exc.folder / change.name, exc.folder)
        except (OSError, ValueError, TypeError, AttributeError):  # a copy we cannot read: say what we know
            unknown = True
    shown = details[:SHOWN]
    if len(details) > len(shown):
        shown.append(w.t("stale_more", count=len(details) - len(shown)))
    return Notice(tuple(changes), tuple(shown), unknown and not shown, exc.current)


def _load(path: Path):
    import yaml

    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _told(w: Words, name: str, before: Path, now: Path, folder: Path) -> list[str]:
    old, new = _load(before), _load(now) if now.is_file() else {}
    if name == "persons.yaml":
        return _persons(w, old, new, folder)
    return _texts(w, name, old, new)


def _persons(w: Words, old: dict, new: dict, folder: Path) -> list[str]:
    """Persons added, removed, and each changed value, with the attributes' labels as the deck prints them."""
    labels = {"series": w.persons_col_series}
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):  # without labels, the keys
        labels |= {str(a["key"]): str(a["label"]) for a in _load(folder / "deck.yaml")["attributes"]}
    olds = [p for p in (old or {}).get("persons") or [] if isinstance(p, dict)]
    news = [p for p in (new or {}).get("persons") or [] if isinstance(p, dict)]
    before = {str(p.get("name")): p for p in olds}
    after = {str(p.get("name")): p for p in news}
    renamed = {  # a row whose name alone is new, where a name that went stood: the same person renamed
        str(b.get("name")): str(a.get("name"))
        for a, b in zip(news, olds, strict=False)
        if str(a.get("name")) not in before and str(b.get("name")) not in after
    }
    lines = [w.t("stale_renamed", before=b, after=a) for b, a in renamed.items()]
    if added := [n for n in after if n not in before and n not in renamed.values()]:
        lines.append(w.t("stale_added", names=", ".join(added[:SHOWN]) + (" …" if len(added) > SHOWN else "")))
    if removed := [n for n in before if n not in after and n not in renamed]:
        lines.append(w.t("stale_removed", names=", ".join(removed[:SHOWN]) + (" …" if len(removed) > SHOWN else "")))
    was_named = {a: before[b] for b, a in renamed.items()}
    for name, person in after.items():
        was = before.get(name, was_named.get(name))
        for key in person if was is not None else ():
            if key != "name" and str(person.get(key)) != str(was.get(key)):
                lines.append(
                    w.t(
                        "stale_value",
                        name=name,
                        column=labels.get(key, key),
                        before=_short(was.get(key)),
                        after=_short(person.get(key)),
                    )
                )
    return lines


def _texts(w: Words, name: str, old, new) -> list[str]:
    """Each changed text, labelled as the texts page labels its field (structure that is no text: not listed)."""
    from .texts_page import Field, label

    lines = []
    olds = dict(_leaves(old, ()))
    for path, value in _leaves(new, ()):
        if olds.get(path) == value or not all(isinstance(p, int) or w.get(f"text_key_{p}", "") for p in path):
            continue
        lines.append(w.t("stale_text", label=label(w, Field(name, path, 0, False, ""), {}), after=_short(value)))
    return lines


def _leaves(data, path: tuple, depth: int = 0):
    if depth > 12:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, str(key)), depth + 1)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, (*path, i), depth + 1)
    elif isinstance(data, str):
        yield path, data


def _short(value) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"
