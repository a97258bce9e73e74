"""verify's reading of a manifest: every fact it records, checked against what the deck builds.

A manifest vouches for a set: its tool and version, the deck (its name, hash and each file's
hash), the options each kind of document was built with, the print shop's preset, and per file
its kind, hash, cards, pages, page size and the renderer's own facts (a card sheet's cut lines).
``verify`` rebuilds the deck with the recorded options; here each recorded fact is compared with
the one the rebuild gives, and every difference is named: a page count edited, a cut line moved,
``cards`` of 10^400, a key no build writes.
"""

from __future__ import annotations

import json

from ..deck.model import Deck
from ..errors import short
from .documents import KINDS
from .manifest import MANIFEST, described_options, file_facts, shop_record
from .options import BuildOptions
from .owned import TOOL
from .renderers import Written

TOP = frozenset({"tool", "version", "deck", "options", "kinds", "files", "previews", "shop"})
"""The keys a manifest holds; ``shop`` only for a ``--shop`` build."""


def shown(value: object) -> str:
    """A recorded value for a message: as JSON, shortened in the middle."""
    return short(json.dumps(value, ensure_ascii=False), 60)


def plain(value: object) -> object:
    """``value`` as it reads back from JSON (tuples as lists), to compare with what a manifest holds."""
    return json.loads(json.dumps(value))


def fresh_facts(written: Written) -> dict:
    """The entry a build records for one file the rebuild wrote."""
    return plain(file_facts(written))  # type: ignore[return-value]


def entry_problems(name: str, recorded: object, fresh: dict) -> list[str]:
    """Every fact of one file's entry that is not the rebuilt file's."""
    if not isinstance(recorded, dict):
        return [f"{MANIFEST}: the entry of {name} is not a table of facts; build again"]
    problems = []
    for key in sorted(set(recorded) | set(fresh), key=str):
        if key not in fresh:
            problems.append(f"{MANIFEST}: {name} has a fact no build records ('{short(key, 40)}')")
        elif key not in recorded:
            problems.append(f"{MANIFEST}: {name} lacks its '{key}'")
        elif recorded[key] != fresh[key]:
            problems.append(
                f"{MANIFEST}: {name}'s '{key}' says {shown(recorded[key])}; the file's is {shown(fresh[key])}"
            )
    return problems


def options_problems(kinds: list[str], recorded: dict, options: BuildOptions, deck: Deck) -> list[str]:
    """The options recorded for ``kinds`` against the same options as a build describes them (inside the date)."""
    described = plain(described_options(deck, options))
    wrong = [key for key in sorted(set(recorded) | set(described), key=str) if recorded.get(key) != described.get(key)]
    if not wrong:
        return []
    key = wrong[0]
    return [
        f"{MANIFEST}: the options of {', '.join(kinds)} are not as a build records them "
        f"('{short(key, 40)}' says {shown(recorded.get(key))}; a build writes {shown(described.get(key))})"
    ]


def top_problems(manifest: dict, deck: Deck, record: dict | None) -> list[str]:
    """The manifest's own keys, its options' place among its kinds, its shop and its deck record.

    ``record`` is the deck as a build would record it from where verify found it (:func:`.manifest.deck_record`);
    None where the deck's files already differ from the manifest's (said once, by verify).
    """
    problems = [f"{MANIFEST} has a key no build writes ('{short(key, 40)}')" for key in manifest if key not in TOP]
    if manifest.get("tool") != TOOL:
        problems.append(f"{MANIFEST}: 'tool' says {shown(manifest.get('tool'))}, not {TOOL}")
    kinds = manifest.get("kinds")
    if isinstance(kinds, dict):
        for kind in kinds:
            if kind not in KINDS:
                problems.append(f"{MANIFEST}: 'kinds' names '{short(kind, 40)}', which is no kind of document")
        if manifest.get("options") not in kinds.values():
            problems.append(f"{MANIFEST}: 'options' are not the options of any kind it lists")
    problems += _shop_problems(manifest)
    recorded = manifest.get("deck") if isinstance(manifest.get("deck"), dict) else {}
    for key in ("name", "sha256", "files") if record is not None else ():
        if recorded.get(key) != record[key]:
            problems.append(
                f"{MANIFEST}: the deck's '{key}' says {shown(recorded.get(key))}; the deck's is {shown(record[key])}"
            )
    for key in ("path", "absolute_path"):
        if not isinstance(recorded.get(key), str):
            problems.append(f"{MANIFEST}: the deck's '{key}' is not a path")
    extra = sorted(set(recorded) - {"name", "sha256", "files", "path", "absolute_path"}, key=str)
    problems += [f"{MANIFEST}: the deck has a key no build writes ('{short(k, 40)}')" for k in extra]
    previews = manifest.get("previews", {})
    for name, facts in previews.items() if isinstance(previews, dict) else ():
        if not isinstance(facts, dict) or set(facts) != {"sha256"}:
            problems.append(f"{MANIFEST}: the entry of {name} is not as a build records a preview")
    return problems


def _shop_problems(manifest: dict) -> list[str]:
    options = manifest.get("options")
    if not isinstance(options, dict):
        return []
    name = options.get("shop")
    try:
        expected = shop_record(BuildOptions(layout="single", shop=str(name), dpi=options.get("dpi"))) if name else None
    except (ValueError, TypeError, KeyError):
        return [f"{MANIFEST}: the options name no print shop this version knows ({shown(options.get('shop'))})"]
    if expected is None and "shop" in manifest:
        return [f"{MANIFEST}: 'shop' is recorded for a build without --shop"]
    if expected is not None and plain(expected) != manifest.get("shop"):
        return [f"{MANIFEST}: 'shop' says {shown(manifest.get('shop'))}; the preset is {shown(plain(expected))}"]
    return []
