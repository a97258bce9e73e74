"""What every page module shares: the templates, the words of the request's language, and deck names.

A deck name in a URL is a name, never a path: it must be a deck the ``decks`` command
lists, found by the library's own rule (``./decks`` first, then the shipped decks).
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from .pagegroups import menu
from .words import COOKIE, TABLES, Words, choose

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
"""A deck folder's name as a URL may carry it: no slash, no backslash, never '.' or '..'."""

templates = Environment(
    loader=PackageLoader("datadialoog_print", "serve/templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,  # a word missing from a table is an error, never a blank on the page
)
templates.globals["menu"] = menu


OPTIONAL = {
    "error": "",
    "done": "",
    "saved": "",
    "opened": "",
    "imported": None,
    "form": {},
    "message_key": "",
    "message": "",
    "deck_name": "",
    "stale": None,
    "stale_deck": "",
    "stale_form": "",
    "stale_how": "",
    "stale_reload": "",
    "stale_button": "",
    "stale_anyway": "",
    "typed": "",
    "link": "",
    "technical": "",
    "feedback": None,
}
"""What a page shows only sometimes (a message, a form typed before): empty unless given."""


def cookie_here(request: Request, name: str) -> str:
    """The cookie ``name`` of this workspace, named with its port as the token's is (``datadialoog_lang_8123``):
    another local server's cookie of that name says nothing here."""
    return f"{name}_{getattr(request.app.state, 'port', 0)}"


def language_cookie(request: Request) -> str:
    """The cookie keeping the language chosen here."""
    return cookie_here(request, COOKIE)


def words(request: Request) -> Words:
    """The words of the language this request gets."""
    return Words(choose(request.cookies.get(language_cookie(request)), request.headers.get("accept-language")))


def page(request: Request, template: str, *, status: int = 200, **context) -> HTMLResponse:
    """A page (or an htmx fragment) in the request's language."""
    w = words(request)
    other = next(code for code in TABLES if code != w.code)
    context = {**OPTIONAL, **context}
    html = templates.get_template(template).render(request=request, w=w, other_language=other, **context)
    return HTMLResponse(html, status_code=status)


def deck_folder(name: str):
    """The deck called ``name`` as ``decks`` lists it (a Found); 404 for anything else, a path above all."""
    from ..deck.locate import Origin, decks_dir, list_decks, shipped_dir

    if not NAME.match(name) or name.strip(".") == "":
        raise HTTPException(404)
    local, shipped = list_decks()
    from ..deck.locate import Found

    for folder, origin in ((decks_dir() / name, Origin.LOCAL), (shipped_dir() / name, Origin.SHIPPED)):
        if folder in local or folder in shipped:
            return Found(folder, origin)
    raise HTTPException(404)


def output_folder(deck) -> Path:
    """The deck's output folder, as the CLI's build writes it: ``output/<deck>`` where the server was started."""
    from ..assemble import default_output_dir

    return default_output_dir(deck)


def output_folder_of(found) -> Path:
    """The same folder for a deck found but not loaded (a download must not parse the deck): a deck's name
    is its folder's name (``load_deck``)."""
    return Path("output") / found.path.resolve().name
