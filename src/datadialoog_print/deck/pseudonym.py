"""Stable pseudonym numbers: a keyed hash of each name, never two the same.

The same deck key and names always give the same numbers, so the cards and the
facilitator's key table agree across rebuilds; a different key gives other numbers.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable


def pseudonyms(names: Iterable[str], key: str) -> dict[str, int]:
    """Name → number for every name, e.g. 100–999 for a small deck (wider for large ones).

    Each name's number is its HMAC-SHA256 modulo the range; a collision moves the later
    name (in sorted order, so the order of the deck does not matter) to the next free number.
    """
    names = sorted(set(names))
    digits = max(3, len(str(len(names) * 10)))
    low, span = 10 ** (digits - 1), 9 * 10 ** (digits - 1)
    taken: set[int] = set()
    out = {}
    for name in names:
        digest = hmac.new(key.encode("utf-8"), name.encode("utf-8"), hashlib.sha256).digest()
        number = low + int.from_bytes(digest[:8], "big") % span
        while number in taken:
            number = low + (number - low + 1) % span
        taken.add(number)
        out[name] = number
    return out
