"""Starting the workspace: a socket on this machine, the address with its token printed first, the browser opened."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import webbrowser

from ..errors import DatadialoogError

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def serve(*, host: str = LOOPBACK, port: int = 0, allow_remote: bool = False, open_browser: bool = True) -> None:
    """Serve until interrupted. The first line printed is the address with the token."""
    import uvicorn

    from .app import create_app
    from .security import new_token

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
    app = create_app(token=token, port=port, extra_hosts=extra)
    # An open progress stream must not hold up Ctrl+C for long.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    sys.stdout.flush()
