"""A deck's persons to a spreadsheet and back: the library's ``export`` and ``import``, with their limits.

The upload lands in a temporary folder of its own under the file's own name, made safe (never a path the
browser sent), and is read by ``import_persons`` exactly as ``datadialoog-print import`` reads a file: its
caps (20 MB, 16 MB unpacked), every row checked, nothing written unless all is well, the old
persons kept in the deck's ``backups/``. Only decks in ``./decks`` are changed, never a shipped one. A refusal
is said at the file's field in the page's language (:mod:`.import_messages`), with the lesson's verdict after
an import counted as the decks page and the print form count it.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..deck.locate import Origin
from .offload import off_loop
from .pages import deck_folder, page, words
from .words import deck_words

KINDS = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".csv": "text/csv",
}
"""The spreadsheets ``export`` writes and ``import`` reads."""

CHUNK = 1 << 20


def _export(folder: Path, suffix: str) -> bytes:
    from ..trainer.spreadsheet import export_persons

    with tempfile.TemporaryDirectory(prefix="datadialoog-export-") as tmp:
        target = Path(tmp) / f"persons{suffix}"
        export_persons(folder, target)
        return target.read_bytes()


def _own_name(filename: str | None, suffix: str) -> str:
    """The uploaded file's own name, as the person chose it, made safe as one file name (no folder, no control
    character, not too long): messages and the new persons.yaml name it so, never the server's temporary file."""
    name = re.sub(r"[\x00-\x1f\x7f/\\:]", "_", Path((filename or "").replace("\\", "/")).name).strip(" .")
    stem = name[: -len(suffix)] if name.lower().endswith(suffix) else name
    return (stem[:100] or "upload") + suffix


async def download(request: Request):
    """GET /decks/NAME/persons.xlsx (or .ods, .csv): the deck's persons, as ``export`` writes them, named after the
    deck's title."""
    from ..assemble.decks import load_deck
    from .decks_page import short_name

    name, suffix = request.path_params["name"], "." + request.path_params["kind"]
    if suffix not in KINDS:
        raise HTTPException(404)
    found = deck_folder(name)
    data = await off_loop(_export, found.path, suffix)
    deck = await off_loop(load_deck, found.path)
    file = f"{short_name(deck.title, set())}-{deck_words(deck).file_persons}{suffix}"  # in the workbook's language
    disposition = f'attachment; filename="{file}"'
    return Response(data, media_type=KINDS[suffix], headers={"content-disposition": disposition})


async def upload(request: Request):
    """POST /decks/NAME/import: ``file`` (.xlsx, .ods or .csv) and ``mode`` (replace or append), as ``import`` takes
    them, checked against the ``version`` of the deck the page showed (``anyway``: the version a refusal named);
    every refusal at the file field, in the page's language, naming the file by its own name."""
    from ..deck.locate import is_shipped
    from ..errors import DatadialoogError
    from ..trainer.deckversion import PERSONS, StaleDeck, given
    from ..trainer.spreadsheet import import_persons
    from .decks_page import Feedback, decks_context, decks_response, sent_on
    from .import_messages import explain, where
    from .stale import notice
    from .words import deck_words

    w = words(request)
    found = deck_folder(request.path_params["name"])
    name = found.path.name
    field = f"file-{name}"
    fb = Feedback(name, "import")
    async with request.form(max_files=1, max_fields=10) as form:
        file, mode = form.get("file"), str(form.get("mode", ""))
        version = str(form.get("anyway") or form.get("version") or "") or None
        suffix = Path(file.filename or "").suffix.lower() if isinstance(file, UploadFile) else ""
        if not isinstance(file, UploadFile) or not file.filename:
            fb.errors[field] = w.imp_choose
        elif suffix not in KINDS:
            fb.errors[field] = w.t("imp_not_sheet_named", file=_own_name(file.filename, suffix))
        elif found.origin is not Origin.LOCAL or is_shipped(found.path):  # the library would refuse it too
            fb.errors[field] = w.imp_shipped
        elif mode not in ("replace", "append"):
            fb.errors[f"mode-{name}"] = w.imp_mode
        if fb.errors:
            return await decks_response(request, status=422, feedback=fb)
        own = _own_name(file.filename, suffix)
        with tempfile.TemporaryDirectory(prefix="datadialoog-import-") as tmp:
            table = Path(tmp) / own
            with open(table, "wb") as out:
                while chunk := await file.read(CHUNK):
                    out.write(chunk)
            try:
                result = await off_loop(  # no version, no import: it could undo a change made since the page was read
                    lambda: import_persons(found.path, table, mode=mode, version=given(found.path, version, PERSONS))
                )
            except StaleDeck as exc:
                context = await off_loop(decks_context, request)
                row = next((d for d in context["decks"] if d.name == name), None)
                told = notice(exc, deck_words(row) if row and row.language else w)
                extra = {"stale": told, "stale_deck": name, "stale_form": "import", "typed": mode}
                return page(request, "decks.html", status=409, feedback=None, **extra, **context)
            except DatadialoogError as exc:
                from ..trainer.columns import persons_origin

                deck = await off_loop(_load, found.path)
                if persons_origin(deck) is not None:
                    fb.errors[field] = w.imp_shared
                else:
                    problems = await off_loop(explain, deck, table, exc)
                    fb.errors[field] = w.t("imp_refused", file=own, count=len(problems))
                    fb.lines = [f"{where(w, key, own)}: {w.say(message)}" for key, message in problems]
                return await decks_response(request, status=422, feedback=fb)
    from .verdicts import deck_verdict

    verdict = deck_verdict(result.deck) if result.deck is not None else None
    fb.done = w.t("imp_done", file=own, added=result.added, count=result.persons)
    if verdict is not None:
        fb.done += " " + w.t("imp_verdict", verdict=w.list_separator.join(verdict.parts(w)))
        fb.lines = [*verdict.lesson, *verdict.persons]
    return sent_on(request, fb)  # a refresh asks for the decks page, never for the import again


def _load(folder: Path):
    from ..assemble.decks import load_deck

    return load_deck(folder)


ROUTES = [
    Route("/decks/{name}/persons.{kind}", download),
    Route("/decks/{name}/import", upload, methods=["POST"]),
]
