"""What a build is asked to make: every option that shapes the printed output, and the layout it implies."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..deck.model import MAX_SETS, CardSize, Deck
from ..deck.workshop import MAX_TABLE_SIZE, table_size
from ..numbers import parse_decimal
from ..paper import geometry
from ..paper.ink import DEFAULT_MAX_INK, MAX_MAX_INK, MIN_MAX_INK
from ..paper.layout import Duplex, SheetLayout, SingleLayout, sheet_layout
from .documents import KINDS

MAX_BLEED_MM = 6.0
"""More bleed than this is no longer a margin of safety but a wider card."""

MAX_BACK_OFFSET_MM = 20.0
"""A printer that misregisters by more than this needs repair, not a correction."""


@dataclass(frozen=True)
class BuildOptions:
    """Every option that shapes the printed output (and so belongs in the manifest)."""

    layout: str = "sheets"
    """'sheets' (N-up on office paper) or 'single' (one card per page, for a print shop)."""
    paper: str = "a4"
    card_size: CardSize | None = None
    """None: the deck's own card size."""
    bleed: float | None = None
    """mm of card colour past the cut; None: 0 on sheets, 3 for single cards."""
    duplex: Duplex = Duplex.LONG
    back_offset: tuple[float, float] = (0.0, 0.0)
    plain_stock: bool = False
    mono: bool = False
    only: tuple[str, ...] = field(default=KINDS)
    sets: int | None = None
    """How many full card sets to print (one per table); None: the deck's own (``sets:``, 1 unless it says)."""
    table_size: int | None = None
    """Participants at one table (one card set each); None: the deck's own (``run_sheet.per_table``)."""
    max_ink: float | None = None
    """Total ink limit in percent that every printed colour must keep (a print shop's figure); None: the shop
    preset's limit, else :data:`~datadialoog_print.paper.ink.DEFAULT_MAX_INK` (:meth:`ink_limit`)."""
    start: str = ""
    """The session's start time "HH:MM" for the run sheet's clock times; "" for the deck's own (if any)."""
    allow_broken_lesson: bool = False
    """Build a deck whose figures no longer show its lesson (the answer sheet then says so); otherwise
    ``build`` stops with the lesson's verdict. Not in the manifest: the documents do not depend on it."""
    pack_sets: bool = False
    """Sheets: each set begins where the previous one ends, not on a sheet of its own (fewer near-empty sheets)."""
    shop: str = ""
    """A print shop preset (:data:`~datadialoog_print.paper.shops.SHOPS`): single cards as that shop takes them;
    "" for none."""
    dpi: int | None = None
    """PNG shops: pixels per inch (one the shop takes); None: the shop's default."""

    def __post_init__(self) -> None:
        """Every number finite and in range, whoever made the options (the CLI, a manifest, a library caller)."""
        if self.layout not in ("sheets", "single"):
            raise ValueError(f"layout '{self.layout}' is not sheets or single")
        if self.paper not in geometry.PAPER_SIZES:
            raise ValueError(f"paper '{self.paper}' is not one of {', '.join(geometry.PAPER_SIZES)}")
        if self.bleed is not None and not (math.isfinite(self.bleed) and 0 <= self.bleed <= MAX_BLEED_MM):
            raise ValueError(f"bleed {self.bleed} mm is not from 0 to {MAX_BLEED_MM:g} mm")
        if len(self.back_offset) != 2 or not all(
            math.isfinite(v) and abs(v) <= MAX_BACK_OFFSET_MM for v in self.back_offset
        ):
            raise ValueError(f"back offset {self.back_offset} is not two numbers within ±{MAX_BACK_OFFSET_MM:g} mm")
        if unknown := set(self.only) - set(KINDS):
            raise ValueError(f"unknown document kind {', '.join(sorted(unknown))}")
        if self.sets is not None and (
            isinstance(self.sets, bool) or not isinstance(self.sets, int) or not 1 <= self.sets <= MAX_SETS
        ):
            raise ValueError(f"sets {self.sets} is not a whole number from 1 to {MAX_SETS}")
        if self.table_size is not None and (
            isinstance(self.table_size, bool)
            or not isinstance(self.table_size, int)
            or not 1 <= self.table_size <= MAX_TABLE_SIZE
        ):
            raise ValueError(f"table size {self.table_size} is not a whole number from 1 to {MAX_TABLE_SIZE}")
        if self.max_ink is not None and not (
            math.isfinite(self.max_ink) and MIN_MAX_INK <= self.max_ink <= MAX_MAX_INK
        ):
            raise ValueError(f"ink limit {self.max_ink} % is not from {MIN_MAX_INK} to {MAX_MAX_INK} %")
        if self.shop:
            from ..paper.shops import shop

            preset = shop(self.shop)  # ValueError naming the shops there are
            if self.layout != "single":
                raise ValueError(f"--shop {self.shop} makes single cards, not {self.layout}")
            if self.dpi is not None and self.dpi not in preset.dpis:
                takes = ", ".join(str(d) for d in preset.dpis)
                raise ValueError(f"{preset.title} takes {takes} dpi, not {self.dpi}")
        elif self.dpi is not None:
            raise ValueError("--dpi is for a PNG shop (--shop mpc or tgc)")
        if self.start:
            from ..deck.texts import clock_minutes

            clock_minutes(self.start)  # ValueError with its own message

    @classmethod
    def from_description(cls, data: dict, only: tuple[str, ...]) -> BuildOptions:
        """The options a manifest recorded (``describe``), for ``only`` these kinds; ValueError if damaged."""
        try:
            size = data["card_size"]
            card = CardSize(str(size["name"]), float(size["width_mm"]), float(size["height_mm"]))
            if not all(
                math.isfinite(v) and geometry.CARD_MIN_MM <= v <= top
                for v, top in zip((card.width_mm, card.height_mm), geometry.CARD_MAX_MM, strict=True)
            ):
                raise ValueError(f"card size {card.width_mm} × {card.height_mm} mm")
            x, y = data["back_offset_mm"]
            return cls(
                layout=data["layout"],
                paper=data["paper"],
                card_size=card,
                bleed=float(data["bleed_mm"]),
                duplex=Duplex(data["duplex"]),
                back_offset=(float(x), float(y)),
                plain_stock=bool(data["plain_stock"]),
                mono={"mono": True, "colour": False}[data["edition"]],
                only=only,
                sets=data.get("sets", 1),
                table_size=data.get("table_size"),
                max_ink=float(data.get("max_ink_percent", DEFAULT_MAX_INK)),
                start=str(data.get("start", "")),
                pack_sets=bool(data.get("pack_sets", False)),
                shop=str(data.get("shop", "")),
                dpi=data.get("dpi"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"options not as a build writes them ({exc})") from None

    def describe(self, deck: Deck) -> dict:
        """Every option as plain data, for the manifest."""
        size = self.card(deck)
        return {
            "layout": self.layout,
            "paper": self.paper,
            "card_size": {"name": size.name, "width_mm": size.width_mm, "height_mm": size.height_mm},
            "bleed_mm": self.bleed_mm(),
            "duplex": self.duplex.value,
            "back_offset_mm": list(self.back_offset),
            "plain_stock": self.plain_stock,
            "edition": "mono" if self.mono else "colour",
            "only": list(self.only),
            "sets": self.set_count(deck),
            "table_size": self.table_count(deck),
            "max_ink_percent": self.ink_limit(),
            "start": self.start,
            "pack_sets": self.pack_sets,
            **({"shop": self.shop, "dpi": self.png_dpi()} if self.shop else {}),
        }

    def set_count(self, deck: Deck) -> int:
        """The card sets to print: the option's, else the deck's own."""
        return self.sets if self.sets is not None else deck.sets

    def table_count(self, deck: Deck) -> int:
        """Participants at one table: the option's, else the deck's own."""
        return self.table_size if self.table_size is not None else table_size(deck.texts.run_sheet)

    def for_deck(self, deck: Deck) -> BuildOptions:
        """These options with everything the deck decides filled in, so what follows reads plain numbers."""
        return replace(self, sets=self.set_count(deck), table_size=self.table_count(deck))

    def preset(self):
        """The print shop preset, or None."""
        from ..paper.shops import shop

        return shop(self.shop) if self.shop else None

    def ink_limit(self) -> float:
        """The total ink limit every colour must keep: the option's, else the shop preset's, else the default."""
        if self.max_ink is not None:
            return self.max_ink
        preset = self.preset()
        return preset.max_ink if preset is not None and preset.max_ink is not None else DEFAULT_MAX_INK

    def png_dpi(self) -> int | None:
        """The PNGs' resolution: the option's, else the shop's first (None when the shop takes no PNGs)."""
        preset = self.preset()
        if preset is None or preset.format.value != "PNG":
            return None
        return self.dpi or preset.dpis[0]

    def card(self, deck: Deck) -> CardSize:
        """The card size: the option's, else the card a shop preset cuts, else the deck's own."""
        preset = self.preset()
        if self.card_size is None and preset is not None and preset.card_size is not None:
            return CardSize(preset.card_size, *geometry.CARD_PRESETS[preset.card_size])
        return self.card_size or deck.card_size

    def bleed_mm(self) -> float:
        """The bleed asked for, or the default for the layout (a shop preset's own)."""
        if self.bleed is not None:
            return self.bleed
        if self.shop:
            return round(self.preset().bleed_mm, 3)
        return geometry.SINGLE_BLEED_MM if self.layout == "single" else 0.0

    def safe_mm(self) -> float:
        """How far text stays inside the trim: the card's own safe zone, or a shop preset's margin if larger."""
        preset = self.preset()
        return max(geometry.SAFE_ZONE_MM, preset.safe_mm) if preset else geometry.SAFE_ZONE_MM


def parse_card_size(text: str) -> CardSize:
    """``--card-size``: a preset or WIDTHxHEIGHT in mm; ValueError with the message for the user."""
    try:
        return CardSize(*geometry.parse_card_size(text))
    except ValueError:
        low, (wide, high) = geometry.CARD_MIN_MM, geometry.CARD_MAX_MM
        raise ValueError(
            f"'{text}' is neither a preset ({', '.join(geometry.CARD_PRESETS)}) "
            f"nor WIDTHxHEIGHT in mm within {low:g}–{wide:g} × {low:g}–{high:g}"
        ) from None


def parse_back_offset(text: str) -> tuple[float, float]:
    """``--back-offset X,Y`` in mm ("1.5,-1"); ValueError with the message for the user."""
    try:
        x, y = (parse_decimal(v) for v in text.replace(";", ",").split(","))
    except ValueError:
        raise ValueError(f"'{text}' is not X,Y in millimetres, e.g. 1.5,-1") from None
    if abs(x) > MAX_BACK_OFFSET_MM or abs(y) > MAX_BACK_OFFSET_MM:
        raise ValueError(f"an offset of more than {MAX_BACK_OFFSET_MM:g} mm is not a printer's misregistration")
    return (x, y)


def parse_bleed(text: str) -> float:
    """``--bleed MM``; ValueError with the message for the user."""
    try:
        bleed = parse_decimal(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number of millimetres, e.g. 3 or 2.5") from None
    if not 0 <= bleed <= MAX_BLEED_MM:
        raise ValueError(f"{text} mm is not from 0 to {MAX_BLEED_MM:g} mm")
    return bleed


def default_output_dir(deck: Deck) -> Path:
    """``output/<deck name>`` in the current folder."""
    return Path("output") / deck.name


def card_layout(deck: Deck, options: BuildOptions) -> SheetLayout | SingleLayout:
    """The layout the options ask for, computed once."""
    size = options.card(deck)
    if options.layout == "single":
        return SingleLayout(size.width_mm, size.height_mm, options.bleed_mm())
    return sheet_layout(
        paper=options.paper, card_width=size.width_mm, card_height=size.height_mm, bleed=options.bleed_mm()
    )
