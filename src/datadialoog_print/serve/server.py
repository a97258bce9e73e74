"""Starting the workspace: a socket on this machine, the address with its token printed first, the browser opened.

The workspace listens on a loopback address of its own, ``127.x.y.z`` drawn at random for each start (never
127.0.0.1): a browser sends a site's cookies to every port of its host, so on 127.0.0.1 any other local web
server the browser visits would receive the token's cookie, and could replace it. On its own address only this
workspace gets it. Where the system has no such address (macOS gives only 127.0.0.1 by default), it listens on
127.0.0.1 and says so.

The browser is opened as Jupyter opens it: on a small local file (mode 0600, readable by this user only) whose
form posts the token to the workspace, never with the token in the browser's command line, where any user of the
machine could read it (``ps``), nor in an address the browser would keep in its history. The file is removed as
soon as a browser has traded the token for its cookie, or after :data:`REDIRECT_FILE_S`, and when the workspace
stops.
"""

from __future__ import annotations

import contextlib
import errno
import html
import ipaddress
import os
import secrets
import socket
import sys
import tempfile
import threading
import webbrowser
from pathlib import Path

from ..errors import DatadialoogError
from .security import LOOPBACK

REDIRECT_FILE_S = 120.0
"""How long the file that opens the browser is kept if no browser comes (a slow first start of a browser)."""


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def own_address() -> str:
    """A random loopback address: ``127.x.y.z`` with x from 1 (so never 127.0.0.1, nor systemd's 127.0.0.53 or
    Debian's 127.0.1.1) and z neither 0 nor 255."""
    return f"127.{1 + secrets.randbelow(254)}.{secrets.randbelow(256)}.{1 + secrets.randbelow(254)}"


def listen(host: str | None, port: int) -> tuple[socket.socket, str]:
    """A listening socket and the address it is on: ``host`` when given, else a loopback address of its own, else
    (a system without one) 127.0.0.1. DatadialoogError when the address or port cannot be had."""
    if host is None:
        address = own_address()
        try:
            return _bound(address, port), address
        except OSError as exc:
            if exc.errno != errno.EADDRNOTAVAIL:  # no such address here (macOS): 127.0.0.1 it is; else a real refusal
                raise DatadialoogError(f"cannot listen on {address}:{port}: {exc.strerror or exc}") from None
        host = LOOPBACK
        print(
            "note: this system gives the workspace no loopback address of its own, so it listens on 127.0.0.1, "
            "where other local web servers your browser visits receive its cookie (see docs/security.md)",
            file=sys.stderr,
            flush=True,
        )
    try:
        return _bound(host.strip("[]"), port), host.strip("[]")
    except OSError as exc:
        raise DatadialoogError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _bound(address: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((address, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


class RedirectFile:
    """The page that hands the token to the workspace by a form it posts at once: only this user can read it, no
    address carries the token, and it goes."""

    def __init__(self, action: str, token: str):
        from .words import DEFAULT, Words

        w = Words(DEFAULT)
        fd, name = tempfile.mkstemp(prefix="datadialoog-open-", suffix=".html")  # 0600, as mkstemp makes files
        self.path = Path(name)
        self._lock = threading.Lock()
        page = (
            f'<!doctype html><html lang="{w.code}"><head><meta charset="utf-8">'
            f"<title>{html.escape(w.app_title)}</title></head><body>"
            f'<form method="post" action="{html.escape(action, quote=True)}">'
            f'<input type="hidden" name="token" value="{html.escape(token, quote=True)}">'
            f'<p><button type="submit">{html.escape(w.opening)}</button></p></form>'
            "<script>document.forms[0].submit()</script></body></html>"
        )
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page)

    def uri(self) -> str:
        return self.path.as_uri()

    def remove(self) -> None:
        with self._lock, contextlib.suppress(OSError):
            self.path.unlink()


def server_config(app):
    """How uvicorn runs the workspace: uvicorn's h11 protocol with time limits for slow clients
    (:mod:`.slowclients`), quiet, and an open progress stream holding up Ctrl+C for 3 s at most."""
    import uvicorn

    from .slowclients import TimedH11Protocol

    return uvicorn.Config(
        app, http=TimedH11Protocol, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=3
    )


def serve(*, host: str | None = None, port: int = 0, allow_remote: bool = False, open_browser: bool = True) -> None:
    """Serve until interrupted. The first line printed is the address with the token. ``host`` None: a loopback
    address of this start's own (:func:`listen`)."""
    import uvicorn

    from .app import create_app
    from .security import OPEN_PATH, host_name, new_token
    from .summaries import warm

    if host is not None and not is_loopback(host) and not allow_remote:
        raise DatadialoogError(
            f"--host {host} would let other machines reach the workspace; add --allow-remote if that is what you want"
        )
    if host == "localhost":
        host = LOOPBACK
    sock, address = listen(host, port)
    port = sock.getsockname()[1]
    token = new_token()
    base = f"http://{host_name(address)}:{port}"
    print(f"{base}/?token={token}", flush=True)
    print("The workspace runs until you press Ctrl+C here.", flush=True)
    opener = RedirectFile(base + OPEN_PATH, token) if open_browser else None
    app = create_app(token=token, port=port, host=address, on_trade=opener.remove if opener else None)
    # A thread reading a large deck holds the interpreter 5 ms at a time by default; 1 ms lets the event loop answer
    # a second client sooner (bench/decks_bench.py, loaded machine: median 20 ms instead of 27-54, 90 % within
    # 50 ms instead of 70-170).
    sys.setswitchinterval(0.001)
    server = uvicorn.Server(server_config(app))
    threading.Thread(target=warm, name="datadialoog-decks", daemon=True).start()
    timers = []
    if opener is not None:
        timers = [
            threading.Timer(0.3, webbrowser.open, args=(opener.uri(),)),
            threading.Timer(REDIRECT_FILE_S, opener.remove),
        ]
        for timer in timers:
            timer.daemon = True
            timer.start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        for timer in timers:
            timer.cancel()
        if opener is not None:
            opener.remove()
    sys.stdout.flush()
