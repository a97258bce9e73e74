"""The decks page: every deck ``decks`` lists, with its title, language, persons per series and ``check``'s verdict;
and a new deck from any of them (the library's ``new``)."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.routing import Route

from .pages import page


@dataclass(frozen=True)
class DeckRow:
    """One deck as the page lists it."""

    name: str
    local: bool
    title: str = ""
    language: str = ""
    persons: tuple[int, ...] = ()
    problems: int = 0
    warnings: int = 0


def deck_rows() -> list[DeckRow]:
    """Every deck, loaded and checked as ``check`` does: a deck that does not load counts its problems."""
    from ..assemble.decks import load_deck
    from ..deck.locate import list_decks
    from ..errors import DeckError
    from ..figures.lessontext import deck_findings

    local, shipped = list_decks()
    seen, rows = set(), []
    for folder, is_local in [*((p, True) for p in local), *((p, False) for p in shipped)]:
        if folder.name in seen:  # a local deck hides a shipped one of the same name, as the CLI finds it
            continue
        seen.add(folder.name)
        try:
            deck = load_deck(folder)
        except DeckError as exc:
            rows.append(DeckRow(folder.name, is_local, problems=exc.total))
            continue
        rows.append(
            DeckRow(
                folder.name,
                is_local,
                deck.title,
                deck.language,
                tuple(len(deck.persons_in(s)) for s in deck.series),
                warnings=len(deck_findings(deck)),
            )
        )
    return rows


async def decks_page(request: Request):
    return page(request, "decks.html", decks=deck_rows(), done=request.query_params.get("made", ""))


async def new_deck(request: Request):
    """POST /decks/new: ``name`` and ``from`` as ``new NAME --from DECK`` takes them."""
    from ..errors import DatadialoogError
    from ..trainer.newdeck import new_deck as make

    form = await request.form()
    name, source = str(form.get("name", "")).strip(), str(form.get("from", ""))
    from .pages import deck_folder

    found = deck_folder(source)
    try:
        path = make(name, source=found.path)
    except DatadialoogError as exc:
        return page(request, "decks.html", status=422, decks=deck_rows(), error=exc.format_message(), source=source)
    return page(request, "decks.html", decks=deck_rows(), done=str(path), status=201)


ROUTES = [Route("/", decks_page), Route("/decks/new", new_deck, methods=["POST"])]
