"""Texts that state a general claim as a fact: "Oudere mensen zitten blijkbaar niet langer in een uitkering",
generalised from twenty made-up people, right after the caution that rules it out.

The answer sheet's texts (and so the comparison slides, which print them) are read clause by clause: a
clause with a word that generalises (the language's ``claim_words``: "blijkbaar", "meestal", "vaker") and
no word that holds it back (``hedge_words``: "misschien", "op deze kaarten", "lijkt") is flagged, unless it
is a question. The assumptions are left alone: the sheet prints them as assumptions, for the group to test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .finding import Finding
from .language import Language, language
from .model import Deck

_CLAUSE = re.compile(r"[^.;!?]+[.;!?]?")


def _words(lang: Language, key: str) -> re.Pattern:
    """A table's ``|``-separated words as one case-blind pattern of whole words."""
    words = "|".join(re.escape(w.strip()) for w in lang[key].split("|") if w.strip())
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def claims(text: str, lang: Language) -> list[str]:
    """The clauses of ``text`` that state a general claim without holding it back."""
    claim, hedge = _words(lang, "claim_words"), _words(lang, "hedge_words")
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        if sentence.rstrip().endswith("?"):
            continue
        for clause in _CLAUSE.findall(sentence):
            if claim.search(clause) and not hedge.search(sentence):
                out.append(clause.strip())
    return out


def _texts(deck: Deck) -> Iterator[tuple[str, int, str, str]]:
    """Every answer-sheet text a slide or the sheet prints as the tool's own statement: (file, line, field,
    text); the assumptions, printed as assumptions, excepted."""
    for i, row in enumerate(deck.comparisons):
        field = f"comparisons[{i + 1}]"
        for name in ("observation", "question"):
            wording = getattr(row, name)
            for way in ("higher", "lower", "equal", "different"):
                if getattr(wording, way):
                    yield "answers.yaml", row.line, f"{field}.{name}.{way}", getattr(wording, way)
        if row.caution:
            yield "answers.yaml", row.line, f"{field}.caution", row.caution
        if row.correlation is not None:
            for way in ("none", "positive", "negative"):
                yield "answers.yaml", row.line, f"{field}.correlation.{way}", getattr(row.correlation, way)
    texts = deck.texts
    yield "texts.yaml", 0, "answer_sheet.introduction", texts.answer_sheet_introduction
    if texts.answer_sheet_caution:
        yield "texts.yaml", 0, "answer_sheet.caution", texts.answer_sheet_caution
    for key, note in texts.footnotes.items():
        yield "texts.yaml", 0, f"answer_sheet.footnotes.{key}", note


def claim_findings(deck: Deck) -> list[Finding]:
    """A warning, in the deck's language, for every answer-sheet text that states a general claim as a fact."""
    lang = language(deck.language)
    out = []
    for file, line, field, text in _texts(deck):
        for clause in claims(text, lang):
            out.append(Finding(lang.t("claim_finding", text=clause), str(deck.path / file), line or None, field))
    return out
