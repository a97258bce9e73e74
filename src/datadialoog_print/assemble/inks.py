"""Every colour a build prints, for the total-ink check (``--max-ink``)."""

from __future__ import annotations

from ..deck.model import Deck
from ..paper.ink import Ink, check_inks


def printed_inks(deck: Deck, *, mono: bool) -> list[Ink]:
    """The deck's inks and card colours (none in the black-only edition) and the tool's own colours.

    The tool's own colours are K only; the registration colour of the cut marks is the All
    separation, which a preflight treats as marks, not as ink on the product, so it is not counted.
    """
    from ..render.pdf import BLACK, WHITE
    from ..render.styles import GREY, RULE, TINT

    inks = [Ink(f"tool colour {name}", cmyk) for name, cmyk in (("black", BLACK), ("white", WHITE), ("grey", GREY))]
    inks += [Ink("tool colour rule", RULE), Ink("tool colour tint", TINT)]
    if not mono:
        inks += [Ink(f"ink of source '{s.key}' ({s.ink.name})", s.ink.cmyk) for s in deck.sources]
        inks += [Ink(f"card colour of series '{s.key}' ({s.colour.name})", s.colour.cmyk) for s in deck.series]
    return inks


def check_ink(deck: Deck, options) -> None:
    """Refuse the build (exit 2) when a colour it prints has more total ink than the options' limit
    (``--max-ink``, else the shop preset's, else the default); ``options`` are the build's
    :class:`~.options.BuildOptions`."""
    shop = options.preset()
    source = "--max-ink"
    if options.max_ink is None and shop is not None and shop.max_ink is not None:
        source = f"what {shop.title} takes, --shop {shop.name}; --max-ink overrides it"
    check_inks(printed_inks(deck, mono=options.mono), options.ink_limit(), source=source)
