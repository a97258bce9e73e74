"""Places in the booklet that other pages point to, and the cross-references that name their pages.

A heading gets an anchor key; its page is recorded while the booklet is laid out, and a
reference prints that page once the document is finished (a late value), like the contents.
"""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ..internals import set_anchor
from ..late import Late, late_paragraph
from .page_setup import WIDTH, BookletOptions


def anchor(flowable, key: str):
    """Mark a heading as the place ``key`` (its page goes into ``late.pages[key]``)."""
    return set_anchor(flowable, key)


def anchor_titles(deck: Deck, lang: Language) -> dict[str, str]:
    """The heading each anchor stands for, as printed."""
    titles = {
        "introduction": lang["introduction"],
        "run_sheet": lang["run_sheet"],
        "part1": deck.texts.part1_title,
        "sources": lang["sources"],
        "answer_sheet": deck.texts.answer_sheet_title,
        "part2": deck.texts.part2_title,
        "questions": lang["questions"],
        "statements": lang["statements"],
        "appendix": lang["appendix"],
        "pseudonym_key": lang["pseudonym_key"],
    }
    for a in deck.texts.assignments:
        titles[f"assignment-{a.key}"] = lang.t("assignment", key=a.key, title=a.title)
    return titles


def reference(deck: Deck, lang: Language, late: Late, see: str, style, options: BookletOptions, name: str):
    """The sentence that points to ``see`` with its page; the answer sheet also names its own file and the slides."""
    title = anchor_titles(deck, lang).get(see, see)
    if see == "answer_sheet" and options.answers_file:
        return late_paragraph(
            late,
            name,
            lambda page: lang.t(
                "see_answer_sheet",
                title=title,
                page=page(see),
                file=options.answers_file,
                slides=options.slides_file,
            ),
            style,
            WIDTH,
        )
    return late_paragraph(late, name, lambda page: lang.t("see_section", title=title, page=page(see)), style, WIDTH)
