"""The workspace's web application: its page modules' routes behind the security guard.

Each page group is a module with a ``ROUTES`` list (decks, printing, output, printers, spreadsheets), found
by its name (:mod:`.pagegroups`): a new page is one more module, listed nowhere.
"""

from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import DatadialoogError
from ..trainer.sheetread import MAX_SHEET_BYTES
from .pagegroups import page_routes
from .pages import language_cookie, page
from .security import LOOPBACK, Guard, allowed_hosts, cookie_name
from .words import COOKIE, TABLES

MAX_UPLOAD = MAX_SHEET_BYTES + 1024 * 1024
"""The largest request body: a spreadsheet as large as ``import`` takes, and room for the form around it."""


async def switch_language(request: Request):
    """POST /language: ``lang`` kept in a cookie; back to the page it was chosen on."""
    form = await request.form()
    code = str(form.get("lang", ""))
    back = str(form.get("next", "/"))
    if not back.startswith("/") or back.startswith("//"):
        back = "/"
    response = RedirectResponse(back, status_code=303)
    if code in TABLES:
        response.set_cookie(language_cookie(request), code, httponly=True, samesite="strict", max_age=365 * 24 * 3600)
    return response


BAD_FORMS = (
    ("Field exceeded", "form_field_too_large"),
    ("Part exceeded", "form_field_too_large"),
    ("Too many fields", "form_too_many_fields"),
    ("Too many files", "form_too_many_files"),
)
"""Starlette's reasons for a form it will not read (400), by how they begin, and the words that say each."""

REFUSALS = {404: "not_found", 405: "wrong_method", 413: "too_large"}
"""The words of each other refusal."""


async def refused(request: Request, exc: HTTPException):
    """A page in the request's language saying what the refusal is: no such deck or file (404), a form that cannot
    be read (400: a field too large, too many fields or files), too large (413)."""
    if exc.status_code == 400:
        detail = str(exc.detail or "")
        key = next((key for start, key in BAD_FORMS if detail.startswith(start)), "form_unreadable")
    else:
        key = REFUSALS.get(exc.status_code, "not_found")
    return page(request, "error.html", status=exc.status_code, message_key=key)


async def cannot(request: Request, exc: Exception):
    """A library error outside a form (a deck that does not load): said in the page's language, with the CLI's
    message folded below it for whoever looks after the deck."""
    from ..errors import DeckError, user_message

    key = "deck_cannot_load" if isinstance(exc, DeckError) else "cannot_do"
    return page(request, "error.html", status=422, message_key=key, technical=user_message(exc, []))


async def gone(request: Request, exc: ClientDisconnect):
    """The client went away in its body (a closed tab, or let go by :mod:`.slowclients`): no one to answer, nothing
    wrong, no traceback; an empty answer closes the exchange."""
    return Response(status_code=400)


def create_app(*, token: str, port: int, host: str = LOOPBACK, on_trade=None):
    """The application for one start: this token, the address it listens on (``host``: its own loopback address,
    127.0.0.1, or the one ``--allow-remote`` names) and port; ``on_trade`` is told when a browser first trades the
    token for its cookie."""
    from .worker import Builder

    routes = page_routes()
    routes += [
        Route("/language", switch_language, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("datadialoog_print", "serve/static")]), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        app.state.builder = Builder()
        try:
            yield
        finally:
            app.state.builder.close()

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: refused, DatadialoogError: cannot, ClientDisconnect: gone},
    )
    app.state.builder = Builder()  # also without a lifespan (a TestClient used without ``with``)
    app.state.port = port  # the cookies' names carry it (:func:`.pages.language_cookie`)
    return Guard(
        app,
        token=token,
        hosts=allowed_hosts(host, port),
        max_body=MAX_UPLOAD,
        cookie=cookie_name(port),
        language_cookie=f"{COOKIE}_{port}",
        on_trade=on_trade,
    )
