"""Part 1 of the booklet: the card sets, the sources and the assignments with their answers."""

from __future__ import annotations

from ...deck.language import Language, colour_word
from ...deck.model import Deck
from ...paper import fonts
from ...paper.geometry import MM
from ..flowables import swatch
from ..late import Late, late_paragraph
from ..pdf import BLACK, cmyk
from ..styles import Styles, listed, markup, para, paragraphs, plain, table
from .anchors import anchor, reference
from .page_setup import BookletOptions

REFERENCE_INK = (0, 0, 0, 0.8)
"""Cross-references and answers: a shade lighter than the instruction itself."""


def card_sets(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions, late: Late) -> list:
    from reportlab.platypus import KeepTogether, Spacer

    story = [para(lang["card_sets"], st.h2)]
    header = [plain(markup(lang[k]), st.cell_bold) for k in ("set", "meaning", "colour", "persons_col", "cards_col")]
    rows = [header]
    for s in deck.series:
        n = len(deck.persons_in(s))
        rows.append(
            [
                plain(f"<b>{markup(s.label)}</b>", st.cell),
                plain(markup(s.meaning), st.cell),
                plain(markup(colour_word(lang, s.colour.name)), st.cell),
                plain(str(n), st.cell),
                plain(lang.number(n * len(deck.attributes)), st.cell),
            ]
        )
    story.append(table(rows, [width * 0.16, width * 0.38, width * 0.16, width * 0.14, width * 0.16]))
    story.append(Spacer(1, 2 * MM))
    for s in deck.series:
        if s.pseudonymised:

            def hint(page, s=s):
                return lang.t(
                    "pseudonymised_hint", series=s.label, count=len(s.pseudonymised), page=page("pseudonym_key")
                )

            story.append(late_paragraph(late, f"hint-{s.key}", hint, st.body, width))
    # The table and the line on its pseudonymised cards stay on one page: a table that ends a page and its
    # note on the next read as two things.
    story = [KeepTogether(story)]
    story.append(Spacer(1, 1 * MM))
    story.append(anchor(para(lang["sources"], st.h2), "sources"))
    key = "treatment" if options.mono else "ink"
    header = [plain("", st.cell_bold)] + [
        plain(markup(lang[k]), st.cell_bold) for k in ("source", key, "attributes_col")
    ]
    rows = [header]
    for source in deck.sources:
        ink = source.ink.cmyk if not options.mono else BLACK
        look = lang["mono_" + source.mono.value] if options.mono else colour_word(lang, source.ink.name)
        attrs = ", ".join(a.label for a in deck.attributes if a.source.key == source.key)
        name = f"<b>{markup(source.name)}</b>" + (f"<br/>{markup(source.description)}" if source.description else "")
        rows.append(
            [
                swatch(ink, 3.2, marker=source.marker, ink=ink),
                plain(name, st.cell),
                plain(markup(look), st.cell),
                plain(markup(attrs), st.cell),
            ]
        )
    story.append(table(rows, [width * 0.07, width * 0.4, width * 0.17, width * 0.36]))
    story.append(Spacer(1, 3 * MM))
    explanation = deck.texts.markers_explanation if options.mono else deck.texts.inks_explanation
    story += paragraphs(explanation, st.body)
    return story


def assignments(deck: Deck, st: Styles, lang: Language, options: BookletOptions, late: Late) -> list:
    from reportlab.lib.styles import ParagraphStyle

    answer_style = ParagraphStyle("answer", parent=st.body, leftIndent=9, textColor=cmyk(REFERENCE_INK))
    see_style = ParagraphStyle("see", parent=st.body, textColor=cmyk(REFERENCE_INK))
    question_style = ParagraphStyle("question", parent=st.body, fontName=fonts.BOLD, keepWithNext=1, spaceAfter=2)
    story = []
    if deck.texts.assignments_intro:
        story += paragraphs(deck.texts.assignments_intro, st.body)
    for assignment in deck.texts.assignments:
        heading = para(lang.t("assignment", key=assignment.key, title=assignment.title), st.h2)
        story.append(anchor(heading, f"assignment-{assignment.key}"))
        for j, task in enumerate(assignment.tasks):
            label = lang.t("assignment_part", key=task.key) if task.key else lang["task"]
            story.append(plain(f"<b>{markup(label)}:</b> {markup(task.task)}", st.body))
            for key, text in (("task_prompt", task.prompt), ("task_look_for", task.look_for)):
                if text:
                    story.append(plain(f"<i>{markup(lang[key])}:</i> {markup(text)}", see_style))
            if task.see:
                name = f"see-{assignment.key}-{j}"
                story.append(reference(deck, lang, late, task.see, see_style, options, name))
        if assignment.explanation:
            story += paragraphs(assignment.explanation, st.body)
        if assignment.questions:
            story.append(para(lang["questions_with_assignment"], st.h3))
        # Every question hangs beside its number (the note stays on its last line: "… niet? (Voorspellende
        # statistiek)"), each followed by its answer.
        asked = listed(
            [
                (f"{i}.", markup(q.question) + (f"\u00a0<i>({markup(q.note)})</i>" if q.note else ""))
                for i, q in enumerate(assignment.questions, 1)
            ],
            question_style,
        )
        for q, paragraph in zip(assignment.questions, asked, strict=True):
            story.append(paragraph)
            if q.answer:
                story += paragraphs(q.answer, answer_style)
    return story
