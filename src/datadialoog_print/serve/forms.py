"""The print form read as the CLI's ``build`` reads its options: the same names, the same parsers, the same limits.

Each field is named as the CLI's long option (``paper``, ``duplex``, ``back_offset``, …);
an empty field means what leaving the option out means. A wrong value is refused with the
library's own message, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..assemble.options import KINDS, BuildOptions, parse_back_offset, parse_bleed, parse_card_size
from ..deck.model import MAX_SETS
from ..deck.workshop import MAX_TABLE_SIZE
from ..errors import DatadialoogError
from ..numbers import parse_whole
from ..paper.ink import MAX_MAX_INK, MIN_MAX_INK
from ..paper.layout import Duplex
from ..paper.shops import SHOPS

FIELDS = (
    "layout",
    "paper",
    "printer",
    "duplex",
    "back_offset",
    "sets",
    "table_size",
    "mono",
    "plain_stock",
    "card_size",
    "bleed",
    "max_ink",
    "start",
    "shop",
    "dpi",
    "pack_sets",
    "only",
    "allow_broken_lesson",
)
"""The form's fields, in the order the page shows them: the CLI's long options, and --printer."""

FLAGS = ("mono", "plain_stock", "pack_sets", "allow_broken_lesson")


@dataclass(frozen=True)
class Choice:
    """What the form asked for: the build options and the saved printer they came with (if any)."""

    options: BuildOptions
    printer: str = ""


def _choose(field: str, value: str, allowed) -> str:
    value = value.strip().lower()
    if value not in allowed:
        raise DatadialoogError(f"{field}: '{value}' is not one of {', '.join(allowed)}")
    return value


def _whole(field: str, text: str, low: int, high: int) -> int:
    try:
        value = parse_whole(text)
    except ValueError as exc:
        raise DatadialoogError(f"{field}: {exc}") from None
    if not low <= value <= high:
        raise DatadialoogError(f"{field}: {value} is not in the range {low}<=x<={high}")
    return value


def _parsed(field: str, parse, text: str):
    try:
        return parse(text.strip())
    except ValueError as exc:
        raise DatadialoogError(f"{field}: {exc}") from None


def read_form(form) -> Choice:
    """The BuildOptions a submitted form asks for; DatadialoogError naming the field for a wrong value."""
    get = lambda name: str(form.get(name, "") or "")  # noqa: E731 - a one-line accessor
    shape: dict = {
        "layout": _choose("layout", get("layout") or "sheets", ("sheets", "single")),
        "paper": _choose("paper", get("paper") or "a4", ("a4", "letter")),
        **{flag: get(flag) in ("1", "on", "true", "yes") for flag in FLAGS},
    }
    if get("shop").strip():
        shape["shop"] = _choose("shop", get("shop"), tuple(SHOPS))
        shape["layout"] = "single"  # a shop takes single cards, as the CLI's --shop does; the help says so
    if get("dpi").strip():
        shape["dpi"] = _whole("dpi", get("dpi"), 1, max(d for s in SHOPS.values() for d in s.dpis))
    duplex = Duplex(_choose("duplex", get("duplex") or "long", [d.value for d in Duplex]))
    offset = _parsed("back_offset", parse_back_offset, get("back_offset")) if get("back_offset").strip() else (0, 0)
    printer = " ".join(get("printer").split())
    if printer:
        from ..assemble.printers import find_printer

        saved = find_printer(printer)
        duplex, offset, printer = saved.duplex, saved.back_offset, saved.name
    if get("sets").strip():
        shape["sets"] = _whole("sets", get("sets"), 1, MAX_SETS)
    if get("table_size").strip():
        shape["table_size"] = _whole("table_size", get("table_size"), 1, MAX_TABLE_SIZE)
    if get("card_size").strip():
        shape["card_size"] = _parsed("card_size", parse_card_size, get("card_size"))
    if get("bleed").strip():
        shape["bleed"] = _parsed("bleed", parse_bleed, get("bleed"))
    if get("max_ink").strip():  # empty: the shop's limit, else the default, as the CLI without --max-ink
        shape["max_ink"] = _whole("max_ink", get("max_ink"), MIN_MAX_INK, MAX_MAX_INK)
    if get("start").strip():
        from ..deck.texts import clock_minutes

        minutes = _parsed("start", clock_minutes, get("start"))
        shape["start"] = f"{minutes // 60:02d}:{minutes % 60:02d}"
    only = tuple(dict.fromkeys(str(v).lower() for v in form.getlist("only"))) if hasattr(form, "getlist") else ()
    if unknown := [k for k in only if k not in KINDS]:
        raise DatadialoogError(f"only: '{unknown[0]}' is not one of {', '.join(KINDS)}")
    try:
        options = BuildOptions(duplex=duplex, back_offset=tuple(float(v) for v in offset), only=only or KINDS, **shape)
    except ValueError as exc:
        raise DatadialoogError(str(exc)) from None
    return Choice(options, printer)
