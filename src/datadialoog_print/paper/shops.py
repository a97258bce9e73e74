"""Print shops as data: what each one wants of a card file, with where its rules come from.

A new shop is a row in :data:`SHOPS` and its two words in every deck word table (``deck/words_*.py``): its
label (:attr:`Shop.label_key`, what the print form and the result page call it) and where its files go
(:attr:`Shop.upload_key`, the booklet's guide and the result page); a test holds every row to every table.
``build --shop NAME`` makes single cards (one card per
page, with the shop's bleed) and writes them as the shop takes them: PDF/X-4 for FOGRA39,
PDF/X-1a:2003 for SWOP, or one PNG per card face at the shop's pixel size; the fronts and
backs arranged as the shop's uploader wants them (:class:`Arrangement`). Every mark on a card
face must keep the shop's safe margin from the trim (``render.safearea``), every colour the
shop's ink limit, or the build stops.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..deck.language import language
from . import geometry

INCH_MM = 25.4


class ShopFormat(enum.Enum):
    """How a shop takes the cards."""

    PDFX4 = "PDF/X-4"
    PDFX1A = "PDF/X-1a:2003"
    PNG = "PNG"


class Arrangement(enum.Enum):
    """Where a card's back goes relative to its front in the files a shop takes."""

    SEPARATE = "separate"
    """Two PDFs per series: the fronts, and the backs page for page (page n of the backs behind page n)."""
    INTERLEAVED = "back-front"
    """One PDF per series, a deck as the shop cuts it: back 1, front 1, back 2, front 2, …"""
    IMAGES = "images"
    """One PNG per card face, the backs numbered as their fronts."""

    def pages(self, cards: int) -> tuple[tuple[tuple[str, int], ...], ...]:
        """Per PDF file (fronts first), which face of which card (0-based) each page holds."""
        if self is Arrangement.INTERLEAVED:
            return (tuple((face, i) for i in range(cards) for face in ("back", "front")),)
        return (tuple(("front", i) for i in range(cards)), tuple(("back", i) for i in range(cards)))


@dataclass(frozen=True)
class Shop:
    """One print shop's numbers for a card deck."""

    name: str
    """What ``--shop`` takes."""
    title: str
    """The shop as the organiser knows it."""
    format: ShopFormat
    bleed_mm: float
    """Card colour past the trim on every side."""
    safe_mm: float
    """Every mark on a card (text, frames with their strokes, markers) stays at least this far inside the trim."""
    card_size: str | None
    """The card the shop cuts (a preset of :data:`~.geometry.CARD_PRESETS`) unless ``--card-size`` says
    otherwise; None: the deck's own."""
    condition: str
    """The printing condition the CMYK values are for (PDF shops), or the PNGs' colour ("RGB")."""
    arrangement: Arrangement = Arrangement.SEPARATE
    """How the shop's uploader takes fronts and backs."""
    max_ink: int | None = None
    """The shop's total ink limit (C+M+Y+K, percent), the default of ``--max-ink`` for it; None: the shop
    separates RGB itself, so the tool's own default applies."""
    dpis: tuple[int, ...] = (300,)
    """Resolutions the shop takes for PNGs; the first is the default."""
    source: str = ""
    """Where these numbers come from."""

    @property
    def label_key(self) -> str:
        """The key of the shop's label in the deck word tables, as the organiser picks it in the print form."""
        return f"shop_label_{self.name}"

    @property
    def upload_key(self) -> str:
        """The key of where its files go (a page of its site) in the deck word tables."""
        return f"shop_upload_{self.name}"

    @property
    def word_keys(self) -> tuple[str, str]:
        """Every word of the shop a word table must hold."""
        return self.label_key, self.upload_key

    def describe(self, dpi: int | None = None) -> dict:
        """The preset as the manifest records it: its numbers, its file format and arrangement, where to upload
        and the source."""
        return {
            "name": self.name,
            "title": self.title,
            "format": self.format.value,
            "arrangement": self.arrangement.value,
            "bleed_mm": round(self.bleed_mm, 3),
            "safe_mm": round(self.safe_mm, 3),
            "condition": self.condition,
            **({"max_ink_percent": self.max_ink} if self.max_ink is not None else {}),
            **({"dpi": dpi} if dpi else {}),
            "upload": language("en")[self.upload_key],
            "source": self.source,
        }

    def pixels(self, card_mm: float, dpi: int) -> int:
        """Pixels of a PNG side: the card plus the bleed on both sides, at ``dpi``."""
        return round((card_mm + 2 * self.bleed_mm) / INCH_MM * dpi)


SHOPS: dict[str, Shop] = {
    shop.name: shop
    for shop in (
        Shop(
            "fogra",
            "European offset print shop",
            ShopFormat.PDFX4,
            bleed_mm=geometry.SINGLE_BLEED_MM,
            safe_mm=geometry.SAFE_ZONE_MM,
            card_size=None,
            condition="FOGRA39",
            arrangement=Arrangement.SEPARATE,
            max_ink=300,
            source="ISO 15930-7 (PDF/X-4) with ISO 12647-2 FOGRA39; 3 mm bleed and 3 mm safe distance, "
            "the usual request of European offset shops (this tool's --layout single); total ink 300 %, "
            "what such shops commonly ask for coated stock",
        ),
        Shop(
            "drivethru",
            "DriveThruCards",
            ShopFormat.PDFX1A,
            bleed_mm=INCH_MM / 8,
            safe_mm=INCH_MM / 8,
            card_size="us-poker",
            condition="CGATS TR 003",
            arrangement=Arrangement.INTERLEAVED,
            max_ink=240,
            source="DriveThruCards' card file guidelines (drivethrucards.com, publisher help): PDF/X-1a:2003, "
            "CMYK with a SWOP output intent, total ink at most 240 %, 1/8 inch bleed, text at least 1/8 inch "
            "inside the trim, one PDF per deck with each card's back before its front (issues 27 and 37)",
        ),
        Shop(
            "mpc",
            "MakePlayingCards / PrinterStudio",
            ShopFormat.PNG,
            bleed_mm=0.12 * INCH_MM,
            safe_mm=0.12 * INCH_MM,
            card_size="us-poker",
            condition="RGB",
            arrangement=Arrangement.IMAGES,
            dpis=(300, 600),
            source="MakePlayingCards' poker card template (makeplayingcards.com): at least 822 x 1122 px at "
            "300 dpi, 36 px (0.12 inch) bleed per side, safe area 36 px inside the trim, one image per face "
            "in RGB, which the shop separates itself (issue 27)",
        ),
        Shop(
            "tgc",
            "The Game Crafter",
            ShopFormat.PNG,
            bleed_mm=INCH_MM / 8,
            safe_mm=INCH_MM / 8,
            card_size="us-poker",
            condition="RGB",
            arrangement=Arrangement.IMAGES,
            source="The Game Crafter's poker card template (thegamecrafter.com): 825 x 1125 px PNG, RGB, "
            "2.75 x 3.75 inch at 300 dpi, 1/8 inch bleed, safe zone 1/8 inch inside the trim, one image per "
            "face in RGB, which the shop separates itself (issue 27)",
        ),
    )
}
"""Every shop ``--shop`` knows, by name."""


def shop(name: str) -> Shop:
    """The shop of that name; ValueError naming the ones there are."""
    try:
        return SHOPS[name.lower()]
    except KeyError:
        raise ValueError(f"'{name}' is not a shop this tool knows ({', '.join(SHOPS)})") from None
