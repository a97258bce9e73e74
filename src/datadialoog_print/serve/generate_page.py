"""The generate page: ``generate``'s fields (seed, persons per series, strength, candidates) for a deck, its
candidates side by side with their margins, and the one the trainer picks written as a new deck.

Everything goes through the library calls the CLI's ``generate`` makes: the bounds are its constants
(:mod:`~datadialoog_print.trainer.bounds`), the candidates are
:func:`~datadialoog_print.trainer.generate.try_seeds`' and the picked one is written by
:func:`~datadialoog_print.trainer.generate.generate_deck` with that one seed, which gives the same deck byte for
byte (one seed, one deck). Nothing is kept on the server between the two posts: the pick form carries the fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.routing import Route

from ..trainer.bounds import MAX_CANDIDATES, MAX_PERSONS_PER_SERIES, MAX_SEED, STRENGTHS
from .offload import off_loop
from .pages import deck_folder, page

DEFAULT_CANDIDATES = 5
"""Candidates the form offers to try: enough to choose from, each a fraction of a second."""


@dataclass
class Asked:
    """The generate form as posted: each field's text, what it means, and each refusal as (field, message)."""

    text: dict[str, str]
    seed: int = 1
    persons_per_series: int | None = None
    strength: str = "original"
    candidates: int = DEFAULT_CANDIDATES
    errors: list[tuple[str, tuple[str, dict]]] = field(default_factory=list)


def _whole(asked: Asked, key: str, low: int, high: int) -> int | None:
    from ..numbers import parse_whole

    text = asked.text.get(key, "").strip()
    try:
        value = parse_whole(text)
    except ValueError:
        asked.errors.append((key, ("gen_not_whole", {"text": text[:40]})))
        return None
    if not low <= value <= high:
        asked.errors.append((key, ("gen_out_of_range", {"value": value, "low": low, "high": high})))
        return None
    return value


def read_asked(form) -> Asked:
    """The fields as ``generate``'s options, each refused with its own message (its bounds are the CLI's)."""
    keys = ("seed", "persons_per_series", "strength", "candidates", "pick", "name")
    asked = Asked(text={k: str(form.get(k, "") or "") for k in keys})
    asked.seed = _whole(asked, "seed", 0, MAX_SEED) or 0
    if asked.text["persons_per_series"].strip():
        asked.persons_per_series = _whole(asked, "persons_per_series", 1, MAX_PERSONS_PER_SERIES)
    asked.candidates = _whole(asked, "candidates", 1, MAX_CANDIDATES) or 1
    strength = asked.text["strength"].strip().lower() or "original"
    if strength not in STRENGTHS:
        asked.errors.append(("strength", ("gen_not_choice", {"text": strength[:40]})))
    asked.strength = strength
    return asked


def _tried(deck, asked: Asked):
    from ..trainer.candidates import candidate_rows, strength_text
    from ..trainer.deckversion import version_of
    from ..trainer.generate import try_seeds

    tried = try_seeds(
        deck,
        seed=asked.seed,
        persons_per_series=asked.persons_per_series,
        strength=asked.strength,
        candidates=asked.candidates,
    )
    found = [t.candidate for t in tried]
    best = max(found, key=lambda c: c.score).seed
    return {
        "version": version_of(deck),  # the deck these candidates are of: the pick is made from it, or refused
        "seeds": [c.seed for c in found],
        "best": best,
        "rows": candidate_rows(deck, found),
        "strengths": [strength_text(deck, c) for c in found],
    }


def _name_problem(name: str) -> tuple[str, dict] | None:
    """Why ``generate NAME`` refuses this name (the library decides: its rule, then whether the folder exists)."""
    from ..errors import DatadialoogError
    from ..trainer.newdeck import check_deck_name, target_folder

    try:
        check_deck_name(name)
    except DatadialoogError:
        return "gen_name_bad", {"name": name[:70]}
    try:
        target_folder(name)
    except DatadialoogError:
        return "gen_name_taken", {"name": name}
    return None


def _show(request: Request, deck, asked: Asked, *, found=None, status=200, done=None, cannot="", stale=None):
    from .words import deck_words

    sizes = sorted({len(deck.persons_in(s)) for s in deck.series})
    return page(
        request,
        "generate.html",
        status=status,
        name=request.path_params["name"],
        deck=deck,
        asked=asked,
        invalid={key for key, _ in asked.errors},
        found=found,
        made=done,
        cannot=cannot,
        strengths=STRENGTHS,
        bounds={"seed": MAX_SEED, "persons": MAX_PERSONS_PER_SERIES, "candidates": MAX_CANDIDATES},
        default_size="/".join(map(str, sizes)),
        stale=stale,
        sw=deck_words(deck),
    )


def _load(name: str):
    from ..assemble.decks import load_deck

    return load_deck(deck_folder(name).path)


async def generate_page(request: Request):
    """GET /decks/NAME/generate: the form, with the CLI's defaults."""
    deck = await off_loop(_load, request.path_params["name"])
    asked = Asked(text={"seed": "1", "candidates": str(DEFAULT_CANDIDATES), "strength": "original"})
    return _show(request, deck, asked)


def _why(deck, exc) -> str:
    """Why no deck can be made: in the deck's language where the library gives the phrase, else its message."""
    from ..deck.language import language

    words = getattr(exc, "words", None)
    return language(deck.language).t(words[0], **words[1]) if words else exc.format_message()


async def _candidates(request: Request, deck, asked: Asked, **shown):
    from ..errors import DatadialoogError

    try:
        found = await off_loop(_tried, deck, asked)
    except DatadialoogError as exc:  # a deck no drawing can keep (too few persons per series): the library says why
        return _show(request, deck, asked, status=422, cannot=_why(deck, exc))
    return _show(request, deck, asked, found=found, **shown)


async def candidates(request: Request):
    """POST /decks/NAME/generate/candidates: the candidates side by side (422 with each refusal)."""
    deck = await off_loop(_load, request.path_params["name"])
    asked = read_asked(await request.form())
    if asked.errors:
        return _show(request, deck, asked, status=422)
    return await _candidates(request, deck, asked)


async def make(request: Request):
    """POST /decks/NAME/generate: the picked candidate written as decks/NEW, as ``generate NEW --seed PICK`` writes it,
    from the ``version`` of the deck its candidates were drawn from (else its candidates anew, and what changed)."""
    from ..errors import DatadialoogError
    from ..trainer.deckversion import StaleDeck
    from ..trainer.generate import generate_deck
    from .stale import notice
    from .words import deck_words

    found = deck_folder(request.path_params["name"])
    deck = await off_loop(_load, request.path_params["name"])
    form = await request.form()
    asked = read_asked(form)
    version = str(form.get("version") or "") or None
    if asked.errors:
        return _show(request, deck, asked, status=422)
    pick = _whole(asked, "pick", asked.seed, asked.seed + asked.candidates - 1)
    name = asked.text["name"].strip()
    if (problem := _name_problem(name)) is not None:
        asked.errors.append(("name", problem))
    if asked.errors:
        return await _candidates(request, deck, asked, status=422)
    try:
        made = await off_loop(
            lambda: generate_deck(
                name,
                seed=pick,
                source=found.path,
                persons_per_series=asked.persons_per_series,
                strength=asked.strength,
                version=version,
            )
        )
    except StaleDeck as exc:  # the candidates were of another version: they are drawn again from this one
        told = await off_loop(notice, exc, deck_words(deck))
        return await _candidates(request, deck, asked, status=409, stale=told)
    except DatadialoogError as exc:
        return await _candidates(request, deck, asked, status=422, cannot=_why(deck, exc))
    return _show(request, deck, asked, status=201, done=made)


ROUTES = [
    Route("/decks/{name}/generate", generate_page),
    Route("/decks/{name}/generate", make, methods=["POST"]),
    Route("/decks/{name}/generate/candidates", candidates, methods=["POST"]),
]
