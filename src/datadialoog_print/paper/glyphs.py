"""Can the font print a deck's texts? The check the deck stage cannot make, since it knows no fonts.

The deck's loader runs every text through a :data:`~datadialoog_print.deck.checker.TextCheck`
it is given (``assemble.decks`` hands it this one), so a letter the font lacks is reported as
every other problem is: with its file, line and field, together with the deck's other
problems. Reading the font's cmap takes a millisecond and no ReportLab, so ``check`` stays light.
"""

from __future__ import annotations

from ..deck.reason import Reason
from . import fonts


def unprintable(text: str) -> str | None:
    """A message if the embedded font cannot draw a character of ``text`` (it would print as a box); its reason
    (``glyph``, the characters) lets a page say it in the deck's language."""
    missing = fonts.missing_glyphs(text)
    if not missing:
        return None
    shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" if ch.isprintable() else f"U+{ord(ch):04X}" for ch in missing)
    quoted = f"'{text}'" if text.isprintable() else ascii(text)  # a control character would vanish, or move the line
    chars = " ".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in missing)
    return Reason(
        f"the font ({fonts.FAMILY}) cannot print {shown} in {quoted}; use another letter", "glyph", chars=chars
    )
