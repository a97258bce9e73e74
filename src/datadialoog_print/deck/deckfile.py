"""deck.yaml: card size, colours, sources, attributes and series."""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from ..errors import short
from . import palette
from .checker import LABEL, TITLE, Checker, suggest
from .model import (
    CARD_MAX_MM,
    CARD_MIN_MM,
    CARD_PRESETS,
    MAX_SETS,
    Attribute,
    CardSize,
    Kind,
    Marker,
    MonoStyle,
    Series,
    Source,
)
from .pattern import PatternError, compile_pattern
from .yamlfile import Path_

RESERVED_PERSON_KEYS = ("name", "series")
"""Keys of a person entry that are not attributes."""


def read_card_size(c: Checker, value: Any, path: Path_) -> CardSize:
    if isinstance(value, str):
        if value.strip().lower() in CARD_PRESETS:
            return CardSize(value.strip().lower(), *CARD_PRESETS[value.strip().lower()])
        c.error(
            path,
            f"unknown card size '{value}'; presets: {', '.join(CARD_PRESETS)}, or {{width: MM, height: MM}}",
        )
    elif (m := c.mapping(value, path, "a preset name or {width: MM, height: MM}")) is not None:
        c.keys(m, path, ["width", "height"])
        w = c.number(m, "width", path, low=CARD_MIN_MM, high=CARD_MAX_MM[0])
        h = c.number(m, "height", path, low=CARD_MIN_MM, high=CARD_MAX_MM[1])
        if w is not None and h is not None:
            return CardSize("custom", float(w), float(h))
    return CardSize("poker", *CARD_PRESETS["poker"])


def printed_form(text: str) -> str:
    """``text`` as a reader sees it printed: compatibility forms folded (NFKC), invisible characters (zero-width
    spaces and joiners, soft hyphens) gone, any run of spaces one plain space."""
    visible = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())


def read_sets(c: Checker, m: dict, path: Path_) -> int:
    """``sets:``, how many card sets to print (one per table): a whole number from 1 to 26, one letter each."""
    value = c.number(m, "sets", path, 1, low=1, high=MAX_SETS, whole=True)
    if value is None:
        return 1
    if not (math.isfinite(value) and value == int(value) and 1 <= value <= MAX_SETS):
        c.error(
            path + ("sets",), f"expected a whole number of card sets from 1 to {MAX_SETS} (one per table), got {value}"
        )
        return 1
    return int(value)


def read_colours(c: Checker, value: Any, path: Path_) -> dict[str, tuple[float, float, float, float]]:
    out = {}
    for name, cmyk in (c.mapping(value, path) or {}).items():
        seq = c.sequence(cmyk, path + (name,), "[C, M, Y, K] in percent")
        if seq is None:
            continue
        if len(str(name)) > TITLE:
            c.error(path + (name,), f"a colour name may have at most {TITLE} characters")
            continue
        if len(seq) != 4 or not all(
            isinstance(x, (int, float)) and not isinstance(x, bool) and 0 <= x <= 100 for x in seq
        ):
            c.error(path + (name,), "expected four percentages [C, M, Y, K], each 0–100")
            continue
        out[str(name)] = tuple(x / 100 for x in seq)
    return out


def read_colour(c: Checker, m: dict, key: str, path: Path_, colours: dict, default: str):
    name = m.get(key, default)
    try:
        return palette.colour(str(name), colours)
    except KeyError:
        names = sorted({*palette.BUILTIN, *colours})
        c.error(path + (key,), f"unknown colour '{name}'; known: {', '.join(names)}{suggest(str(name), names)}")
        return palette.colour(default)


def read_sources(c: Checker, value: Any, path: Path_, colours: dict) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    markers = [m.value for m in Marker]
    for i, raw in enumerate(c.sequence(value, path) or []):
        p = path + (i,)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(m, p, ["key", "name", "ink"], ["description", "marker", "mono"])
        key = c.text(m, "key", p)
        marker_raw = m.get("marker", markers[i % len(markers)])
        if isinstance(marker_raw, str) and marker_raw in markers:
            marker: Marker | str = Marker(marker_raw)
        elif isinstance(marker_raw, str) and len(marker_raw) == 1 and marker_raw.isalnum():
            marker = marker_raw
        else:
            c.error(p + ("marker",), f"'{marker_raw}' is not a shape ({', '.join(markers)}) or a single letter")
            marker = Marker.CIRCLE
        mono = c.choice(m, "mono", p, [s.value for s in MonoStyle], "solid") or "solid"
        if key in sources:
            c.error(p + ("key",), f"source '{key}' is defined twice")
        sources[key] = Source(
            key=key,
            name=c.text(m, "name", p),
            description=c.text(m, "description", p, required=False),
            ink=read_colour(c, m, "ink", p, colours, "black"),
            marker=marker,
            mono=MonoStyle(mono),
        )
    if not sources and isinstance(value, list):
        c.error(path, "a deck needs at least one source")
    return sources


def read_attributes(c: Checker, value: Any, path: Path_, sources: dict[str, Source]) -> list[Attribute]:
    attributes: list[Attribute] = []
    seen: set[str] = set()
    for i, raw in enumerate(c.sequence(value, path) or []):
        p = path + (i,)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(
            m,
            p,
            ["key", "label", "source", "kind"],
            ["unit", "unit_one", "unit_position", "categories", "pattern", "min", "max", "decimals"],
        )
        key = c.text(m, "key", p)
        if key in seen:
            c.error(p + ("key",), f"attribute '{key}' is defined twice")
        if key in RESERVED_PERSON_KEYS:
            c.error(p + ("key",), f"'{key}' is reserved for the person's {key}; choose another key")
        seen.add(key)
        source_key = c.text(m, "source", p)
        source = sources.get(source_key)
        if source is None and source_key:
            c.error(
                p + ("source",),
                f"unknown source '{source_key}'; sources: {', '.join(sources)}{suggest(source_key, sources)}",
            )
        kind = c.choice(m, "kind", p, [k.value for k in Kind])
        categories = c.texts(m, "categories", p) if "categories" in m else ()
        if kind == "category" and not categories:
            c.error(p, "a category attribute needs a list of 'categories'")
        printed: dict[str, str] = {}
        for category in categories:
            same = printed.setdefault(printed_form(category), category)
            if same == category and categories.count(category) > 1:
                c.error(p + ("categories",), f"a category is listed twice ('{short(category, 60)}')")
                break
            if same != category:
                c.error(
                    p + ("categories",),
                    f"{same!a} and {category!a} print the same; a category is listed twice",
                )
                break
        pattern = c.text(m, "pattern", p, required=False)
        if pattern:
            try:
                compile_pattern(pattern)
            except PatternError as exc:
                c.error(p + ("pattern",), f"not a pattern this tool accepts: {exc}")
                pattern = ""
        decimals = c.number(m, "decimals", p, 0, low=0, high=4, whole=True)
        position = c.choice(m, "unit_position", p, ["before", "after"], "after")
        if source is None or kind is None:
            continue
        minimum = c.number(m, "min", p, 0 if kind == "number" else None)
        maximum = c.number(m, "max", p)
        if minimum is not None and maximum is not None and minimum > maximum:
            c.error(p + ("max",), f"max {maximum:g} is below min {minimum:g}")
            minimum = maximum = None  # one problem, not one per person
        attributes.append(
            Attribute(
                key=key,
                label=c.text(m, "label", p),
                source=source,
                kind=Kind(kind),
                unit=c.text(m, "unit", p, required=False),
                unit_one=c.text(m, "unit_one", p, required=False),
                unit_before=position == "before",
                categories=categories,
                pattern=pattern,
                minimum=minimum,
                maximum=maximum,
                decimals=int(decimals or 0),
            )
        )
    if not attributes and isinstance(value, list) and not value:
        c.error(path, "a deck needs at least one attribute")
    return attributes


def read_series(c: Checker, value: Any, path: Path_, colours: dict) -> list[tuple[Series, Path_]]:
    out: list[tuple[Series, Path_]] = []
    defaults = ["green", "yellow"]
    for i, raw in enumerate(c.sequence(value, path) or []):
        p = path + (i,)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(m, p, ["key", "label", "meaning"], ["colour", "pseudonymised"])
        key = c.text(m, "key", p)
        if any(s.key == key for s, _ in out):
            c.error(p + ("key",), f"series '{key}' is defined twice")
        out.append(
            (
                Series(
                    key=key,
                    label=c.text(m, "label", p, limit=LABEL),
                    meaning=c.text(m, "meaning", p),
                    colour=read_colour(c, m, "colour", p, colours, defaults[i % 2]),
                    pseudonymised=c.texts(m, "pseudonymised", p),
                ),
                p,
            )
        )
    if len(out) != 2 and isinstance(value, list):
        c.error(path, f"the workshop compares two series; this deck has {len(out)}")
    return out
