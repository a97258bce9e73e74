"""The print form: its fields as a table, and the form read as the CLI's ``build`` reads its options.

Each field is named as the CLI's long option (``paper``, ``sets``, ``back_offset``, …) and read with
the same parsers and limits; an empty field means what leaving the option out means. The table
says in which part of the page a field stands: the organiser's three choices first (paper, tables,
printer), everything for print shops, card stock and experts folded below, and the fields that
ask "build anyway" beside the warning that explains why. A new option is one row here and its
words (``opt_NAME``, ``opt_NAME_help``) in the tables.

A wrong value is not refused with the first message: every field that is wrong gets its reason,
as a message of the workspace's tables (:class:`FormErrors`), for the page to show at the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..assemble.options import (
    AMBIGUOUS_OFFSET,
    KINDS,
    MAX_BACK_OFFSET_MM,
    MAX_BLEED_MM,
    BuildOptions,
    parse_card_size,
)
from ..deck.model import MAX_SETS
from ..deck.workshop import MAX_TABLE_SIZE
from ..errors import DatadialoogError
from ..paper.ink import MAX_MAX_INK, MIN_MAX_INK
from ..paper.layout import Duplex
from ..paper.shops import SHOPS
from .typed import Message, refused, typed_decimal, typed_whole

MAIN, MORE, ASKED = "main", "more", "asked"
"""Where a field stands: the first three choices, the folded part, or beside the warning that asks it."""


@dataclass(frozen=True)
class Field:
    """One field of the print form: the CLI's option it stands for, how it is asked, where it stands."""

    name: str
    control: str
    """radios, select, whole, decimal, offset (X and Y), check, text, kinds (a box per document), printer."""
    group: str = MORE
    choices: tuple[str, ...] = ()
    """For radios: the values, each shown as the word ``NAME_VALUE``."""
    low: float = 0
    high: float = 0
    at: str = ""
    """For a field that asks "build anyway": the warning it stands beside (``lesson``, ``persons``)."""


TABLE: tuple[Field, ...] = (
    Field("paper", "radios", MAIN, ("a4", "letter")),
    Field("sets", "whole", MAIN, low=1, high=MAX_SETS),
    Field("printer", "printer", MAIN),
    Field("table_size", "whole", MORE, low=1, high=MAX_TABLE_SIZE),
    Field("layout", "radios", MORE, ("sheets", "single")),
    Field("duplex", "radios", MORE, tuple(d.value for d in Duplex)),
    Field("back_offset", "offset", MORE, low=-MAX_BACK_OFFSET_MM, high=MAX_BACK_OFFSET_MM),
    Field("mono", "check"),
    Field("plain_stock", "check"),
    Field("pack_sets", "check"),
    Field("card_size", "text"),
    Field("bleed", "decimal", low=0, high=MAX_BLEED_MM),
    Field("max_ink", "whole", low=MIN_MAX_INK, high=MAX_MAX_INK),
    Field("start", "text"),
    Field("shop", "select"),
    Field("dpi", "select", low=1, high=max(d for s in SHOPS.values() for d in s.dpis)),
    Field("only", "kinds"),
    Field("allow_broken_lesson", "check", ASKED, at="lesson"),
    Field("allow_implausible_persons", "check", ASKED, at="persons"),
)
"""The form's fields in the order the page shows them."""

FIELDS = tuple(f.name for f in TABLE)
"""The form's field names: the CLI's long options of ``build``, and ``printer``."""

FLAGS = tuple(f.name for f in TABLE if f.control == "check")

OFFSET_AXES = ("back_offset_x", "back_offset_y")
"""The two boxes of the back offset, X and Y in mm; ``back_offset=X,Y`` (the CLI's form) is read too."""


def field(name: str) -> Field:
    return next(f for f in TABLE if f.name == name)


@dataclass(frozen=True)
class Choice:
    """What the form asked for: the build options and the saved printer they came with (if any)."""

    options: BuildOptions
    printer: str = ""
    """The saved printer's name, as saved; "" for none."""


class FormErrors(DatadialoogError):
    """A form with wrong values: for each field (or offset box), the reason as a message of the tables."""

    def __init__(self, errors: dict[str, Message]):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {key}" for name, (key, _) in errors.items()))


def read_form(form) -> Choice:
    """The BuildOptions a submitted form asks for; :class:`FormErrors` naming every wrong field."""
    get = lambda name: str(form.get(name, "") or "").strip()  # noqa: E731 - a one-line accessor
    errors: dict[str, Message] = {}
    shape: dict = {flag: get(flag).lower() in ("1", "on", "true", "yes") for flag in FLAGS}

    def choose(name: str, allowed, default: str) -> str:
        value = get(name).lower() or default
        if value not in allowed:
            errors[name] = ("typed_not_choice", {"text": get(name)[:40]})
            return default
        return value

    def number(name: str, reader, **unit) -> object:
        f = field(name)
        value = reader(get(name), f.low, f.high, **unit)
        if refused(value):
            errors[name] = value
            return None
        return value

    shape["layout"] = choose("layout", ("sheets", "single"), "sheets")
    shape["paper"] = choose("paper", ("a4", "letter"), "a4")
    duplex = Duplex(choose("duplex", [d.value for d in Duplex], "long"))
    if get("shop"):
        shape["shop"] = choose("shop", tuple(SHOPS), "")
        if shape["shop"]:
            shape["layout"] = "single"  # a shop takes single cards, as the CLI's --shop does; the help says so
    if get("dpi"):
        dpi = number("dpi", typed_whole)
        preset = SHOPS.get(shape.get("shop", ""))
        if dpi is not None and (preset is None or dpi not in preset.dpis):
            if preset is None or not preset.dpis:
                errors["dpi"] = ("form_dpi_no_shop", {})
            else:
                takes = ", ".join(str(d) for d in preset.dpis)
                errors["dpi"] = ("form_dpi_shop", {"shop": preset.title, "takes": takes, "dpi": str(dpi)})
        elif dpi is not None:
            shape["dpi"] = dpi
    offset = _offset(form, errors)
    printer = " ".join(get("printer").split())
    if printer:
        from ..assemble.printers import load_printers

        saved = next((p for p in load_printers() if p.name.casefold() == printer.casefold()), None)
        if saved is None:
            errors["printer"] = ("form_printer_unknown", {"name": printer[:60]})
        else:  # the saved printer's flip and offset, both (as --printer NAME)
            duplex, offset, printer = saved.duplex, saved.back_offset, saved.name
    if get("sets"):
        shape["sets"] = number("sets", typed_whole)
    if get("table_size"):
        shape["table_size"] = number("table_size", typed_whole)
    if get("card_size"):
        try:
            shape["card_size"] = parse_card_size(get("card_size"))
        except ValueError:
            errors["card_size"] = ("form_card_size", {"text": get("card_size")[:40]})
    if get("bleed"):
        shape["bleed"] = number("bleed", typed_decimal, unit="mm")
    if get("max_ink"):  # empty: the shop's limit, else the default, as the CLI without --max-ink
        shape["max_ink"] = number("max_ink", typed_whole, unit="%")
    if get("start"):
        from ..deck.texts import clock_minutes

        try:
            minutes = clock_minutes(get("start").replace(".", ":"))
            shape["start"] = f"{minutes // 60:02d}:{minutes % 60:02d}"
        except ValueError:
            errors["start"] = ("form_time", {"text": get("start")[:40]})
    only = tuple(dict.fromkeys(str(v).lower() for v in form.getlist("only"))) if hasattr(form, "getlist") else ()
    if [k for k in only if k not in KINDS]:
        errors["only"] = ("typed_not_choice", {"text": ", ".join(k for k in only if k not in KINDS)[:40]})
    if errors:
        raise FormErrors(errors)
    try:
        options = BuildOptions(duplex=duplex, back_offset=offset, only=only or KINDS, **shape)
    except ValueError:  # a combination the fields above let through one by one
        raise FormErrors({"layout": ("form_not_possible", {})}) from None
    return Choice(options, printer)


def _offset(form, errors: dict[str, Message]) -> tuple[float, float]:
    """The back offset from the X and Y boxes (empty: 0), or from ``back_offset=X,Y`` as the CLI takes it."""
    f = field("back_offset")
    axes = [str(form.get(name, "") or "").strip() for name in OFFSET_AXES]
    if any(axes):
        out = []
        for name, text in zip(OFFSET_AXES, axes, strict=True):
            value = typed_decimal(text, f.low, f.high, unit="mm") if text else 0.0
            if refused(value):
                errors[name] = value
                value = 0.0
            out.append(float(value))
        return (out[0], out[1])
    text = str(form.get("back_offset", "") or "").strip()
    if not text:
        return (0.0, 0.0)
    parts = text.split(";" if ";" in text else ",")
    if AMBIGUOUS_OFFSET.fullmatch(text) or len(parts) != 2:
        key = "form_offset_ambiguous" if len(parts) == 2 else "form_offset_pair"
        errors["back_offset_x"] = (key, {"text": text[:40]})
        return (0.0, 0.0)
    out = []
    for name, part in zip(OFFSET_AXES, parts, strict=True):
        value = typed_decimal(part, f.low, f.high, unit="mm")
        if refused(value):
            errors[name] = value
            value = 0.0
        out.append(float(value))
    return (out[0], out[1])
