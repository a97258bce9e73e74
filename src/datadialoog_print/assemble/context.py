"""What every renderer of a build reads, computed once per build: the one argument they all take.

``build`` makes it before the output folder is touched, so whatever can be refused
without rendering (a bad ``SOURCE_DATE_EPOCH``, a colour over the ink limit, a text that
does not fit on a card) is refused then; ``verify`` makes one per set of recorded options.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..deck.cardtext import Card
from ..deck.language import Language, language
from ..deck.model import Deck
from ..figures.answersheet import AnswerRow
from ..figures.stats import Row
from ..paper.layout import SheetLayout, SingleLayout
from ..paper.shops import Shop
from .options import BuildOptions, card_layout


@dataclass(frozen=True)
class BuildContext:
    """The deck and everything a build derives from it and its options before drawing a page."""

    deck: Deck
    options: BuildOptions
    """After ``for_deck``: every value the deck decides is filled in."""
    layout: SheetLayout | SingleLayout
    lang: Language
    identity: str
    """Deck name, short hash and version, printed small on the booklet's cover and the answer sheet."""
    keywords: tuple[str, ...]
    cards: Mapping[str, list[Card]]
    """Each series' cards by series key, when a document of this build draws cards; else empty."""
    sheet: tuple[Row, ...]
    """The answer sheet's figures as numbers (the slides' charts), when a document of this build uses them."""
    rows: tuple[AnswerRow, ...]
    """The same figures as printed texts."""
    shop: Shop | None = None
    """The print shop preset (``--shop``), or None: the card renderer, the booklet's guide and the manifest read it."""
    progress: Callable[[int], None] | None = None
    parallel_from: int | None = None
    """From this many cards on the two card series render in two processes; None: always in this one."""

    def meta(self, title_key: str):
        """The PDF metadata of a document whose title is the language's ``title_key``."""
        from ..render.pdf import Metadata, deck_author

        return Metadata(
            title=f"{self.deck.title} — {self.lang[title_key]}",
            subject=self.identity,
            keywords=self.keywords,
            author=deck_author(self.deck),
        )

    @property
    def png(self) -> bool:
        """The shop takes one PNG per card face, not PDFs."""
        from ..paper.shops import ShopFormat

        return self.shop is not None and self.shop.format is ShopFormat.PNG


def build_context(
    deck: Deck,
    options: BuildOptions,
    *,
    uses: frozenset[str],
    progress: Callable[[int], None] | None = None,
    parallel_from: int | None = None,
) -> BuildContext:
    """Check what can be checked before rendering and compute what the documents share.

    ``uses``: what the documents to render need ("cards", "figures"), from the registry; what
    none of them needs is not computed.
    """
    from ..deck.cardtext import series_cards
    from ..figures.answersheet import answer_rows
    from ..figures.stats import answer_sheet
    from ..render.pdf import check_source_date_epoch
    from .identity import identity_line, keywords
    from .inks import check_ink

    options = options.for_deck(deck)
    check_source_date_epoch()
    check_ink(deck, options)
    layout = card_layout(deck, options)
    cards: dict[str, list[Card]] = {}
    if "cards" in uses:
        from ..paper.cardfit import check_cards_fit
        from ..render.internals import same_widths

        same_widths()  # text measured alike with or without ReportLab's accelerator, before any card is fitted
        cards = {s.key: series_cards(deck, s) for s in deck.series}
        check_cards_fit(
            deck, layout.card_width, layout.card_height, mono=options.mono, cards=cards, safe=options.safe_mm()
        )
    # The figures, computed once: as raw numbers for the slides' charts, as printed texts for the rest.
    sheet = answer_sheet(deck) if "figures" in uses else ()
    return BuildContext(
        deck=deck,
        options=options,
        layout=layout,
        lang=language(deck.language),
        identity=identity_line(deck),
        keywords=keywords(deck),
        cards=cards,
        sheet=sheet,
        rows=answer_rows(deck, sheet=sheet) if sheet else (),
        shop=options.preset(),
        progress=progress,
        parallel_from=parallel_from,
    )
