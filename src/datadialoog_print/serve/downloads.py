"""Downloads from one build's set, and nowhere else: one built file, page thumbnails, the whole set as a zip.

Every address names its build (``/decks/NAME/builds/ID/…``) and reads only that build's folder
(:mod:`.history`): a later build never changes what an open page hands out, and a build that no
longer exists answers 404, never another build's file. Only files the set's manifest lists (and
the manifest itself) are served, whatever the folder holds beside them.
"""

from __future__ import annotations

import io
import os
import stat
import time
import zipfile
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from . import history
from .offload import off_loop
from .pages import deck_folder, page, words
from .results import built_files, read_manifest


def _set(name: str, build_id: str) -> tuple[Path, list[str]]:
    """The build's folder and the names it may serve; 404 when there is no such build (or none this version can
    read: its page says which)."""
    deck_folder(name)
    facts = history.read_build(name, build_id)
    manifest = read_manifest(facts.folder) if facts is not None and facts.readable else None
    if manifest is None:
        raise HTTPException(404)
    return facts.folder, [*built_files(manifest), "manifest.json"]


def _served(name: str, build_id: str, file: str) -> Path:
    folder, names = _set(name, build_id)
    path = folder / file
    if file not in names or path.is_symlink() or not path.is_file():
        raise HTTPException(404)
    return path


async def download(request: Request):
    """GET /decks/NAME/builds/ID/files/FILE: one file of that build's set."""
    p = request.path_params
    path = await off_loop(_served, p["name"], p["build"], p["file"])
    return FileResponse(path, filename=path.name, content_disposition_type="attachment")


def _thumbnail(path: Path, number: int) -> bytes | None:
    """The page's PNG; None when the PDF cannot be read (damaged); 404 past its last page."""
    from .thumbs import Unreadable, page_count, thumbnail

    try:
        if not 1 <= number <= page_count(path):
            raise HTTPException(404)
        return thumbnail(path, number - 1)
    except Unreadable:
        return None


async def page_png(request: Request):
    """GET /decks/NAME/builds/ID/pages/FILE/N.png: a thumbnail of page N; a damaged PDF gets a page in words."""
    p = request.path_params
    path = await off_loop(_served, p["name"], p["build"], p["file"])
    if path.suffix != ".pdf":
        raise HTTPException(404)
    png = await off_loop(_thumbnail, path, p["page"])
    if png is None:
        return page(request, "error.html", status=422, message_key="pdf_unreadable")
    return Response(png, media_type="image/png")


class Incomplete(Exception):
    """A set whose manifest lists a file that is missing, or is no plain file (a link): no zip is made of it."""

    def __init__(self, file: str):
        super().__init__(file)
        self.file = file


def _member(path: Path, arcname: str) -> tuple[zipfile.ZipInfo, bytes]:
    """A plain file as a zip member, dated and moded as ``ZipFile.write`` dates it, never read through a link
    (OSError for a link, a folder or nothing)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise IsADirectoryError(path)
        info = zipfile.ZipInfo(arcname, time.localtime(st.st_mtime)[:6])
        info.external_attr = (st.st_mode & 0xFFFF) << 16
        return info, f.read()


def _zip(name: str, build_id: str) -> bytes:
    folder, names = _set(name, build_id)
    if missing := next((f for f in names if (folder / f).is_symlink() or not (folder / f).is_file()), None):
        raise Incomplete(missing)  # a zip without it would look whole
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as z:  # PDFs are compressed already
        for file in names:
            try:
                z.writestr(*_member(folder / file, f"{name}/{file}"))
            except OSError:  # gone, or made a link, since it was looked at
                raise Incomplete(file) from None
    return buffer.getvalue()


async def download_zip(request: Request):
    """GET /decks/NAME/builds/ID/set.zip: that build's whole set with its manifest (``NAME/file.pdf`` …); a set that
    lacks a file its manifest lists gets a page in words (409) naming it, never a zip without it."""
    name, build_id = request.path_params["name"], request.path_params["build"]
    try:
        data = await off_loop(_zip, name, build_id)
    except Incomplete as exc:
        message = words(request).t("set_incomplete", file=exc.file)
        return page(request, "error.html", status=409, message=message, deck_name=name)
    return Response(
        data,
        media_type="application/zip",
        headers={"content-disposition": f'attachment; filename="{name}-{build_id}.zip"'},
    )


ROUTES = [
    Route("/decks/{name}/builds/{build}/set.zip", download_zip),
    Route("/decks/{name}/builds/{build}/files/{file}", download),
    Route("/decks/{name}/builds/{build}/pages/{file}/{page:int}.png", page_png),
]
