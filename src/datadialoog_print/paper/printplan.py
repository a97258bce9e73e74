"""How each file of a build is printed: the facts behind the booklet's print-and-cut guide and run sheet.

Computed from the deck and the build options before anything is rendered, so the
booklet can tell the organiser exactly which file goes on which paper, how many
sheets it takes and how to cut it. Which files there are is the registry's
(:mod:`datadialoog_print.build.documents`); this module holds the record of one planned
file and the one plan that depends on the paper: the card files'.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from ..deck.language import Language, colour_word, slug
from ..deck.model import Deck, Series
from .layout import Duplex, SheetLayout, SingleLayout


class Copies(IntEnum):
    """Who a handout is counted for on the run sheet's list of materials, in the order it lists them."""

    PARTICIPANT = 1
    """One per participant."""
    TABLE = 2
    """One per table (card set)."""
    FACILITATOR = 3
    """One, for the facilitator."""
    ROOM = 4
    """Shown to the whole room."""


@dataclass(frozen=True)
class Material:
    """A line of the run sheet's materials: its phrase (with ``{count}``, ``{file}``, ``{pages}``) and whom it counts."""

    phrase: str
    copies: Copies


@dataclass(frozen=True)
class PlannedFile:
    """One output file and how to print it."""

    kind: str
    """The document it belongs to (the registry's kind: ``--only`` and the manifest say the same)."""
    file: str
    """Which of the document's files ("questions" of the handouts, "backs" of single cards)."""
    name: str
    paper: str
    """Paper words in the deck's language ("A4, wit", "groen karton")."""
    duplex: str
    """Duplex words ("dubbelzijdig, omslaan via de lange kant") or "" for one-sided."""
    sheets: int | None
    """Sheets of paper per copy, where known before rendering."""
    series: Series | None = None
    cards: int | None = None
    """Cards in a card file, every set counted (for a print shop's single cards: its pages)."""
    printed: bool = True
    """False for a file that is shown, not printed (the slides): the guide's table leaves it out."""
    pages_per_sheet: int | None = None
    """For a file whose sheets are counted once it is laid out (the booklet): pages on one sheet."""
    material: Material | None = None
    """Its line in the run sheet's materials, if it is one."""
    guide: str = ""
    """The language key of the guide's step for this file, "" for none."""
    guide_order: int = 0
    """Where that step stands among the guide's steps for the other documents."""


def card_file_names(lang: Language, series: Series) -> tuple[str, str]:
    """ "kaarten-reeks-1-groen.pdf" and its print shop backs' file: what, which series, which colour."""
    stem = f"{lang['file_cards']}-{slug(series.label)}-{slug(colour_word(lang, series.colour.name))}"
    return f"{stem}.pdf", f"{stem}-{lang['file_backs']}.pdf"


def card_plan(
    deck: Deck,
    lang: Language,
    layout: SheetLayout | SingleLayout,
    *,
    kind: str,
    duplex: Duplex,
    plain_stock: bool,
    mono: bool,
    sets: int = 1,
) -> tuple[PlannedFile, ...]:
    """The card files, one per series (and its backs for a print shop); each holds ``sets`` sets,
    each starting on a sheet of its own."""
    out: list[PlannedFile] = []
    paper_name = lang["paper_" + getattr(layout, "paper", "a4")]
    for series in deck.series:
        per_set = len(deck.persons_in(series)) * len(deck.attributes)
        cards = per_set * sets
        front, back = card_file_names(lang, series)
        if isinstance(layout, SingleLayout):
            shop = lang.t(
                "stock_shop", width=lang.number(layout.card_width, 1), height=lang.number(layout.card_height, 1)
            )
            out.append(PlannedFile(kind, "cards", front, shop, lang["shop_fronts"], None, series, cards))
            out.append(PlannedFile(kind, "backs", back, shop, lang["shop_backs"], None, series, cards))
            continue
        colour = colour_word(lang, series.colour.name)
        stock = (
            lang.t("stock_coloured", paper=paper_name, colour=colour)
            if (plain_stock or mono)
            else lang.t("stock_cards", paper=paper_name)
        )
        fronts = -(-per_set // layout.per_sheet) * sets
        flip = {Duplex.LONG: "duplex_long", Duplex.SHORT: "duplex_short", Duplex.NONE: "duplex_none"}[duplex]
        out.append(PlannedFile(kind, "cards", front, stock, lang[flip], fronts, series, cards))
    return tuple(out)
