"""Why a cell of the persons page is wrong, as a key of the workspace's language tables with its values.

Whether a value is taken is decided by import's own rule (:func:`~datadialoog_print.trainer.importrows.cell_value`:
one line, a category in any case, then the loader's :func:`~datadialoog_print.deck.persons.check_value`),
so the page takes and refuses exactly what ``import`` does. Those messages are English, written
for the terminal; this module only names the reason in words a trainer reads (``cell_*`` in
``words_nl``/``words_en``), in the deck's language.
"""

from __future__ import annotations

import math

from ..deck.checker import LINE, MAX_MAGNITUDE
from ..deck.model import Attribute, Kind
from ..deck.paperchecks import TextCheck
from ..deck.pattern import fullmatch
from ..deck.persons import NUMBER_TEXT, THOUSANDS_TEXT, name_problem
from ..paper.fonts import missing_glyphs
from ..trainer.importrows import LINE_BREAK, cell_value

Message = tuple[str, dict]
"""A language table's key and the values its phrase is filled in with."""


def shown_chars(chars: str) -> str:
    """Characters named in a message: as themselves, an invisible or control one by its code point."""
    return " ".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in chars)


def cell_problem(attribute: Attribute, raw: str, printable: TextCheck | None = None) -> tuple[object, Message | None]:
    """The cell's value as import takes it (``printable``: the font's check, as import gets it), and why it is
    refused (None when it is taken)."""
    if not raw.strip():  # import: "empty; every person needs a value here"
        return None, ("cell_empty", {})
    value, problem = cell_value(attribute, raw, printable)
    if not problem:
        return value, None
    return None, _reason(attribute, raw.strip())


def name_reason(name: str, seen: set[str]) -> Message | None:
    """Why a (stripped) name is refused, by import's checks and then the loader's; None when it is taken."""
    import unicodedata

    if not name:
        return "cell_empty", {}
    if LINE_BREAK.search(name):
        return "cell_line_break", {}
    if name in seen:
        return "cell_duplicate", {"name": name}
    if len(name) > LINE:
        return "cell_too_long", {"length": len(name), "limit": LINE}
    if name_problem(unicodedata.normalize("NFC", name)):
        bad = next(ch for ch in name if unicodedata.category(ch)[0] in "CZ" and ch != " ")
        return "cell_invisible", {"char": f"U+{ord(bad):04X}"}
    if missing := missing_glyphs(name):
        return "cell_glyph", {"chars": shown_chars(missing)}
    return None


def _reason(attribute: Attribute, text: str) -> Message:
    if LINE_BREAK.search(text) and attribute.kind is not Kind.NUMBER:
        return "cell_line_break", {}
    if attribute.kind is Kind.NUMBER:
        if THOUSANDS_TEXT.fullmatch(text):  # the loader's own patterns, so the reason is the one it refused for
            return "cell_ambiguous", {"text": text}
        if not NUMBER_TEXT.fullmatch(text):
            return "cell_not_number", {"text": text}
        number = float(text.replace(",", "."))
        if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
            return "cell_not_number", {"text": text}
        if attribute.decimals == 0 and not number.is_integer():
            return "cell_not_whole", {"text": text, "column": attribute.label}
        if attribute.minimum is not None and number < attribute.minimum:
            return "cell_below", {"text": text, "minimum": float(attribute.minimum)}
        if attribute.maximum is not None and number > attribute.maximum:
            return "cell_above", {"text": text, "maximum": float(attribute.maximum)}
        return "cell_bad", {"text": text}
    if len(text) > LINE:
        return "cell_too_long", {"length": len(text), "limit": LINE}
    if missing := missing_glyphs(text):
        return "cell_glyph", {"chars": shown_chars(missing)}
    if attribute.kind is Kind.CATEGORY:
        return "cell_category", {"text": text, "categories": ", ".join(attribute.categories)}
    if attribute.pattern and not fullmatch(attribute.pattern, text):
        return "cell_pattern", {"text": text, "column": attribute.label}
    return "cell_bad", {"text": text}
