"""A note for the page a save sends the browser on to (Post/Redirect/Get).

A successful save answers ``303 See Other`` to its page, so a refresh asks for the page again instead of posting
the save a second time (which would be refused as stale: the organiser's own save had changed the deck). The page
then says "Bewaard" from a note in a cookie that names the page it is for, lives a minute at most and is cleared
by that page as it shows it: a refresh after that shows the page as it is. The cookie is named with the port, as
the token's is, and holds no secret. Pure Python, as the web edition runs it.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

NOTE = "datadialoog_note"
"""The note's cookie, with the port after it."""

NOTE_S = 60
"""How long a note waits for its page: the redirect is followed at once."""


def _cookie(request: Request) -> str:
    from .pages import cookie_here

    return cookie_here(request, NOTE)


def after_save(request: Request, path: str, note: str = "saved") -> RedirectResponse:
    """The answer to a successful save: 303 to ``path``, which will show ``note`` (if any)."""
    response = RedirectResponse(path, status_code=303)
    if note:
        response.set_cookie(
            _cookie(request), quote(f"{path}|{note}"), max_age=NOTE_S, httponly=True, samesite="strict", path="/"
        )
    return response


def note(request: Request) -> str:
    """The note left for this page by the save that sent the browser here, else empty."""
    path, _, what = unquote(request.cookies.get(_cookie(request), "")).partition("|")
    return what if path == request.url.path and request.method == "GET" else ""


def shown(request: Request, response: Response) -> Response:
    """``response``, clearing the note it showed (a refresh shows the page without it)."""
    if note(request):
        response.delete_cookie(_cookie(request), path="/", httponly=True, samesite="strict")
    return response
