"""The decks page: every deck ``decks`` lists, with its title, language, persons per series and ``check``'s verdict
(each deck's summary kept while its files are unchanged, :mod:`.summaries`), the way to its last results; and a
new deck from any of them (the library's ``new``, from the version of the deck the page showed)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from . import notes
from .offload import off_loop
from .pages import page
from .summaries import DeckRow, deck_rows

__all__ = ["ROUTES", "DeckRow", "copy_name", "deck_rows", "decks_context"]

NEXT_PAGES = ("persons", "texts")
"""Where *Make my own copy* on a deck's persons or texts page goes on to: the same page of the copy."""


def copy_name(deck) -> str:
    """A free name for the user's own copy of ``deck`` (``default-kopie``, else ``default-kopie-2`` …)."""
    from ..deck.locate import decks_dir
    from .words import deck_words

    base = f"{deck.name}-{deck_words(deck).copy_suffix}"[:60]
    name, n = base, 2
    while (decks_dir() / name).exists():
        name, n = f"{base}-{n}", n + 1
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


def _told(note: str) -> dict:
    """What a save that sent the browser here asks the decks page to say: a deck made, persons imported."""
    kind, _, rest = note.partition(":")
    if kind == "made" and rest:
        return {"done": rest}
    deck, added, persons = (rest.split(":") + ["", "", ""])[:3]
    if kind == "imported" and added.isdigit() and persons.isdigit():
        return {"imported": (deck, int(added), int(persons))}
    return {}


async def decks_page(request: Request):
    context = await off_loop(decks_context, request)
    return notes.shown(request, page(request, "decks.html", **_told(notes.note(request)), **context))


def _make(name: str, source: str, version: str):
    from ..trainer.newdeck import new_deck as make
    from .pages import deck_folder

    return make(name, source=deck_folder(source).path, version=version or None)


async def new_deck(request: Request):
    """POST /decks/new: ``name`` and ``from`` as ``new NAME --from DECK`` takes them, and the ``version`` of the
    source the page showed (``anyway``: the version a refusal named); ``next`` (persons, texts): go on to that
    page of the new deck."""
    from ..errors import DatadialoogError
    from ..trainer.deckversion import StaleDeck
    from .pages import deck_folder, words
    from .stale import notice
    from .words import deck_words

    form = await request.form()
    name, source = str(form.get("name", "")).strip(), str(form.get("from", ""))
    version = str(form.get("anyway") or form.get("version") or "")
    deck_folder(source)  # 404 for a source that is no deck
    try:
        path = await off_loop(_make, name, source, version)
    except StaleDeck as exc:
        context = await off_loop(decks_context, request)
        row = next((d for d in context["decks"] if d.name == source), None)
        told = notice(exc, deck_words(row) if row and row.language else words(request))
        extra = {"stale": told, "stale_deck": source, "stale_form": "new", "typed": name}
        return page(request, "decks.html", status=409, source=source, **extra, **context)
    except DatadialoogError as exc:
        context = await off_loop(decks_context, request)
        return page(request, "decks.html", status=422, error=exc.format_message(), source=source, **context)
    if (after := str(form.get("next", ""))) in NEXT_PAGES:
        return RedirectResponse(f"/decks/{path.name}/{after}", status_code=303)
    return notes.after_save(request, "/", f"made:{path}")  # a refresh asks for the page, never the deck again


ROUTES = [Route("/", decks_page), Route("/decks/new", new_deck, methods=["POST"])]
