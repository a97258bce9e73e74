"""The page a request refused by the guard gets (a foreign Host or Origin, no token, too large), in the language
the browser asks for and saying what to do next; a page of its own, since nothing behind the guard may answer it.
"""

from __future__ import annotations

from starlette.requests import cookie_parser

from .words import COOKIE, Words, choose


def refusal_page(key: str, headers: dict[str, str]) -> bytes:
    """The refusal ``key`` (``refused_host``, ``refused_origin``, ``refused_token``, ``too_large``) as a small HTML
    page in the request's language (its choice, else the browser's)."""
    from .pages import templates

    code = choose(cookie_parser(headers.get("cookie", "")).get(COOKIE), headers.get("accept-language"))
    return templates.get_template("refused.html").render(w=Words(code), key=key).encode("utf-8")
