"""Why a cell of the persons page is wrong, as a key of the workspace's language tables with its values.

The loader's own rule (:func:`~datadialoog_print.deck.persons.check_value`) decides whether a
value is taken; its message is English, written for the terminal. This module only names the
reason in words a trainer reads in either language (``cell_*`` in ``words_nl``/``words_en``), so
the page never accepts or refuses other values than ``import`` does.
"""

from __future__ import annotations

import math
import re

from ..deck.checker import LINE, MAX_MAGNITUDE
from ..deck.model import Attribute, Kind
from ..deck.pattern import fullmatch
from ..deck.persons import check_value
from ..paper.fonts import missing_glyphs

Message = tuple[str, dict]
"""A language table's key and the values its phrase is filled in with."""

_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_THOUSANDS = re.compile(r"-?[0-9]{1,3}[.,][0-9]{3}")


def cell_problem(attribute: Attribute, raw: str) -> tuple[object, Message | None]:
    """The cell's value as the loader takes it, and why it is refused (None when it is taken)."""
    value, problem = check_value(attribute, raw)
    if not problem:  # check_value refuses 36,5 in a whole-number column itself, as import does
        return value, None
    return None, _reason(attribute, raw.strip())


def _reason(attribute: Attribute, text: str) -> Message:
    if not text:
        return "cell_empty", {}
    if attribute.kind is Kind.NUMBER:
        if _THOUSANDS.fullmatch(text):
            return "cell_ambiguous", {"text": text}
        if not _NUMBER.fullmatch(text) or len(text) > 16:
            return "cell_not_number", {"text": text}
        number = float(text.replace(",", "."))
        if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
            return "cell_not_number", {"text": text}
        if attribute.decimals == 0 and not number.is_integer():
            return "cell_not_whole", {"text": text, "column": attribute.label}
        if attribute.minimum is not None and number < attribute.minimum:
            return "cell_below", {"text": text, "minimum": attribute.minimum}
        if attribute.maximum is not None and number > attribute.maximum:
            return "cell_above", {"text": text, "maximum": attribute.maximum}
        return "cell_bad", {"text": text}
    if len(text) > LINE:
        return "cell_too_long", {"length": len(text), "limit": LINE}
    if missing := missing_glyphs(text):
        return "cell_glyph", {"chars": " ".join(missing)}
    if attribute.kind is Kind.CATEGORY and text not in attribute.categories:
        return "cell_category", {"text": text, "categories": ", ".join(attribute.categories)}
    if attribute.pattern and not fullmatch(attribute.pattern, text):
        return "cell_pattern", {"text": text, "column": attribute.label}
    return "cell_bad", {"text": text}
