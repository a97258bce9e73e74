"""The decks page: every deck ``decks`` lists, by its title, with its language, persons per series and ``check``'s
verdict (counted as the print form counts it); the shipped decks marked as examples to copy; and a new deck as a
copy of any of them, with a title of its own (the library's ``new``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.routing import Route

from .offload import off_loop
from .pages import page, words
from .verdicts import Verdict


@dataclass(frozen=True)
class DeckRow:
    """One deck as the page lists it."""

    name: str
    local: bool
    title: str = ""
    language: str = ""
    persons: tuple[int, ...] = ()
    problems: int = 0
    verdict: Verdict = field(default_factory=Verdict)


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


def deck_rows() -> list[DeckRow]:
    """Every deck, loaded and checked as ``check`` does: a deck that does not load counts its problems."""
    from ..assemble.decks import load_deck
    from ..deck.locate import list_decks
    from ..errors import DeckError
    from .verdicts import deck_verdict

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
                verdict=deck_verdict(deck),
            )
        )
    return rows


async def decks_response(request: Request, *, status: int = 200, feedback: Feedback | None = None):
    """The decks page, with what one of its forms answered."""
    rows = await off_loop(deck_rows)
    return page(request, "decks.html", status=status, decks=rows, feedback=feedback)


async def decks_page(request: Request):
    return await decks_response(request)


def short_name(title: str, taken: set[str]) -> str:
    """A deck folder's name made from its title ("Datadialogen, groep 2" → "datadialogen-groep-2"), not yet taken."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-") or "deck"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    return name


def _make(source: str, title: str, name: str, w) -> Feedback:
    """``new NAME --from SOURCE --title TITLE``, each refusal at its field in the page's language."""
    from ..deck.checker import TITLE
    from ..deck.locate import decks_dir, list_decks
    from ..errors import DatadialoogError
    from ..trainer.newdeck import check_deck_name, new_deck
    from .pages import deck_folder
    from .texts_page import Field, text_problem

    found = deck_folder(source)
    title = " ".join(title.split())
    fb = Feedback(source, "new", values={"title": title, "name": name})
    if problem := text_problem(Field("deck.yaml", ("title",), TITLE, True, ""), title):
        fb.errors[f"new-title-{source}"] = w.say(problem)
    local, shipped = list_decks()
    taken = {p.name for p in (*local, *shipped)}
    try:
        if name:
            check_deck_name(name)
    except DatadialoogError:
        fb.errors[f"new-name-{source}"] = w.t("new_name_bad", name=name[:64])
    if name and name in taken:
        fb.errors[f"new-name-{source}"] = w.t("new_name_taken", name=name)
    if fb.errors:
        return fb
    name = name or short_name(title, taken)
    try:
        path = new_deck(name, source=found.path, title=title)
    except DatadialoogError:
        fb.errors[f"new-title-{source}"] = w.new_failed
        return fb
    if path.parent.resolve() != decks_dir().resolve():  # never: new writes into ./decks only
        fb.errors[f"new-name-{source}"] = w.new_failed
        return fb
    return Feedback(name, "new", done=w.t("new_done", title=title, name=name))


async def new_deck(request: Request):
    """POST /decks/new: ``from`` (the deck copied), ``title`` and optionally ``name`` (the short name; empty: made
    from the title), as ``new NAME --from DECK --title TITLE`` takes them."""
    form = await request.form()
    get = lambda key: str(form.get(key, "") or "").strip()  # noqa: E731 - a one-line accessor
    fb = await off_loop(_make, get("from"), get("title"), get("name"), words(request))
    return await decks_response(request, status=422 if fb.errors else 201, feedback=fb)


ROUTES = [Route("/", decks_page), Route("/decks/new", new_deck, methods=["POST"])]
