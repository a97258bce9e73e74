"""The workspace inside the browser tab: each request of its pages handed to the same application ``serve`` runs.

Runs in Pyodide, in the tab's Web Worker (``static/worker.js``). The service worker hands every request
under the site's ``app/<tab>/`` to the tab's shell, which hands it here; :func:`answer` calls the
Starlette application with it, as uvicorn would, and returns the whole answer. What ``serve`` gets from
its transport this module gives instead:

* no token: nothing listens on a port, the pages reach no one but this tab, so there is no guard;
  the security headers are the guard's, with framing allowed by the shell only;
* the workspace's paths (``/decks/…``) live under the tab's prefix: links, forms and redirects in
  the answers get it;
* cookies (the language chosen): a service worker's answer cannot set one, so they are kept here, in
  the tab's own storage, and sent with every request as a browser would;
* the person's files (``decks/``, ``output/``, the printers) live in the browser's origin-private file
  system, mounted as the working folder by the worker, which writes them back after each request.
"""

from __future__ import annotations

import gc
import json
import os
import random
import re
import time
from http.cookies import SimpleCookie
from pathlib import Path

LINKS = re.compile(
    rb'(\s(?:href|src|action|formaction|hx-get|hx-post|hx-put|hx-delete|data-events|data-result)=")/(?!/)'
)
"""An attribute holding one of the workspace's own paths. (The language switch's ``next`` stays as it is: the app
reads it and redirects there, and the redirect gets the prefix.)"""

DOWNLOAD = re.compile(rb'(<a\b[^>]*?)\sdownload(?:="[^"]*")?(?=[\s>])')
"""A link's ``download`` attribute: Chromium cancels such a download when a service worker answers it, while the
answer's own ``Content-Disposition: attachment`` downloads it the same way, so the tab drops the attribute."""

HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self'; "
        b"frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'",
    ),
]
"""What the ``serve`` guard sends with every answer, less the ban on framing (the shell frames the pages)."""

COOKIES = "web-cookies.json"

_app = None
_post = None


def start(home: str, post=None, queue=None, alive=None) -> None:
    """Make the application for this tab, working in ``home`` (the mounted folder); ``post(message)`` tells the
    shell how a build goes (the progress page shows it); ``queue(run)`` runs a build after the request that asked
    for it, in the worker's own order of work; ``alive()`` tells the shell's watchdog that Python is working."""
    global _app, _post
    from .parses import give

    random.seed()  # a kept memory (see warm) would otherwise give every visit the same sequence
    give()  # the shipped decks' parses, before a first page reads one
    os.chdir(home)
    os.environ.setdefault("DATADIALOOG_CONFIG_DIR", str(Path(home) / "settings"))
    _post = post
    _threads_inline()
    if alive is not None:
        gc.callbacks.append(_signs_of_life(alive))
    if queue is not None:
        from pyodide.ffi import create_once_callable

        from ..serve.offload import Later

        Later.schedule = lambda run: queue(create_once_callable(run))  # kept alive until the worker runs it
    from ..serve.app import create_app
    from ..serve.worker import Builder

    guarded = create_app(token="web", port=0)  # the guard is left out below: no port, no token
    _app = guarded.app
    _app.state.builder = Builder(on_change=_tell)


def warm() -> None:
    """Import what the workspace's pages use, compile every page template, sum up the shipped decks (reading a deck's
    YAML without libyaml takes a second here) and build the default deck once in a scratch folder (a build's
    modules, its fonts and its patterns), before ``start``: the keeper keeps Python's memory after this
    (``static/worker.js``), so a later visit starts with all of it in place. Nothing here may hold an object of the
    page's, as a kept memory cannot."""
    import tempfile

    import anyio

    from ..assemble import build
    from ..assemble.decks import load_deck
    from ..deck.locate import shipped_dir
    from ..serve import summaries
    from ..serve.pagegroups import page_groups
    from ..serve.pages import templates
    from . import archive  # noqa: F401  (a start from the kept memory unpacks with it)
    from .parses import give

    give()

    anyio.get_available_backends()  # imports the event loop's backend, which a first answer would (a third of a second)
    anyio.open_file  # noqa: B018  (named, its module is imported: every answer of a style sheet or script opens a file)
    page_groups()
    summaries.warm()  # kept with the hashes of the files read: a deck changed since is read again
    templates.auto_reload = False  # the sources are unpacked anew, with new times, at every start; never edited here
    for name in templates.list_templates():
        templates.get_template(name)
    with tempfile.TemporaryDirectory() as scratch:
        build(load_deck(shipped_dir() / "default"), Path(scratch) / "set")
    gc.collect()


def package_only(method: str, path: str) -> bool:
    """Whether answering this request reads only the package's own files (the pages' style sheet and scripts), never
    the person's: the worker then neither reads nor writes the person's files around it (each page asks for three)."""
    return method in ("GET", "HEAD") and _app is not None and path.startswith(_app.url_path_for("static", path="/"))


ALIVE_S = 0.25
"""At most this often, work in Python tells the shell it is alive (a few messages a second cost nothing)."""


def _signs_of_life(alive):
    """A garbage collector's callback that calls ``alive()`` at most every :data:`ALIVE_S`: while Python works it
    makes objects, so the collector runs many times a second, through a build's longest document too. A loop that
    makes none (a deck pattern backtracking in ``re``) stays silent, and the shell ends the worker past its bound."""
    last = [time.monotonic()]

    def collected(phase: str, info: dict) -> None:
        now = time.monotonic()
        if phase == "stop" and now - last[0] >= ALIVE_S:
            last[0] = now
            alive()

    return collected


def _threads_inline() -> None:
    """Starlette hands file reads and large uploads to a thread (``anyio.to_thread``); Pyodide has none, so
    the work runs where it is asked for."""
    import anyio.to_thread

    async def run_sync(func, *args, **kwargs):
        kwargs.pop("abandon_on_cancel", None), kwargs.pop("cancellable", None), kwargs.pop("limiter", None)
        return func(*args)

    anyio.to_thread.run_sync = run_sync


def _tell(job) -> None:
    """A build's state, to the shell: it answers the progress page from it while the build holds this worker."""
    if _post is None:
        return
    try:
        events = _app.url_path_for("build_result", name=job.deck, build=job.id) + "/events"
    except Exception:  # a route renamed: the progress page then waits for the build's end
        return
    _post(
        json.dumps({"events": events, "state": job.state, "done": job.done, "total": job.total, "message": job.message})
    )


def _cookie_jar() -> dict[str, str]:
    try:
        jar = json.loads(Path(COOKIES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in jar.items()} if isinstance(jar, dict) else {}


def _keep_cookies(values: list[str]) -> None:
    jar = _cookie_jar()
    for value in values:
        cookie = SimpleCookie()
        cookie.load(value)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0":
                jar.pop(name, None)
            else:
                jar[name] = morsel.value
    Path(COOKIES).write_text(json.dumps(jar, sort_keys=True), encoding="utf-8")


async def answer(method: str, path: str, query: str, headers: str, body, prefix: str):
    """One request, answered whole: ``(status, headers as JSON [[name, value], …], body)``. ``path`` is the
    workspace's own (``/decks/…``); ``prefix`` is where the tab serves it (``/site/app/k3j4``, no last slash);
    ``body`` is bytes, or the worker's array of them."""
    status, out_headers, data = await _answer(method, path, query, json.loads(headers), _bytes(body), prefix)
    return status, json.dumps(out_headers), data


def _bytes(body) -> bytes:
    if body is None:
        return b""
    return body.to_bytes() if hasattr(body, "to_bytes") else bytes(body)


async def _answer(method: str, path: str, query: str, headers: list, body: bytes, prefix: str):
    jar = _cookie_jar()
    sent = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers if k.lower() != "cookie"]
    if jar:
        sent.append((b"cookie", "; ".join(f"{k}={v}" for k, v in jar.items()).encode("latin-1")))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": "https",
        "path": path,
        "raw_path": path.encode("utf-8"),
        "query_string": query.encode("latin-1"),
        "root_path": "",
        "headers": [(b"host", b"workspace"), *sent],
        "client": ("127.0.0.1", 0),
        "server": ("workspace", 443),
    }
    incoming = [{"type": "http.request", "body": bytes(body), "more_body": False}]
    status = 500
    out_headers: list[tuple[bytes, bytes]] = []
    chunks: list[bytes] = []

    async def receive():
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message):
        nonlocal status, out_headers
        if message["type"] == "http.response.start":
            status = message["status"]
            out_headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await _app(scope, receive, send)
    return _finish(status, out_headers, b"".join(chunks), prefix.encode("utf-8"))


def _finish(status: int, headers: list[tuple[bytes, bytes]], body: bytes, prefix: bytes):
    """The answer as the tab serves it: its own paths under the prefix, its cookies kept here, the headers set."""
    cookies = [v.decode("latin-1") for k, v in headers if k.lower() == b"set-cookie"]
    if cookies:
        _keep_cookies(cookies)
    kept = []
    html = False
    for name, value in headers:
        name = name.lower()
        if name in {b"set-cookie", b"content-length"} or name in {k for k, _ in HEADERS}:
            continue
        if name == b"location" and value.startswith(b"/") and not value.startswith(b"//"):
            value = prefix + value
        html = html or (name == b"content-type" and value.startswith(b"text/html"))
        kept.append((name.decode("latin-1"), value.decode("latin-1")))
    if html:
        body = DOWNLOAD.sub(rb"\1", LINKS.sub(lambda m: m[1] + prefix + b"/", body))
    kept += [(k.decode(), v.decode()) for k, v in HEADERS]
    return status, kept, body
