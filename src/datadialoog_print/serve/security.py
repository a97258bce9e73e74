"""What makes the workspace safe to leave running: every request is checked here before any page sees it.

A web server on a laptop is reachable from every page its browser opens, so, as Jupyter does:

* a ``Host`` header other than the address this server listens on gets 400 (DNS rebinding); so does a request
  with ``Host``, ``Origin``, ``Sec-Fetch-Site`` or ``Cookie`` twice (which one would count?);
* a POST with a foreign ``Origin`` or ``Sec-Fetch-Site: cross-site`` gets 403 (a form on another site), except
  the one route that trades the token (:data:`OPEN_PATH`), which the start's redirect file, a local file of no
  origin, posts to, and which checks the token itself;
* a request without the start's token (in the query, or posted to :data:`OPEN_PATH`, then traded for an
  HttpOnly, SameSite=Strict cookie named with the port, ``datadialoog_token_PORT``) gets 403. Cookies know no
  ports; the start's address does the rest (:mod:`.server`: a loopback address of its own, so the cookie goes to
  no other local server, and no other can replace it);
* a page opened with the token (a browser's navigation) is sent on at once, from this origin, to the same
  address without it, so the token stays out of the address bar and a projected screen;
* a body larger than the upload cap gets 413, counted as it arrives, whatever it claims;
* every answer says: no caching, no framing, no sniffing, no referrer to other sites, scripts only from here, no
  window shared with another origin, and not to be read by another origin (``Cross-Origin-Resource-Policy``: a
  page on another port of this machine cannot even load a thumbnail); no CORS header is ever sent.

No GET or HEAD changes anything on disk (a page on another port can make the browser send those, cookie
and all); everything that writes is a POST, which a foreign ``Origin`` cannot send.
"""

from __future__ import annotations

import html
import ipaddress
import secrets
from urllib.parse import parse_qsl, quote, urlencode

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, cookie_parser

LOOPBACK = "127.0.0.1"

COOKIE = "datadialoog_token"
"""The cookie the token is traded for, with the port after it: ``datadialoog_token_8123``."""

OPEN_PATH = "/open"
"""Where the start's redirect file posts the token (in the body: no address ever carries it from there)."""

OPEN_BODY = 1024
"""The largest body :data:`OPEN_PATH` reads: a token and its field name."""

ONCE = (b"host", b"origin", b"sec-fetch-site", b"cookie")
"""Headers a request may carry once at most: the checks read them, and two would leave it to chance which counts."""


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
    (b"cross-origin-opener-policy", b"same-origin"),  # a window another origin opened shares nothing with ours
]


def new_token() -> str:
    """A fresh random token for one start of the server."""
    return secrets.token_urlsafe(24)


def host_name(host: str) -> str:
    """An address as a URL and a Host header write it: ``[::1]`` for an IPv6 one."""
    bare = host.strip("[]")
    return f"[{bare}]" if ":" in bare else bare


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers a server listening on ``host``:``port`` answers to: that address, and ``localhost`` where
    it is what localhost names (127.0.0.1, ::1); every loopback name where it listens on every address (0.0.0.0,
    ::). On port 80 each also without the port (a browser leaves out the scheme's own port)."""
    names = [host_name(host)]
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if address is not None and address.is_unspecified:
        names += ["127.0.0.1", "localhost", "[::1]"]
    elif address in (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")):
        names.append("localhost")
    return frozenset(f"{n}:{port}".lower() for n in names) | (
        frozenset(n.lower() for n in names) if port == 80 else frozenset()
    )


class Guard:
    """ASGI middleware: Host, Origin, token and size checked before the app sees the request."""

    def __init__(
        self,
        app,
        *,
        token: str,
        hosts: frozenset[str],
        max_body: int,
        cookie: str = COOKIE,
        language_cookie: str = "",
        on_trade=None,
    ):
        """``cookie``: the token's cookie name (:func:`cookie_name`); ``language_cookie``: the one keeping the language
        chosen here (its refusals are pages in that language, else the browser's); ``on_trade``: called once the
        token has been traded for the cookie the first time (the start's redirect file is then no longer needed)."""
        self.app = app
        self.token = token
        self.hosts = hosts
        self.origins = frozenset(f"http://{h}" for h in hosts)
        self.max_body = max_body
        self.cookie = cookie
        self.language_cookie = language_cookie
        self.on_trade = on_trade

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        names = [k.lower() for k, _ in scope["headers"]]
        if any(names.count(name) > 1 for name in ONCE):
            return await self._said(send, 400, "refused_twice", _headers(scope))
        headers = _headers(scope)
        if headers.get("host", "").lower() not in self.hosts:
            return await self._said(send, 400, "refused_host", headers)
        method = scope["method"]
        if method == "POST" and scope["path"] == OPEN_PATH:
            return await self._open(receive, send, headers)
        if method not in SAFE_METHODS and self._foreign(headers):
            return await self._said(send, 403, "refused_site", headers)
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        from_query = next((value for key, value in query if key == "token"), "")
        # Starlette's lenient parser: other programs on this machine set cookies of their own, which may arrive
        # here too, and one odd cookie of theirs must not hide ours.
        from_cookie = cookie_parser(headers.get("cookie", "")).get(self.cookie, "")
        if not any(self._good(t) for t in (from_query, from_cookie)):
            return await self._said(send, 403, "refused_token", headers)
        try:
            length = int(headers.get("content-length", "0") or 0)
        except ValueError:
            return await self._said(send, 400, "refused_length", headers)
        if length > self.max_body:
            return await self._said(send, 413, "too_large", headers)
        trade = bool(from_query) and not self._good(from_cookie)
        if trade and self.on_trade is not None:
            self.on_trade()
        if from_query and method in SAFE_METHODS and _navigation(headers):
            # The same address without the token, opened from this origin (so the SameSite=Strict cookie goes
            # with it, also when the token came from a page of another site).
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            return await self._sent_on(send, _same_path(scope["path"]) + (f"?{rest}" if rest else ""), headers)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                extra = [*HEADERS, *([self._cookie()] if trade else [])]
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

        try:
            await self.app(scope, receive_capped, send_with_headers)
        except ClientDisconnect:
            return  # the client went away (or was let go, slowclients) in its body: no one to answer, nothing wrong

    def _good(self, given: str) -> bool:
        return bool(given) and secrets.compare_digest(given.encode(), self.token.encode())

    def _foreign(self, headers: dict[str, str]) -> bool:
        origin = headers.get("origin")
        foreign_origin = origin is not None and origin.lower() not in self.origins
        return foreign_origin or headers.get("sec-fetch-site") == "cross-site"

    def _cookie(self) -> tuple[bytes, bytes]:
        return b"set-cookie", f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode("latin-1")

    async def _open(self, receive, send, headers: dict[str, str]) -> None:
        """POST /open: the token from the start's redirect file, in a form's body. The file is a local page of no
        origin (``Origin: null``, ``Sec-Fetch-Site: cross-site``), so this one route takes that; a page of another
        site is refused as everywhere, and without the token nothing happens."""
        origin = headers.get("origin")
        if origin is not None and origin != "null" and origin.lower() not in self.origins:
            return await self._said(send, 403, "refused_site", headers)
        body = b""
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            if len(body) > OPEN_BODY:
                return await self._said(send, 413, "too_large", headers)
            if not message.get("more_body"):
                break
        given = next((v for k, v in parse_qsl(body.decode("latin-1")) if k == "token"), "")
        if not self._good(given):
            return await self._said(send, 403, "refused_token", headers)
        if self.on_trade is not None:
            self.on_trade()
        await self._sent_on(send, "/", headers)

    def _words(self, headers: dict[str, str]):
        from .words import Words, choose

        chosen = cookie_parser(headers.get("cookie", "")).get(self.language_cookie) if self.language_cookie else None
        return Words(choose(chosen, headers.get("accept-language")))

    async def _said(self, send, status: int, key: str, headers: dict[str, str]) -> None:
        """A refusal as a small page in the request's language (the words' ``key``), with no link into the
        workspace: whoever gets it has no token, or came from elsewhere."""
        w = self._words(headers)
        then = w.get(f"{key}_next", "")  # what to do next, where there is something to do
        body = f'<p role="alert">{html.escape(w[key])}</p>' + (f"<p>{html.escape(then)}</p>" if then else "")
        await _refuse(send, status, _page(w, body), content_type=HTML)

    async def _sent_on(self, send, where: str, headers: dict[str, str]) -> None:
        """The cookie set, and the browser sent on to ``where`` by this page (a redirect would carry the request's
        own site along: one that began on another site, or in a file, would arrive without the cookie)."""
        w = self._words(headers)
        target = html.escape(where, quote=True)
        page = _page(
            w,
            f'<p><a href="{target}">{html.escape(w.opening)}</a></p>',
            f'<meta http-equiv="refresh" content="0;url={target}">',
        )
        await _refuse(send, 200, page, [self._cookie()], content_type=HTML)


HTML = b"text/html; charset=utf-8"


def _page(w, body: str, head: str = "") -> str:
    """A page of the guard's own: the words' language, the workspace's title, no script, no style."""
    return (
        f'<!doctype html><html lang="{w.code}"><head><meta charset="utf-8">{head}<link rel="icon" href="data:,">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(w.app_title)}</title>'
        f"</head><body><main>{body}</main></body></html>"
    )


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def _same_path(path: str) -> str:
    """The request's own path, quoted anew (a backslash as ``%5C``) and with one leading slash: never an address of
    another host (``//evil.example``, ``/\\evil.example``)."""
    return "/" + quote(path, safe="/:@!$&()*+,;=~").lstrip("/")


def _navigation(headers: dict[str, str]) -> bool:
    """Is this a browser opening a page (not a script fetching a file with ``?token=``)?"""
    mode = headers.get("sec-fetch-mode")
    return mode == "navigate" if mode is not None else "text/html" in headers.get("accept", "")


async def _refuse(
    send, status: int, text: str, more: list[tuple[bytes, bytes]] = (), *, content_type=b"text/plain; charset=utf-8"
) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
                *more,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
