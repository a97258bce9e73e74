"""Every word the tool prints itself, per language, and the language's number format.

A deck's ``language`` picks one table. Adding a language means adding a table here
(and a deck written in it); no printed word lives anywhere else in the code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Mapping


@dataclass(frozen=True)
class Language:
    """A language table: the tool's printed words and how numbers are written."""

    code: str
    name: str
    decimal_mark: str
    thousands_mark: str
    words: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def t(self, key: str, **values: object) -> str:
        """The word or phrase ``key``, with ``{placeholders}`` filled in."""
        return self.words[key].format(**values)

    def number(self, value: float, decimals: int = 0, *, keep_zeros: bool = False) -> str:
        """Write a number as a reader of this language expects: 7.600 and 39,5 in Dutch.

        Rounds half away from zero (what people do by hand, so the answer sheet agrees with
        a calculator), and drops a trailing ",0" unless ``keep_zeros``.
        """
        scale = 10**decimals
        rounded = math.floor(abs(value) * scale + 0.5) / scale
        negative = value < 0 and rounded != 0
        whole, _, frac = f"{rounded:.{decimals}f}".partition(".")
        if frac and not keep_zeros:
            frac = frac.rstrip("0")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        text = self.thousands_mark.join(groups)
        if frac:
            text += self.decimal_mark + frac
        return ("-" if negative else "") + text


_NL = {
    # figures on the answer sheet
    "count_of": "{count} van {total} {label}",
    "mean": "gemiddeld {value}",
    "total": "{value}",
    "total_mean": "{total} in totaal, gemiddeld {mean}",
    "mostly": "vooral {values}",
    "none": "geen",
    "value_separator": "/",
    "list_separator": ", ",
    # words used by commands that print figures or summaries
    "series": "Reeks",
    "persons": "personen",
    "attributes": "kenmerken",
    "cards": "kaarten",
    "attribute": "kenmerk",
    "figure": "cijfer",
    "recognisable": "Herkenbaar: {values} komt maar bij {count} persoon voor.",
    "recognisable_many": "Herkenbaar: {values} komen elk bij minder dan {k} personen voor.",
    "correlation": "correlatie met {other}: r = {r}",
    # cards
    "number_box": "nr.",
    "file_cards": "kaarten",
    "file_backs": "achterkanten",
    "cards_title": "Kaarten {series}",
    "cards_subject": "{persons} personen × {attributes} kenmerken = {cards} kaarten",
    "colour_green": "groen",
    "colour_yellow": "geel",
    "colour_red": "rood",
    "colour_black": "zwart",
    "colour_blue": "blauw",
    "colour_orange": "oranje",
    "colour_purple": "paars",
    "colour_pink": "roze",
    "colour_grey": "grijs",
    "colour_white": "wit",
}

_EN = {
    "count_of": "{count} of {total} {label}",
    "mean": "mean {value}",
    "total": "{value}",
    "total_mean": "{total} in all, mean {mean}",
    "mostly": "mostly {values}",
    "none": "none",
    "value_separator": "/",
    "list_separator": ", ",
    "series": "Series",
    "persons": "persons",
    "attributes": "attributes",
    "cards": "cards",
    "attribute": "attribute",
    "figure": "figure",
    "recognisable": "Recognisable: {values} occurs for only {count} person.",
    "recognisable_many": "Recognisable: {values} each occur for fewer than {k} persons.",
    "correlation": "correlation with {other}: r = {r}",
    "number_box": "no.",
    "file_cards": "cards",
    "file_backs": "backs",
    "cards_title": "Cards {series}",
    "cards_subject": "{persons} persons × {attributes} attributes = {cards} cards",
    "colour_green": "green",
    "colour_yellow": "yellow",
    "colour_red": "red",
    "colour_black": "black",
    "colour_blue": "blue",
    "colour_orange": "orange",
    "colour_purple": "purple",
    "colour_pink": "pink",
    "colour_grey": "grey",
    "colour_white": "white",
}

LANGUAGES: dict[str, Language] = {
    "nl": Language("nl", "Nederlands", ",", ".", _NL),
    "en": Language("en", "English", ".", ",", _EN),
}


def colour_word(lang: Language, name: str) -> str:
    """A colour's name in the language; a deck's own colour keeps the name the deck gave it."""
    return lang.words.get(f"colour_{name}", name)


def slug(text: str) -> str:
    """Lower-case, hyphenated, ASCII-safe text for a file name ("Reeks 1" → "reeks-1")."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in plain)
    return "-".join(part for part in out.split("-") if part) or "x"


def language(code: str) -> Language:
    """The table for a language code; KeyError for one that is not shipped."""
    return LANGUAGES[code]
