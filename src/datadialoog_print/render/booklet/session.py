"""The pages around the session itself: how it starts and what comes after it, with the text to read aloud on
what happens with the sheets and the discussion; and the sensitive moments, each with what may come up and
what to say, under the service's own contact to refer someone to.

Where the service has not filled in one of its fields, a line to write on stands in its place (the build
says which fields are empty).
"""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ..styles import TINT, Styles, markup, para, plain
from .anchors import anchor

BLANK = "_" * 34
"""A line to write on, where the service has not filled in a field."""


def filled(value: str) -> str:
    """A service field as printed: its value, or a line to write on."""
    return value.strip() or BLANK


def service_lines(deck: Deck, lang: Language) -> list[tuple[str, str]]:
    """(label, value or a line to write on) for what happens with the sheets, in reading order."""
    service = deck.texts.run_sheet.service
    return [
        (lang[f"service_{key}"], filled(getattr(service, key))) for key in ("reads_sheets", "kept_for", "report_back")
    ]


def before_and_after(deck: Deck, st: Styles, lang: Language) -> list:
    """The page "Voor en na de sessie": the start step by step, the read-aloud box, and what comes after."""
    from reportlab.lib.styles import ParagraphStyle

    sheet = deck.texts.run_sheet
    if sheet is None or not (sheet.welcome or sheet.read_aloud or sheet.after):
        return []
    item = ParagraphStyle("session-item", parent=st.body, leftIndent=12, bulletIndent=0, spaceAfter=3)
    story = [anchor(para(lang["before_after"], st.h1), "before")]
    if sheet.welcome:
        story.append(para(lang["session_start"], st.h3))
        story += [plain(f"<bullet>{i}.</bullet>{markup(t)}", item) for i, t in enumerate(sheet.welcome, 1)]
    if sheet.read_aloud:
        said = ParagraphStyle("aloud", parent=st.body, fontName=st.note.fontName)
        cells = [plain(f"<b>{markup(lang['read_aloud'])}</b>", st.body), para(sheet.read_aloud, said)]
        cells += [
            plain(f"<b>{markup(label)}:</b> {markup(value)}", st.body) for label, value in service_lines(deck, lang)
        ]
        story.append(box(cells))
    if sheet.after:
        story.append(para(lang["session_after"], st.h3))
        story += [plain(f"<bullet>{i}.</bullet>{markup(t)}", item) for i, t in enumerate(sheet.after, 1)]
    return story


def sensitive_moments(deck: Deck, st: Styles, lang: Language) -> list:
    """The sensitive moments, each kept together: what may come up and what to say; the referral above them."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether

    sheet = deck.texts.run_sheet
    if sheet is None or not sheet.sensitive:
        return []
    inner = ParagraphStyle("moment", parent=st.body, leftIndent=9, spaceAfter=2)
    referral = filled(sheet.service.referral)
    story = [
        anchor(para(lang["sensitive"], st.h1), "sensitive"),
        para(lang["sensitive_intro"], st.body),
        box([plain(f"<b>{markup(lang['service_referral'])}:</b> {markup(referral)}", st.body)]),
    ]
    for moment in sheet.sensitive:
        block = [para(moment.moment, st.h3)] if moment.comes_up or moment.say else [para(moment.moment, st.body)]
        for key, text in (("moment_comes_up", moment.comes_up), ("moment_say", moment.say)):
            if text:
                block.append(plain(f"<b>{markup(lang[key])}:</b> {markup(text)}", inner))
        story.append(KeepTogether(block))
    return story


def box(cells: list):
    """A tinted box of paragraphs, kept on one page: what the facilitator reads aloud or must not miss."""
    from reportlab.platypus import Table, TableStyle

    from ...paper.geometry import MM
    from ..pdf import cmyk
    from .page_setup import WIDTH

    table = Table([[c] for c in cells], colWidths=[WIDTH * MM])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), cmyk(TINT)),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("NOSPLIT", (0, 0), (-1, -1)),
            ]
        )
    )
    table.spaceBefore, table.spaceAfter = 6, 6
    return table
