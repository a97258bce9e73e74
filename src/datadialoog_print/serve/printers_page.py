"""The printers page: the calibration sheet to download, and each printer's back offset and flip saved by name
(the library's :mod:`~datadialoog_print.assemble.printers`, which ``build --printer`` reads too)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

from .offload import off_loop
from .pages import deck_folder, output_folder, page


def _page(request: Request, *, status: int = 200, **context):
    from ..assemble.printers import load_printers

    return page(request, "printers.html", status=status, printers=load_printers(), **context)


async def printers_page(request: Request):
    return await off_loop(_page, request)


async def save(request: Request):
    """POST /printers: ``name``, ``duplex`` (long or short) and the ``x``, ``y`` read off the sheet."""
    from ..assemble.options import parse_back_offset
    from ..assemble.printers import Printer, check_name, save_printer
    from ..errors import DatadialoogError, user_message
    from ..paper.layout import Duplex

    form = await request.form()
    get = lambda key: str(form.get(key, "") or "").strip()  # noqa: E731 - a one-line accessor
    try:
        if get("duplex") not in ("long", "short"):
            raise DatadialoogError("duplex: long or short")
        x, y = get("x") or "0", get("y") or "0"
        if "," in x + y and "." not in x + y:  # Dutch decimals: 1,5 and -1
            x, y = x.replace(",", "."), y.replace(",", ".")
        try:
            offset = parse_back_offset(f"{x},{y}")
        except ValueError as exc:
            raise DatadialoogError(f"X, Y: {exc}") from None
        printer = Printer(check_name(get("name")), Duplex(get("duplex")), offset)
        await off_loop(save_printer, printer)
    except DatadialoogError as exc:
        message = user_message(exc, [])
        return await off_loop(lambda: _page(request, status=422, error=message, form=form))
    return await off_loop(lambda: _page(request, saved=printer.name, status=201))


async def calibration(request: Request):
    """POST /printers/calibration.pdf with ``paper`` (a4, letter), ``duplex`` (long, short) and optionally ``deck``:
    the library's calibration sheet. A POST, because it writes the sheet into the deck's output folder, as the CLI's
    ``calibrate`` does: a page on another site can make a browser send a GET, never a POST with its Origin."""
    from ..assemble.calibrate import write_calibration
    from ..assemble.decks import load_deck
    from ..paper.layout import Duplex
    from .pages import words

    form = await request.form()
    paper, duplex = str(form.get("paper", "a4")), str(form.get("duplex", "long"))
    if paper not in ("a4", "letter") or duplex not in ("long", "short"):
        raise HTTPException(404)
    default = "default" if words(request).code == "nl" else "default-en"  # the sheet speaks the deck's language
    deck = await off_loop(load_deck, deck_folder(str(form.get("deck", "") or default)).path)
    target = output_folder(deck) / "calibration"
    path = await request.app.state.builder.run(
        lambda: write_calibration(deck, target, paper=paper, duplex=Duplex(duplex), back_offset=(0.0, 0.0))
    )
    return FileResponse(path, filename=path.name, content_disposition_type="attachment")


ROUTES = [
    Route("/printers", printers_page),
    Route("/printers", save, methods=["POST"]),
    Route("/printers/calibration.pdf", calibration, methods=["POST"]),
]
