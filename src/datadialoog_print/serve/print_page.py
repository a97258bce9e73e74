"""The print form and the build: every option of the CLI's ``build``, the build in the worker thread,
its progress as server-sent events, then the result page."""

from __future__ import annotations

import asyncio
import json

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, StreamingResponse
from starlette.routing import Route

from .forms import read_form
from .offload import INLINE, off_loop
from .pages import deck_folder, output_folder, page, words

EVENT_INTERVAL_S = 0.25
"""How often the progress stream reports."""


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
    from ..paper.ink import DEFAULT_MAX_INK, MAX_MAX_INK, MIN_MAX_INK
    from ..paper.shops import SHOPS

    def printer(p) -> str:
        offset = w.t("offset_value", x=w.number(p.back_offset[0]), y=w.number(p.back_offset[1]))
        return f"{p.name} ({offset}, {w['duplex_' + p.duplex.value]})"

    here = [name for name, shop in SHOPS.items() if not _needs_installed_tool(shop)]
    return {
        "kinds": KINDS,
        "printer_choices": [("", w.printer_none), *((p.name, printer(p)) for p in load_printers())],
        "shop_choices": [("", w.shop_none), *((name, w[f"shop_{name}"]) for name in here)],
        "not_here": w.t("site_not_here", what=w.site_not_here_png) if len(here) < len(SHOPS) else "",
        "dpi_choices": [
            ("", w.dpi_default),
            *((str(d), str(d)) for d in sorted({d for s in SHOPS.values() for d in s.dpis})),
        ],
        "broken_lesson": _verdict(deck),
        "sets": deck.sets,
        "max_sets": MAX_SETS,
        "card_size": deck.card_size.name,
        "start": deck.texts.run_sheet.start if deck.texts.run_sheet else "",
        "max_ink": DEFAULT_MAX_INK,
        "shop_inks": ", ".join(
            f"{s.title} {s.max_ink}" for s in SHOPS.values() if s.max_ink not in (None, DEFAULT_MAX_INK)
        ),
        "max_ink_range": (MIN_MAX_INK, MAX_MAX_INK),
    }


def _needs_installed_tool(shop) -> bool:
    """A PNG shop's images need Pillow and PDFium, which the web edition (the browser tab) has not."""
    from ..paper.shops import ShopFormat

    return INLINE and shop.format is ShopFormat.PNG


def _verdict(deck) -> list[str]:
    """The lesson's verdict as ``build`` prints it, without the YAML file positions a trainer does not edit here;
    empty when the lesson holds."""
    from ..figures.lessontext import lesson_findings, lesson_summary

    found = lesson_findings(deck)
    return [lesson_summary(deck)[0], *(f.text for f in found)] if found else []


def _form(request: Request, deck, *, form=None, error: str = "", status: int = 200):
    """The print form for ``deck``, with what was typed and the message of what went wrong, if anything."""
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
    )


def _refused(request: Request, deck, form, message: str):
    """A build not started: htmx gets the message in place, under the form; a plain post the form again."""
    if request.headers.get("hx-request") == "true":
        return page(request, "build_error.html", status=422, error=message)
    return _form(request, deck, form=form, error=message, status=422)


async def print_page(request: Request):
    deck = await off_loop(_load, request.path_params["name"])
    return _form(request, deck)


async def build(request: Request):
    """POST /decks/NAME/build: queue the build; htmx gets the progress at once, a plain form post waits for the result."""
    from ..assemble import build as run_build
    from ..errors import DatadialoogError, user_message
    from ..paper.shops import SHOPS

    name = request.path_params["name"]
    builder = request.app.state.builder
    form = await request.form()
    deck = await off_loop(_load, name)
    try:
        choice = await off_loop(read_form, form)
    except DatadialoogError as exc:
        return _refused(request, deck, form, user_message(exc, []))
    options = choice.options
    if options.shop and _needs_installed_tool(SHOPS[options.shop]):
        w = words(request)
        return _refused(request, deck, form, w.t("site_not_here", what=w.site_not_here_png))
    if not options.allow_broken_lesson and _verdict(deck):
        # Asked here, in the workspace's words (the form's box), not with the CLI's --allow-broken-lesson
        return _refused(request, deck, form, words(request).broken_lesson_refused)
    total = deck.card_count * options.set_count(deck) if "cards" in options.only else 0
    out = output_folder(deck)

    def work(progress):
        return run_build(deck, out, options=options, progress=progress), out

    job = builder.submit(name, total, work)
    url = request.url_for("job", name=name, job=job.id).path
    if request.headers.get("hx-request") == "true":
        return page(request, "job.html", name=name, job=job, events=f"{url}/events", result=url)
    await off_loop(job.finished.wait)
    if job.state == "failed":
        return _form(request, deck, form=form, error=job.message, status=422)
    return RedirectResponse(url, status_code=303)


def _job(request: Request):
    job = request.app.state.builder.job(request.path_params["job"])
    if job is None or job.deck != request.path_params["name"]:
        raise HTTPException(404)
    return job


async def job_page(request: Request):
    """The result of one build (its own, whatever another tab built since), or its progress while it runs."""
    from ..deck.language import language
    from .results import SHOWN_PAGES, documents, image_sets, read_manifest

    job = _job(request)
    name = request.path_params["name"]
    url = request.url.path
    if not job.finished.is_set():
        return page(request, "job_page.html", name=name, job=job, events=f"{url}/events", result=url)
    deck = await off_loop(_load, name)
    if job.state == "failed":
        return _form(request, deck, error=job.message)
    manifest = read_manifest(job.out_dir) or {"files": {}}
    mine = {path.name for path in job.result.files}  # this build's files, whatever another tab built since
    docs = [doc for doc in documents(deck, manifest) if doc.name in mine]
    images = [s for s in image_sets(manifest) if any(name.startswith(s.stem) for name in mine)]
    shop = manifest.get("shop") if isinstance(manifest.get("shop"), dict) else {}
    # Where the images go, from the words the booklet's guide prints, in the page's language
    upload = language(words(request).code).words.get(f"upload_{shop.get('name')}", "") if shop else ""
    return page(
        request,
        "result.html",
        deck=deck,
        name=name,
        docs=docs,
        images=images,
        shop=words(request)[f"shop_{shop['name']}"] if upload else "",
        upload=upload,
        result=job.result,
        folder=str(job.out_dir),
        shown=SHOWN_PAGES,
    )


async def job_events(request: Request):
    """Server-sent events: ``progress`` while the build runs, then ``done`` (or ``failed``) with the page to open."""
    job = _job(request)
    result = request.url.path.removesuffix("/events")

    async def stream():
        while True:
            finished = job.finished.is_set()
            data = {"state": job.state, "done": job.done, "total": job.total}
            yield f"event: progress\ndata: {json.dumps(data)}\n\n"
            if finished:
                event = "done" if job.state == "done" else "failed"
                yield f"event: {event}\ndata: {json.dumps({'url': result, 'message': job.message})}\n\n"
                return
            if await request.is_disconnected():
                return
            await asyncio.sleep(EVENT_INTERVAL_S)

    return StreamingResponse(stream(), media_type="text/event-stream")


ROUTES = [
    Route("/decks/{name}/print", print_page),
    Route("/decks/{name}/build", build, methods=["POST"]),
    Route("/decks/{name}/builds/{job}", job_page, name="job"),
    Route("/decks/{name}/builds/{job}/events", job_events),
]
