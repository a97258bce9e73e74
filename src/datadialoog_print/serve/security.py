"""What makes the workspace safe to leave running: every request is checked here before any page sees it.

A web server on a laptop is reachable from every page its browser opens, so, as Jupyter does:

* a ``Host`` header other than this server's own names gets 400 (DNS rebinding);
* a POST with a foreign ``Origin`` or ``Sec-Fetch-Site: cross-site`` gets 403 (a form on another site);
* a request without the start's token (in the query, then traded for an HttpOnly,
  SameSite=Strict cookie named with the port, ``datadialoog_token_PORT``, so a second workspace or
  another local server setting a cookie of that name logs nobody out) gets 403;
* a page opened with the token (a browser's navigation) is sent on at once to the same address
  without it, so the token stays out of the address bar, the history and a projected screen;
* a body larger than the upload cap gets 413, counted as it arrives, whatever it claims;
* every answer says: no caching, no framing, no sniffing, no referrer to other sites, scripts only from here,
  and not to be read by another origin (``Cross-Origin-Resource-Policy``: a page on another port of this
  machine cannot even load a thumbnail); no CORS header is ever sent.

No GET or HEAD changes anything on disk (a page on another port can make the browser send those, cookie
and all); everything that writes is a POST, which a foreign ``Origin`` cannot send.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, urlencode

from starlette.exceptions import HTTPException
from starlette.requests import cookie_parser

COOKIE = "datadialoog_token"
"""The cookie the token is traded for, with the port after it: ``datadialoog_token_8123``."""


def cookie_name(port: int) -> str:
    """The token's cookie for the workspace on ``port``: cookies know no ports, their names do."""
    return f"{COOKIE}_{port}"


SAFE_METHODS = {"GET", "HEAD"}

HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make a form post's Origin "null"
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def new_token() -> str:
    """A fresh random token for one start of the server."""
    return secrets.token_urlsafe(24)


def allowed_hosts(port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host headers this server answers to: its loopback names with the port, and ``extra`` hosts; on port 80
    also without it (a browser leaves out the scheme's own port)."""
    names = ["127.0.0.1", "localhost", "[::1]", *extra]
    return frozenset(f"{n}:{port}".lower() for n in names) | (
        frozenset(n.lower() for n in names) if port == 80 else frozenset()
    )


class Guard:
    """ASGI middleware: Host, Origin, token and size checked before the app sees the request."""

    def __init__(self, app, *, token: str, hosts: frozenset[str], max_body: int, cookie: str = COOKIE, on_trade=None):
        """``cookie``: the token's cookie name (:func:`cookie_name`); ``on_trade``: called once the token has been
        traded for the cookie the first time (the start's redirect file is then no longer needed)."""
        self.app = app
        self.token = token
        self.hosts = hosts
        self.origins = frozenset(f"http://{h}" for h in hosts)
        self.max_body = max_body
        self.cookie = cookie
        self.on_trade = on_trade

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "").lower() not in self.hosts:
            return await _refuse(send, 400, "Bad Host header: open the address the workspace printed.")
        method = scope["method"]
        if method not in SAFE_METHODS:
            origin = headers.get("origin")
            if (origin is not None and origin.lower() not in self.origins) or headers.get(
                "sec-fetch-site"
            ) == "cross-site":
                return await _refuse(send, 403, "Refused: this request came from another site.")
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        from_query = next((value for key, value in query if key == "token"), "")
        # Starlette's lenient parser: other programs on localhost set cookies of their own, which arrive here too
        # (cookies know no port), and one odd cookie of theirs must not hide ours.
        from_cookie = cookie_parser(headers.get("cookie", "")).get(self.cookie, "")
        good = any(secrets.compare_digest(t.encode(), self.token.encode()) for t in (from_query, from_cookie) if t)
        if not good:
            return await _refuse(send, 403, "Refused: open the address with the token that the workspace printed.")
        try:
            length = int(headers.get("content-length", "0") or 0)
        except ValueError:
            return await _refuse(send, 400, "Bad Content-Length.")
        if length > self.max_body:
            return await _refuse(send, 413, f"Too large: at most {self.max_body // 2**20} MB.")
        trade = bool(from_query) and from_cookie != self.token
        cookie = (b"set-cookie", f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode("latin-1"))
        if trade and self.on_trade is not None:
            self.on_trade()
        if from_query and method in SAFE_METHODS and _navigation(headers):
            # The same address without the token: it leaves the address bar and the history at once.
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            path = scope.get("raw_path") or quote(scope["path"]).encode("ascii")
            where = b"/" + path.lstrip(b"/") + (f"?{rest}".encode("ascii") if rest else b"")  # never //other.host
            return await _refuse(send, 303, "", [(b"location", where), *([cookie] if trade else [])])

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                extra = [*HEADERS, *([cookie] if trade else [])]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        received = 0

        async def receive_capped():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:  # the app's error page answers it
                    raise HTTPException(413)
            return message

        await self.app(scope, receive_capped, send_with_headers)


def _navigation(headers: dict[str, str]) -> bool:
    """Is this a browser opening a page (not a script fetching a file with ``?token=``)?"""
    mode = headers.get("sec-fetch-mode")
    return mode == "navigate" if mode is not None else "text/html" in headers.get("accept", "")


async def _refuse(send, status: int, text: str, more: list[tuple[bytes, bytes]] = ()) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
                *more,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
