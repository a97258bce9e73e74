"""A deck as a zip (``GET /decks/NAME/deck.zip``) and a deck opened from one (``POST /decks/open``): how a trainer
keeps a deck safe or hands it to a colleague, from the workspace or from the web edition in the browser."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .decks_page import decks_context
from .offload import off_loop
from .pages import deck_folder, page


async def download_deck(request: Request):
    from ..trainer.deckzip import deck_zip

    name = request.path_params["name"]
    found = deck_folder(name)
    data = await off_loop(deck_zip, found.path, name)
    return Response(
        data, media_type="application/zip", headers={"content-disposition": f'attachment; filename="{name}-deck.zip"'}
    )


async def open_deck(request: Request):
    """POST /decks/open: ``file`` (a deck's zip) and an optional ``name`` for it."""
    from ..errors import DatadialoogError
    from ..trainer.deckzip import open_deck_zip

    form = await request.form()
    upload = form.get("file")
    data = await upload.read() if hasattr(upload, "read") else b""
    try:
        path = await off_loop(open_deck_zip, data, str(form.get("name", "")))
    except DatadialoogError as exc:
        context = await off_loop(decks_context, request)
        return page(request, "decks.html", status=422, error=exc.format_message(), **context)
    context = await off_loop(decks_context, request)
    return page(request, "decks.html", status=201, opened=path.name, **context)


ROUTES = [Route("/decks/{name}/deck.zip", download_deck), Route("/decks/open", open_deck, methods=["POST"])]
