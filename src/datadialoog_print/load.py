"""Read a deck folder into a validated :class:`~datadialoog_print.model.Deck`.

This is the only place that sees YAML. Every problem is collected with its file,
line and field, and all of them are reported together in one :class:`DeckError`,
so a trainer fixes a deck in one round instead of one error at a time.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import fonts, geometry, palette
from .errors import DeckError, Problem
from .language import LANGUAGES
from .model import (
    Assignment,
    Attribute,
    CardSize,
    Comparison,
    Correlation,
    Deck,
    Kind,
    Marker,
    Measure,
    MonoStyle,
    Person,
    Question,
    Series,
    Source,
    StatementGroup,
    Task,
    Texts,
    Wording,
)

DECK_FILES = ("deck.yaml", "persons.yaml", "answers.yaml", "texts.yaml")
"""The files of a deck folder, in the order they are read."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are refused before parsing: a deck of 10 000 persons is about 5 MB."""

MAX_NODES = 2_000_000
"""YAML nodes a deck may expand to; stops an alias bomb from eating the machine."""

TEXT_PLACEHOLDERS = frozenset({"persons", "persons_per_series", "attributes", "cards", "series"})
"""Placeholders a workshop text may use; the booklet fills them in from the deck."""

RESERVED_PERSON_KEYS = ("name", "series")

Path_ = tuple[str | int, ...]

_FLOAT_RE = re.compile(r"^-?\d+([.,]\d+)?$")


def default_decks_dir() -> Path:
    """Where deck names are looked up: ``decks/`` in the current folder, else the one shipped beside the code."""
    here = Path("decks")
    if (here / "default" / "deck.yaml").is_file():
        return here
    return Path(__file__).resolve().parents[2] / "decks"


def resolve_deck_path(deck: str | Path | None) -> Path:
    """A deck named by folder path, or by its name under ``decks/``; the default deck for None."""
    if deck is None:
        return default_decks_dir() / "default"
    path = Path(deck)
    if path.is_dir():
        return path
    named = default_decks_dir() / str(deck)
    if not path.is_absolute() and len(path.parts) == 1 and named.is_dir():
        return named
    available = sorted(p.name for p in default_decks_dir().glob("*") if (p / "deck.yaml").is_file())
    hint = f" (decks under decks/: {', '.join(available)})" if available else ""
    raise DeckError([Problem(str(deck), None, "", f"no deck folder here{hint}")])


# --------------------------------------------------------------------------- YAML with lines


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
                Problem(label, None, "", f"file is {size / 1e6:.0f} MB; a deck file may be at most {MAX_FILE_BYTES // 2**20} MB")
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
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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


def _build(node, path, doc, constructor, budget, problems):
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(doc.label, key_node.start_mark.line + 1, field_name(path), "a key must be a plain word"))
                continue
            key = key_node.value
            if key in result:
                problems.append(
                    Problem(doc.label, key_node.start_mark.line + 1, field_name(path + (key,)), "this key appears twice")
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
        problems.append(Problem(doc.label, node.start_mark.line + 1, field_name(path), f"cannot read this value: {exc}"))
        return None


# --------------------------------------------------------------------------- validation helpers


class Checker:
    """Small validators over one Doc; each failure becomes a Problem and a None result."""

    def __init__(self, doc: Doc, problems: list[Problem]):
        self.doc = doc
        self.problems = problems

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.doc.label, self.doc.line(path), field_name(path), message))

    def mapping(self, value: Any, path: Path_, what: str = "a mapping of keys to values") -> dict | None:
        if isinstance(value, dict):
            return value
        self.error(path, f"expected {what}, got {_describe(value)}")
        return None

    def sequence(self, value: Any, path: Path_, what: str = "a list") -> list | None:
        if isinstance(value, list):
            return value
        self.error(path, f"expected {what}, got {_describe(value)}")
        return None

    def keys(self, m: dict, path: Path_, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        """Report missing required keys and unknown ones (typos), with a suggestion."""
        required = list(required)
        allowed = required + list(optional)
        for key in m:
            if key not in allowed:
                self.error(path + (key,), f"unknown key '{key}'{_suggest(str(key), allowed)}")
        for key in required:
            if key not in m:
                self.error(path, f"missing required key '{key}'")

    def text(self, m: dict, key: str, path: Path_, *, required: bool = True, default: str = "") -> str:
        if key not in m:
            return default
        value = m[key]
        if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
            self.error(path + (key,), f"expected text, got {_describe(value)}")
            return default
        text = str(value).strip() if isinstance(value, str) else str(value)
        if required and not text:
            self.error(path + (key,), "must not be empty")
        if problem := glyph_problem(text):
            self.error(path + (key,), problem)
        return text

    def number(self, m: dict, key: str, path: Path_, default: float | None = None) -> float | None:
        if key not in m:
            return default
        value = m[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(path + (key,), f"expected a number, got {_describe(value)}")
            return default
        return value

    def choice(self, m: dict, key: str, path: Path_, options: Iterable[str], default: str | None = None) -> str | None:
        if key not in m:
            return default
        options = list(options)
        value = m[key]
        if not isinstance(value, str) or value not in options:
            self.error(path + (key,), f"'{value}' is not one of: {', '.join(options)}{_suggest(str(value), options)}")
            return None
        return value

    def texts(self, m: dict, key: str, path: Path_) -> tuple[str, ...]:
        seq = self.sequence(m.get(key, []), path + (key,), "a list of texts")
        out = []
        for i, item in enumerate(seq or []):
            if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
                self.error(path + (key, i), f"expected a text, got {_describe(item)}")
            elif problem := glyph_problem(str(item)):
                self.error(path + (key, i), problem)
            else:
                out.append(str(item).strip())
        return tuple(out)


def glyph_problem(text: str) -> str | None:
    """A message if the embedded font cannot draw a character of ``text`` (it would print as a box)."""
    missing = fonts.missing_glyphs(text)
    if not missing:
        return None
    shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing)
    return f"the font (Atkinson Hyperlegible) cannot print {shown} in '{text}'; use another letter"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no value '{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text '{value}'"
    if isinstance(value, (int, float)):
        return f"number {value}"
    return f"'{value}' ({type(value).__name__})"


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --------------------------------------------------------------------------- deck.yaml


def _card_size(c: Checker, value: Any, path: Path_) -> CardSize:
    if isinstance(value, str):
        if value in geometry.CARD_PRESETS:
            return CardSize(value, *geometry.CARD_PRESETS[value])
        c.error(path, f"unknown card size '{value}'; presets: {', '.join(geometry.CARD_PRESETS)}, or {{width: MM, height: MM}}")
    elif (m := c.mapping(value, path, "a preset name or {width: MM, height: MM}")) is not None:
        c.keys(m, path, ["width", "height"])
        w, h = c.number(m, "width", path), c.number(m, "height", path)
        if w is not None and h is not None:
            if not (20 <= w <= 200 and 20 <= h <= 280):
                c.error(path, f"card size {w} × {h} mm is outside 20–200 × 20–280 mm")
            else:
                return CardSize("custom", float(w), float(h))
    return CardSize("poker", *geometry.CARD_PRESETS["poker"])


def _colours(c: Checker, value: Any, path: Path_) -> dict[str, tuple[float, float, float, float]]:
    out = {}
    for name, cmyk in (c.mapping(value, path) or {}).items():
        seq = c.sequence(cmyk, path + (name,), "[C, M, Y, K] in percent")
        if seq is None:
            continue
        if len(seq) != 4 or not all(isinstance(x, (int, float)) and not isinstance(x, bool) and 0 <= x <= 100 for x in seq):
            c.error(path + (name,), "expected four percentages [C, M, Y, K], each 0–100")
            continue
        out[str(name)] = tuple(x / 100 for x in seq)
    return out


def _colour(c: Checker, m: dict, key: str, path: Path_, colours: dict, default: str):
    name = m.get(key, default)
    try:
        return palette.colour(str(name), colours)
    except KeyError:
        names = sorted({*palette.BUILTIN, *colours})
        c.error(path + (key,), f"unknown colour '{name}'; known: {', '.join(names)}{_suggest(str(name), names)}")
        return palette.colour(default)


def _sources(c: Checker, value: Any, path: Path_, colours: dict) -> dict[str, Source]:
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
            ink=_colour(c, m, "ink", p, colours, "black"),
            marker=marker,
            mono=MonoStyle(mono),
        )
    if not sources and isinstance(value, list):
        c.error(path, "a deck needs at least one source")
    return sources


def _attributes(c: Checker, value: Any, path: Path_, sources: dict[str, Source]) -> list[Attribute]:
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
            c.error(p + ("source",), f"unknown source '{source_key}'; sources: {', '.join(sources)}{_suggest(source_key, sources)}")
        kind = c.choice(m, "kind", p, [k.value for k in Kind])
        categories = c.texts(m, "categories", p) if "categories" in m else ()
        if kind == "category" and not categories:
            c.error(p, "a category attribute needs a list of 'categories'")
        if len(set(categories)) != len(categories):
            c.error(p + ("categories",), "a category is listed twice")
        pattern = c.text(m, "pattern", p, required=False)
        if pattern:
            try:
                re.compile(pattern)
            except re.error as exc:
                c.error(p + ("pattern",), f"not a valid regular expression: {exc}")
                pattern = ""
        decimals = c.number(m, "decimals", p, 0)
        if decimals is not None and (decimals != int(decimals) or not 0 <= decimals <= 4):
            c.error(p + ("decimals",), "expected a whole number from 0 to 4")
            decimals = 0
        position = c.choice(m, "unit_position", p, ["before", "after"], "after")
        if source is None or kind is None:
            continue
        minimum = c.number(m, "min", p, 0 if kind == "number" else None)
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
                maximum=c.number(m, "max", p),
                decimals=int(decimals or 0),
            )
        )
    if not attributes and isinstance(value, list) and not value:
        c.error(path, "a deck needs at least one attribute")
    return attributes


def _series(c: Checker, value: Any, path: Path_, colours: dict) -> list[tuple[Series, Path_]]:
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
                    label=c.text(m, "label", p),
                    meaning=c.text(m, "meaning", p),
                    colour=_colour(c, m, "colour", p, colours, defaults[i % 2]),
                    pseudonymised=c.texts(m, "pseudonymised", p),
                ),
                p,
            )
        )
    if len(out) != 2 and isinstance(value, list):
        c.error(path, f"the workshop compares two series; this deck has {len(out)}")
    return out


# --------------------------------------------------------------------------- persons.yaml


def check_value(attribute: Attribute, value: Any) -> tuple[Any, str | None]:
    """A person's value for one attribute, normalised, or an error message saying what is wrong.

    Shared by the YAML loader and the spreadsheet import so both accept exactly the same values.
    """
    if attribute.kind is Kind.NUMBER:
        if isinstance(value, str) and _FLOAT_RE.match(value.strip()):
            text = value.strip()
            if re.fullmatch(r"-?\d{1,3}[.,]\d{3}", text):
                return None, f"'{text}' is ambiguous (a thousands mark or decimals?); write it without a thousands mark"
            value = float(text.replace(",", "."))
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            return None, f"expected a number, got {_describe(value)}"
        if isinstance(value, float) and value.is_integer() and attribute.decimals == 0:
            value = int(value)
        if attribute.minimum is not None and value < attribute.minimum:
            return None, f"{value} is below the minimum {attribute.minimum:g}"
        if attribute.maximum is not None and value > attribute.maximum:
            return None, f"{value} is above the maximum {attribute.maximum:g}"
        return value, None
    if value is None or isinstance(value, (bool, dict, list)):
        return None, f"expected text, got {_describe(value)}"
    text = str(value).strip()
    if not text:
        return None, "must not be empty"
    if problem := glyph_problem(text):
        return None, problem
    if attribute.kind is Kind.CATEGORY and text not in attribute.categories:
        return None, (
            f"'{text}' is not one of the categories: {', '.join(attribute.categories)}"
            f"{_suggest(text, attribute.categories)}"
        )
    if attribute.pattern and not re.fullmatch(attribute.pattern, text):
        return None, f"'{text}' does not match the pattern {attribute.pattern}"
    return text, None


def _persons(c: Checker, value: Any, path: Path_, attributes: list[Attribute], series_keys: list[str]) -> list[Person]:
    persons: list[Person] = []
    first_line: dict[str, int | None] = {}
    keys = [a.key for a in attributes]
    for i, raw in enumerate(c.sequence(value, path) or []):
        p = path + (i,)
        if (m := c.mapping(raw, p, "a person (name, series and a value per attribute)")) is None:
            continue
        for key in m:
            if key not in keys and key not in RESERVED_PERSON_KEYS:
                c.error(p + (key,), f"unknown attribute '{key}'{_suggest(str(key), keys)}")
        for key in RESERVED_PERSON_KEYS:
            if key not in m:
                c.error(p, f"missing required key '{key}'")
        name = c.text(m, "name", p)
        series = c.text(m, "series", p)
        if series and series not in series_keys:
            c.error(p + ("series",), f"unknown series '{series}'; series: {', '.join(series_keys)}")
        if name:
            if name in first_line:
                c.error(p + ("name",), f"duplicate name '{name}' (first at line {first_line[name]})")
            first_line.setdefault(name, c.doc.line(p + ("name",)))
        values = {}
        for attribute in attributes:
            if attribute.key not in m:
                c.error(p, f"missing value for attribute '{attribute.key}'" + (f" of {name}" if name else ""))
                continue
            normal, problem = check_value(attribute, m[attribute.key])
            if problem:
                c.error(p + (attribute.key,), problem)
            else:
                values[attribute.key] = normal
        persons.append(Person(name=name, series=series, values=values, line=c.doc.line(p) or 0))
    return persons


# --------------------------------------------------------------------------- answers.yaml


_ORDERED = {Measure.MEAN, Measure.TOTAL, Measure.TOTAL_MEAN, Measure.COUNT}


def _comparisons(c: Checker, value: Any, path: Path_, attributes: list[Attribute], footnotes: dict) -> list[Comparison]:
    by_key = {a.key: a for a in attributes}
    out: list[Comparison] = []
    for i, raw in enumerate(c.sequence(value, path) or []):
        p = path + (i,)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(
            m,
            p,
            ["attribute", "measure", "assumption"],
            ["title", "categories", "category_label", "equal_within", "decimals", "correlation", "footnote"],
        )
        key = c.text(m, "attribute", p)
        attribute = by_key.get(key)
        if attribute is None and key:
            c.error(p + ("attribute",), f"unknown attribute '{key}'{_suggest(key, by_key)}")
        measure_raw = c.choice(m, "measure", p, [x.value for x in Measure])
        measure = Measure(measure_raw) if measure_raw else None
        if attribute and measure:
            numeric = measure in (Measure.MEAN, Measure.TOTAL, Measure.TOTAL_MEAN)
            if numeric and attribute.kind is not Kind.NUMBER:
                c.error(p + ("measure",), f"'{measure.value}' needs a number attribute; '{key}' is a {attribute.kind.value}")
            if not numeric and attribute.kind is Kind.NUMBER:
                c.error(p + ("measure",), f"'{measure.value}' needs a category or code attribute; '{key}' is a number")
        categories = c.texts(m, "categories", p) if "categories" in m else ()
        if measure is Measure.COUNT:
            if not categories:
                c.error(p, "a count needs 'categories' to count")
            for j, cat in enumerate(categories):
                if attribute and attribute.categories and cat not in attribute.categories:
                    c.error(p + ("categories", j), f"'{cat}' is not a category of '{key}'{_suggest(cat, attribute.categories)}")
        equal_within = c.number(m, "equal_within", p, 0.1)
        if equal_within is not None and not 0 <= equal_within <= 1:
            c.error(p + ("equal_within",), "expected a fraction from 0 to 1 (0.1 = within 10 %)")
        decimals = c.number(m, "decimals", p, 1)
        wording = _wording(c, m.get("assumption"), p + ("assumption",), measure)
        correlation = None
        if "correlation" in m and (cm := c.mapping(m["correlation"], p + ("correlation",))) is not None:
            cp = p + ("correlation",)
            c.keys(cm, cp, ["attribute", "none", "positive", "negative"], ["threshold"])
            other = c.text(cm, "attribute", cp)
            if other and (other not in by_key or by_key[other].kind is not Kind.NUMBER):
                c.error(cp + ("attribute",), f"'{other}' is not a number attribute of this deck")
            if attribute and attribute.kind is not Kind.NUMBER:
                c.error(cp, f"a correlation needs a number attribute; '{key}' is a {attribute.kind.value}")
            correlation = Correlation(
                attribute=other,
                threshold=c.number(cm, "threshold", cp, 0.3) or 0.3,
                positive=c.text(cm, "positive", cp),
                negative=c.text(cm, "negative", cp),
                none=c.text(cm, "none", cp),
            )
        footnote_key = c.text(m, "footnote", p, required=False)
        if footnote_key and footnote_key not in footnotes:
            c.error(p + ("footnote",), f"no footnote '{footnote_key}' in texts.yaml answer_sheet.footnotes")
        if attribute is None or measure is None:
            continue
        out.append(
            Comparison(
                attribute=key,
                measure=measure,
                title=c.text(m, "title", p, required=False) or attribute.label,
                categories=categories,
                category_label=c.text(m, "category_label", p, required=False) or "/".join(categories),
                equal_within=float(equal_within or 0),
                decimals=int(decimals or 0),
                assumption=wording,
                correlation=correlation,
                footnote=footnotes.get(footnote_key, ""),
            )
        )
    return out


def _wording(c: Checker, value: Any, path: Path_, measure: Measure | None) -> Wording:
    m = c.mapping(value, path, "the assumption's wordings (higher, lower, equal or different, equal)")
    if m is None or measure is None:
        return Wording()
    if measure in _ORDERED:
        c.keys(m, path, ["higher", "lower", "equal"])
    else:
        c.keys(m, path, ["different", "equal"])
    return Wording(**{k: c.text(m, k, path) for k in ("higher", "lower", "equal", "different") if k in m})


# --------------------------------------------------------------------------- texts.yaml


def _placeholders(c: Checker, text: str, path: Path_) -> str:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        c.error(path, f"a lone {{ or }} in the text ({exc}); write {{{{ or }}}} for a brace")
        return text
    for name in names - TEXT_PLACEHOLDERS:
        c.error(path, f"unknown placeholder {{{name}}}; available: {', '.join(sorted(TEXT_PLACEHOLDERS))}")
    return text


def _texts(c: Checker, data: Any) -> Texts | None:
    root = c.mapping(data, ())
    if root is None:
        return None
    c.keys(root, (), ["booklet", "part1", "answer_sheet", "part2"])

    def section(key: str, required: list[str], optional: list[str] = ()) -> dict:
        m = c.mapping(root.get(key, {}), (key,)) or {}
        if key in root:
            c.keys(m, (key,), required, optional)
        return m

    def t(m: dict, key: str, path: Path_, required: bool = True) -> str:
        return _placeholders(c, c.text(m, key, path, required=required), path + (key,))

    booklet = section("booklet", ["title", "introduction"])
    part1 = section(
        "part1",
        ["title", "introduction", "inks_explanation", "markers_explanation", "assignments"],
        ["assignments_intro"],
    )
    sheet = section("answer_sheet", ["title", "introduction"], ["footnotes"])
    part2 = section("part2", ["title", "introduction", "questions", "statements"], ["statements_intro"])

    assignments = []
    for i, raw in enumerate(c.sequence(part1.get("assignments", []), ("part1", "assignments")) or []):
        p = ("part1", "assignments", i)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(m, p, ["key", "title", "tasks"], ["explanation", "questions"])
        tasks = []
        for j, traw in enumerate(c.sequence(m.get("tasks", []), p + ("tasks",)) or []):
            tp = p + ("tasks", j)
            if (tm := c.mapping(traw, tp)) is not None:
                c.keys(tm, tp, ["task"], ["key"])
                tasks.append(Task(c.text(tm, "key", tp, required=False), t(tm, "task", tp)))
        questions = []
        for j, qraw in enumerate(c.sequence(m.get("questions", []), p + ("questions",)) or []):
            qp = p + ("questions", j)
            if (qm := c.mapping(qraw, qp)) is not None:
                c.keys(qm, qp, ["question"], ["answer", "note"])
                questions.append(Question(t(qm, "question", qp), t(qm, "answer", qp, False), t(qm, "note", qp, False)))
        assignments.append(
            Assignment(c.text(m, "key", p), t(m, "title", p), tuple(tasks), t(m, "explanation", p, False), tuple(questions))
        )

    statements = []
    for i, raw in enumerate(c.sequence(part2.get("statements", []), ("part2", "statements")) or []):
        p = ("part2", "statements", i)
        if (m := c.mapping(raw, p)) is None:
            continue
        c.keys(m, p, ["stem", "items"], ["theme"])
        items = c.texts(m, "items", p)
        if not items:
            c.error(p + ("items",), "a statement group needs at least one item")
        statements.append(StatementGroup(c.text(m, "theme", p, required=False), t(m, "stem", p), items))

    questions = c.texts(part2, "questions", ("part2",)) if "questions" in part2 else ()
    footnotes = {str(k): str(v).strip() for k, v in (c.mapping(sheet.get("footnotes", {}), ("answer_sheet", "footnotes")) or {}).items()}
    return Texts(
        booklet_title=t(booklet, "title", ("booklet",)),
        introduction=t(booklet, "introduction", ("booklet",)),
        part1_title=t(part1, "title", ("part1",)),
        part1_introduction=t(part1, "introduction", ("part1",)),
        inks_explanation=t(part1, "inks_explanation", ("part1",)),
        markers_explanation=t(part1, "markers_explanation", ("part1",)),
        assignments_intro=t(part1, "assignments_intro", ("part1",), False),
        assignments=tuple(assignments),
        answer_sheet_title=t(sheet, "title", ("answer_sheet",)),
        answer_sheet_introduction=t(sheet, "introduction", ("answer_sheet",)),
        footnotes=footnotes,
        part2_title=t(part2, "title", ("part2",)),
        part2_introduction=t(part2, "introduction", ("part2",)),
        questions=questions,
        statements_intro=t(part2, "statements_intro", ("part2",), False),
        statements=tuple(statements),
    )


# --------------------------------------------------------------------------- an edition that shares its persons


def _persons_source(doc: Doc | None, folder: Path, problems: list[Problem]) -> Path | None:
    """The deck folder whose persons.yaml this deck uses (``persons_from``), or None for its own."""
    if doc is None or not isinstance(doc.data, dict) or "persons_from" not in doc.data:
        return None
    name = doc.data["persons_from"]
    line = doc.line(("persons_from",))
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(doc.label, line, "persons_from", "expected the name or folder of another deck"))
        return None
    for candidate in (folder.parent / name, Path(name), default_decks_dir() / name):
        if (candidate / "persons.yaml").is_file() and candidate.resolve() != folder.resolve():
            return candidate
    problems.append(Problem(doc.label, line, "persons_from", f"no deck with a persons.yaml named '{name}'"))
    return None


def _translate(c: Checker, value: Any, persons: Any, attributes: list[Attribute]) -> Any:
    """The shared persons with their word values translated; every untranslated word is reported."""
    table = c.mapping(value, ("translate",), "attribute → {original: translation}")
    if table is None or not isinstance(persons, list):
        return persons
    by_key = {a.key: a for a in attributes}
    maps: dict[str, dict] = {}
    for key, mapping in table.items():
        path = ("translate", key)
        attribute = by_key.get(key)
        if attribute is None or attribute.kind is not Kind.CATEGORY:
            c.error(path, f"'{key}' is not a category attribute of this deck")
            continue
        m = c.mapping(mapping, path, "{original: translation}") or {}
        for original, translated in m.items():
            if str(translated) not in attribute.categories:
                c.error(path + (original,), f"'{translated}' is not one of the categories of '{key}'")
        maps[key] = {str(k): str(v) for k, v in m.items()}
    out = []
    missing: dict[tuple[str, str], None] = {}
    for raw in persons:
        if not isinstance(raw, dict):
            out.append(raw)
            continue
        person = dict(raw)
        for key, m in maps.items():
            if key in person and person[key] is not None:
                original = str(person[key])
                if original in m:
                    person[key] = m[original]
                else:
                    missing[(key, original)] = None
        out.append(person)
    for key, original in missing:
        c.error(("translate", key), f"no translation for '{original}' (a value of '{key}' in the shared persons)")
    return out


# --------------------------------------------------------------------------- the whole deck


def load_deck(deck: str | Path | None = None, *, replacing: dict[str, str] | None = None) -> Deck:
    """Read and validate a deck folder (or a deck name under ``decks/``); raise DeckError with every problem.

    ``replacing`` maps a file name to text that stands in for that file, so a change (an
    import) can be validated as part of the whole deck before anything is written.
    """
    folder = resolve_deck_path(deck)
    replacing = replacing or {}
    problems: list[Problem] = []

    def label(name: str) -> str:
        return str(folder / name)

    docs: dict[str, Doc | None] = {}
    files = {name: folder / name for name in DECK_FILES}

    def read(name: str) -> None:
        path = files[name]
        if name in replacing:
            docs[name] = read_yaml(path, label(name), problems, text=replacing[name])
        elif not path.is_file():
            problems.append(Problem(str(path), None, "", "missing: every deck needs this file"))
            docs[name] = None
        else:
            docs[name] = read_yaml(path, str(path), problems)

    read("deck.yaml")
    base = _persons_source(docs["deck.yaml"], folder, problems)
    if base is not None:
        files["persons.yaml"] = base / "persons.yaml"
        if (folder / "persons.yaml").is_file():
            problems.append(Problem(label("persons.yaml"), None, "", "this deck takes its persons from another deck (persons_from); remove this file or persons_from"))
    for name in DECK_FILES[1:]:
        read(name)
    for extra in sorted(folder.glob("*.y*ml")):
        if extra.name not in DECK_FILES:
            problems.append(
                Problem(str(extra), None, "", f"not a deck file; a deck has {', '.join(DECK_FILES)}{_suggest(extra.name, DECK_FILES)}")
            )
    if problems:
        raise DeckError(problems)

    main = Checker(docs["deck.yaml"], problems)
    root = main.mapping(docs["deck.yaml"].data, ()) or {}
    main.keys(
        root,
        (),
        ["title", "language", "pseudonym_key", "sources", "attributes", "series"],
        ["subtitle", "card_size", "colours", "persons_from", "translate"],
    )
    language = main.choice(root, "language", (), sorted(LANGUAGES), "nl") or "nl"
    if "language" in root and root["language"] not in LANGUAGES:
        problems[-1] = Problem(
            main.doc.label,
            main.doc.line(("language",)),
            "language",
            f"language '{root['language']}' is not supported; languages on offer: "
            + ", ".join(f"{code} ({lang.name})" for code, lang in sorted(LANGUAGES.items())),
        )
    colours = _colours(main, root.get("colours", {}), ("colours",))
    card_size = _card_size(main, root.get("card_size", "poker"), ("card_size",))
    sources = _sources(main, root.get("sources", []), ("sources",), colours)
    attributes = _attributes(main, root.get("attributes", []), ("attributes",), sources)
    series_paths = _series(main, root.get("series", []), ("series",), colours)
    for key, source in sources.items():
        if not any(a.source.key == key for a in attributes) and attributes:
            main.error(("sources",), f"source '{key}' has no attributes")

    texts_checker = Checker(docs["texts.yaml"], problems)
    texts = _texts(texts_checker, docs["texts.yaml"].data)

    pc = Checker(docs["persons.yaml"], problems)
    proot = pc.mapping(docs["persons.yaml"].data, ()) or {}
    pc.keys(proot, (), ["persons"])
    raw_persons = proot.get("persons", [])
    if "translate" in root:
        raw_persons = _translate(main, root["translate"], raw_persons, attributes)
    persons = _persons(pc, raw_persons, ("persons",), attributes, [s.key for s, _ in series_paths])

    names = {p.name: p for p in persons}
    for series, spath in series_paths:
        if not any(p.series == series.key for p in persons):
            main.error(spath, f"series '{series.key}' ({series.label}) has no persons in persons.yaml")
        for j, name in enumerate(series.pseudonymised):
            if name not in names:
                main.error(spath + ("pseudonymised", j), f"no person named '{name}'{_suggest(name, names)}")
            elif names[name].series != series.key:
                main.error(spath + ("pseudonymised", j), f"'{name}' is in series {names[name].series}, not {series.key}")

    ac = Checker(docs["answers.yaml"], problems)
    aroot = ac.mapping(docs["answers.yaml"].data, ()) or {}
    ac.keys(aroot, (), ["comparisons"])
    comparisons = _comparisons(
        ac, aroot.get("comparisons", []), ("comparisons",), attributes, dict(texts.footnotes) if texts else {}
    )

    if problems:
        raise DeckError(problems)
    return Deck(
        name=folder.resolve().name,
        path=folder,
        title=main.text(root, "title", ()),
        subtitle=main.text(root, "subtitle", (), required=False),
        language=language,
        pseudonym_key=main.text(root, "pseudonym_key", ()),
        card_size=card_size,
        sources=tuple(sources.values()),
        attributes=tuple(attributes),
        series=tuple(s for s, _ in series_paths),
        persons=tuple(persons),
        comparisons=tuple(comparisons),
        texts=texts,
        files=tuple(files[name] for name in DECK_FILES),
    )

