"""Every word the tool prints itself, per language, and the language's number format.

A deck's ``language`` picks one table. Adding a language means adding a ``words_xx.py``
table beside this file, registering it below, and a deck written in it; no printed word
lives anywhere else in the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from . import words_en, words_nl


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

    def t(self, word: str, /, **values: object) -> str:
        """The word or phrase ``word``, with ``{placeholders}`` filled in."""
        return self.words[word].format(**values)

    def number(self, value: float, decimals: int = 0, *, keep_zeros: bool = False) -> str:
        """Write a number as a reader of this language expects: 7.600 and 39,5 in Dutch.

        Rounds half away from zero on the decimal value as written (1.005 → 1,01, as a
        person rounds by hand, not 1,00 as the binary float would), and drops a trailing
        ",0" unless ``keep_zeros``.
        """
        return _written(value, decimals, keep_zeros, self.decimal_mark, self.thousands_mark)


@lru_cache(maxsize=65536, typed=True)
def _written(value: float, decimals: int, keep_zeros: bool, decimal_mark: str, thousands_mark: str) -> str:
    """:meth:`Language.number`, cached: a big deck prints the same ages and amounts thousands of times."""
    exact = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    if not exact.is_finite():
        raise ValueError(f"cannot print {value} as a number")
    rounded = abs(exact).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    negative = exact < 0 and rounded != 0
    whole, _, frac = f"{rounded:f}".partition(".")
    if frac and not keep_zeros:
        frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = thousands_mark.join(groups)
    if frac:
        text += decimal_mark + frac
    return ("-" if negative else "") + text


LANGUAGES: dict[str, Language] = {
    "nl": Language("nl", "Nederlands", ",", ".", words_nl.WORDS),
    "en": Language("en", "English", ".", ",", words_en.WORDS),
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
