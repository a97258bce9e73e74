"""The columns of a persons spreadsheet, as the deck prints them: shared by export, the workbook and import.

Headers are in the deck's language (Naam, Reeks, then each attribute's label, then
Gepseudonimiseerd); import also takes the older English keys (name, series, attribute
keys), so files made before still read. The series column holds the series' labels
(Reeks 1), which import also accepts as keys (1). The last column says, ja or nee, whether
a person's cards carry a number instead of the name (``pseudonymised`` in deck.yaml); a
file without it leaves deck.yaml's lists as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..deck.language import LANGUAGES, Language, language
from ..deck.load import DECK_FILES
from ..deck.model import Attribute, Deck, Person, Value

PSEUDONYMISED = "pseudonymised"
"""The field of the last column: whether the person's cards carry a number instead of the name."""


@dataclass(frozen=True)
class Column:
    """One column of the persons sheet."""

    field: str
    """'name', 'series', 'pseudonymised' or an attribute key: where the value goes (persons.yaml, or deck.yaml)."""
    header: str
    """The heading in the spreadsheet."""
    attribute: Attribute | None = None
    """The attribute of an attribute column; None for name and series."""


def columns(deck: Deck) -> tuple[Column, ...]:
    """Name, series and one column per attribute, each headed as the deck prints it (and told apart)."""
    lang = language(deck.language)
    out = [Column("name", lang["name"]), Column("series", lang["series"])]
    taken = {c.header.casefold() for c in out}
    for attribute in deck.attributes:
        header = attribute.label
        for candidate in (attribute.label, attribute.key, f"{attribute.label} ({attribute.key})"):
            header = candidate
            if candidate.casefold() not in taken:
                break
        taken.add(header.casefold())
        out.append(Column(attribute.key, header, attribute))
    header = lang["pseudonymised_col"]
    out.append(Column(PSEUDONYMISED, header if header.casefold() not in taken else PSEUDONYMISED))
    return tuple(out)


def header_fields(deck: Deck) -> dict[str, str]:
    """Case-folded heading → field, for import: the headings export writes first, then the older English keys."""
    out = {c.header.casefold(): c.field for c in columns(deck)}
    lang = language(deck.language)
    aliases = [("name", "name"), ("series", "series"), (lang["name"], "name"), (lang["series"], "series")]
    aliases += [(PSEUDONYMISED, PSEUDONYMISED), (lang["pseudonymised_col"], PSEUDONYMISED)]
    for a in deck.attributes:
        aliases += [(a.key, a.key), (a.label, a.key)]
    for heading, field in aliases:
        out.setdefault(heading.casefold(), field)
    return out


def series_values(deck: Deck) -> dict[str, str]:
    """Series key → what the sheet writes for it: its label, or its key if two labels look alike."""
    labels = [s.label for s in deck.series]
    if len({label.casefold() for label in labels}) != len(labels):
        return {s.key: s.key for s in deck.series}
    return {s.key: s.label for s in deck.series}


def row(deck: Deck, person: Person) -> list[Value]:
    """A person as one spreadsheet row, in column order; numbers stay numbers."""
    series = series_values(deck)
    lang = language(deck.language)
    marked = any(person.name in s.pseudonymised for s in deck.series if s.key == person.series)
    values = [person.values[a.key] for a in deck.attributes]
    return [person.name, series[person.series], *values, lang["yes"] if marked else lang["no"]]


def yes_no(value) -> bool | None:
    """A pseudonymised cell as True or False (ja/nee, yes/no, TRUE/FALSE; empty is no); None if it is neither."""
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().casefold()
    for lang in LANGUAGES.values():
        if text in ("", lang["no"].casefold()):
            return False
        if text == lang["yes"].casefold():
            return True
    return None


def persons_origin(deck: Deck) -> Path | None:
    """The deck folder this deck takes its persons from (``persons_from``), or None when they are its own."""
    source = deck.files[DECK_FILES.index("persons.yaml")].parent
    return None if source.resolve() == Path(deck.path).resolve() else source


def range_text(a: Attribute, lang: Language) -> str:
    """A number attribute's bounds in words ("0 t/m 120", "0 of meer"); empty without bounds."""
    low = None if a.minimum is None else lang.number(a.minimum, 4)
    high = None if a.maximum is None else lang.number(a.maximum, 4)
    if low is not None and high is not None:
        return lang.t("range_between", minimum=low, maximum=high)
    if low is not None:
        return lang.t("range_from", minimum=low)
    if high is not None:
        return lang.t("range_to", maximum=high)
    return ""


_DIGIT_TOKEN = re.compile(r"(?:\[([0-9])-([0-9])\]|\\d|([0-9]))(?:\{([1-9][0-9]?)\})?")


def digit_code(pattern: str) -> tuple[int, int, int] | None:
    """(length, lowest, highest) when a pattern allows exactly the numbers of a range written with a
    fixed count of digits ("[1-9][0-9]{3}": 4, 1000, 9999); None for any other pattern."""
    classes: list[tuple[int, int]] = []
    at = 0
    while at < len(pattern):
        if not (m := _DIGIT_TOKEN.match(pattern, at)):
            return None
        if m.group(1) is not None:
            span = (int(m.group(1)), int(m.group(2)))
        elif m.group(3) is not None:
            span = (int(m.group(3)), int(m.group(3)))
        else:
            span = (0, 9)
        classes += [span] * int(m.group(4) or 1)
        at = m.end()
    if not classes or classes[0][0] > classes[0][1] or any(c != (0, 9) for c in classes[1:]):
        return None
    (low, high), more = classes[0], len(classes) - 1
    return len(classes), low * 10**more, high * 10**more + 10**more - 1


def code_form(a: Attribute, lang: Language) -> str:
    """A code attribute's pattern in words ("4 cijfers, van 1000 t/m 9999"), never the raw pattern."""
    digits = digit_code(a.pattern) if a.pattern else None
    if digits is None:
        return lang["code_form"]
    length, low, high = digits
    return lang.t("code_digits", length=length, minimum=low, maximum=high)


def example(deck: Deck, a: Attribute) -> str:
    """A value of the attribute from the deck's first person, to show what a code looks like."""
    return str(deck.persons[0].values[a.key]) if deck.persons else ""
