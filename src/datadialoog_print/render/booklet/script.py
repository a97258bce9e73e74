"""The facilitator's script: the ground rules on a page of their own, then per part of the run sheet what to
say, do and hand out and which slides to show, why it takes its minutes, what to skip when running late, and
the evaluation; the debrief's part lists its comparisons in order, the musts first."""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ...deck.texts import clock_minutes
from ...deck.timing import card_minutes, cards_to_number, debrief_order, person_minutes, timings
from ...deck.workshop import RunPart
from ..slides import slide_numbers, slide_plan
from ..styles import Styles, markup, para, paragraphs, plain
from .page_setup import BookletOptions
from .runsheet import clock, room, slide_text


def ground_rules(deck: Deck, st: Styles, lang: Language) -> list:
    """The ground rules for a room of clients and staff, numbered, in large type to read aloud; [] for none."""
    from reportlab.lib.styles import ParagraphStyle

    sheet = deck.texts.run_sheet
    if sheet is None or not sheet.ground_rules:
        return []
    big = ParagraphStyle("rule", parent=st.body, fontSize=12, leading=16, leftIndent=16, bulletIndent=0, spaceAfter=7)
    return [
        para(lang["ground_rules"], st.h1),
        para(lang["ground_rules_intro"], st.body),
        *(plain(f"<bullet>{i}.</bullet>{markup(rule)}", big) for i, rule in enumerate(sheet.ground_rules, 1)),
    ]


def script(deck: Deck, st: Styles, lang: Language, options: BookletOptions) -> list:
    """Per part: its clock time and title as a heading, its minutes and slides under it, then what to say (in
    italics, to read out), do and hand out, why it takes its minutes and what to skip; the closing part ends
    with the evaluation."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether

    sheet = deck.texts.run_sheet
    if sheet is None or not any(p.say or p.do or p.hand_out for p in sheet.parts):
        return []
    start = options.start or sheet.start
    at = clock_minutes(start) if start else None
    numbers = slide_numbers(deck)
    said = ParagraphStyle("say", parent=st.body, fontName=st.note.fontName, leftIndent=9)
    meta = ParagraphStyle("part-meta", parent=st.small, spaceAfter=3, keepWithNext=1)
    story = []
    for part, minutes in zip(sheet.parts, timings(deck, room(options)), strict=True):
        title = f"{clock(at)}  {part.title}" if at is not None else part.title
        facts = [lang.t("script_minutes", minutes=minutes)]
        if part.slides:
            facts.append(lang.t("script_slides", slides=slide_text(part.slides, numbers)))
        # The script's heading goes with its first part: alone at a page's foot it would say nothing.
        block = ([] if story else [para(lang["script"], st.h2)]) + [
            para(title, st.h3),
            plain(" · ".join(markup(f) for f in facts), meta),
        ]
        if part.say:
            block += [plain(f"<b>{markup(lang['script_say'])}:</b>", st.body), *paragraphs(f"“{part.say}”", said)]
        for key, text in (("script_do", part.do), ("script_hand_out", part.hand_out)):
            if text:
                block.append(plain(f"<b>{markup(lang[key])}:</b> {markup(text)}", st.body))
        if "comparisons" in part.slides:
            block += _debrief(deck, st, lang)
        block += _minutes(deck, st, lang, options, part, minutes)
        if part is sheet.parts[-1] and sheet.evaluation:
            block.append(para(lang["evaluation"], st.h3))
            block += [plain(f"{i}. {markup(q)}", st.body) for i, q in enumerate(sheet.evaluation, 1)]
        story.append(KeepTogether(block))
        at = at + minutes if at is not None else None
    return story


def _minutes(deck: Deck, st: Styles, lang: Language, options: BookletOptions, part: RunPart, minutes: int) -> list:
    """Why the part takes its minutes (the deck's reason, and the sum for this room), a faster way, and what to
    skip when running late."""
    out = []
    here = room(options)
    work = card_minutes(part, cards_to_number(deck), here) + person_minutes(part, here)
    reason = part.why
    if part.per_card_seconds:
        reason += " " + lang.t(
            "script_cards",
            cards=lang.number(cards_to_number(deck)),
            per_table=here.per_table,
            work=work,
            fixed=part.minutes,
            minutes=minutes,
        )
    elif part.per_person_seconds:
        reason += " " + lang.t(
            "script_people", participants=here.participants, work=work, fixed=part.minutes, minutes=minutes
        )
    for key, text in (("script_why", reason.strip()), ("script_faster", part.faster), ("script_skip", part.skip)):
        if text:
            out.append(plain(f"<b>{markup(lang[key])}</b> {markup(text)}", st.small))
    return out


def _debrief(deck: Deck, st: Styles, lang: Language) -> list:
    """The comparisons in the order the slides show them: the musts, then those for if there is time."""
    plan = slide_plan(deck)
    first = plan.index("comparisons") + 1 if "comparisons" in plan else 0
    rows = {"must": [], "if_time": []}
    titles = {c.attribute: (c.title or deck.attribute(c.attribute).label) for c in deck.comparisons}
    for n, (index, must) in enumerate(debrief_order(deck)):
        title = titles[deck.comparisons[index].attribute]
        rows["must" if must else "if_time"].append(lang.t("script_slide_item", slide=first + n, title=title))
    out = []
    for key, items in rows.items():
        if items:
            out.append(plain(f"<b>{markup(lang['script_' + key])}:</b> {markup('; '.join(items))}.", st.body))
    return out
