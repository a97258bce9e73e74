"""The persons page: a local deck's persons as a table with the workbook's dropdowns, bounds and Gepseudonimiseerd
column, edited in place.

Every edit posts the table (htmx) to ``/decks/NAME/persons/figures``, which checks each cell
with import's own rule (:func:`~datadialoog_print.trainer.importrows.cell_value`), loads the
deck with the edited persons in memory (``load_deck(replacing=…)``, as ``import`` does) and
answers with the answer sheet's figures, the lesson's verdicts in the deck's language and
``check``'s warnings. Every refusal, of a cell or of the deck these rows make (a text naming a
renamed person), is the loader's own, said in the deck's language at its row and column
(:mod:`.person_cells`). Saving goes the way ``import`` writes: the whole deck validated first,
then ``persons.yaml`` (its comments kept) and, when the boxes change them, deck.yaml's
pseudonymised lists replaced atomically, the old files kept in ``backups/``. Only decks in
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

PSEUDONYMISED = "pseudonymised"
"""The Gepseudonimiseerd column's field: the person's cards carry a number, not the name (deck.yaml's lists)."""

MAX_PERSONS = 2000
"""Rows the page edits at most: a table a person can work through (a workbook takes the rest)."""


@dataclass
class Edited:
    """The table as posted: one mapping per row, the message of each bad cell (and of the deck as a whole), the
    files it would save and the deck they make if nothing is wrong."""

    rows: list[dict]
    problems: dict[tuple[int, str], Message] = field(default_factory=dict)
    general: list[Message] = field(default_factory=list)
    """The loader's refusals that belong to no one cell (a series left without persons), in the page's words."""
    files: dict[str, bytes] = field(default_factory=dict)
    deck: object | None = None
    error: str = ""

    @property
    def bad(self) -> bool:
        return bool(self.problems or self.general or self.error)


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
    hidden = {n for s in deck.series for n in s.pseudonymised}
    return [{"name": p.name, "series": p.series, **p.values, PSEUDONYMISED: p.name in hidden} for p in deck.persons]


BOXES = "boxes"
"""A hidden field the table posts with its boxes: a form without it (a page from before the column) leaves
deck.yaml's pseudonymised lists as they are, as import does with a file without the column."""


def _ticked(form, count: int) -> set[int] | bool | None:
    """The rows whose Gepseudonimiseerd box is ticked (each box posts its row's number); False if one is no row;
    None when the form has no boxes."""
    if form.get(BOXES) != PSEUDONYMISED:
        return None
    ticked = set()
    for value in form.getlist(PSEUDONYMISED):
        if not str(value).isdigit() or not 0 <= int(value) < count:
            return False
        ticked.add(int(value))
    return ticked


def _read(deck, form) -> Edited:
    """The posted table, every cell checked as import checks it; the in-memory deck when all is well."""
    from ..assemble.decks import printing
    from ..trainer.importrows import series_words
    from .person_cells import cell_problem, name_reason

    keys = ["name", "series", *(a.key for a in deck.attributes)]
    columns = {key: form.getlist(key) for key in keys}
    count = len(columns["name"])
    edited = Edited(rows=[])
    ticked = _ticked(form, count)
    if any(len(values) != count for values in columns.values()) or not 0 < count <= MAX_PERSONS or ticked is False:
        edited.error = "incomplete"
        return edited
    series = series_words(deck)
    printable = printing().printable
    seen: set[str] = set()
    for i in range(count):
        raw = {key: str(columns[key][i]) for key in keys}
        row = {"name": raw["name"].strip(), "series": series.get(raw["series"].strip().casefold(), raw["series"])}
        if problem := name_reason(row["name"], seen, printable):
            edited.problems[(i, "name")] = problem
        seen.add(row["name"])
        if raw["series"].strip().casefold() not in series:
            edited.problems[(i, "series")] = ("cell_series", {"series": raw["series"]})
        for a in deck.attributes:
            value, problem = cell_problem(a, raw[a.key], printable)
            if problem:
                edited.problems[(i, a.key)] = problem
            row[a.key] = value if value is not None else raw[a.key]
        row[PSEUDONYMISED] = i in ticked if ticked is not None else None
        edited.rows.append(row)
    if not edited.problems:
        _as_deck(deck, edited)
    return edited


def _files(deck, rows: list[dict]) -> dict[str, bytes]:
    """What saving writes: persons.yaml with its comments kept (each row keeps its own, renamed or not), and
    deck.yaml when the ticked boxes change its pseudonymised lists (as import does with the workbook's column)."""
    from ..deck.language import language
    from ..trainer.personsfile import persons_text
    from ..trainer.pseudonymised import pseudonymised_deck_yaml

    persons = [{k: v for k, v in r.items() if k != PSEUDONYMISED} | {"series": _series(r["series"])} for r in rows]
    try:
        old = (deck.path / "persons.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        old = None
    comment = language(deck.language).t("persons_file_edited", deck=deck.name)
    files = {"persons.yaml": persons_text(persons, comment, old, by_row=True).encode("utf-8")}
    marked = {r["name"] for r in rows if r[PSEUDONYMISED]} if all(r[PSEUDONYMISED] is not None for r in rows) else None
    if (text := pseudonymised_deck_yaml(deck, persons, marked)) is not None:
        files["deck.yaml"] = text.encode("utf-8")
    return files


def _series(key: str):
    return int(key) if key.isdigit() else key


def _refused(deck, edited: Edited, exc: Exception) -> None:
    """The loader's refusal of the deck these rows make, at the cells it concerns, in the deck's words."""
    from ..errors import DeckError
    from .person_cells import deck_problems

    if isinstance(exc, DeckError):
        cells, general = deck_problems(exc, [p.name for p in deck.persons], edited.rows)
        edited.problems.update(cells)
        edited.general += general
    else:  # not the deck's refusal: the disk, another writer
        edited.general.append(("persons_not_saved", {"message": getattr(exc, "message", str(exc))}))


def _as_deck(deck, edited: Edited) -> None:
    """The deck with the edited persons, loaded in memory as ``import`` validates it; its refusal if it fails."""
    from ..assemble.decks import load_deck
    from ..errors import DatadialoogError

    try:
        edited.files = _files(deck, edited.rows)
        texts = {name: data.decode("utf-8") for name, data in edited.files.items()}
        edited.deck = load_deck(deck.path, replacing=texts)
    except DatadialoogError as exc:
        _refused(deck, edited, exc)


def _column(deck, w, key: str) -> str:
    if key in ("name", "series", PSEUDONYMISED):
        return w[f"persons_col_{key}"]
    return next((a.label for a in deck.attributes if a.key == key), key)


def messages(deck, problems: dict[tuple[int, str], Message]) -> dict[tuple[int, str], str]:
    """Each bad cell's message in the deck's language (the workspace's tables), headed by its column."""
    from .words import deck_words

    w = deck_words(deck)
    return {
        (i, key): w.t("persons_cell_message", column=_column(deck, w, key), text=w.say(message))
        for (i, key), message in problems.items()
    }


def summary(deck, edited: Edited | None) -> list[str]:
    """Above the table: the deck's refusals that belong to no cell, then each bad cell by row and column."""
    from .words import deck_words

    if edited is None:
        return []
    w = deck_words(deck)
    cells = [
        w.t("persons_at", row=i + 1, column=_column(deck, w, key), text=w.say(message))
        for (i, key), message in sorted(edited.problems.items(), key=lambda item: item[0][0])
    ]
    return [w.say(m) for m in edited.general] + cells[:MAX_LISTED]


MAX_LISTED = 20
"""Bad cells listed above the table by row and column; each also has its message in its row."""


def figures(deck) -> dict:
    """What the figures fragment shows: the answer sheet's rows, each verdict in the deck's words with what to change
    where it is broken, check's warnings about the lesson, and each person's warnings by table row."""
    from ..deck.plausible import person_findings
    from ..figures.advice import advice
    from ..figures.answersheet import answer_rows
    from ..figures.lesson import verdicts
    from ..figures.lessontext import lesson_findings, lesson_text, verdict_title
    from ..figures.stats import answer_sheet

    sheet = answer_sheet(deck)
    found = verdicts(deck, sheet)
    by_row: dict[int, list[str]] = {}
    for finding in person_findings(deck):  # field "persons[3]" or "persons[3].name": the table's row 3
        index = int(finding.field.split("[", 1)[1].split("]", 1)[0]) - 1
        by_row.setdefault(index, []).append(finding.text)
    return {
        "rows": answer_rows(deck, sheet=sheet),
        "verdicts": [
            (v.kept, f"{verdict_title(deck, v)}: {lesson_text(deck, v)}", advice(deck, sheet, v)) for v in found
        ],
        # the text alone: a YAML position (persons.yaml:41: persons[3]) means nothing on a page of unsaved rows
        "warnings": [p.text for p in lesson_findings(deck)],
        "row_warnings": by_row,
        "persons": len(deck.persons),
        "series": deck.series,
    }


def _save(deck, edited: Edited, version: str | None) -> None:
    """The files replaced as ``import`` replaces them: under the deck's lock, only if the deck is still the
    ``version`` the page was read from, checked whole again, the old ones backed up."""
    from ..trainer.deckversion import PERSONS, given
    from ..trainer.deckwrite import save_deck_files

    # no version, no save: one that named none could undo any change made since the page was read
    save_deck_files(deck.path, edited.files, version=given(deck.path, version, PERSONS))


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
        listed=summary(deck, edited),
        error=edited.error if edited else "",
        refusal=refusal,
        f=figures(shown) if not (edited and edited.bad) else None,
        saved=saved,
        version=shown_too.pop("version", None) or version_of(deck, PERSONS),
        copy=copy_name(deck) if refusal == "shipped" else None,
        sw=deck_words(deck),
        **shown_too,
    )


def _fields(deck) -> int:
    return MAX_PERSONS * (len(deck.attributes) + 3) + 10


async def persons_page(request: Request):
    """GET /decks/NAME/persons: the table, and the figures of the deck as it is, with the version it was read at."""
    found, deck = await off_loop(_load, request.path_params["name"])
    saved = notes.note(request) == "saved"  # sent here by a save (Post/Redirect/Get)
    return notes.shown(request, await off_loop(lambda: _page(request, found, deck, saved=saved)))


async def edited_figures(request: Request):
    """POST /decks/NAME/persons/figures: the edited table as an in-memory deck; the figures fragment (422 with each
    refusal at its cell if a cell, or the deck these rows make, is refused)."""
    _found, deck = await off_loop(_load, request.path_params["name"])
    async with request.form(max_files=0, max_fields=_fields(deck)) as form:
        edited = await off_loop(_read, deck, form)
    return page(
        request,
        "persons_figures.html",
        status=422 if edited.bad else 200,
        f=None if edited.bad else await off_loop(figures, edited.deck),
        problems=messages(deck, edited.problems),
        listed=summary(deck, edited),
        error=edited.error,
        count=len(edited.rows),
        deck=deck,
        oob=True,
    )


async def save(request: Request):
    """POST /decks/NAME/persons: the edited table saved if the deck is still the ``version`` the page was read at
    (``anyway``: the version a refusal named); else the page again with what was typed, each bad cell's message,
    or what changed in between (409), and nothing written."""
    from ..errors import DatadialoogError
    from ..trainer.deckversion import StaleDeck
    from .stale import notice
    from .words import deck_words

    found, deck = await off_loop(_load, request.path_params["name"])
    if _refusal(found, deck):
        return await off_loop(lambda: _page(request, found, deck, status=403))
    async with request.form(max_files=0, max_fields=_fields(deck)) as form:
        edited = await off_loop(_read, deck, form)
        version = str(form.get("anyway") or form.get("version") or "") or None
        seen = str(form.get("version") or "") or None
    if edited.bad:
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
    except DatadialoogError as exc:  # the disk, another writer: said at the page, in the deck's words
        _refused(deck, edited, exc)
        return await off_loop(
            lambda: _page(request, found, deck, rows=edited.rows, edited=edited, status=422, version=seen)
        )
    return notes.after_save(request, request.url.path)  # a refresh asks for the page, never the save again


ROUTES = [
    Route("/decks/{name}/persons", persons_page),
    Route("/decks/{name}/persons", save, methods=["POST"]),
    Route("/decks/{name}/persons/figures", edited_figures, methods=["POST"]),
]
