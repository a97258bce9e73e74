"""Which files a build writes and how to print each: the facts behind the booklet's print-and-cut guide.

Computed from the deck and the build options before anything is rendered, so the
booklet can tell the organiser exactly which file goes on which paper, how many
sheets it takes and how to cut it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..deck.language import colour_word, language, slug
from ..deck.model import Deck, Series
from .layout import Duplex, SheetLayout, SingleLayout


@dataclass(frozen=True)
class PlannedFile:
    """One output file and how to print it."""

    kind: str
    """'cards', 'backs', 'booklet', 'booklet_imposed', 'answers', 'questions', 'statements', 'participants', 'slides'."""
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


def card_file_stem(deck: Deck, series: Series) -> str:
    """ "kaarten-reeks-1-groen": what the file is, which series, which colour — in the deck's language."""
    lang = language(deck.language)
    return f"{lang['file_cards']}-{slug(series.label)}-{slug(colour_word(lang, series.colour.name))}"


def file_names(deck: Deck) -> dict[str, str]:
    """The names of the documents other than cards, in the deck's language."""
    lang = language(deck.language)
    return {
        "booklet": f"{lang['file_booklet']}-a5.pdf",
        "booklet_imposed": f"{lang['file_booklet']}-{lang['file_imposed']}-a4.pdf",
        "answers": f"{lang['file_answers']}.pdf",
        "questions": f"{lang['file_questions']}.pdf",
        "statements": f"{lang['file_statements']}.pdf",
        "participants": f"{lang['file_participants']}.pdf",
        # An ASCII name, like the others: "dia's.pdf" would need quoting in a shell, and
        # upload forms and zip tools mangle the apostrophe.
        "slides": f"{lang['file_slides']}.pdf",
    }


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


def slide_count(deck: Deck) -> int:
    """Slides in the debrief deck: title, sources, assignments, the recognisability example,
    one per comparison, the questions, one per statement (the renderer checks it draws as many)."""
    return 4 + len(deck.comparisons) + 1 + sum(len(g.items) for g in deck.texts.statements)


def plan(
    deck: Deck,
    layout: SheetLayout | SingleLayout,
    *,
    duplex: Duplex,
    plain_stock: bool,
    mono: bool,
    only: tuple[str, ...],
    sets: int = 1,
    pack: bool = False,
    shop=None,
) -> tuple[PlannedFile, ...]:
    """Every file the build will write, in the order the guide lists them; card files hold ``sets`` sets,
    each starting on a sheet of its own (``pack``: where the previous one ends)."""
    lang = language(deck.language)
    out: list[PlannedFile] = []
    names = file_names(deck)
    paper_name = lang["paper_" + getattr(layout, "paper", "a4")]
    if "cards" in only:
        for series in deck.series:
            per_set = len(deck.persons_in(series)) * len(deck.attributes)
            cards = per_set * sets
            stem = card_file_stem(deck, series)
            colour = colour_word(lang, series.colour.name)
            stock = (
                lang.t("stock_coloured", paper=paper_name, colour=colour)
                if (plain_stock or mono)
                else lang.t("stock_cards", paper=paper_name)
            )
            if isinstance(layout, SingleLayout):
                paper = lang.t(
                    "stock_shop", width=lang.number(layout.card_width, 1), height=lang.number(layout.card_height, 1)
                )
                backs = f"{stem}-{lang['file_backs']}"
                if shop is not None and shop.format.value == "PNG":
                    last = f"{cards:0{max(3, len(str(cards)))}d}"
                    first = "1".rjust(len(last), "0")
                    fronts_name, backs_name = (f"{s}-{first}…{last}.png" for s in (stem, backs))
                    words = (lang["shop_png_fronts"], lang["shop_png_backs"])
                else:
                    fronts_name, backs_name = f"{stem}.pdf", f"{backs}.pdf"
                    words = (lang["shop_fronts"], lang["shop_backs"])
                out.append(PlannedFile("cards", fronts_name, paper, words[0], None, series, cards))
                out.append(PlannedFile("backs", backs_name, paper, words[1], None, series, cards))
                continue
            fronts = sheet_count(per_set, layout.per_sheet, sets, pack=pack)
            flip = {
                Duplex.LONG: lang["duplex_long"],
                Duplex.SHORT: lang["duplex_short"],
                Duplex.NONE: lang["duplex_none"],
            }[duplex]
            out.append(PlannedFile("cards", f"{stem}.pdf", stock, flip, fronts, series, cards))
    if "booklet" in only:
        out.append(PlannedFile("booklet", names["booklet"], lang["paper_a5_or_a4"], lang["duplex_long"], None))
        out.append(
            PlannedFile(
                "booklet_imposed",
                names["booklet_imposed"],
                lang.t("stock_white", paper="A4"),
                lang["duplex_booklet"],
                None,
            )
        )
    if "answers" in only:
        out.append(PlannedFile("answers", names["answers"], lang.t("stock_white", paper="A4"), lang["duplex_none"], 1))
    if "handouts" in only:
        statements = sum(len(g.items) for g in deck.texts.statements)
        out.append(
            PlannedFile("questions", names["questions"], lang.t("stock_white", paper="A4"), lang["duplex_none"], 1)
        )
        out.append(
            PlannedFile(
                "statements", names["statements"], lang.t("stock_white", paper="A4"), lang["duplex_none"], statements
            )
        )
        out.append(
            PlannedFile(
                "participants", names["participants"], lang.t("stock_white", paper="A4"), lang["duplex_none"], None
            )
        )
    if "slides" in only:
        out.append(PlannedFile("slides", names["slides"], lang["paper_screen"], lang["print_screen"], None))
    return tuple(out)
