"""The facilitator booklet: the whole instruction with the answer sheet filled in, A5 in reading order
and the same pages imposed two-up on A4 for saddle-stitching.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..answersheet import answer_rows
from ..geometry import MM, PAPER_SIZES
from ..language import Language, colour_word, language
from ..layout import SheetLayout, SingleLayout
from ..model import Deck
from ..printplan import PlannedFile
from ..pseudonym import pseudonyms
from ..render.cards import value_text
from ..textfit import wrap_lines
from .answers import answer_blocks
from .flow import (
    Copy,
    Deferred,
    Late,
    Styles,
    expand_deferred,
    form_canvas_class,
    late_text,
    markup,
    page_number_footer,
    para,
    paragraphs,
    plain,
    reading_order,
    saddle_stitch,
    styles,
    swatch,
    table,
)
from .pdf import BLACK, Metadata, cmyk

MAX_TABLE_PERSONS = 40
"""Persons per series in the appendix table; a large deck lists these and says how many more there are."""

A5 = PAPER_SIZES["a5"]
MARGINS = (15.0, 15.0, 14.0, 17.0)
"""Left, right, top, bottom in mm; the bottom leaves room for the page number."""


@dataclass(frozen=True)
class BookletOptions:
    """What the booklet needs to know about the build it belongs to."""

    plan: tuple[PlannedFile, ...] = ()
    layout: SheetLayout | SingleLayout | None = None
    mono: bool = False
    plain_stock: bool = False
    identity: str = ""
    """Deck name, short deck hash and tool version, printed small on the cover."""
    rows: Callable[[], tuple] | None = None
    """The answer sheet's rows, asked for only when the layout reaches the answer sheet, so the
    pages before it are laid out while the figures are computed; None: computed here."""
    sheets: Callable[[], Mapping[str, int]] = dict
    """Sheets per copy of the planned files whose count is unknown in the plan (the participants'
    sheet), asked for when the booklet is saved, by when those files are rendered."""
    late: Late = field(default_factory=lambda: Late(), compare=False)
    """Values written when the booklet is saved: its page count (print guide), headings' pages (contents)."""


def _values(deck: Deck) -> dict:
    """Placeholder values for the deck's texts."""
    sizes = [len(deck.persons_in(s)) for s in deck.series]
    return {
        "persons": len(deck.persons),
        "persons_per_series": sizes[0] if len(set(sizes)) == 1 else "/".join(map(str, sizes)),
        "attributes": len(deck.attributes),
        "cards": deck.card_count,
        "series": len(deck.series),
    }


def _cover(deck: Deck, st: Styles, lang: Language, options: BookletOptions) -> list:
    from reportlab.platypus import PageBreak, Spacer

    from reportlab.platypus.flowables import Flowable

    class Cards(Flowable):
        """Two fanned card shapes in the series' colours: the cover says what the workshop is about."""

        def __init__(self):
            super().__init__()
            self.width, self.height = 118 * MM, 60 * MM

        def draw(self):
            c = self.canv
            for i, series in enumerate(deck.series[:2]):
                c.saveState()
                c.translate(self.width / 2 + (i - 0.5) * 26 * MM, 6 * MM)
                c.rotate(8 - 16 * i)
                c.setFillColor(cmyk(series.colour.cmyk if not options.mono else (0, 0, 0, 0)))
                c.setStrokeColor(cmyk(BLACK))
                c.setLineWidth(0.8)
                c.roundRect(-18 * MM, 0, 36 * MM, 50 * MM, 2.5 * MM, stroke=1, fill=1)
                c.setFillColor(cmyk(BLACK))
                c.setFont("Atkinson-Bold", 11)
                c.drawCentredString(0, 24 * MM, series.label)
                c.restoreState()

    story = [Spacer(1, 22 * MM), para(deck.title, st.title)]
    if deck.subtitle:
        story.append(para(deck.subtitle, st.subtitle))
    story += [Spacer(1, 12 * MM), Cards(), Spacer(1, 14 * MM), para(deck.texts.booklet_title, st.subtitle)]
    if options.identity:
        story += [Spacer(1, 30 * MM), para(options.identity, st.note)]
    story.append(PageBreak())
    return story


def contents_list(st: Styles, late: Late, entries: list[tuple[int, str, str]], width_mm: float):
    """The contents: ``entries`` (level, text, key) with dot leaders, page numbers filled in at save time."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus.flowables import Flowable

    class _Contents(Flowable):
        def wrap(self, available_width, available_height):
            self.width = width_mm * MM
            self.height = sum(st.toc[min(level, 1)].leading for level, _, _ in entries)
            return self.width, self.height

        def draw(self):
            c = self.canv
            y = self.height
            number_room = 7 * MM
            for level, text, key in entries:
                style = st.toc[min(level, 1)]
                y -= style.leading
                base = y + (style.leading - style.fontSize) / 2
                indent = style.leftIndent
                c.setFont(style.fontName, style.fontSize)
                c.setFillColor(style.textColor)
                c.drawString(indent, base, text)
                start = indent + stringWidth(text, style.fontName, style.fontSize) + 3
                dot = stringWidth(" .", style.fontName, style.fontSize)
                dots = int((self.width - number_room - start) / dot)
                if dots > 0:
                    c.drawRightString(self.width - number_room + 2, base, " ." * dots)
                late.place(c, key, lambda n, key=key: str(late.page(late.pages[key], n)) if key in late.pages else "", self.width, base, style, "right")

    return _Contents()


def _contents(st: Styles, lang: Language, late: Late, entries: list, width: float) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak

    heading = ParagraphStyle("contents", parent=st.h1)  # not "h1", so the contents do not list themselves
    return [para(lang["contents"], heading), contents_list(st, late, entries, width), PageBreak()]


def _card_sets(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions) -> list:
    from reportlab.platypus import Spacer

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
            story.append(para(lang.t("pseudonymised_hint", series=s.label, count=len(s.pseudonymised)), st.body))
    story.append(Spacer(1, 1 * MM))
    story.append(para(lang["sources"], st.h2))
    key = "treatment" if options.mono else "ink"
    header = [plain("", st.cell_bold)] + [plain(markup(lang[k]), st.cell_bold) for k in ("source", key, "attributes_col")]
    rows = [header]
    for source in deck.sources:
        ink = source.ink.cmyk if not options.mono else BLACK
        look = lang["mono_" + source.mono.value] if options.mono else colour_word(lang, source.ink.name)
        attrs = ", ".join(a.label for a in deck.attributes if a.source.key == source.key)
        name = f"<b>{markup(source.name)}</b>" + (f"<br/>{markup(source.description)}" if source.description else "")
        rows.append([swatch(ink, 3.2, marker=source.marker, ink=ink), plain(name, st.cell), plain(markup(look), st.cell), plain(markup(attrs), st.cell)])
    story.append(table(rows, [width * 0.07, width * 0.4, width * 0.17, width * 0.36]))
    story.append(Spacer(1, 3 * MM))
    explanation = deck.texts.markers_explanation if options.mono else deck.texts.inks_explanation
    story += paragraphs(explanation, st.body, **_values(deck))
    return story


def _assignments(deck: Deck, st: Styles, lang: Language) -> list:
    from reportlab.lib.styles import ParagraphStyle

    answer_style = ParagraphStyle("answer", parent=st.body, leftIndent=9, textColor=cmyk((0, 0, 0, 0.8)))
    question_style = ParagraphStyle("question", parent=st.body, fontName="Atkinson-Bold", keepWithNext=1, spaceAfter=2)
    story = []
    if deck.texts.assignments_intro:
        story += paragraphs(deck.texts.assignments_intro, st.body, **_values(deck))
    for assignment in deck.texts.assignments:
        story.append(para(lang.t("assignment", key=assignment.key, title=assignment.title), st.h2))
        for task in assignment.tasks:
            label = lang.t("assignment_part", key=task.key) if task.key else lang["task"]
            story.append(plain(f"<b>{markup(label)}:</b> {markup(task.task.format(**_values(deck)))}", st.body))
        if assignment.explanation:
            story += paragraphs(assignment.explanation, st.body, **_values(deck))
        if assignment.questions:
            story.append(para(lang["questions_with_assignment"], st.h3))
        for i, q in enumerate(assignment.questions, 1):
            note = f" <i>({markup(q.note)})</i>" if q.note else ""
            story.append(plain(f"{i}. {markup(q.question)}{note}", question_style))
            if q.answer:
                story += paragraphs(q.answer, answer_style, **_values(deck))
    return story


def _part2(deck: Deck, st: Styles, lang: Language, width: float) -> list:
    story = [para(deck.texts.part2_title, st.h1), *paragraphs(deck.texts.part2_introduction, st.body, **_values(deck))]
    story.append(para(lang["questions"], st.h2))
    story.append(question_columns(deck.texts.questions, st.body, width))
    story.append(para(lang["statements"], st.h2))
    if deck.texts.statements_intro:
        story += paragraphs(deck.texts.statements_intro, st.body, **_values(deck))
    from reportlab.lib.styles import ParagraphStyle

    item = ParagraphStyle("item", parent=st.body, leftIndent=10, bulletIndent=2, spaceAfter=2)
    from reportlab.platypus import KeepTogether

    for group in deck.texts.statements:
        block = [para(group.stem + " …", st.h3), *(plain(f"… {markup(text)}", item) for text in group.items)]
        story.append(KeepTogether(block) if len(block) <= 7 else block[0])
        if len(block) > 7:
            story += block[1:]
    return story


def question_columns(questions: tuple[str, ...], style, width: float):
    """Questions in two columns, the first half left and the rest right (1–3 | 4–6), numbered."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table, TableStyle

    half = -(-len(questions) // 2)
    from reportlab.platypus import Paragraph

    cell = ParagraphStyle("q", parent=style, leftIndent=style.fontSize * 1.4, bulletIndent=0, bulletFontSize=style.fontSize, spaceAfter=style.fontSize * 0.8)
    left = [Paragraph(markup(q), cell, bulletText=f"{i}.") for i, q in enumerate(questions[:half], 1)]
    right = [Paragraph(markup(q), cell, bulletText=f"{i}.") for i, q in enumerate(questions[half:], half + 1)]
    t = Table([[left, right]], colWidths=[width / 2 * MM, width / 2 * MM], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    return t


def _persons_table(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions) -> list:
    """Every person × attribute, values in their source's ink: the 'database' in one view."""
    from reportlab.platypus import KeepTogether

    story = [para(lang["persons_table"], st.h2)]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    names = [*(s.label for s in deck.series), *(p.name for p in deck.persons[: MAX_TABLE_PERSONS * 4])]
    name_w = min(max(stringWidth(n, st.cell_bold.fontName, st.cell_bold.fontSize) for n in names) / MM + 2.2, width * 0.3)
    needs = {
        a.key: _column_width([a.label, *(value_text(a, p.values[a.key], lang) for p in deck.persons[: MAX_TABLE_PERSONS * 4])], st)
        for a in deck.attributes
    }
    groups = _pack(deck.attributes, needs, width - name_w)
    for series in deck.series:
        persons = deck.persons_in(series)
        shown = persons[:MAX_TABLE_PERSONS]
        heading = para(f"{series.label} — {series.meaning}", st.h3)
        for index, attrs in enumerate(groups):
            # Plain strings, not paragraphs: hundreds of cells lay out ten times faster, and the
            # inks stay CMYK (a paragraph's <font color> would turn them into RGB).
            spare = (width - name_w - sum(needs[a.key] for a in attrs)) / len(attrs)
            widths = [name_w] + [needs[a.key] + spare for a in attrs]
            room = [(w - 2) * MM for w in widths]
            # The series heads the name column: a table at the top of a page still says whose it is.
            header = [series.label] + [wrap_lines(a.label, st.cell_bold.fontName, st.cell_bold.fontSize, r) for a, r in zip(attrs, room[1:])]
            rows = [header]
            for person in shown:
                row = [person.name]
                for a, r in zip(attrs, room[1:]):
                    row.append(wrap_lines(value_text(a, person.values[a.key], lang), st.cell.fontName, st.cell.fontSize, r))
                rows.append(row)
            cell = [
                ("FONTNAME", (0, 0), (-1, 0), st.cell_bold.fontName),
                ("FONTSIZE", (0, 0), (-1, -1), st.cell.fontSize),
                ("LEADING", (0, 0), (-1, -1), st.cell.leading),
            ]
            inks = [("TEXTCOLOR", (i, 1), (i, -1), cmyk(BLACK if options.mono else a.source.ink.cmyk)) for i, a in enumerate(attrs, 1)]
            t = table(rows, widths, extra=cell + inks)
            # The series heading goes with its first table, so it never ends a page alone.
            block = [heading, t] if index == 0 else [t]
            story.append(KeepTogether(block) if len(rows) <= 26 else block)
            if len(rows) > 26:
                story.extend(story.pop())
        if len(persons) > len(shown):
            story.append(para(lang.t("more_persons", count=lang.number(len(persons) - len(shown)), series=series.label), st.note))
    return story


def _column_width(texts: list[str], st: Styles) -> float:
    """mm a column needs so that no word in it breaks (its longest word, bold) and no number leaves its unit ("34 jaar")."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def pieces(text: str) -> list[str]:
        return [text] if any(ch.isdigit() for ch in text) else text.split() or [""]

    widest = max(stringWidth(piece, st.cell_bold.fontName, st.cell_bold.fontSize) for text in texts for piece in pieces(text))
    return widest / MM + 2.2


def _pack(attributes, needs: dict[str, float], room: float) -> list[list]:
    """Attributes in groups that each fit beside the name column, in deck order, as even as possible.

    Greedy packing says how many tables are needed; the attributes are then spread evenly
    over that many, so no table is left with a single column.
    """
    groups: list[list] = [[]]
    for a in attributes:
        if groups[-1] and sum(needs[x.key] for x in groups[-1]) + needs[a.key] > room:
            groups.append([])
        groups[-1].append(a)
    count = len(groups)
    size = -(-len(attributes) // count)
    even = [list(attributes[i : i + size]) for i in range(0, len(attributes), size)]
    if len(even) == count and all(sum(needs[a.key] for a in g) <= room for g in even):
        return even
    return groups


def _pseudonym_key(deck: Deck, st: Styles, lang: Language, width: float) -> list:
    story = [para(lang["pseudonym_key"], st.h2)]
    numbers = pseudonyms((p.name for p in deck.persons), deck.pseudonym_key)
    rows = [[plain(markup(lang[k]), st.cell_bold) for k in ("number", "name", "set")]]
    entries = sorted((numbers[name], name, s.label) for s in deck.series for name in s.pseudonymised)
    for number, name, label in entries:
        rows.append([plain(str(number), st.cell), plain(markup(name), st.cell), plain(markup(label), st.cell)])
    story.append(para(lang["pseudonym_key_intro"], st.body))
    if entries:
        story.append(table(rows, [width * 0.2, width * 0.5, width * 0.3]))
    from reportlab.platypus import KeepTogether

    return [KeepTogether(story)] if len(entries) <= 30 else story


def _print_guide(deck: Deck, st: Styles, lang: Language, width: float, options: BookletOptions) -> list:
    from reportlab.lib.styles import ParagraphStyle

    from reportlab.platypus import KeepTogether

    rows = [[plain(markup(lang[k]), st.cell_bold) for k in ("file", "paper", "printing", "sheets")]]
    sheets_w = width * 0.12
    for f in options.plan:
        if f.kind in ("booklet", "booklet_imposed") and f.sheets is None:
            per_sheet = 2 if f.kind == "booklet" else 4
            count = late_text(options.late, f"sheets-{f.kind}", lambda n, per=per_sheet: lang.number(-(-n // per)), st.cell, sheets_w)
        elif f.sheets is None:
            count = late_text(options.late, f"sheets-{f.kind}", lambda _n, kind=f.kind: _sheets_text(options, kind, lang), st.cell, sheets_w)
        else:
            count = plain(lang.number(f.sheets), st.cell)
        rows.append([plain(markup(f.name), st.cell), plain(markup(f.paper), st.cell), plain(markup(f.duplex), st.cell), count])
    story = [
        KeepTogether(
            [
                para(lang["print_guide"], st.h2),
                para(lang["guide_intro"], st.body),
                table(rows, [width * 0.38, width * 0.24, width * 0.26, sheets_w]),
            ]
        )
    ]
    bullet = ParagraphStyle("bullet", parent=st.body, leftIndent=10, bulletIndent=1, spaceAfter=2)
    steps = []
    layout = options.layout
    if isinstance(layout, SheetLayout):
        steps += [
            lang.t("guide_scale"),
            lang.t("guide_cards", per=layout.per_sheet, columns=layout.columns, rows=layout.rows),
            lang.t("guide_cut"),
        ]
        if options.mono or options.plain_stock:
            steps.append(lang.t("guide_stock"))
    elif isinstance(layout, SingleLayout):
        steps.append(lang.t("guide_shop", bleed=lang.number(layout.bleed, 1)))
    if any(f.kind == "booklet_imposed" for f in options.plan):
        steps.append(lang["guide_booklet"])
    if any(f.kind == "statements" for f in options.plan):
        steps.append(lang["guide_handouts"])
    if any(f.kind == "answers" for f in options.plan):
        steps.append(lang["guide_answers"])
    # The steps stay together: a lone step on a last page reads like a stray note.
    story.append(KeepTogether([plain(f"<bullet>•</bullet>{markup(s)}", bullet) for s in steps]))
    return story


def _sheets_text(options: BookletOptions, kind: str, lang: Language) -> str:
    """A file's sheet count once rendered; empty where this build did not render it."""
    sheets = options.sheets().get(kind)
    return "" if sheets is None else lang.number(sheets)


def _document(path, lang: Language, width: float, height: float, late: Late):
    """The booklet's doc template: A5 pages with page numbers; each heading tells ``late`` its page."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    left, right, top, bottom = MARGINS

    class BookletTemplate(BaseDocTemplate):
        def filterFlowables(self, flowables):
            expand_deferred(flowables)

        def afterFlowable(self, flowable):
            key = getattr(flowable, "_contents_key", None)
            if key is not None:
                late.pages.setdefault(key, self.page)

    doc = BookletTemplate(str(path), pagesize=(width * MM, height * MM), invariant=1)
    frame = Frame(left * MM, bottom * MM, (width - left - right) * MM, (height - top - bottom) * MM, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_number_footer(lang, late=late))])
    return doc


def booklet_story(deck: Deck, options: BookletOptions) -> list:
    """Every flowable of the booklet, in the order they are laid out.

    The answer sheet comes last: its figures may still be on their way (see
    :attr:`BookletOptions.rows`), so part 2 and the appendix are laid out before it and
    ``options.late`` puts its pages back between part 1 and part 2.
    """
    from reportlab.platypus import PageBreak

    lang = language(deck.language)
    st = styles(1.0)
    width = A5[0] - MARGINS[0] - MARGINS[1]
    values = _values(deck)
    entries: list[tuple[int, str, str]] = []
    late = options.late
    before = _cover(deck, st, lang, options) + _contents(st, lang, late, entries, width)
    before += [para(lang["introduction"], st.h1), *paragraphs(deck.texts.introduction, st.body, **values)]
    before += [PageBreak(), para(deck.texts.part1_title, st.h1), *paragraphs(deck.texts.part1_introduction, st.body, **values)]
    before += _card_sets(deck, st, lang, width, options)
    before += _assignments(deck, st, lang)
    rows = options.rows or (lambda: answer_rows(deck))
    head = [para(deck.texts.answer_sheet_title, st.h1), *paragraphs(deck.texts.answer_sheet_introduction, st.body, **values)]
    answers = Deferred(head, lambda: answer_blocks(deck, st, width, rows=rows()))
    after = _part2(deck, st, lang, width)
    after += [PageBreak(), para(lang["appendix"], st.h1)]
    after += _persons_table(deck, st, lang, width, options)
    after += _pseudonym_key(deck, st, lang, width)
    after += _print_guide(deck, st, lang, width, options)
    _collect_headings([*before, answers, *after], entries)
    late.move(before=after[0]._contents_key, start=head[0]._contents_key)
    return [*before, PageBreak(), *after, PageBreak(), answers]


def _collect_headings(story: list, entries: list) -> None:
    """Every h1 and h2 of the story, in order, as contents entries; each heading learns its key."""

    def walk(flowables):
        for f in flowables:
            inner = getattr(f, "_content", None)
            if isinstance(inner, list):
                walk(inner)
                continue
            name = getattr(getattr(f, "style", None), "name", "")
            if name in ("h1", "h2"):
                key = f"h{len(entries)}"
                f._contents_key = key
                entries.append((0 if name == "h1" else 1, f.getPlainText(), key))

    walk(story)


def render_booklets(deck: Deck, files: Sequence[tuple[Path, bool]], *, options: BookletOptions, meta: Metadata) -> None:
    """The booklet into each of ``files`` (path, imposed?), the same pages in each.

    Laid out in one pass (late values such as the contents' page numbers and the sheet
    counts are written at save) and, where the machine can fork, only once for all files.
    """
    from ..parallel import can_fork

    lang = language(deck.language)
    width, height = A5
    a4_w, a4_h = PAPER_SIZES["a4"]

    def output(imposed: bool) -> tuple:
        if imposed:
            # The imposed booklet only folds right when flipped on the short edge: say so to the print dialog.
            return saddle_stitch(width * MM, height * MM, (a4_h * MM, a4_w * MM)), {"Duplex": "DuplexFlipShortEdge", "PrintScaling": "None"}
        return reading_order(width * MM, height * MM), None

    groups = [list(files)] if can_fork() else [[f] for f in files]
    for (path, imposed), *others in groups:
        late = Late()
        impose, viewer = output(imposed)
        copies = [Copy(other, *output(other_imposed)) for other, other_imposed in others]
        doc = _document(path, lang, width, height, late)
        canvas = form_canvas_class(impose, meta, late=late, viewer=viewer, copies=copies)
        doc.build(booklet_story(deck, replace(options, late=late)), canvasmaker=canvas)
