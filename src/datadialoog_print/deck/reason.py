"""A refusal that a page can say in the deck's language: the terminal's English message, and why, as a key.

The loader refuses a value with a message for the terminal ("7 is below the minimum 18"). The
workspace's persons page must say the same refusal in the deck's language, at the cell it
concerns. A :class:`Reason` is that message (a ``str``, so every caller that prints or compares
it is unchanged) that also carries ``key`` and ``values``: the page looks up ``cell_<key>`` in
its word tables and fills it in. The rule that refuses is then written once, in the loader; the
page only chooses the words.
"""

from __future__ import annotations

from typing import Any


class Reason(str):
    """An English message with the key and values a page translates it by (see the module's docstring)."""

    key: str
    values: dict[str, Any]

    def __new__(cls, message: str, key: str, /, **values: Any) -> Reason:
        made = super().__new__(cls, message)
        made.key, made.values = key, values
        return made

    def __reduce__(self):  # a DeckError crosses processes (the parallel build): keep the key and values
        return (_reason, (str(self), self.key, self.values))


def _reason(message: str, key: str, values: dict[str, Any]) -> Reason:
    return Reason(message, key, **values)


def reason_of(message: str) -> tuple[str, dict[str, Any]] | None:
    """``message``'s key and values when it is a :class:`Reason`; None for a plain message."""
    return (message.key, message.values) if isinstance(message, Reason) else None
