"""The card files: fronts N-up with cut marks and mirrored backs for an office printer, or one card per page for a
print shop; both PDF/X-4."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..deck.cardtext import Card, series_cards, set_letters
from ..deck.language import language
from ..deck.model import Deck, Series
from ..paper import geometry
from ..paper.geometry import MM
from ..paper.layout import Duplex, SheetLayout, SingleLayout, Slot
from . import internals
from .cardpainter import CardOptions, CardPainter
from .pdf import BLACK, Metadata, cmyk, deck_author, new_canvas, registration
from .pdfops import Ops, n
from .pdfx import PDF_VERSION, STANDARDS, make_pdfx4

Progress = Callable[[int], None]
"""Called with the number of cards just drawn."""


def _metadata(deck: Deck, series: Series, keywords: tuple[str, ...], subject: str, *, backs: bool = False) -> Metadata:
    lang = language(deck.language)
    persons = len(deck.persons_in(series))
    counts = lang.t(
        "cards_subject", persons=persons, attributes=len(deck.attributes), cards=persons * len(deck.attributes)
    )
    return Metadata(
        title=f"{deck.title} — {lang.t('cards_title_backs' if backs else 'cards_title', series=series.label)}",
        subject=f"{counts} · {subject}" if subject else counts,
        keywords=keywords,
        author=deck_author(deck),
    )


def _marks_form(canvas, layout: SheetLayout, *, mono: bool) -> str:
    """Every mark of the layout (margin marks and ticks) as one form, drawn on each front page by reference;
    in registration colour (the All separation: on every plate), or black only for mono."""
    strokes = " ".join(Ops.line(m.x1 * MM, m.y1 * MM, m.x2 * MM, m.y2 * MM) for m in layout.marks)
    canvas.beginForm("marks", 0, 0, layout.page_width * MM, layout.page_height * MM)
    canvas.setStrokeColor(registration() if not mono else cmyk(BLACK))  # registers the colour space in the form
    internals.append(canvas, f"{n(geometry.MARK_WIDTH_PT)} w {strokes}")
    internals.end_form(canvas)
    return "marks"


def render_card_sheets(
    deck: Deck,
    series: Series,
    path,
    *,
    layout: SheetLayout,
    duplex: Duplex = Duplex.LONG,
    back_offset: tuple[float, float] = (0.0, 0.0),
    options: CardOptions = CardOptions(),
    keywords: tuple[str, ...] = (),
    subject: str = "",
    progress: Progress | None = None,
    cards: list[Card] | None = None,
    sets: int = 1,
    pack: bool = False,
) -> int:
    """Fronts N-up with cut marks, each followed by its mirrored backs; returns the number of cards.

    With several sets, each set starts on a sheet of its own and every card carries its letter,
    so a stack of sheets is one table's set and the cut cards can be sorted back; ``pack``: each
    set begins where the previous one ends (fewer sheets; the letters sort them)."""
    cards = series_cards(deck, series) if cards is None else cards
    meta = _metadata(deck, series, keywords, subject)
    c = new_canvas(path, layout.page_width, layout.page_height, meta, pdf_version=PDF_VERSION)
    # The sheet is the product a printer delivers: PDF/X wants its trim and bleed said, so they are the page.
    c.setTrimBox((0, 0, layout.page_width * MM, layout.page_height * MM))
    c.setBleedBox((0, 0, layout.page_width * MM, layout.page_height * MM))
    c.setViewerPreference("PrintScaling", "None")
    if duplex is not Duplex.NONE:
        c.setViewerPreference("Duplex", "DuplexFlipLongEdge" if duplex is Duplex.LONG else "DuplexFlipShortEdge")
    painter = CardPainter(c, deck, series, layout.card_width, layout.card_height, layout.bleed, options)
    marks = _marks_form(c, layout, mono=options.mono)
    fill_rects: dict[int, list[Slot]] = {}  # per number of cards on a sheet: only full sheets and the last differ
    per = layout.per_sheet
    letters = set_letters(sets)
    groups = [[(card, painter.set_label(letter)) for card in cards] for letter in letters]
    if pack:
        groups = [[item for group in groups for item in group]]
    for chunk in (group[start : start + per] for group in groups for start in range(0, len(group), per)):
        if len(chunk) not in fill_rects:
            fill_rects[len(chunk)] = [layout.fill_rect(i, len(chunk)) for i in range(len(chunk))]
        fills = fill_rects[len(chunk)]
        for rect in fills:
            painter.fill(rect)
        for (card, label), slot in zip(chunk, layout.slots, strict=False):
            painter.front(card, slot, label)
        internals.append(c, f"{internals.form_name(c, marks)} Do")
        c.showPage()
        if duplex is not Duplex.NONE:
            for rect in fills:
                painter.fill(layout.back_slot(rect, duplex, back_offset))
            for (_, label), slot in zip(chunk, layout.slots, strict=False):
                painter.back(layout.back_slot(slot, duplex, back_offset), label)
            c.showPage()
        if progress:
            progress(len(chunk))
    internals.share_page_resources(c)
    packed = ("packed",) if pack else ()  # unpacked files keep the ID they always had
    make_pdfx4(c, meta, repr((Path(path).name, layout, duplex, back_offset, options, sets, *packed)))
    c.save()
    return len(cards) * len(letters)


def render_card_singles(
    deck: Deck,
    series: Series,
    front_path,
    back_path,
    *,
    layout: SingleLayout,
    options: CardOptions = CardOptions(),
    keywords: tuple[str, ...] = (),
    subject: str = "",
    progress: Progress | None = None,
    cards: list[Card] | None = None,
    sets: int = 1,
    standard: str = "PDF/X-4",
) -> int:
    """One card per page with bleed, TrimBox and BleedBox set; the backs page for page in their own file, or,
    with ``back_path`` None, each card's back on the page before its front in one file (back 1, front 1,
    back 2, …: a deck as DriveThruCards takes it).

    Several sets follow each other, set A first, every card with its letter. ``standard``: the PDF/X
    flavour the shop takes (PDF/X-4, or PDF/X-1a:2003 on PDF 1.4)."""
    cards = series_cards(deck, series) if cards is None else cards
    faces = (("front",), ("back",)) if back_path is not None else (("back", "front"),)
    for target, drawn in zip((front_path, back_path), faces, strict=False):
        meta = _metadata(deck, series, keywords, subject, backs=drawn == ("back",))
        c = new_canvas(target, layout.page_width, layout.page_height, meta, pdf_version=STANDARDS[standard].pdf_version)
        c.setTrimBox(tuple(v * MM for v in layout.trim_box))
        c.setBleedBox((0, 0, layout.page_width * MM, layout.page_height * MM))
        painter = CardPainter(c, deck, series, layout.card_width, layout.card_height, layout.bleed, options)
        for letter in set_letters(sets):
            label = painter.set_label(letter)
            for card in cards:
                for face in drawn:
                    if face == "front":
                        painter.front(card, layout.slot, label)
                    else:
                        painter.back(layout.slot, label)
                    c.showPage()
                if progress and "front" in drawn:
                    progress(1)
        internals.share_page_resources(c)
        other = (standard,) if standard != "PDF/X-4" else ()  # PDF/X-4 files keep the ID they always had
        arranged = ("back-front",) if len(drawn) > 1 else ()
        fingerprint = repr((Path(target).name, layout, options, sets, *other, *arranged))
        make_pdfx4(c, meta, fingerprint, standard=standard)
        c.save()
    return len(cards) * len(set_letters(sets))
