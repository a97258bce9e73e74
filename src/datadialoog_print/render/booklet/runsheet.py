"""The run sheet (draaiboek): one page that lets a facilitator run the session from the booklet.

Each part with its minutes, clock time and page; the group; the materials counted from
the build (card sets, pens, handouts per participant); what to prepare. The parts and
minutes are deck data, the counts come from the deck and the build options.
"""

from __future__ import annotations

from ...deck.language import Language, colour_word
from ...deck.model import Deck
from ...deck.texts import clock_minutes
from ...deck.timing import Room, cards_to_number, overrun, timings
from ...paper.geometry import MM
from ...paper.printplan import copies
from ..late import Late, late_text
from ..slides import slide_numbers
from ..styles import Styles, markup, para, plain, table
from .anchors import anchor
from .page_setup import FRAME_HEIGHT, BookletOptions


def clock(minutes: int) -> str:
    """Minutes after midnight as a clock time, past midnight wrapping round: 810 → "13:30"."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def counted(lang: Language, key: str, count: int) -> str:
    """ "1 tafel" or "3 tafels": the word for one or for many, with the number in the deck's format."""
    return lang.t(f"{key}_{'one' if count == 1 else 'many'}", count=lang.number(count))


def slide_text(groups: tuple[str, ...], numbers: dict[str, tuple[int, int]]) -> str:
    """The slides of a part's groups as the run sheet prints them: "1–2", "5–13", "4, 6"."""
    shown = sorted({n for g in groups if g in numbers for n in range(numbers[g][0], numbers[g][1] + 1)})
    ranges: list[list[int]] = []
    for n in shown:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)


def room(options: BookletOptions) -> Room:
    """The room the build serves: one card set per table, ``table_size`` at each."""
    return Room(options.sets, options.table_size)


def run_sheet(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions, late: Late) -> list:
    """The run sheet's flowables, kept together on one page; [] when the deck has none."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepInFrame, Spacer

    sheet = deck.texts.run_sheet
    if sheet is None or not sheet.parts:
        return []
    start_text = options.start or sheet.start
    start = clock_minutes(start_text) if start_text else None
    heading = anchor(para(lang["run_sheet"], st.h1), "run_sheet")
    minutes = timings(deck, room(options))
    total = sum(minutes)
    if start is None:
        span = lang.t("run_length", minutes=lang.number(total))
    else:
        span = lang.t("run_span", start=clock(start), end=clock(start + total), minutes=total)
    over = overrun(sheet, minutes)
    if over:
        span += " " + lang.t("run_over", over=over, length=sheet.length)

    page_w = width * 0.1
    right = ParagraphStyle("runsheet-page", parent=st.cell_bold, alignment=TA_RIGHT)
    header = ([lang["run_time"]] if start is not None else []) + [lang["run_minutes"], lang["run_part"]]
    rows = [
        [plain(markup(h), st.cell_bold) for h in header]
        + [plain(markup(lang["run_slides"]), st.cell_bold), plain(markup(lang["run_page"]), right)]
    ]
    numbers = slide_numbers(deck)
    at = start
    for i, (part, length) in enumerate(zip(sheet.parts, minutes, strict=True)):
        row = [plain(clock(at), st.cell)] if at is not None else []
        row += [plain(str(length), st.cell), para(part.title, st.cell)]
        row.append(plain(slide_text(part.slides, numbers), st.cell))
        if part.see:
            row.append(
                late_text(
                    late,
                    f"run-page-{i}",
                    lambda n, key=part.see: str(late.pages.get(key, "")),
                    st.cell,
                    page_w - 5 / MM,  # inside the cell padding
                    align="right",
                )
            )
        else:
            row.append("")
        rows.append(row)
        at = at + length if at is not None else None
    last = [plain(f"<b>{clock(at)}</b>", st.cell)] if at is not None else []
    last += [plain(f"<b>{total}</b>", st.cell), plain(f"<b>{markup(lang['run_total'])}</b>", st.cell), "", ""]
    rows.append(last)
    fixed = [width * 0.11, width * 0.09] if start is not None else [width * 0.09]
    slides_w = width * 0.12
    widths = [*fixed, width - sum(fixed) - slides_w - page_w, slides_w, page_w]
    extra = [("LINEABOVE", (0, -1), (-1, -1), 0.6, st.cell.textColor), ("ALIGN", (-1, 0), (-1, -1), "RIGHT")]

    small = ParagraphStyle("runsheet", parent=st.body, fontSize=st.cell.fontSize + 0.4, leading=st.cell.leading + 0.6)
    bullet = ParagraphStyle("runsheet-bullet", parent=small, leftIndent=10, bulletIndent=1, spaceAfter=1.5)
    people = room(options).participants
    group = lang.t(
        "group_one" if options.sets == 1 else "group_many",
        participants=counted(lang, "n_participants", people),
        tables=counted(lang, "n_tables", options.sets),
        per_table=options.table_size,
    )
    story = [
        plain(f"<b>{markup(span)}</b>", small) if over else para(span, small),
        table(rows, widths, extra=extra),
        Spacer(1, 4),
        para(lang["group"], st.h3),
        para(group, small),
        para(lang["materials"], st.h3),
        *(plain(f"<bullet>•</bullet>{markup(m)}", bullet) for m in materials(deck, lang, options)),
    ]
    if sheet.prepare:
        story.append(para(lang["prepare"], st.h3))
        story += [plain(f"<bullet>{i}.</bullet>{markup(text)}", bullet) for i, text in enumerate(sheet.prepare, 1)]
    # One page, whatever the deck's parts and texts: the whole sheet shrinks a little if need be.
    # The heading stays outside, so the contents still find its page.
    space = (FRAME_HEIGHT * MM) - st.h1.leading - st.h1.spaceBefore - st.h1.spaceAfter - 2
    return [heading, KeepInFrame(width * MM, space, story, mode="shrink")]


def materials(deck: Deck, lang: Language, options: BookletOptions) -> list[str]:
    """What to bring, counted from the deck and the build: card sets, pens, tape, and each handout of the set
    (as many copies as :func:`~datadialoog_print.paper.printplan.copies` says for this room)."""
    people = room(options).participants
    per_series = [
        lang.t(
            "material_series",
            cards=lang.number(len(deck.persons_in(s)) * len(deck.attributes)),
            series=s.label,
            colour=colour_word(lang, s.colour.name),
        )
        for s in deck.series
    ]
    out = [
        lang.t("material_cards", sets=counted(lang, "n_sets", options.sets), counts=_and(lang, per_series)),
        lang.t("material_pens", pens=counted(lang, "n_pens", people), box=lang["number_box"]),
        lang.t(
            "material_tape",
            rolls=lang.number(-(-options.table_size // 2) * options.sets),
            cards=lang.number(cards_to_number(deck)),
        ),
    ]
    for f in sorted((f for f in options.plan if f.material), key=lambda f: f.material.copies):
        count = copies(f.material.copies, tables=options.sets, per_table=options.table_size)
        values = {"count": lang.number(count), "pages": lang.number(f.sheets or 0)}
        out.append(lang.t(f.material.phrase, file=f.name, **values))
    return out


def _and(lang: Language, items: list[str]) -> str:
    """ "a, b and c" in the deck's language."""
    if len(items) <= 1:
        return "".join(items)
    return lang["list_separator"].join(items[:-1]) + lang["and"] + items[-1]
