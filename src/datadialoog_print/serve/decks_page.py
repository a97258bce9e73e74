"""The decks page: every deck ``decks`` lists, by its title, with its short name, language, persons per series and
``check``'s verdict (counted as the print form counts it; each deck's summary kept while its files are unchanged,
:mod:`.summaries`), the way to its last results, the shipped decks marked as examples to copy; and a new deck as a
copy of any of them, with a title of its own (the library's ``new``, from the version of the deck the page showed).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from . import notes
from .offload import off_loop
from .pages import page, words
from .summaries import DeckRow, deck_rows

__all__ = ["ROUTES", "DeckRow", "Feedback", "copy_name", "deck_rows", "decks_context", "decks_response", "short_name"]

KEPT_LINES = 6
"""Lines of a done form's note kept for the page it sends the browser to (a cookie holds a few kilobytes)."""

NEXT_PAGES = ("persons", "texts")
"""Where *Make my own copy* on a deck's persons or texts page goes on to: the same page of the copy."""


@dataclass
class Feedback:
    """What the page answers about one deck's form (a new copy, an import): messages at its fields, or what was done."""

    deck: str
    form: str
    """"new" or "import"."""
    errors: dict[str, str] = field(default_factory=dict)
    """Field id → message, in the page's language."""
    done: str = ""
    lines: list[str] = field(default_factory=list)
    """More to say under ``done`` or above the errors (the lesson's verdict, the problems of a file)."""
    values: dict[str, str] = field(default_factory=dict)
    """What was typed, to show again."""


def copy_name(deck) -> str:
    """A free name for the user's own copy of ``deck`` (``default-kopie``, else ``default-kopie-2`` …)."""
    from ..deck.locate import decks_dir
    from .words import deck_words

    base = f"{deck.name}-{deck_words(deck).copy_suffix}"[:60]
    name, n = base, 2
    while (decks_dir() / name).exists():
        name, n = f"{base}-{n}", n + 1
    return name


def short_name(title: str, taken: set[str]) -> str:
    """A deck folder's name made from its title ("Datadialogen, groep 2" → "datadialogen-groep-2"), not yet taken."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-") or "deck"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    return name


def decks_context(request: Request) -> dict:
    """What the decks page shows (reads every deck's summary and the newest builds: call it off the event loop)."""
    from .history import list_builds

    rows = deck_rows()
    builder = request.app.state.builder
    return {
        "decks": rows,
        "latest": {d.name: found[0] for d in rows if (found := list_builds(d.name)[:1])},
        "running": {d.name for d in rows if builder.unfinished(d.name)},
    }


async def decks_response(request: Request, *, status: int = 200, feedback: Feedback | None = None, **extra):
    """The decks page, with what one of its forms answered."""
    context = await off_loop(decks_context, request)
    return page(request, "decks.html", status=status, feedback=feedback, **extra, **context)


def sent_on(request: Request, fb: Feedback) -> RedirectResponse:
    """A form done (a new deck, an import, a zip opened): 303 to the decks page, which says so once (Post/Redirect/
    Get: a refresh asks for the page, never for the deck again)."""
    import json

    note = {"deck": fb.deck, "form": fb.form, "done": fb.done, "lines": [line[:200] for line in fb.lines[:KEPT_LINES]]}
    return notes.after_save(request, "/", json.dumps(note, ensure_ascii=True))


def _told(request: Request) -> Feedback | None:
    """What the form that sent the browser here did, from its note; None when there is none (or it is not ours)."""
    import json

    try:
        note = json.loads(notes.note(request) or "null")
        return Feedback(note["deck"], note["form"], done=note["done"], lines=list(note["lines"])) if note else None
    except (ValueError, TypeError, KeyError):
        return None


async def decks_page(request: Request):
    return notes.shown(request, await decks_response(request, feedback=_told(request)))


def name_problem(name: str, taken: set[str], w) -> str:
    """Why ``name`` cannot be a new deck's short name, in the page's words; empty when it can (new and a zip
    opened ask the same)."""
    from ..errors import DatadialoogError
    from ..trainer.newdeck import check_deck_name

    try:
        check_deck_name(name)
    except DatadialoogError:
        return w.t("new_name_bad", name=name[:64])
    return w.t("new_name_taken", name=name) if name in taken else ""


def _make(source: str, title: str | None, name: str, version: str, w) -> Feedback:
    """``new NAME --from SOURCE --title TITLE`` from the version of the source the page showed, each refusal at its
    field in the page's language (StaleDeck when the source changed since)."""
    from ..assemble.decks import load_deck
    from ..deck.checker import TITLE
    from ..deck.locate import decks_dir, list_decks
    from ..errors import DatadialoogError
    from ..trainer.deckversion import StaleDeck
    from ..trainer.newdeck import new_deck
    from .pages import deck_folder
    from .texts_page import Field, text_problem
    from .words import deck_words

    found = deck_folder(source)
    if title is None:  # *Make my own copy* (persons, texts): the source's title, marked as a copy
        deck = load_deck(found.path)
        title = f"{deck.title} ({deck_words(deck).copy_suffix})"[:TITLE]
    title = " ".join(title.split())
    fb = Feedback(source, "new", values={"title": title, "name": name})
    if problem := text_problem(Field("deck.yaml", ("title",), TITLE, True, ""), title):
        fb.errors[f"new-title-{source}"] = w.say(problem)
    local, shipped = list_decks()
    taken = {p.name for p in (*local, *shipped)}
    if name and (problem := name_problem(name, taken, w)):
        fb.errors[f"new-name-{source}"] = problem
    if fb.errors:
        return fb
    name = name or short_name(title, taken)
    try:
        path = new_deck(name, source=found.path, title=title, version=version or None)
    except StaleDeck:
        raise
    except DatadialoogError:
        fb.errors[f"new-title-{source}"] = w.new_failed
        return fb
    if path.parent.resolve() != decks_dir().resolve():  # never: new writes into ./decks only
        fb.errors[f"new-name-{source}"] = w.new_failed
        return fb
    return Feedback(name, "new", done=w.t("new_done", title=title, name=name))


async def new_deck(request: Request):
    """POST /decks/new: ``from`` (the deck copied), ``title`` and optionally ``name`` (the short name; empty: made
    from the title), as ``new NAME --from DECK --title TITLE`` takes them; the ``version`` of the source the page
    showed (``anyway``: the version a refusal named); ``next`` (persons, texts): go on to that page of the copy."""
    from ..trainer.deckversion import StaleDeck
    from .pages import deck_folder
    from .stale import notice
    from .words import deck_words

    form = await request.form()
    get = lambda key: str(form.get(key, "") or "").strip()  # noqa: E731 - a one-line accessor
    source = get("from")
    title = str(form.get("title")) if "title" in form else None
    version = get("anyway") or get("version")
    deck_folder(source)  # 404 for a source that is no deck
    try:
        fb = await off_loop(_make, source, title, get("name"), version, words(request))
    except StaleDeck as exc:
        context = await off_loop(decks_context, request)
        row = next((d for d in context["decks"] if d.name == source), None)
        told = notice(exc, deck_words(row) if row and row.language else words(request))
        typed = Feedback(source, "new", values={"title": title or "", "name": get("name")})
        extra = {"stale": told, "stale_deck": source, "stale_form": "new", "feedback": typed}
        return page(request, "decks.html", status=409, **extra, **context)
    if not fb.errors and (after := get("next")) in NEXT_PAGES:
        return RedirectResponse(f"/decks/{fb.deck}/{after}", status_code=303)
    if fb.errors:
        return await decks_response(request, status=422, feedback=fb)
    return sent_on(request, fb)


MENU = ("nav_decks", "/", 1)
"""The decks page is the menu's first entry."""

ROUTES = [Route("/", decks_page), Route("/decks/new", new_deck, methods=["POST"])]
