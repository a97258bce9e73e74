"""The facilitator's script: the ground rules on a page of their own with the sensitive moments in a box,
then per part of the run sheet what to say, do and hand out and which slides to show, and the evaluation."""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ...deck.texts import clock_minutes
from ..slides import slide_numbers
from ..styles import TINT, Styles, markup, para, paragraphs, plain
from .page_setup import BookletOptions
from .runsheet import clock, slide_text


def ground_rules(deck: Deck, st: Styles, lang: Language) -> list:
    """The ground rules for a room of clients and staff, numbered, in large type to read aloud; [] for none."""
    from reportlab.lib.styles import ParagraphStyle

    sheet = deck.texts.run_sheet
    if sheet is None or not sheet.ground_rules:
        return []
    big = ParagraphStyle("rule", parent=st.body, fontSize=12, leading=16, leftIndent=16, bulletIndent=0, spaceAfter=7)
    story = [
        para(lang["ground_rules"], st.h1),
        para(lang["ground_rules_intro"], st.body),
        *(plain(f"<bullet>{i}.</bullet>{markup(rule)}", big) for i, rule in enumerate(sheet.ground_rules, 1)),
    ]
    # The sensitive moments share the page: the facilitator reads both before the session starts.
    return story + ([_box(lang["sensitive"], sheet.sensitive, st)] if sheet.sensitive else [])


def script(deck: Deck, st: Styles, lang: Language, options: BookletOptions) -> list:
    """Per part: its clock time, title, minutes and slides as a heading, then what to say (in italics, to read
    out), do and hand out; the closing part ends with the evaluation."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether

    sheet = deck.texts.run_sheet
    if sheet is None or not any(p.say or p.do or p.hand_out for p in sheet.parts):
        return []
    start = options.start or sheet.start
    at = clock_minutes(start) if start else None
    numbers = slide_numbers(deck)
    said = ParagraphStyle("say", parent=st.body, fontName=st.note.fontName, leftIndent=9)
    story = []
    for part in sheet.parts:
        head = [clock(at)] if at is not None else []
        head += [part.title, f"{part.minutes} min."]
        if part.slides:
            head.append(lang.t("script_slides", slides=slide_text(part.slides, numbers)))
        # The script's heading goes with its first part: alone at a page's foot it would say nothing.
        block = ([] if story else [para(lang["script"], st.h2)]) + [para(" · ".join(head), st.h3)]
        if part.say:
            block += [plain(f"<b>{markup(lang['script_say'])}:</b>", st.body), *paragraphs(f"“{part.say}”", said)]
        for key, text in (("script_do", part.do), ("script_hand_out", part.hand_out)):
            if text:
                block.append(plain(f"<b>{markup(lang[key])}:</b> {markup(text)}", st.body))
        if part is sheet.parts[-1] and sheet.evaluation:
            block.append(para(lang["evaluation"], st.h3))
            block += [plain(f"{i}. {markup(q)}", st.body) for i, q in enumerate(sheet.evaluation, 1)]
        story.append(KeepTogether(block))
        at = at + part.minutes if at is not None else None
    return story


def _box(title: str, items: tuple[str, ...], st: Styles):
    """A tinted box with a heading and a bullet per item, kept on one page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table, TableStyle

    from ...paper.geometry import MM
    from ..pdf import cmyk
    from .page_setup import WIDTH

    bullet = ParagraphStyle("box-item", parent=st.body, leftIndent=9, bulletIndent=0, spaceAfter=3)
    cells = [[para(title, st.h3)], *([plain(f"<bullet>•</bullet>{markup(i)}", bullet)] for i in items)]
    box = Table(cells, colWidths=[WIDTH * MM])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), cmyk(TINT)),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("NOSPLIT", (0, 0), (-1, -1)),
            ]
        )
    )
    box.spaceBefore = 6
    return box
