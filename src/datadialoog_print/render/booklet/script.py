"""The facilitator's script: the ground rules on a page of their own, then per part of the run sheet what to
say, do and hand out and which slides to show, why it takes its minutes, what to skip when running late, and
the evaluation; the debrief's part lists its comparisons in order, the musts first."""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ...deck.texts import clock_minutes
from ...deck.timing import card_minutes, cards_to_number, debrief_order, part_minutes, person_minutes, timings
from ...deck.workshop import RunPart
from ..late import Late, late_paragraph
from ..slides import slide_plan, slides_of
from ..styles import Styles, listed, markup, para, paragraphs, plain
from .anchors import anchor
from .page_setup import WIDTH, BookletOptions
from .runsheet import clock, room, slide_text


def ground_rules(deck: Deck, st: Styles, lang: Language) -> list:
    """The ground rules for a room of clients and staff, numbered, in large type to read aloud; [] for none."""
    from reportlab.lib.styles import ParagraphStyle

    sheet = deck.texts.run_sheet
    if sheet is None or not sheet.ground_rules:
        return []
    big = ParagraphStyle("rule", parent=st.body, fontSize=12, leading=16, spaceAfter=7)
    return [
        para(lang["ground_rules"], st.h1),
        para(lang["ground_rules_intro"], st.body),
        *listed([(f"{i}.", markup(rule)) for i, rule in enumerate(sheet.ground_rules, 1)], big),
    ]


def script(deck: Deck, st: Styles, lang: Language, options: BookletOptions, late: Late) -> list:
    """Per part: its clock time and title as a heading (the place "script-N" the run sheet points to), its
    minutes, slides and the page of its instructions under it, then what to say (in italics, to read out), do
    and hand out, why it takes its minutes and what to skip, in the body's type (read under pressure); the
    closing part ends with the evaluation."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether

    sheet = deck.texts.run_sheet
    if sheet is None or not any(p.say or p.do or p.hand_out for p in sheet.parts):
        return []
    start = options.start or sheet.start
    at = clock_minutes(start) if start else None
    numbers = slides_of(deck)
    said = ParagraphStyle("say", parent=st.body, fontName=st.note.fontName, leftIndent=9)
    meta = ParagraphStyle("part-meta", parent=st.small, spaceAfter=3, keepWithNext=1)
    story = []
    for i, (part, minutes) in enumerate(zip(sheet.parts, timings(deck, room(options)), strict=True)):
        title = f"{clock(at)}  {part.title}" if at is not None else part.title
        facts = [lang.t("script_minutes", minutes=minutes)]
        if part.slides:
            shown = slide_text(part.slides, numbers)
            many = any(c in shown for c in "–,")
            facts.append(lang.t("script_slides_many" if many else "script_slides", slides=shown))
        line = " · ".join(facts)
        if part.see:

            def facts_line(page, key=part.see, line=line):
                return f"{line} · {lang.t('script_see', page=page(key))}"

            meta_line = late_paragraph(late, f"script-see-{i}", facts_line, meta, WIDTH)
            meta_line.keepWithNext = 1
        else:
            meta_line = plain(markup(line), meta)
        # The script's heading goes with its first part: alone at a page's foot it would say nothing.
        heading = [anchor(para(lang["script"], st.h1), "script")] if not story else []
        block = [*heading, anchor(para(title, st.h3), f"script-{i}"), meta_line]
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
            block += listed([(f"{n}.", markup(q)) for n, q in enumerate(sheet.evaluation, 1)], st.body)
        story.append(KeepTogether(block))
        at = at + minutes if at is not None else None
    return story


def _minutes(deck: Deck, st: Styles, lang: Language, options: BookletOptions, part: RunPart, minutes: int) -> list:
    """Why the part takes its minutes (the deck's reason, and the sum for this room, with the run sheet's rounding
    where it differs), a faster way, and what to skip when running late, in the body's type."""
    out = []
    here = room(options)
    cards = cards_to_number(deck)
    work = card_minutes(part, cards, here) + person_minutes(part, here)
    worked = part_minutes(part, cards, here)
    reason = part.why
    if part.per_card_seconds:
        reason += " " + lang.t(
            "script_cards",
            cards=lang.number(cards),
            per_table=here.per_table,
            work=work,
            fixed=part.minutes,
            minutes=worked,
        )
    elif part.per_person_seconds:
        reason += " " + lang.t(
            "script_people", participants=here.participants, work=work, fixed=part.minutes, minutes=worked
        )
    if worked != minutes:
        reason += " " + lang.t("script_rounded", minutes=minutes)
    for key, text in (("script_why", reason.strip()), ("script_faster", part.faster), ("script_skip", part.skip)):
        if text:
            out.append(plain(f"<b>{markup(lang[key])}</b> {markup(text)}", st.body))
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
