"""What makes the workspace safe to leave running: every request is checked here before any page sees it.

A web server on a laptop is reachable from every page its browser opens, so, as Jupyter does:

* a ``Host`` header other than this server's own names gets 400 (DNS rebinding);
* a POST with a foreign ``Origin`` or ``Sec-Fetch-Site: cross-site`` gets 403 (a form on another site);
* a request without the start's token (in the query, then traded for an HttpOnly,
  SameSite=Strict cookie) gets 403;
* a body larger than the upload cap gets 413, counted as it arrives, whatever it claims;
* every answer says: no caching, no framing, no sniffing, no referrer to other sites, scripts only from here;
  and no CORS header is ever sent.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from urllib.parse import parse_qs

from starlette.exceptions import HTTPException
from starlette.requests import cookie_parser

COOKIE = "datadialoog_token"
"""The cookie the token is traded for."""

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
]


def new_token() -> str:
    """A fresh random token for one start of the server."""
    return secrets.token_urlsafe(24)


def allowed_hosts(port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host headers this server answers to: its loopback names with the port, and ``extra`` hosts."""
    names = ["127.0.0.1", "localhost", "[::1]", *extra]
    return frozenset(f"{n}:{port}".lower() for n in names)


class Guard:
    """ASGI middleware: Host, Origin, token and size checked before the app sees the request."""

    def __init__(self, app, *, token: str, hosts: frozenset[str], max_body: int):
        self.app = app
        self.token = token
        self.hosts = hosts
        self.origins = frozenset(f"http://{h}" for h in hosts)
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "").lower() not in self.hosts:
            return await _refuse(send, 400, "refused_host", headers)
        method = scope["method"]
        if method not in SAFE_METHODS:
            origin = headers.get("origin")
            if (origin is not None and origin.lower() not in self.origins) or headers.get(
                "sec-fetch-site"
            ) == "cross-site":
                return await _refuse(send, 403, "refused_origin", headers)
        from_query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
        # Starlette's lenient parser: other programs on localhost set cookies of their own, which arrive here too
        # (cookies know no port), and one odd cookie of theirs must not hide ours.
        from_cookie = cookie_parser(headers.get("cookie", "")).get(COOKIE, "")
        good = any(secrets.compare_digest(t.encode(), self.token.encode()) for t in (from_query, from_cookie) if t)
        if not good:
            return await _refuse(send, 403, "refused_token", headers)
        try:
            length = int(headers.get("content-length", "0") or 0)
        except ValueError:
            return await _refuse(send, 400, "refused_length", headers)
        if length > self.max_body:
            return await _refuse(send, 413, "too_large", headers)
        trade = bool(from_query) and from_cookie != self.token

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                extra = list(HEADERS)
                if trade:
                    extra.append(
                        (
                            b"set-cookie",
                            f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode("latin-1"),
                        )
                    )
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


async def _refuse(send, status: int, key: str, headers: dict[str, str]) -> None:
    """A small page in the browser's language saying why, and what to do next (:mod:`.refusals`)."""
    from .refusals import refusal_page

    body = refusal_page(key, headers)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
