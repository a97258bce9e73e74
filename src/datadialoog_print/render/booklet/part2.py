"""Part 2 of the booklet: the questions in two columns and the statements, with the handouts that go with them."""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ..flowables import question_columns
from ..styles import Styles, listed, markup, para, paragraphs
from .anchors import anchor
from .page_setup import BookletOptions


def part2(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether

    from ..pdf import cmyk
    from .part1 import REFERENCE_INK

    story = [
        anchor(para(deck.texts.part2_title, st.h1), "part2"),
        *paragraphs(deck.texts.part2_introduction, st.body),
    ]
    story.append(anchor(para(lang["questions"], st.h2), "questions"))
    story.append(question_columns(deck.texts.questions, st.body, width))
    story.append(anchor(para(lang["statements"], st.h2), "statements"))
    if deck.texts.statements_intro:
        story += paragraphs(deck.texts.statements_intro, st.body)
    see = ParagraphStyle("see", parent=st.body, textColor=cmyk(REFERENCE_INK))
    pointers = []
    if options.participants_file:
        words = {k: lang[k] for k in ("agree", "neutral", "disagree", "dont_know")}
        pointers.append(lang.t("see_participants", file=options.participants_file, **words))
    if options.slides_file:
        pointers.append(lang.t("see_statement_slides", file=options.slides_file))
    if pointers:
        story.append(para(" ".join(pointers), see))

    item = ParagraphStyle("item", parent=st.body, leftIndent=2, spaceAfter=2)
    total = sum(len(g.items) for g in deck.texts.statements)
    number = 0
    for group in deck.texts.statements:
        block = [para(group.stem + " …", st.h3)]
        rows = []
        for text in group.items:
            number += 1
            # The mark is tied to the statement's last word: "(standaard)" never stands alone on a line.
            mark = f"\u00a0<b>({markup(lang['picked'])})</b>" if number in deck.texts.pick else ""
            rows.append((f"{number}.", f"… {markup(text)}{mark}"))
        # Every group hangs at the indent of the widest number of all, so the lists line up page by page.
        block += listed(rows, item, widest=f"{total}.")
        story.append(KeepTogether(block) if len(block) <= 7 else block[0])
        if len(block) > 7:
            story += block[1:]
    return story
