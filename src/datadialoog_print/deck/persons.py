"""persons.yaml: every person with a valid value for every attribute, and editions that share another deck's persons."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from ..errors import Problem
from .checker import LINE, MAX_MAGNITUDE, Checker, describe, number_problem, suggest, text_problem
from .deckfile import RESERVED_PERSON_KEYS
from .locate import decks_dir, shipped_dir
from .model import Attribute, Kind, Person
from .paperchecks import TextCheck
from .pattern import fullmatch
from .reason import Reason
from .yamlfile import Doc, Path_

NUMBER_TEXT = re.compile(r"-?[0-9]{1,15}(?:[.,][0-9]{1,15})?")
"""A number written as text (a spreadsheet cell, a quoted YAML value): ASCII digits only."""

THOUSANDS_TEXT = re.compile(r"-?[0-9]{1,3}[.,][0-9]{3}")
"""A number as text that may hold a thousands mark (7.600) or three decimals: refused as ambiguous."""


def text_number(value: float) -> str:
    """A number as typed: 36.5, not 36.500000001."""
    return repr(value) if abs(value) < 1e15 else f"{value:g}"


def check_value(attribute: Attribute, value: Any, printable: TextCheck | None = None) -> tuple[Any, Reason | None]:
    """A person's value for one attribute, normalised, or the reason it is refused (an English message that a page
    says in the deck's language by its key, see :mod:`.reason`).

    Shared by the YAML loader, the spreadsheet import and the workspace's persons page, so all three accept
    exactly the same values (``printable``: the font's check of a text, see :mod:`.paperchecks`).
    """
    if attribute.kind is Kind.NUMBER:
        typed = value.strip() if isinstance(value, str) else value
        shown = typed if isinstance(typed, str) else text_number(typed) if isinstance(typed, float) else str(typed)
        if isinstance(value, str) and NUMBER_TEXT.fullmatch(value.strip()):
            text = value.strip()
            if THOUSANDS_TEXT.fullmatch(text):
                message = f"'{text}' is ambiguous (a thousands mark or decimals?); write it without a thousands mark"
                return None, Reason(message, "ambiguous", text=text)
            value = float(text.replace(",", "."))
        if problem := number_problem(value, -MAX_MAGNITUDE, MAX_MAGNITUDE):
            return None, Reason(problem, "not_number", text=shown)
        if isinstance(value, float) and attribute.decimals == 0:
            if not value.is_integer():
                message = f"{shown} is not a whole number; {attribute.label} takes whole numbers"
                return None, Reason(message, "not_whole", text=shown, column=attribute.label)
            value = int(value)
        if attribute.minimum is not None and value < attribute.minimum:
            message = f"{value} is below the minimum {attribute.minimum:g}"
            return None, Reason(message, "below", text=shown, minimum=float(attribute.minimum))
        if attribute.maximum is not None and value > attribute.maximum:
            message = f"{value} is above the maximum {attribute.maximum:g}"
            return None, Reason(message, "above", text=shown, maximum=float(attribute.maximum))
        return value, None
    if value is None or isinstance(value, (bool, dict, list)):
        return None, Reason(f"expected text, got {describe(value)}", "bad", text=str(value))
    text = str(value).strip()
    if not text:
        return None, Reason("must not be empty", "empty")
    if problem := text_problem(text, LINE, printable):
        return None, problem if isinstance(problem, Reason) else Reason(problem, "bad", text=text)
    if attribute.kind is Kind.CATEGORY and text not in attribute.categories:
        message = (
            f"'{text}' is not one of the categories: {', '.join(attribute.categories)}"
            f"{suggest(text, attribute.categories)}"
        )
        return None, Reason(message, "category", text=text, categories=", ".join(attribute.categories))
    if attribute.pattern and not fullmatch(attribute.pattern, text):
        message = f"'{text}' does not match the pattern {attribute.pattern}"
        return None, Reason(message, "pattern", text=text, column=attribute.label)
    return text, None


def name_problem(name: str) -> Reason | None:
    """Why a (NFC-normalised) name cannot be printed as written: a control, format or other invisible
    character, or a space other than the plain one, named by its code point; None when it can."""
    for char in name:
        category = unicodedata.category(char)
        if char == " " or category[0] not in "CZ":
            continue
        what = unicodedata.name(char, "a control character" if category == "Cc" else "an unassigned character")
        kind = "a space other than the plain space" if category[0] == "Z" else "an invisible character"
        message = f"the name {name!r} holds U+{ord(char):04X} ({what}), {kind}; write it with letters and plain spaces"
        return Reason(message, "invisible", char=f"U+{ord(char):04X}")
    return None


def read_persons(
    c: Checker,
    value: Any,
    path: Path_,
    attributes: list[Attribute],
    series_keys: list[str],
    *,
    declared: set[str] = frozenset(),
) -> list[Person]:
    """Every person; ``declared`` are attribute keys already reported as unusable, whose values are skipped."""
    persons: list[Person] = []
    first_line: dict[str, int | None] = {}
    keys = [a.key for a in attributes]
    for i, raw in enumerate(c.sequence(value, path) or []):
        p = path + (i,)
        if (m := c.mapping(raw, p, "a person (name, series and a value per attribute)")) is None:
            continue
        for key in m:
            if key not in keys and key not in RESERVED_PERSON_KEYS and key not in declared:
                c.error(p + (key,), f"unknown attribute '{key}'{suggest(str(key), keys)}")
        for key in RESERVED_PERSON_KEYS:
            if key not in m:
                c.error(p, f"missing required key '{key}'")
        name = c.text(m, "name", p)
        if name:
            name = unicodedata.normalize("NFC", name)
            if problem := name_problem(name):
                c.error(p + ("name",), problem)
        series = c.text(m, "series", p)
        if series and series not in series_keys:
            message = f"unknown series '{series}'; series: {', '.join(series_keys)}"
            c.error(p + ("series",), Reason(message, "series", series=series))
        if name:
            if name in first_line:
                message = f"duplicate name '{name}' (first at line {first_line[name]})"
                c.error(p + ("name",), Reason(message, "duplicate", name=name))
            first_line.setdefault(name, c.doc.line(p + ("name",)))
        values = {}
        for attribute in attributes:
            if attribute.key not in m:
                c.error(p, f"missing value for attribute '{attribute.key}'" + (f" of {name}" if name else ""))
                continue
            normal, problem = check_value(attribute, m[attribute.key], c.printing.printable)
            if problem:
                c.error(p + (attribute.key,), problem)
            else:
                values[attribute.key] = normal
        persons.append(Person(name=name, series=series, values=values, line=c.doc.line(p) or 0))
    return persons


def persons_source(doc: Doc | None, folder: Path, problems: list[Problem]) -> Path | None:
    """The deck folder whose persons.yaml this deck uses (``persons_from``), or None for its own."""
    if doc is None or not isinstance(doc.data, dict) or "persons_from" not in doc.data:
        return None
    name = doc.data["persons_from"]
    line = doc.line(("persons_from",))
    if not isinstance(name, str) or not name.strip() or len(name) > LINE or "\0" in name:
        problems.append(Problem(doc.label, line, "persons_from", "expected the name or folder of another deck"))
        return None
    # Beside this deck first (a shipped edition finds its shipped sibling), then as the command line would.
    for candidate in (folder.parent / name, Path(name), decks_dir() / name, shipped_dir() / name):
        if (candidate / "persons.yaml").is_file() and candidate.resolve() != folder.resolve():
            return candidate
    problems.append(Problem(doc.label, line, "persons_from", f"no deck with a persons.yaml named '{name}'"))
    return None


def translate_persons(c: Checker, value: Any, persons: Any, attributes: list[Attribute]) -> Any:
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
