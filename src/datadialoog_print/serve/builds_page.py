"""A deck's builds: one build's progress while it runs, then its result page, read from its own set whatever was
built since (:mod:`.history`); the list of the builds kept, and their removal.

A build's page is found by its id alone: while it runs, from the worker (:mod:`.worker`); once done, from its
folder, also after a restart. One that does not exist (removed, or never finished) says so in the page's words,
and never shows another build's files.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, StreamingResponse
from starlette.routing import Route

from . import history
from .offload import off_loop
from .pages import deck_folder, page, words

EVENT_INTERVAL_S = 0.25
"""How often the progress stream reports."""

RECENT = 3
"""Builds the print form lists under its button; the rest are on the deck's list of builds."""


@dataclass(frozen=True)
class Recent:
    """A deck's builds as the print form and the decks page lead to them: those running, then the newest kept."""

    running: tuple = ()
    """The worker's jobs for the deck that have not finished (waiting or running)."""
    builds: tuple[history.BuildFacts, ...] = ()
    kept: int = 0
    """How many builds are kept in all."""


def recent(request: Request, name: str, *, shown: int = RECENT) -> Recent:
    """What the deck's pages show of its builds (reads files: call it off the event loop)."""
    kept = history.list_builds(name)
    return Recent(tuple(request.app.state.builder.unfinished(name)), tuple(kept[:shown]), len(kept))


def _job(request: Request):
    """The worker's job for this page's build, if the worker still knows it (a build of this start)."""
    job = request.app.state.builder.job(request.path_params["build"])
    return job if job is not None and job.deck == request.path_params["name"] else None


def _gone(request: Request):
    return page(request, "error.html", status=404, message_key="build_gone", deck_name=request.path_params["name"])


async def build_page(request: Request):
    """GET /decks/NAME/builds/ID: the build's progress while it runs; then its result, from its own set."""
    name = request.path_params["name"]
    deck_folder(name)  # 404 for anything that is not a deck's name
    job = _job(request)
    url = request.url.path
    if job is not None and not job.finished.is_set():
        return page(request, "job_page.html", name=name, job=job, events=f"{url}/events", result=url)
    if job is not None and job.state == "failed":
        from .print_page import _load, form_page

        deck = await off_loop(_load, name)
        if job.refusal:
            return await off_loop(lambda: form_page(request, deck, errors=job.refusal, status=422))
        return await off_loop(form_page, request, deck, error=job.message)
    facts = await off_loop(history.read_build, name, request.path_params["build"])
    if facts is None:
        return _gone(request)
    if not facts.readable:  # a set this version cannot read: said in words; the list still offers its removal
        return page(request, "error.html", status=422, message_key="build_unreadable", deck_name=name)
    return await off_loop(_result, request, facts)


def _result(request: Request, facts: history.BuildFacts):
    """The result page of one build as its print plan (:mod:`.plan_view`), what was asked and when, its files."""
    from ..assemble.decks import load_deck
    from ..errors import DatadialoogError
    from ..paper.shops import SHOPS
    from .plan_view import plan_context
    from .results import SHOWN_PAGES, built_files, image_sets, read_manifest

    manifest = read_manifest(facts.folder) or {"files": {}}
    try:
        deck = load_deck(deck_folder(facts.deck).path)  # for the print plan; the files are the set's own
    except DatadialoogError:
        deck = None  # a deck broken since: its builds still serve their files
    w = words(request)
    shop = manifest.get("shop") if isinstance(manifest.get("shop"), dict) else {}
    # Where the images go, from the words the booklet's guide prints, in the page's language
    known = SHOPS.get(str(shop.get("name"))) if shop else None
    upload = w[known.upload_key] if known else ""
    plan = plan_context(deck, manifest, facts.printer, w)
    planned = {row.name for row in plan["rows"]}
    return page(
        request,
        "result.html",
        deck=deck,
        name=facts.deck,
        build=facts,
        base=f"/decks/{facts.deck}/builds/{facts.id}",
        images=image_sets(manifest),
        unplanned=[
            n for n in built_files(manifest) if n not in planned and manifest["files"][n].get("format") != "PNG"
        ],
        shop=w.shop(known.name) if known else "",
        upload=upload,
        shown=SHOWN_PAGES,
        **plan,
    )


async def build_events(request: Request):
    """Server-sent events: ``progress`` while the build runs, then ``done`` (or ``failed``) with the page to open."""
    job = _job(request)
    if job is None:
        raise HTTPException(404)
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


async def builds_list(request: Request):
    """GET /decks/NAME/builds: every build kept of the deck, newest first, each with what was asked and when."""
    name = request.path_params["name"]
    deck_folder(name)
    found = await off_loop(recent, request, name, shown=history.KEEP)
    removed = request.query_params.get("removed", "")
    return page(request, "builds.html", name=name, recent=found, keep=history.KEEP, removed=removed)


async def remove(request: Request):
    """POST /decks/NAME/builds/ID/remove: the build's set and record removed; back to the list."""
    name, build_id = request.path_params["name"], request.path_params["build"]
    deck_folder(name)
    if not await off_loop(history.remove_build, name, build_id):
        return _gone(request)
    return RedirectResponse(f"/decks/{name}/builds?removed={build_id}", status_code=303)


ROUTES = [
    Route("/decks/{name}/builds", builds_list),
    Route("/decks/{name}/builds/{build}", build_page, name="build_result"),
    Route("/decks/{name}/builds/{build}/events", build_events),
    Route("/decks/{name}/builds/{build}/remove", remove, methods=["POST"]),
]
