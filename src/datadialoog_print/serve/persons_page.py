"""The persons page: a local deck's persons as a table with the workbook's dropdowns and bounds, edited in place.

Every edit posts the table (htmx) to ``/decks/NAME/persons/figures``, which checks each cell
with import's own rule (:func:`~datadialoog_print.trainer.importrows.cell_value`), its reason
named in the deck's language from the workspace's tables (:mod:`.person_cells`), loads the
deck with the edited persons in memory (``load_deck(replacing=…)``, as ``import`` does) and
answers with the answer sheet's figures, the lesson's verdicts in the deck's language and
``check``'s warnings. Saving goes the way ``import`` writes: the whole deck validated first,
then ``persons.yaml`` replaced atomically with the old one kept in ``backups/``. Only decks in
``./decks`` are changed, never a shipped one, nor a deck that takes its persons from another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.routing import Route

from . import notes
from .offload import off_loop
from .pages import deck_folder, page

if TYPE_CHECKING:
    from .person_cells import Message

MAX_PERSONS = 2000
"""Rows the page edits at most: a table a person can work through (a workbook takes the rest)."""


@dataclass
class Edited:
    """The table as posted: one mapping per row, the message of each bad cell, and the deck it makes if none."""

    rows: list[dict]
    problems: dict[tuple[int, str], Message] = field(default_factory=dict)
    deck: object | None = None
    error: str = ""


def _load(name: str):
    from ..assemble.decks import load_deck

    found = deck_folder(name)
    return found, load_deck(found.path)


def _refusal(found, deck) -> str:
    """Why this deck's persons cannot be changed here; empty when they can."""
    from ..deck.locate import Origin, is_shipped
    from ..trainer.columns import persons_origin

    if found.origin is not Origin.LOCAL or is_shipped(found.path):  # in a clone, decks/default is the shipped one
        return "shipped"
    if persons_origin(deck) is not None:
        return "shared"
    return ""


def _rows_of(deck) -> list[dict]:
    return [{"name": p.name, "series": p.series, **p.values} for p in deck.persons]


def _read(deck, form) -> Edited:
    """The posted table, every cell checked as import checks it; the in-memory deck when all is well."""
    from ..assemble.decks import printing
    from ..trainer.importrows import series_words
    from .person_cells import cell_problem, name_reason

    keys = ["name", "series", *(a.key for a in deck.attributes)]
    columns = {key: form.getlist(key) for key in keys}
    count = len(columns["name"])
    edited = Edited(rows=[])
    if any(len(values) != count for values in columns.values()) or not 0 < count <= MAX_PERSONS:
        edited.error = "incomplete"
        return edited
    series = series_words(deck)
    seen: set[str] = set()
    for i in range(count):
        raw = {key: str(columns[key][i]) for key in keys}
        row = {"name": raw["name"].strip(), "series": series.get(raw["series"].strip().casefold(), raw["series"])}
        if problem := name_reason(row["name"], seen):
            edited.problems[(i, "name")] = problem
        seen.add(row["name"])
        if raw["series"].strip().casefold() not in series:
            edited.problems[(i, "series")] = ("cell_series", {"series": raw["series"]})
        for a in deck.attributes:
            value, problem = cell_problem(a, raw[a.key], printing().printable)
            if problem:
                edited.problems[(i, a.key)] = problem
            row[a.key] = value if value is not None else raw[a.key]
        edited.rows.append(row)
    if not edited.problems:
        _as_deck(deck, edited)
    return edited


def messages(deck, problems: dict[tuple[int, str], Message]) -> dict[tuple[int, str], str]:
    """Each bad cell's message in the deck's language (the workspace's tables), as the lesson's verdicts are."""
    from .words import deck_words

    w = deck_words(deck)
    return {where: w.say(message) for where, message in problems.items()}


def _yaml(deck, rows: list[dict]) -> bytes:
    from ..trainer.newdeck import persons_yaml

    persons = [{**r, "series": int(r["series"]) if r["series"].isdigit() else r["series"]} for r in rows]
    return persons_yaml(persons, f"Persons of the deck '{deck.name}', edited in the workspace.").encode("utf-8")


def _as_deck(deck, edited: Edited) -> None:
    """The deck with the edited persons, loaded in memory as ``import`` validates it; its message if it fails."""
    from ..assemble.decks import load_deck
    from ..errors import DeckError, user_message

    try:
        edited.deck = load_deck(deck.path, replacing={"persons.yaml": _yaml(deck, edited.rows).decode("utf-8")})
    except DeckError as exc:
        edited.error = user_message(exc, [])


def figures(deck) -> dict:
    """What the figures fragment shows: the answer sheet's rows, each verdict in the deck's words, check's warnings."""
    from ..figures.answersheet import answer_rows
    from ..figures.lesson import verdicts
    from ..figures.lessontext import deck_findings, lesson_text
    from ..figures.stats import answer_sheet

    sheet = answer_sheet(deck)
    found = verdicts(deck, sheet)
    return {
        "rows": answer_rows(deck, sheet=sheet),
        "verdicts": [(v.kept, f"{v.title}: {lesson_text(deck, v)}") for v in found],
        # the text alone: a YAML position (persons.yaml:41: persons[3]) means nothing on a page of unsaved rows
        "warnings": [p.text for p in deck_findings(deck)],
        "series": deck.series,
    }


def _save(deck, edited: Edited, version: str | None) -> None:
    """persons.yaml replaced as ``import`` replaces it: under the deck's lock, only if the deck is still the
    ``version`` the page was read from, checked whole again, the old file backed up."""
    from ..trainer.deckversion import PERSONS, given
    from ..trainer.deckwrite import save_deck_files

    # no version, no save: one that named none could undo any change made since the page was read
    save_deck_files(deck.path, {"persons.yaml": _yaml(deck, edited.rows)}, version=given(deck.path, version, PERSONS))


def _page(request, found, deck, *, rows=None, edited: Edited | None = None, status=200, saved=False, **shown_too):
    from ..trainer.deckversion import PERSONS, version_of
    from .decks_page import copy_name
    from .words import deck_words

    refusal = _refusal(found, deck)
    shown = edited.deck if edited is not None and edited.deck is not None else deck
    return page(
        request,
        "persons.html",
        status=status,
        name=request.path_params["name"],
        deck=deck,
        rows=rows if rows is not None else _rows_of(deck),
        problems=messages(deck, edited.problems) if edited else {},
        error=edited.error if edited else "",
        refusal=refusal,
        f=figures(shown) if not (edited and (edited.problems or edited.error)) else None,
        saved=saved,
        version=shown_too.pop("version", None) or version_of(deck, PERSONS),
        copy=copy_name(deck) if refusal == "shipped" else None,
        sw=deck_words(deck),
        **shown_too,
    )


async def persons_page(request: Request):
    """GET /decks/NAME/persons: the table, and the figures of the deck as it is, with the version it was read at."""
    found, deck = await off_loop(_load, request.path_params["name"])
    saved = notes.note(request) == "saved"  # sent here by a save (Post/Redirect/Get)
    return notes.shown(request, await off_loop(lambda: _page(request, found, deck, saved=saved)))


async def edited_figures(request: Request):
    """POST /decks/NAME/persons/figures: the edited table as an in-memory deck; the figures fragment (422 if a cell is bad)."""
    _found, deck = await off_loop(_load, request.path_params["name"])
    async with request.form(max_files=0, max_fields=MAX_PERSONS * (len(deck.attributes) + 2) + 10) as form:
        edited = await off_loop(_read, deck, form)
    bad = bool(edited.problems or edited.error)
    return page(
        request,
        "persons_figures.html",
        status=422 if bad else 200,
        f=None if bad else await off_loop(figures, edited.deck),
        problems=messages(deck, edited.problems),
        error=edited.error,
        count=len(edited.rows),
        deck=deck,
        oob=True,
    )


async def save(request: Request):
    """POST /decks/NAME/persons: the edited table saved if the deck is still the ``version`` the page was read at
    (``anyway``: the version a refusal named); else the page again with what was typed, each bad cell's message,
    or what changed in between (409), and nothing written."""
    from ..errors import DatadialoogError, user_message
    from ..trainer.deckversion import StaleDeck
    from .stale import notice
    from .words import deck_words

    found, deck = await off_loop(_load, request.path_params["name"])
    if _refusal(found, deck):
        return await off_loop(lambda: _page(request, found, deck, status=403))
    async with request.form(max_files=0, max_fields=MAX_PERSONS * (len(deck.attributes) + 2) + 10) as form:
        edited = await off_loop(_read, deck, form)
        version = str(form.get("anyway") or form.get("version") or "") or None
        seen = str(form.get("version") or "") or None
    if edited.problems or edited.error:
        return await off_loop(
            lambda: _page(request, found, deck, rows=edited.rows, edited=edited, status=422, version=seen)
        )
    try:
        await off_loop(_save, deck, edited, version)
    except StaleDeck as exc:
        told = await off_loop(notice, exc, deck_words(deck))
        return await off_loop(
            lambda: _page(request, found, deck, rows=edited.rows, edited=edited, status=409, stale=told, version=seen)
        )
    except DatadialoogError as exc:
        edited.error = user_message(exc, [])
        return await off_loop(
            lambda: _page(request, found, deck, rows=edited.rows, edited=edited, status=422, version=seen)
        )
    return notes.after_save(request, request.url.path)  # a refresh asks for the page, never the save again


ROUTES = [
    Route("/decks/{name}/persons", persons_page),
    Route("/decks/{name}/persons", save, methods=["POST"]),
    Route("/decks/{name}/persons/figures", edited_figures, methods=["POST"]),
]
