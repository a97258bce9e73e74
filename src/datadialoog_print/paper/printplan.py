"""How each file of a build is printed: the facts behind the booklet's print-and-cut guide and run sheet.

Computed from the deck and the build options before anything is rendered, so the
booklet can tell the organiser exactly which file goes on which paper, how many
sheets it takes and how to cut it. Which files there are is the registry's
(:mod:`datadialoog_print.assemble.documents`); this module holds the record of one planned
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
    """One for the whole room: shown (the slides) or put up (the statements)."""
    SETS = 5
    """One copy of a file that holds every table's set (the card files)."""


def copies(who: Copies, *, tables: int, per_table: int) -> int:
    """How many copies of a handout counted for ``who`` a session of ``tables`` tables of ``per_table``
    needs: the one count the booklet's materials and a print plan both read, so they never disagree."""
    return {Copies.PARTICIPANT: tables * per_table, Copies.TABLE: tables}.get(who, 1)


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
    printed_for: Copies | None = None
    """Whom it is printed for when it is no material of the run sheet (the booklet: the facilitator); None for a
    file that need not be printed (the A5 booklet beside its imposed A4, to read on screen)."""
    pages_up: int = 1
    """Reading pages on one page of the file: 2 for the booklet imposed two A5 pages to an A4 side."""

    @property
    def who(self) -> Copies | None:
        """Whom the file is printed for: its run-sheet material's count, else its own."""
        return self.material.copies if self.material is not None else self.printed_for


def sheets_per_copy(f: PlannedFile, pages: int) -> int:
    """Sheets of paper one copy of ``f`` takes, ``pages`` being the file's own pages: ``pages_per_sheet`` reading
    pages to a sheet (a booklet), else one page a sheet. The booklet's guide and the workspace count so."""
    if not f.pages_per_sheet:
        return pages
    return -(-pages * f.pages_up // f.pages_per_sheet)


def card_file_names(lang: Language, series: Series) -> tuple[str, str]:
    """ "kaarten-reeks-1-groen.pdf" and its print shop backs' file: what, which series, which colour."""
    stem = f"{lang['file_cards']}-{slug(series.label)}-{slug(colour_word(lang, series.colour.name))}"
    return f"{stem}.pdf", f"{stem}-{lang['file_backs']}.pdf"


def sheet_count(per_set: int, per_sheet: int, sets: int, *, pack: bool = False) -> int:
    """Front sheets for ``sets`` sets of ``per_set`` cards: each set from a new sheet, or packed one after the other."""
    return -(-per_set * sets // per_sheet) if pack else -(-per_set // per_sheet) * sets


def last_sheet_note(name: str, per_set: int, per_sheet: int, sets: int, *, pack: bool = False) -> str:
    """What a nearly empty last sheet costs, and how to fill it; "" when every last sheet is more than a quarter full.

    Each set starts on a sheet of its own, so a set of 100 cards on 9-up sheets leaves one card
    on its 12th sheet, once per set. ``--pack-sets`` lets each set continue on that sheet."""
    left = (per_set * sets if pack else per_set) % per_sheet
    if not left or left * 4 > per_sheet:
        return ""
    times = 1 if pack else sets
    text = f"{name}: the last sheet{' of each set' if times > 1 else ''} holds {left} of {per_sheet} cards" + (
        f" ({times} such sheets)" if times > 1 else ""
    )
    if times > 1:
        packed = sheet_count(per_set, per_sheet, sets, pack=True)
        return (
            f"{text}; --pack-sets lets each set begin on the sheet where the previous one ends "
            f"({packed} sheets instead of {sheet_count(per_set, per_sheet, sets)}; the cards keep their set's letter)"
        )
    empty = per_sheet - left
    return f"{text}, {empty} places stay empty (with --sets 2 or more, --pack-sets fills them with the next set)"


def png_range(stem: str, cards: int) -> str:
    """ "kaarten-reeks-1-groen-001…200.png": the PNG files a PNG shop gets for one series' faces, as one line."""
    last = f"{cards:0{max(3, len(str(cards)))}d}"
    return f"{stem}-{'1'.rjust(len(last), '0')}…{last}.png"


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
    pack: bool = False,
    png: bool = False,
    interleaved: bool = False,
) -> tuple[PlannedFile, ...]:
    """The card files, one per series (and its backs for a print shop); each holds ``sets`` sets,
    each starting on a sheet of its own (``pack``: where the previous one ends); ``png``: a PNG shop's
    images, one per card face, instead of single-card PDFs; ``interleaved``: single cards with each back
    on the page before its front, one file per series (DriveThruCards)."""
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
            if interleaved:
                out.append(
                    PlannedFile(
                        kind,
                        "cards",
                        front,
                        shop,
                        lang["shop_interleaved"],
                        None,
                        series,
                        cards,
                        printed_for=Copies.SETS,
                    )
                )
                continue
            if png:
                front, back = (png_range(name.removesuffix(".pdf"), cards) for name in (front, back))
            words = ("shop_png_fronts", "shop_png_backs") if png else ("shop_fronts", "shop_backs")
            out.append(
                PlannedFile(kind, "cards", front, shop, lang[words[0]], None, series, cards, printed_for=Copies.SETS)
            )
            out.append(
                PlannedFile(kind, "backs", back, shop, lang[words[1]], None, series, cards, printed_for=Copies.SETS)
            )
            continue
        colour = colour_word(lang, series.colour.name)
        stock = (
            lang.t("stock_coloured", paper=paper_name, colour=colour)
            if (plain_stock or mono)
            else lang.t("stock_cards", paper=paper_name)
        )
        fronts = sheet_count(per_set, layout.per_sheet, sets, pack=pack)
        flip = {Duplex.LONG: "print_duplex_long", Duplex.SHORT: "print_duplex_short", Duplex.NONE: "print_duplex_none"}[
            duplex
        ]
        out.append(PlannedFile(kind, "cards", front, stock, lang[flip], fronts, series, cards, printed_for=Copies.SETS))
    return tuple(out)
