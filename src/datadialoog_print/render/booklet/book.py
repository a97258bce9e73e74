"""The facilitator booklet: the whole instruction with the answer sheet filled in, A5 in reading order
and the same pages imposed two-up on A4 for saddle-stitching.
"""

from __future__ import annotations

from pathlib import Path

from ...deck.language import Language, language
from ...deck.model import Deck
from ...paper.geometry import MM, PAPER_SIZES
from ..answer_sheet import answer_blocks, standing_caution
from ..impose import reading_order, saddle_stitch
from ..internals import Output, anchor_of, inner_flowables, set_anchor
from ..late import Late, page_number_footer
from ..pdf import Metadata
from ..styles import para, paragraphs, styles
from ..textdoc import write_story
from .anchors import anchor
from .appendix import persons_table, pseudonym_key
from .front import contents, cover
from .guide import print_guide
from .page_setup import A5, FRAME_HEIGHT, MARGINS, WIDTH, BookletOptions
from .part1 import assignments, card_sets
from .part2 import part2
from .runsheet import run_sheet
from .script import ground_rules, script
from .session import before_and_after, sensitive_moments


def _document(path, lang: Language, late: Late):
    """The booklet's doc template: A5 pages with page numbers; each heading tells ``late`` its page."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    width, height = A5
    left, right, top, bottom = MARGINS

    class BookletTemplate(BaseDocTemplate):
        def afterFlowable(self, flowable):
            key = anchor_of(flowable)
            if key is not None:
                late.pages.setdefault(key, self.page)

    doc = BookletTemplate(str(path), pagesize=(width * MM, height * MM), invariant=1)
    frame = Frame(
        left * MM,
        bottom * MM,
        (width - left - right) * MM,
        (height - top - bottom) * MM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_number_footer(lang))])
    return doc


def booklet_story(deck: Deck, options: BookletOptions, late: Late) -> list:
    """Every flowable of the booklet, in reading order; ``late`` gets the contents' page numbers."""
    from dataclasses import replace

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import CondPageBreak, PageBreak

    lang = language(deck.language)
    st = styles(1.0)
    # A part that starts below another one needs air above it (at the top of a page there is none).
    st = replace(st, h1=ParagraphStyle("h1", parent=st.h1, spaceBefore=18))
    # A part starts on a fresh page only when less than this is left: no page stays mostly
    # empty for a heading's sake.
    new_part = CondPageBreak(FRAME_HEIGHT * MM * 0.45)
    entries: list[tuple[int, str, str]] = []
    story = cover(deck, st, lang, options) + contents(st, lang, late, entries, WIDTH)
    story += [
        anchor(para(lang["introduction"], st.h1), "introduction"),
        *paragraphs(deck.texts.introduction, st.body),
    ]
    sheet = run_sheet(deck, st, lang, WIDTH, options, late)
    if sheet:
        story += [PageBreak(), *sheet]
    rules = ground_rules(deck, st, lang)
    if rules:
        story += [PageBreak(), *rules]
    around = before_and_after(deck, st, lang)
    if around:
        story += [PageBreak(), *around]
    moments = sensitive_moments(deck, st, lang)
    if moments:
        story += [new_part, *moments]
    story += [new_part, *script(deck, st, lang, options)] if rules or moments else script(deck, st, lang, options)
    story += [
        new_part if rules else PageBreak(),
        anchor(para(deck.texts.part1_title, st.h1), "part1"),
        *paragraphs(deck.texts.part1_introduction, st.body),
    ]
    story += card_sets(deck, st, lang, WIDTH, options, late)
    story += assignments(deck, st, lang, options, late)
    story += [
        new_part,
        anchor(para(deck.texts.answer_sheet_title, st.h1), "answer_sheet"),
        *paragraphs(deck.texts.answer_sheet_introduction, st.body),
        *standing_caution(deck, st),
    ]
    story += answer_blocks(deck, st, WIDTH, rows=options.rows)
    story += [new_part, *part2(deck, st, lang, WIDTH, options)]
    story += [new_part, anchor(para(lang["appendix"], st.h1), "appendix")]
    story += persons_table(deck, st, lang, WIDTH, options)
    story += pseudonym_key(deck, st, lang, WIDTH)
    story += print_guide(deck, st, lang, WIDTH, options, late)
    _collect_headings(story, entries)
    return story


def _collect_headings(story: list, entries: list) -> None:
    """Every h1 and h2 of the story, in order, as contents entries; each heading learns its key
    (an anchor's own key, or a numbered one)."""

    def walk(flowables):
        for f in flowables:
            inner = inner_flowables(f)
            if inner is not None:
                walk(inner)
                continue
            name = getattr(getattr(f, "style", None), "name", "")
            if name in ("h1", "h2"):
                key = anchor_of(f) or f"h{len(entries)}"
                set_anchor(f, key)
                entries.append((0 if name == "h1" else 1, f.getPlainText(), key))

    walk(story)


def render_booklets(
    deck: Deck, *, reading: Path | None, imposed: Path | None, options: BookletOptions, meta: Metadata
) -> int:
    """The booklet, laid out once: A5 pages in reading order into ``reading``, and the same pages
    imposed two-up on A4 landscape for saddle-stitching into ``imposed`` (either may be None);
    returns the A5 page count.

    One pass: the contents' page numbers and the page count are late values.
    """
    width, height = A5
    a4_w, a4_h = PAPER_SIZES["a4"]
    outputs = []
    if reading is not None:
        outputs.append(Output(str(reading), reading_order(width * MM, height * MM)))
    if imposed is not None:
        # The imposed booklet only folds right when flipped on the short edge: say so to the print dialog.
        saddle = saddle_stitch(width * MM, height * MM, (a4_h * MM, a4_w * MM))
        outputs.append(Output(str(imposed), saddle, {"Duplex": "DuplexFlipShortEdge", "PrintScaling": "None"}))
    late = Late()
    doc = _document(outputs[0].path, language(deck.language), late)
    return write_story(doc, booklet_story(deck, options, late), meta=meta, outputs=outputs, late=late)
