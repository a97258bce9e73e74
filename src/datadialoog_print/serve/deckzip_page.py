"""A deck as a zip (``GET /decks/NAME/deck.zip``) and a deck opened from one (``POST /decks/open``): how a trainer
keeps a deck safe or hands it to a colleague, from the workspace or from the web edition in the browser."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .offload import off_loop
from .pages import deck_folder, words


async def download_deck(request: Request):
    from ..trainer.deckzip import deck_zip

    name = request.path_params["name"]
    found = deck_folder(name)
    data = await off_loop(deck_zip, found.path, name)
    return Response(
        data, media_type="application/zip", headers={"content-disposition": f'attachment; filename="{name}-deck.zip"'}
    )


async def open_deck(request: Request):
    """POST /decks/open: ``file`` (a deck's zip) and an optional ``name`` for it; each refusal at its field."""
    from ..deck.locate import list_decks
    from ..errors import DatadialoogError
    from ..trainer.deckzip import open_deck_zip
    from .decks_page import Feedback, decks_response, name_problem, sent_on

    w = words(request)
    form = await request.form()
    upload = form.get("file")
    data = await upload.read() if hasattr(upload, "read") else b""
    name = " ".join(str(form.get("name", "")).split())
    fb = Feedback("", "open", values={"name": name})
    if not data:
        fb.errors["deckzip-file"] = w.deckzip_choose
    if name:
        local, shipped = await off_loop(list_decks)
        if problem := name_problem(name, {p.name for p in (*local, *shipped)}, w):
            fb.errors["deckzip-name"] = problem
    if fb.errors:
        return await decks_response(request, status=422, feedback=fb)
    try:
        path = await off_loop(open_deck_zip, data, name)
    except DatadialoogError:
        if name:
            fb.errors["deckzip-file"] = w.deckzip_refused
        else:  # the zip's own folder name may be the one taken
            fb.errors["deckzip-file"] = w.deckzip_refused_or_taken
        return await decks_response(request, status=422, feedback=fb)
    return sent_on(request, Feedback(path.name, "open", done=w.t("deckzip_done", deck=path.name)))


ROUTES = [Route("/decks/{name}/deck.zip", download_deck), Route("/decks/open", open_deck, methods=["POST"])]
