"""Numbers as people type them into a page: the house rule for digits (:mod:`~datadialoog_print.numbers`), a decimal
comma or point, a typographic minus as on the calibration sheet, the unit after the number, and the bound checked.

Each reader answers with the number, or with the reason it is refused as a message of the workspace's tables
(key and values), for the page to show at the field in its own language.
"""

from __future__ import annotations

from ..numbers import parse_decimal, parse_whole

Message = tuple[str, dict]
"""A key of the workspace's language tables and the values its phrase is filled in with."""


def _plain(text: str, unit: str) -> str:
    text = text.strip().replace("\u2212", "-")  # − as the calibration sheet prints it
    if unit and text.lower().endswith(unit):
        text = text[: -len(unit)].strip()
    return text


def typed_whole(text: str, low: int, high: int, *, unit: str = "") -> int | Message:
    """A whole number from ``low`` to ``high``, or why not."""
    plain = _plain(text, unit)
    try:
        value = parse_whole(plain)
    except ValueError:
        return "typed_not_whole", {"text": text.strip()[:40]}
    if not low <= value <= high:
        return "typed_out_of_range", {"value": value, "low": low, "high": high}
    return value


def typed_decimal(text: str, low: float, high: float, *, unit: str = "") -> float | Message:
    """A number from ``low`` to ``high`` with a decimal comma or point (1,5 and 1.5 alike), or why not."""
    plain = _plain(text, unit)
    try:
        value = parse_decimal(plain)
    except ValueError:
        return "typed_not_number", {"text": text.strip()[:40]}
    if not low <= value <= high:
        return "typed_out_of_range", {"value": value, "low": float(low), "high": float(high)}
    return value


def refused(value: object) -> bool:
    """Whether a reader above answered with a reason, not a number."""
    return isinstance(value, tuple)
