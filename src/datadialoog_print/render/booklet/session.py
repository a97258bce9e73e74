"""The pages around the session itself: how it starts and what comes after it, with the text to read aloud on
what happens with the sheets and the discussion; and the sensitive moments, each with what may come up and
what to say, under the service's own contact to refer someone to.

Where the service has not filled in one of its fields, a line to write on stands in its place (the build
says which fields are empty).
"""

from __future__ import annotations

from ...deck.language import Language
from ...deck.model import Deck
from ..styles import TINT, Styles, listed, markup, para, plain
from .anchors import anchor
from .page_setup import WIDTH

PADDING = 8
"""The tinted box's padding left and right, in points."""
BLANK = "_"
"""What a line to write on is made of, where the service has not filled in a field."""
SHORTEST = 12
"""Underscores a line to write on has at least; a label that leaves less room gets the next line whole."""


def filled(value: str, label: str, style) -> str:
    """A service field as printed after its label: its value, or a line to write on that ends where the label's
    line ends (a line too long for it would wrap onto a line of its own, unlike the others)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ...paper import fonts
    from ...paper.geometry import MM

    if value.strip():
        return value.strip()
    taken = stringWidth(f"{label}:", fonts.BOLD, style.fontSize) + stringWidth(" ", style.fontName, style.fontSize)
    room = WIDTH * MM - 2 * PADDING - taken - 2
    count = int(room // stringWidth(BLANK, style.fontName, style.fontSize))
    if count < SHORTEST:  # the label takes its line: the line to write on gets the next one
        count = int((WIDTH * MM - 2 * PADDING - 2) // stringWidth(BLANK, style.fontName, style.fontSize))
    return BLANK * count


def service_lines(deck: Deck, lang: Language, style) -> list[tuple[str, str]]:
    """(label, value or a line to write on) for what happens with the sheets, in reading order."""
    service = deck.texts.run_sheet.service
    out = []
    for key in ("reads_sheets", "kept_for", "report_back"):
        label = lang[f"service_{key}"]
        out.append((label, filled(getattr(service, key), label, style)))
    return out


def before_and_after(deck: Deck, st: Styles, lang: Language) -> list:
    """The page "Voor en na de sessie": the start step by step, the read-aloud box, and what comes after."""
    from reportlab.lib.styles import ParagraphStyle

    sheet = deck.texts.run_sheet
    if sheet is None or not (sheet.welcome or sheet.read_aloud or sheet.after):
        return []
    item = ParagraphStyle("session-item", parent=st.body, spaceAfter=3)
    story = [anchor(para(lang["before_after"], st.h1), "before")]
    if sheet.welcome:
        story.append(para(lang["session_start"], st.h3))
        story += listed([(f"{i}.", markup(t)) for i, t in enumerate(sheet.welcome, 1)], item)
    if sheet.read_aloud:
        said = ParagraphStyle("aloud", parent=st.body, fontName=st.note.fontName)
        cells = [plain(f"<b>{markup(lang['read_aloud'])}</b>", st.body), para(sheet.read_aloud, said)]
        cells += [
            plain(f"<b>{markup(label)}:</b> {markup(value)}", st.body)
            for label, value in service_lines(deck, lang, st.body)
        ]
        if any(getattr(sheet.service, k).strip() == "" for k in ("reads_sheets", "kept_for", "report_back")):
            # The slide says "dat vertelt de gespreksleider" where a line is still empty.
            cells.append(para(lang["read_aloud_blank"], st.body))
        story.append(box(cells))
    if sheet.after:
        story.append(para(lang["session_after"], st.h3))
        story += listed([(f"{i}.", markup(t)) for i, t in enumerate(sheet.after, 1)], item)
    return story


def sensitive_moments(deck: Deck, st: Styles, lang: Language) -> list:
    """The sensitive moments, each kept together: what may come up and what to say; the referral above them."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether

    sheet = deck.texts.run_sheet
    if sheet is None or not sheet.sensitive:
        return []
    inner = ParagraphStyle("moment", parent=st.body, leftIndent=9, spaceAfter=2)
    referral = filled(sheet.service.referral, lang["service_referral"], st.body)
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

    table = Table([[c] for c in cells], colWidths=[WIDTH * MM])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), cmyk(TINT)),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("NOSPLIT", (0, 0), (-1, -1)),
            ]
        )
    )
    table.spaceBefore, table.spaceAfter = 6, 6
    return table
