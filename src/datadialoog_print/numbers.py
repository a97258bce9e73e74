"""The one rule for a number a person types, for every option, variable and form field.

Python's ``int()`` and ``float()`` take more than a person means: ``1_0`` (ten), digits of other
scripts (``٢``, ``６``), ``nan`` and ``inf``, and thousands of digits. None of those is a number of
sets, an ink limit, a seed or a date, so every numeric value that reaches the library from outside
goes through these parsers: ASCII digits 0-9, an optional minus sign, and a bounded length.
"""

from __future__ import annotations

import re

from .errors import short

MAX_DIGITS = 18
"""Longer than any value a bound here allows; keeps a 5 000-digit value from reaching ``int()``."""

_WHOLE = re.compile(rf"-?[0-9]{{1,{MAX_DIGITS}}}")
_DECIMAL = re.compile(r"[-+]?[0-9]{1,9}(?:[.,][0-9]{1,6})?")


class TooManyDigits(ValueError):
    """A whole number written plainly, with more digits than any value here may have: too large, not malformed."""

    def __init__(self, text: str):
        self.shown = repr(short(text, 24))
        self.negative = text.startswith("-")
        super().__init__(f"{self.shown} is too {'small' if self.negative else 'large'}: at most {MAX_DIGITS} digits")


_LONG_WHOLE = re.compile(r"-?[0-9]+")


def parse_whole(text: str) -> int:
    """A whole number written with the digits 0-9 and an optional leading minus; ValueError otherwise
    (:class:`TooManyDigits` for one that is only too long)."""
    text = text.strip()
    if _LONG_WHOLE.fullmatch(text) and not _WHOLE.fullmatch(text):
        raise TooManyDigits(text)
    if not _WHOLE.fullmatch(text):
        raise ValueError(
            f"{short(ascii(text) if not text.isprintable() else repr(text))} is not a whole number (write it with the digits 0-9)"
        )
    return int(text)


def parse_decimal(text: str) -> float:
    """A number as a person types it: ASCII digits, at most one decimal point or comma ("1.5", "-1,5").

    ValueError otherwise (also for "nan", "inf", "1e309", "1_0" and "١٢").
    """
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        raise ValueError(text)
    return float(text.replace(",", "."))
