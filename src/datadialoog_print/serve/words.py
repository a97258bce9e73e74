"""The workspace's words per language, and which language a request gets: its choice, else the browser's."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping

from ..deck.language import LANGUAGES
from . import page_words_en, page_words_nl

TABLES: Mapping[str, Mapping[str, str]] = {"nl": page_words_nl.WORDS, "en": page_words_en.WORDS}
"""One table per language, key for key the same (a test holds them to it)."""

PRINTED: Mapping[str, Mapping[str, str]] = {code: LANGUAGES[code].words for code in TABLES}
"""Under each page table, the printed documents' table of its language: a word a page and a document both
say (a shop's label, a paper size, a sheet's title) is written once, there, and no key is in both."""

DEFAULT = "nl"
"""The language when the browser names neither: the workshop's users are Dutch."""

COOKIE = "datadialoog_lang"
"""The cookie that keeps the language chosen with the switch."""


class Words:
    """A language's table, read as ``w.key`` in templates and ``w.t("key", count=3)`` with values."""

    def __init__(self, code: str):
        self.code = code
        self._table = ChainMap(TABLES[code], PRINTED[code])

    def __getattr__(self, key: str) -> str:
        try:
            return self._table[key]
        except KeyError:
            raise AttributeError(key) from None

    def __getitem__(self, key: str) -> str:
        return self._table[key]

    def get(self, key: str, default: str) -> str:
        """The word ``key``, or ``default`` where the table has none (a deck's own key, such as a footnote's)."""
        return self._table.get(key, default)

    def shop(self, name: str) -> str:
        """A print shop's label, by its key (a build's record of a shop this tool no longer has: the key)."""
        from ..paper.shops import SHOPS

        return self[SHOPS[name].label_key] if name in SHOPS else name

    def document(self, kind: str) -> str:
        """A document kind's name, by its key in the registry (a kind no longer there: the key)."""
        from ..assemble.documents import document

        try:
            return self[document(kind).label_key]
        except KeyError:
            return kind

    def number(self, value: float) -> str:
        """A number as this language writes it: 1,5 and 7.600 in Dutch, 1.5 and 7,600 in English; the printed
        documents' one rule (:meth:`~..deck.language.Language.number`: half up, never an exponent), to six
        decimals."""
        return LANGUAGES[self.code].number(value, 6)

    def whole(self, value: int) -> str:
        """A whole number with this language's thousands mark (1.000.000 in Dutch, 1,000,000 in English)."""
        return LANGUAGES[self.code].number(value)

    def when(self, moment) -> str:
        """A moment (a datetime, shown in its own time zone) as this language writes a date and a time."""
        month = self._table["months"].split()[moment.month - 1]
        return self.t(
            "when",
            day=moment.day,
            month=month,
            year=moment.year,
            hour=f"{moment.hour:02d}",
            minute=f"{moment.minute:02d}",
        )

    def say(self, message: tuple[str, Mapping[str, object]]) -> str:
        """A (key, values) message in this language, its numbers written as this language writes them."""
        key, values = message
        shown = {
            k: self.number(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
            for k, v in values.items()
        }
        return self.t(key, **shown)

    def t(self, key: str, /, **values: object) -> str:
        """The phrase ``key`` with its ``{placeholders}`` filled in; ``key_one`` for a ``count`` of 1, if there is one."""
        if values.get("count") in (1, "1") and f"{key}_one" in self._table:
            key = f"{key}_one"
        return self._table[key].format(**values)


def deck_words(deck) -> Words:
    """The words of the deck's own language, for what the page says about the deck's data (its cells, its lesson)."""
    return Words(deck.language if deck.language in TABLES else DEFAULT)


def choose(cookie: str | None, accept_language: str | None) -> str:
    """The chosen language if one was, else the first of the browser's languages that has a table."""
    if cookie in TABLES:
        return cookie
    ranked = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, i, tag.strip().lower().split("-")[0]))
    for _, _, code in sorted(ranked):
        if code in TABLES:
            return code
    return DEFAULT
