"""Downloads from a deck's output folder, and nowhere else: one built file, page thumbnails, the whole set as a zip.

Only files the folder's manifest lists (and the manifest itself) are served: a name the
build did not write is 404, whatever the folder holds beside it.
"""

from __future__ import annotations

import io
import zipfile

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from .offload import off_loop
from .pages import deck_folder, output_folder_of
from .results import built_files, read_manifest
from .thumbs import page_count, thumbnail


def _folder_and_names(name: str):
    out = output_folder_of(deck_folder(name))
    manifest = read_manifest(out)
    if manifest is None:
        raise HTTPException(404)
    return out, built_files(manifest)


def _served(request: Request):
    out, names = _folder_and_names(request.path_params["name"])
    file = request.path_params["file"]
    if file not in [*names, "manifest.json"] or not (out / file).is_file():
        raise HTTPException(404)
    return out / file


async def download(request: Request):
    path = await off_loop(_served, request)
    return FileResponse(path, filename=path.name, content_disposition_type="attachment")


async def page_png(request: Request):
    path = await off_loop(_served, request)
    if path.suffix != ".pdf":
        raise HTTPException(404)
    number = request.path_params["page"]
    if not 1 <= number <= await off_loop(page_count, path):
        raise HTTPException(404)
    png = await off_loop(thumbnail, path, number - 1)
    return Response(png, media_type="image/png")


def _zip(name: str) -> bytes:
    out, names = _folder_and_names(name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as z:  # PDFs are compressed already
        for file in [*names, "manifest.json"]:
            if (out / file).is_file():
                z.write(out / file, f"{name}/{file}")
    return buffer.getvalue()


async def download_zip(request: Request):
    """The whole set with its manifest, as one zip: ``NAME/file.pdf`` …, ``NAME/manifest.json``."""
    name = request.path_params["name"]
    data = await off_loop(_zip, name)
    return Response(
        data, media_type="application/zip", headers={"content-disposition": f'attachment; filename="{name}.zip"'}
    )


ROUTES = [
    Route("/decks/{name}/output.zip", download_zip),
    Route("/decks/{name}/output/{file}", download),
    Route("/decks/{name}/pages/{file}/{page:int}.png", page_png),
]
