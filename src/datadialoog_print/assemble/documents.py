"""The registry of documents: one record per kind of document a build writes, and nothing about them elsewhere.

A record says what the document is called (its kind, for ``--only``, the manifest and
``verify``), which files it writes and their names in the deck's language, how each is
printed (paper, duplex, sheets: the booklet's guide and the run sheet's materials read
it), what its renderer needs computed (the cards, the figures), and which documents'
page counts its renderer prints (those are rendered first). Every renderer takes the same
two arguments: the build's :class:`~.context.BuildContext` and a :class:`~.renderers.Target`.

Adding a document is one record here and one renderer (docs/contributing.md, "Adding a document").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..deck.language import Language
from ..deck.model import Deck
from ..paper.printplan import Copies, Material, PlannedFile, card_file_names, card_plan
from ..paper.shops import Arrangement
from . import buildnotes, renderers
from .renderers import Target, Written

if TYPE_CHECKING:
    from pathlib import Path

    from ..render.pdf import Metadata
    from .context import BuildContext


@dataclass(frozen=True)
class FileSpec:
    """One file of a document, planned from data: its name, its paper, its sheets, its lines in the booklet."""

    file: str
    """Names the file among the set's ("questions"); the booklet's guide and run sheet look files up by it."""
    name: str
    """The file name, with language words in braces: "{file_answers}.pdf"."""
    paper: str
    """The language phrase for its paper; ``{paper}`` in it becomes ``size``."""
    duplex: str
    """The language phrase for how it is printed."""
    size: str = "A4"
    sheets: Callable[[Deck], int | None] = lambda deck: None
    """Sheets per copy, where the deck alone says (else the renderer's count is used)."""
    title: str = ""
    """The language key of the PDF's title."""
    draw: Callable[[BuildContext, Path, Metadata], int] | None = None
    """Writes the file and returns its pages; None where the document's renderer writes its files together."""
    printed: bool = True
    pages_per_sheet: int | None = None
    material: Material | None = None
    guide: str = ""
    guide_order: int = 0
    printed_for: Copies | None = None
    """Whom it is printed for when it is no run-sheet material (see :class:`~..paper.printplan.PlannedFile`)."""
    pages_up: int = 1

    def file_name(self, lang: Language) -> str:
        return self.name.format_map(lang.words)


@dataclass(frozen=True)
class Document:
    """One kind of document: its files, how they are planned and how they are rendered."""

    kind: str
    render: Callable[[BuildContext, Target], tuple[Written, ...]] = renderers.render_files
    files: tuple[FileSpec, ...] = ()
    plan: Callable[[BuildContext, Document], tuple[PlannedFile, ...]] = field(default=None)  # type: ignore[assignment]
    """The document's planned files; None: one per ``files`` entry, from its data."""
    names: Callable[[Language, Deck], set[str]] | None = None
    """Every name a build of it can write, whatever the options; None: those of ``files``."""
    uses: frozenset[str] = frozenset()
    """What the build computes for it before rendering: "cards" (each card's text, checked to fit), "figures"."""
    after: tuple[str, ...] = ()
    """Kinds whose sheet counts its renderer prints: rendered before it, into a scratch folder if the build
    leaves them out (``--only booklet``), so the counts are right however it is built."""
    notes: Callable[[BuildContext], tuple[str, ...]] = lambda ctx: ()
    """What the organiser should be told about how it was built."""
    anchors: tuple[str, ...] = ()
    """Places in it a deck's texts may name: the booklet's sections (``see:``, besides ``assignment-KEY`` for
    each assignment), the slides' groups in the order they come (``slides:``); ``check`` gets them from here."""

    @property
    def label_key(self) -> str:
        """The key of its name in the deck word tables, as the print form and the result page list it."""
        return f"document_{self.kind}"

    def planned(self, ctx: BuildContext) -> tuple[PlannedFile, ...]:
        if self.plan is not None:
            return self.plan(ctx, self)
        return tuple(self.plan_file(spec, ctx) for spec in self.files)

    def plan_file(self, spec: FileSpec, ctx: BuildContext) -> PlannedFile:
        lang = ctx.lang
        return PlannedFile(
            kind=self.kind,
            file=spec.file,
            name=spec.file_name(lang),
            paper=lang.t(spec.paper, paper=spec.size),
            duplex=lang[spec.duplex],
            sheets=spec.sheets(ctx.deck),
            printed=spec.printed,
            pages_per_sheet=spec.pages_per_sheet,
            material=spec.material,
            guide=spec.guide,
            guide_order=spec.guide_order,
            printed_for=spec.printed_for,
            pages_up=spec.pages_up,
        )

    def file_names(self, lang: Language, deck: Deck) -> set[str]:
        if self.names is not None:
            return self.names(lang, deck)
        return {spec.file_name(lang) for spec in self.files}


def _statements(deck: Deck) -> int:
    return sum(len(g.items) for g in deck.texts.statements)


def _plan_cards(ctx: BuildContext, doc: Document) -> tuple[PlannedFile, ...]:
    o = ctx.options
    return card_plan(
        ctx.deck,
        ctx.lang,
        ctx.layout,
        kind=doc.kind,
        duplex=o.duplex,
        plain_stock=o.plain_stock,
        mono=o.mono,
        sets=o.sets,
        pack=o.pack_sets,
        png=ctx.png,
        interleaved=ctx.shop is not None and ctx.shop.arrangement is Arrangement.INTERLEAVED,
    )


def _card_names(lang: Language, deck: Deck) -> set[str]:
    return {name for series in deck.series for name in card_file_names(lang, series)}


def _slide_count(deck: Deck) -> int:
    from ..render.slides import slide_count

    return slide_count(deck)


CARDS = Document(
    "cards",
    render=renderers.render_cards,
    plan=_plan_cards,
    names=_card_names,
    uses=frozenset({"cards"}),
    notes=buildnotes.sheet_notes,
)
BOOKLET = Document(
    "booklet",
    render=renderers.render_booklet,
    files=(
        FileSpec(
            "booklet",
            "{file_booklet}-a5.pdf",
            "paper_a5_or_a4",
            "print_duplex_long",
            title="title_booklet",
            pages_per_sheet=2,
        ),
        FileSpec(
            "booklet_imposed",
            "{file_booklet}-{file_imposed}-a4.pdf",
            "stock_white",
            "duplex_booklet",
            pages_per_sheet=4,
            pages_up=2,  # two A5 pages on each A4 side
            printed_for=Copies.FACILITATOR,
            guide="guide_booklet",
            guide_order=1,
        ),
    ),
    uses=frozenset({"figures"}),
    after=("answers", "handouts"),
    notes=buildnotes.session_notes,
    anchors=(
        "introduction",
        "run_sheet",
        "before",
        "sensitive",
        "part1",
        "sources",
        "answer_sheet",
        "part2",
        "questions",
        "statements",
        "appendix",
    ),
)
ANSWERS = Document(
    "answers",
    files=(
        FileSpec(
            "answers",
            "{file_answers}.pdf",
            "stock_white",
            "print_duplex_none",
            sheets=lambda deck: 1,
            title="title_answers",
            draw=renderers.draw_answers,
            material=Material("material_answers", Copies.FACILITATOR),
            guide="guide_answers",
            guide_order=3,
        ),
    ),
    uses=frozenset({"figures"}),
    notes=buildnotes.claim_notes,
)
HANDOUTS = Document(
    "handouts",
    files=(
        FileSpec(
            "questions",
            "{file_questions}.pdf",
            "stock_white",
            "print_duplex_none",
            sheets=lambda deck: 1,
            title="title_questions",
            draw=renderers.draw_questions,
            material=Material("material_questions", Copies.TABLE),
        ),
        FileSpec(
            "statements",
            "{file_statements}.pdf",
            "stock_white",
            "print_duplex_none",
            sheets=_statements,
            title="title_statements",
            draw=renderers.draw_statements,
            material=Material("material_statements", Copies.ROOM),  # one set to put up: the run sheet says 1 ×
            guide="guide_handouts",
            guide_order=2,
        ),
        FileSpec(
            "participants",
            "{file_participants}.pdf",
            "stock_white",
            "print_duplex_none",
            title="title_participants",
            draw=renderers.draw_participants,
            material=Material("material_participants", Copies.PARTICIPANT),
        ),
        FileSpec(
            "key_sheet",
            "{file_key_sheet}.pdf",
            "stock_white",
            "print_duplex_none",
            sheets=lambda deck: 1,
            title="title_key_sheet",
            draw=renderers.draw_key_sheet,
            material=Material("material_key_sheet", Copies.TABLE),
        ),
    ),
)
SLIDES = Document(
    "slides",
    files=(
        FileSpec(
            "slides",
            # An ASCII name, like the others: "dia's.pdf" would need quoting in a shell, and
            # upload forms and zip tools mangle the apostrophe.
            "{file_slides}.pdf",
            "paper_screen",
            "print_screen",
            sheets=_slide_count,
            title="title_slides",
            draw=renderers.draw_slides,
            printed=False,
            material=Material("material_slides", Copies.ROOM),
            guide="guide_slides",
            guide_order=4,
        ),
    ),
    uses=frozenset({"figures"}),
    notes=buildnotes.claim_notes,
    anchors=(
        "title",
        "agenda",
        "rules",
        "afterwards",
        "sources",
        "assignments",
        "recognisable",
        "comparisons",
        "break",
        "questions",
        "statements",
        "closing",
    ),
)

DOCUMENTS: tuple[Document, ...] = (CARDS, BOOKLET, ANSWERS, HANDOUTS, SLIDES)
"""Every document, in the order the booklet's guide lists their files."""

KINDS: tuple[str, ...] = tuple(d.kind for d in DOCUMENTS)
"""Document kinds, as ``--only`` takes them and the manifest records them."""


def document(kind: str) -> Document:
    """The record of ``kind``; KeyError for a kind no document has."""
    for doc in DOCUMENTS:
        if doc.kind == kind:
            return doc
    raise KeyError(kind)


def render_order(kinds: tuple[str, ...] | list[str]) -> tuple[Document, ...]:
    """The documents of ``kinds`` and those their renderers wait for (``after``), each after what it waits for."""
    wanted = set(kinds)
    for kind in list(wanted):
        wanted |= set(document(kind).after)
    pending = [d for d in DOCUMENTS if d.kind in wanted]
    order: list[Document] = []
    while pending:
        ready = next(d for d in pending if set(d.after) <= {o.kind for o in order})
        order.append(ready)
        pending.remove(ready)
    return tuple(order)


def plan(ctx: BuildContext, sheets: dict[str, int] | None = None) -> tuple[PlannedFile, ...]:
    """Every file of the whole set, whatever this build writes, in the guide's order; ``sheets`` (by file
    name) fills in what only a render counted."""
    files = tuple(f for doc in DOCUMENTS for f in doc.planned(ctx))
    if not sheets:
        return files
    return tuple(replace(f, sheets=sheets.get(f.name, f.sheets)) for f in files)


def booklet_pointers(plan: tuple[PlannedFile, ...]) -> dict[str, str]:
    """The files the booklet's pages point to by name (the answer sheet's, the participant sheet's, the slides'),
    "" where the set has none."""
    names = {f.file: f.name for f in plan}
    return {
        "answers_file": names.get("answers", ""),
        "participants_file": names.get("participants", ""),
        "slides_file": names.get("slides", ""),
    }


def print_advice(deck: Deck, options, kind: str) -> tuple[PlannedFile, ...]:
    """How to print each file of one document (paper, duplex, sheets where known before rendering), for a
    page that lists the documents; ``options`` are :class:`~.options.BuildOptions`. Draws nothing."""
    from .context import build_context

    return document(kind).planned(build_context(deck, options, uses=frozenset()))


def tool_names(deck: Deck) -> set[str]:
    """Every file name a build of this deck can write, whatever its options (so a leftover is recognised)."""
    from ..deck.language import language

    lang = language(deck.language)
    return {name for doc in DOCUMENTS for name in doc.file_names(lang, deck)}
