"""The printers page: the calibration sheet (made in memory by a POST: a page never writes to disk on a GET), and
each printer's back offset and flip saved by name, renamed, removed or replaced only after asking (the library's
:mod:`~datadialoog_print.assemble.printers`, which ``build --printer`` reads too).

Every refusal is said at its field in the page's language; X and Y are read as people type them (1,5 or 1.5,
−1 as the sheet prints it, "mm" after it), and an empty X or Y is asked for, never taken as 0.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .offload import off_loop
from .pages import deck_folder, page, words
from .typed import refused, typed_decimal


def _context(**context) -> dict:
    from ..assemble.printers import load_printers
    from ..errors import DatadialoogError

    try:
        printers, damaged = load_printers(), False
    except DatadialoogError:
        printers, damaged = (), True
    from .print_summary import offset_words

    return {
        "printers": printers,
        "damaged": damaged,
        "errors": {},
        "values": {},
        "replace": "",
        "done": "",
        "offset_words": offset_words,
        **context,
    }


def _field(action: str, name: str) -> str:
    """The id of a saved printer's rename or remove field: by its place in the list (a name may hold spaces)."""
    from ..assemble.printers import load_printers
    from ..errors import DatadialoogError

    try:
        names = [p.name for p in load_printers()]
    except DatadialoogError:
        names = []
    return f"printer-{names.index(name) + 1 if name in names else 0}-{action}"


def _page(request: Request, *, status: int = 200, **context):
    w = words(request)
    labels = {
        "name": w.printer_name,
        "duplex": w.printer_flip,
        "x": w.printer_x,
        "y": w.printer_y,
        "cal-paper": w.opt_paper,
        "cal-duplex": w.printer_flip,
        "cal-printer": w.calibration_for,
    }
    return page(request, "printers.html", status=status, labels=labels, **_context(**context))


async def printers_page(request: Request):
    return await off_loop(lambda: _page(request))


def _offset_fields(form, w, errors: dict) -> tuple[float, float]:
    """X and Y as typed: each needed, each a number within the bound, each refused at its own field."""
    from ..assemble.options import MAX_BACK_OFFSET_MM

    out = []
    for axis in ("x", "y"):
        text = str(form.get(axis, "") or "").strip()
        if not text:
            errors[axis] = w.printer_xy_empty
            out.append(0.0)
            continue
        value = typed_decimal(text, -MAX_BACK_OFFSET_MM, MAX_BACK_OFFSET_MM, unit="mm")
        if refused(value):
            errors[axis] = w.say(value)
            value = 0.0
        out.append(float(value))
    return out[0], out[1]


def _name(text: str, w, errors: dict, field: str = "name") -> str:
    from ..assemble.printers import MAX_NAME, check_name
    from ..errors import DatadialoogError

    try:
        return check_name(text)
    except DatadialoogError:
        errors[field] = w.printer_name_empty if not text.strip() else w.t("printer_name_bad", limit=MAX_NAME)
        return ""


async def save(request: Request):
    """POST /printers: ``name``, ``duplex`` (long or short) and the ``x``, ``y`` read off the sheet; ``replace=yes``
    to replace a printer saved under that name (the page asks first)."""
    from ..assemble.printers import Printer, PrinterExists, save_printer
    from ..paper.layout import Duplex

    form = await request.form()
    w = words(request)
    errors: dict[str, str] = {}
    name = _name(str(form.get("name", "") or ""), w, errors)
    duplex = str(form.get("duplex", "") or "")
    if duplex not in ("long", "short"):
        errors["duplex"] = w.printer_flip_needed
    offset = _offset_fields(form, w, errors)
    values = {k: str(form.get(k, "") or "") for k in ("name", "duplex", "x", "y")}
    if errors:
        return await off_loop(lambda: _page(request, status=422, errors=errors, values=values))
    printer = Printer(name, Duplex(duplex), offset)
    try:
        await off_loop(lambda: save_printer(printer, replace=form.get("replace") == "yes"))
    except PrinterExists:
        errors["name"] = w.t("printer_exists", name=name)
        return await off_loop(lambda: _page(request, status=409, errors=errors, values=values, replace=name))
    return await off_loop(lambda: _page(request, saved=printer.name, status=201))


async def rename(request: Request):
    """POST /printers/rename: ``old`` and ``new``; the offset and flip stay."""
    from ..assemble.printers import PrinterExists, rename_printer
    from ..errors import DatadialoogError

    form = await request.form()
    w = words(request)
    old = str(form.get("old", "") or "")
    field = await off_loop(_field, "rename", old)
    errors: dict[str, str] = {}
    new = _name(str(form.get("new", "") or ""), w, errors, field)
    if not errors:
        try:
            await off_loop(rename_printer, old, new)
        except PrinterExists:
            errors[field] = w.t("printer_exists_rename", name=new)
        except DatadialoogError:
            errors[field] = w.t("printer_gone", name=old)
    if errors:
        return await off_loop(lambda: _page(request, status=422, errors=errors, values={field: new}))
    return await off_loop(lambda: _page(request, done=w.t("printer_renamed", old=old, new=new)))


async def remove(request: Request):
    """POST /printers/remove: ``name`` and ``confirm=yes`` (the page asks before it sends it)."""
    from ..assemble.printers import remove_printer
    from ..errors import DatadialoogError

    form = await request.form()
    w = words(request)
    name = str(form.get("name", "") or "")
    if form.get("confirm") != "yes":
        field = await off_loop(_field, "remove", name)
        return await off_loop(lambda: _page(request, status=422, errors={field: w.printer_remove_ask}))
    try:
        await off_loop(remove_printer, name)
    except DatadialoogError:
        return await off_loop(lambda: _page(request, status=404, errors={"name": w.t("printer_gone", name=name)}))
    return await off_loop(lambda: _page(request, done=w.t("printer_removed", name=name)))


async def calibration(request: Request):
    """POST /printers/calibration.pdf: ``paper``, ``duplex`` and, for a printer already saved, ``printer`` (its offset
    is printed in, and the sheet gives the sum to type); the sheet in the page's language, made in memory."""
    from ..assemble.calibrate import calibration_pdf
    from ..assemble.decks import load_deck
    from ..assemble.printers import load_printers
    from ..errors import DatadialoogError
    from ..paper.layout import Duplex

    form = await request.form()
    w = words(request)
    paper, duplex, chosen = (str(form.get(k, "") or "") for k in ("paper", "duplex", "printer"))
    errors = {}
    if paper not in ("a4", "letter"):
        errors["cal-paper"] = w.t("typed_not_choice", text=paper[:40])
    if duplex not in ("long", "short"):
        errors["cal-duplex"] = w.printer_flip_needed
    offset = (0.0, 0.0)
    if chosen:
        try:
            printer = next((p for p in load_printers() if p.name == chosen), None)
        except DatadialoogError:
            printer = None
        if printer is None:
            errors["cal-printer"] = w.t("printer_gone", name=chosen)
        else:
            offset = printer.back_offset
    if errors:
        return await off_loop(lambda: _page(request, status=422, errors=errors))
    deck = await off_loop(load_deck, deck_folder("default" if w.code == "nl" else "default-en").path)
    name, data = await request.app.state.builder.run(  # ReportLab's one thread, without holding a page's
        lambda: calibration_pdf(deck, paper=paper, duplex=Duplex(duplex), back_offset=offset)
    )
    disposition = f'attachment; filename="{name}"'
    return Response(data, media_type="application/pdf", headers={"content-disposition": disposition})


MENU = ("nav_printers", "/printers", 2)

ROUTES = [
    Route("/printers", printers_page),
    Route("/printers", save, methods=["POST"]),
    Route("/printers/rename", rename, methods=["POST"]),
    Route("/printers/remove", remove, methods=["POST"]),
    Route("/printers/calibration.pdf", calibration, methods=["POST"]),
]
