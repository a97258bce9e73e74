"""Starting the workspace: a socket on this machine, the address with its token printed first, the browser opened.

The browser is opened as Jupyter opens it: on a small local file (mode 0600, readable by this user only) that
sends it on to the address with the token, never with the token in the browser's command line, where any user
of the machine could read it (``ps``). The file is removed as soon as a browser has traded the token for its
cookie, or after :data:`REDIRECT_FILE_S`, and when the workspace stops.
"""

from __future__ import annotations

import contextlib
import html
import ipaddress
import os
import socket
import sys
import tempfile
import threading
import webbrowser
from pathlib import Path

from ..errors import DatadialoogError

LOOPBACK = "127.0.0.1"

REDIRECT_FILE_S = 120.0
"""How long the file that opens the browser is kept if no browser comes (a slow first start of a browser)."""


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


class RedirectFile:
    """The page that sends the browser on to the address with the token: only this user can read it, and it goes."""

    def __init__(self, url: str):
        from .words import DEFAULT, Words

        w = Words(DEFAULT)
        fd, name = tempfile.mkstemp(prefix="datadialoog-open-", suffix=".html")  # 0600, as mkstemp makes files
        self.path = Path(name)
        self._lock = threading.Lock()
        target = html.escape(url, quote=True)
        page = (
            f'<!doctype html><html lang="{w.code}"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0;url={target}"><title>{html.escape(w.app_title)}</title></head>'
            f'<body><p><a href="{target}">{html.escape(w.opening)}</a></p></body></html>'
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


def serve(*, host: str = LOOPBACK, port: int = 0, allow_remote: bool = False, open_browser: bool = True) -> None:
    """Serve until interrupted. The first line printed is the address with the token."""
    import uvicorn

    from .app import create_app
    from .security import new_token
    from .summaries import warm

    if not is_loopback(host) and not allow_remote:
        raise DatadialoogError(
            f"--host {host} would let other machines reach the workspace; add --allow-remote if that is what you want"
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise DatadialoogError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(128)
    port = sock.getsockname()[1]
    token = new_token()
    extra = () if is_loopback(host) else (host if ":" not in host else f"[{host.strip('[]')}]",)
    shown = extra[0] if extra else "[::1]" if family == socket.AF_INET6 else LOOPBACK
    url = f"http://{shown}:{port}/?token={token}"
    print(url, flush=True)
    print("The workspace runs until you press Ctrl+C here.", flush=True)
    opener = RedirectFile(url) if open_browser else None
    app = create_app(token=token, port=port, extra_hosts=extra, on_trade=opener.remove if opener else None)
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
