"""The workspace's web application: its page modules' routes behind the security guard.

Each page group is a module with a ``ROUTES`` list (decks, printing, output, printers, spreadsheets), found
by its name (:mod:`.pagegroups`): a new page is one more module, listed nowhere.
"""

from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import DatadialoogError
from ..trainer.sheetread import MAX_SHEET_BYTES
from .pagegroups import page_routes
from .pages import page
from .security import Guard, allowed_hosts, cookie_name
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
        response.set_cookie(COOKIE, code, httponly=True, samesite="strict", max_age=365 * 24 * 3600)
    return response


async def refused(request: Request, exc: HTTPException):
    """A page in the request's language for a refusal: no such deck or file (404), too large (413)."""
    key = "too_large" if exc.status_code == 413 else "not_found"
    return page(request, "error.html", status=exc.status_code, message_key=key)


async def cannot(request: Request, exc: Exception):
    """A library error outside a form (a deck that does not load): said in the page's language, with the CLI's
    message folded below it for whoever looks after the deck."""
    from ..errors import DeckError, user_message

    key = "deck_cannot_load" if isinstance(exc, DeckError) else "cannot_do"
    return page(request, "error.html", status=422, message_key=key, technical=user_message(exc, []))


def create_app(*, token: str, port: int, extra_hosts: tuple[str, ...] = (), on_trade=None):
    """The application for one start: this token, this port, and any remote host allowed by ``--allow-remote``;
    ``on_trade`` is told when a browser first trades the token for its cookie."""
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
        routes=routes, lifespan=lifespan, exception_handlers={HTTPException: refused, DatadialoogError: cannot}
    )
    app.state.builder = Builder()  # also without a lifespan (a TestClient used without ``with``)
    return Guard(
        app,
        token=token,
        hosts=allowed_hosts(port, extra_hosts),
        max_body=MAX_UPLOAD,
        cookie=cookie_name(port),
        on_trade=on_trade,
    )
