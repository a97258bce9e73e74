"""The print form and the build: every option of the CLI's ``build``, the build queued in the worker thread
into a set of its own (:mod:`.history`); its progress and result are :mod:`.builds_page`'s."""

from __future__ import annotations

import contextlib

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from .forms import read_form
from .offload import off_loop
from .pages import deck_folder, output_folder, page, words


def _load(name: str):
    from ..assemble.decks import load_deck

    return load_deck(deck_folder(name).path)


def _defaults(deck, w) -> dict:
    """What the form offers for ``deck``, in the words ``w``: its defaults and bounds, the saved printers, the
    registry's documents, the shops, and the lesson's verdict when the figures no longer show it (the form then
    asks whether to print anyway)."""
    from ..assemble.documents import KINDS
    from ..assemble.printers import load_printers
    from ..deck.model import MAX_SETS
    from ..deck.workshop import MAX_TABLE_SIZE, table_size
    from ..paper.ink import DEFAULT_MAX_INK, MAX_MAX_INK, MIN_MAX_INK
    from ..paper.shops import SHOPS

    def printer(p) -> str:
        offset = w.t("offset_value", x=w.number(p.back_offset[0]), y=w.number(p.back_offset[1]))
        return f"{p.name} ({offset}, {w['duplex_' + p.duplex.value]})"

    return {
        "kinds": KINDS,
        "printer_choices": [("", w.printer_none), *((p.name, printer(p)) for p in load_printers())],
        "shop_choices": [("", w.shop_none), *((name, w[f"shop_{name}"]) for name in SHOPS)],
        "dpi_choices": [
            ("", w.dpi_default),
            *((str(d), str(d)) for d in sorted({d for s in SHOPS.values() for d in s.dpis})),
        ],
        "broken_lesson": _verdict(deck),
        "sets": deck.sets,
        "max_sets": MAX_SETS,
        "table_size": table_size(deck.texts.run_sheet),
        "max_table_size": MAX_TABLE_SIZE,
        "card_size": deck.card_size.name,
        "start": deck.texts.run_sheet.start if deck.texts.run_sheet else "",
        "max_ink": DEFAULT_MAX_INK,
        "shop_inks": ", ".join(
            f"{s.title} {s.max_ink}" for s in SHOPS.values() if s.max_ink not in (None, DEFAULT_MAX_INK)
        ),
        "max_ink_range": (MIN_MAX_INK, MAX_MAX_INK),
    }


def _verdict(deck) -> list[str]:
    """The lesson's verdict as ``build`` prints it, without the YAML file positions a trainer does not edit here;
    empty when the lesson holds."""
    from ..figures.lessontext import lesson_findings, lesson_summary

    found = lesson_findings(deck)
    return [lesson_summary(deck)[0], *(f.text for f in found)] if found else []


def form_page(request: Request, deck, *, form=None, error: str = "", status: int = 200):
    """The print form for ``deck``, with what was typed and the message of what went wrong, if anything."""
    from .builds_page import recent

    name = request.path_params["name"]
    return page(
        request,
        "print.html",
        status=status,
        deck=deck,
        name=name,
        d=_defaults(deck, words(request)),
        form=form or {},
        error=error,
        recent=recent(request, name),
    )


async def _refused(request: Request, deck, form, message: str):
    """A build not started: htmx gets the message in place, under the form; a plain post the form again."""
    if request.headers.get("hx-request") == "true":
        return page(request, "build_error.html", status=422, error=message)
    return await off_loop(form_page, request, deck, form=form, error=message, status=422)


async def print_page(request: Request):
    deck = await off_loop(_load, request.path_params["name"])
    return await off_loop(form_page, request, deck)


async def build(request: Request):
    """POST /decks/NAME/build: queue the build into a set of its own; htmx gets the progress at once (and the
    result's address, so a refresh finds the build), a plain form post waits for the result."""
    from datetime import datetime

    from ..assemble import build as run_build
    from ..errors import DatadialoogError, user_message
    from . import history

    name = request.path_params["name"]
    builder = request.app.state.builder
    form = await request.form()
    deck = await off_loop(_load, name)
    try:
        choice = await off_loop(read_form, form)
    except DatadialoogError as exc:
        return await _refused(request, deck, form, user_message(exc, []))
    options = choice.options
    if not options.allow_broken_lesson and await off_loop(_verdict, deck):
        # Asked here, in the workspace's words (the form's box), not with the CLI's --allow-broken-lesson
        return await _refused(request, deck, form, words(request).broken_lesson_refused)
    total = deck.card_count * options.set_count(deck) if "cards" in options.only else 0
    asked = datetime.now().astimezone()
    try:
        build_id = await off_loop(history.reserve, name, asked)  # its folder made for it alone
    except DatadialoogError as exc:
        return await _refused(request, deck, form, user_message(exc, []))
    where = history.set_folder(name, build_id)

    def work(progress):
        try:
            result = run_build(deck, where, options=options, progress=progress, also=output_folder(deck))
            history.finish(name, build_id, asked=asked, printer=choice.printer)
        except BaseException:
            history.discard(name, build_id)
            raise
        with contextlib.suppress(OSError):  # the build is done; an old one left over is removed next time
            history.prune(name, running=frozenset(job.id for job in builder.unfinished(name)))
        return result, where

    job = builder.submit(name, total, work, job_id=build_id)
    url = request.url_for("build_result", name=name, build=job.id).path
    if request.headers.get("hx-request") == "true":
        response = page(request, "job.html", name=name, job=job, events=f"{url}/events", result=url)
        response.headers["hx-push-url"] = url  # a refresh, or the tab opened again from history, finds the build
        return response
    await builder.wait(job)
    if job.state == "failed":
        return await off_loop(form_page, request, deck, form=form, error=job.message, status=422)
    return RedirectResponse(url, status_code=303)


ROUTES = [
    Route("/decks/{name}/print", print_page),
    Route("/decks/{name}/build", build, methods=["POST"]),
]
