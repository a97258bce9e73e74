"""A deck's persons to a spreadsheet and back: the library's ``export`` and ``import``, with their limits.

The upload lands in a temporary folder under a fixed name (never the name the browser sent)
and is read by ``import_persons`` exactly as ``datadialoog-print import`` reads a file: its
caps (20 MB, 16 MB unpacked), every row checked, nothing written unless all is well, the old
persons kept in the deck's ``backups/``. Only decks in ``./decks`` are changed, never a shipped one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..deck.locate import Origin
from . import notes
from .decks_page import decks_context
from .offload import off_loop
from .pages import deck_folder, page, words

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


async def download(request: Request):
    """GET /decks/NAME/persons.xlsx (or .ods, .csv): the deck's persons, as ``export`` writes them."""
    name, suffix = request.path_params["name"], "." + request.path_params["kind"]
    if suffix not in KINDS:
        raise HTTPException(404)
    data = await off_loop(_export, deck_folder(name).path, suffix)
    disposition = f'attachment; filename="{name}-persons{suffix}"'
    return Response(data, media_type=KINDS[suffix], headers={"content-disposition": disposition})


async def upload(request: Request):
    """POST /decks/NAME/import: ``file`` (.xlsx, .ods or .csv) and ``mode`` (replace or append), as ``import`` takes
    them, checked against the ``version`` of the deck the page showed (``anyway``: the version a refusal named)."""
    from ..deck.locate import is_shipped
    from ..errors import DatadialoogError, user_message
    from ..trainer.deckversion import PERSONS, StaleDeck, given
    from ..trainer.spreadsheet import import_persons
    from .stale import notice
    from .words import deck_words

    found = deck_folder(request.path_params["name"])
    async with request.form(max_files=1, max_fields=10) as form:
        file, mode = form.get("file"), str(form.get("mode", ""))
        version = str(form.get("anyway") or form.get("version") or "") or None
        try:
            if not isinstance(file, UploadFile) or Path(file.filename or "").suffix.lower() not in KINDS:
                raise DatadialoogError("choose a spreadsheet: an .xlsx or .ods workbook, or a .csv file")
            if found.origin is not Origin.LOCAL or is_shipped(found.path):  # the library would refuse it too
                raise DatadialoogError(
                    f"{found.path.name} is shipped with the tool and is not changed in place; start your own copy "
                    "first (new deck from this one)"
                )
            if mode not in ("replace", "append"):
                raise DatadialoogError("say what to do with the deck's current persons: replace or append")
            with tempfile.TemporaryDirectory(prefix="datadialoog-import-") as tmp:
                table = Path(tmp) / f"upload{Path(file.filename).suffix.lower()}"
                with open(table, "wb") as out:
                    while chunk := await file.read(CHUNK):
                        out.write(chunk)
                result = await off_loop(
                    lambda: import_persons(
                        found.path, table, mode=mode, version=given(found.path, version, PERSONS)
                    )  # no version, no import: it could undo a change made since the page was read
                )
        except StaleDeck as exc:
            context = await off_loop(decks_context, request)
            row = next((d for d in context["decks"] if d.name == found.path.name), None)
            told = notice(exc, deck_words(row) if row and row.language else words(request))
            extra = {"stale": told, "stale_deck": found.path.name, "stale_form": "import", "typed": mode}
            return page(request, "decks.html", status=409, **extra, **context)
        except DatadialoogError as exc:
            message = user_message(exc, [])
            context = await off_loop(decks_context, request)
            return page(request, "decks.html", status=422, error=message, **context)
    # a refresh asks for the page, never the import again
    return notes.after_save(request, "/", f"imported:{found.path.name}:{result.added}:{result.persons}")


ROUTES = [
    Route("/decks/{name}/persons.{kind}", download),
    Route("/decks/{name}/import", upload, methods=["POST"]),
]
