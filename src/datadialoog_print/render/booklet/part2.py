"""Part 2 of the booklet: the questions in two columns and the statements."""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ..flowables import question_columns
from ..styles import Styles, markup, para, paragraphs, plain


def part2(deck: Deck, st: Styles, lang: Language, width: float) -> list:
    story = [
        para(deck.texts.part2_title, st.h1),
        *paragraphs(deck.texts.part2_introduction, st.body),
    ]
    story.append(para(lang["questions"], st.h2))
    story.append(question_columns(deck.texts.questions, st.body, width))
    story.append(para(lang["statements"], st.h2))
    if deck.texts.statements_intro:
        story += paragraphs(deck.texts.statements_intro, st.body)
    from reportlab.lib.styles import ParagraphStyle

    item = ParagraphStyle("item", parent=st.body, leftIndent=10, bulletIndent=2, spaceAfter=2)
    from reportlab.platypus import KeepTogether

    for group in deck.texts.statements:
        block = [para(group.stem + " …", st.h3), *(plain(f"… {markup(text)}", item) for text in group.items)]
        story.append(KeepTogether(block) if len(block) <= 7 else block[0])
        if len(block) > 7:
            story += block[1:]
    return story
