"""The token stays home (issue 32): every route of the application refuses a request without it (a new route cannot
forget it), the cookie is named with the port, the token leaves the address bar at once, no answer may be read by
another origin, no GET writes anything, and port 80 answers the Host a browser sends there."""

from __future__ import annotations

import hashlib
import html
import os
import re
from pathlib import Path

import pytest
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from datadialoog_print.serve.app import create_app
from datadialoog_print.serve.security import cookie_name

from .serveclient import BASE, PORT, TOKEN, signed_in

VALUES = {"name": "mine", "build": "20261207-143012-9f3a", "file": "antwoordblad.pdf", "page": "1", "kind": "xlsx"}
"""A real value for every path parameter a route may have, so each route is asked as it would be."""


def every_route(app) -> list[tuple[str, str]]:
    """(method, path) for every route and method of the application, its parameters filled in."""
    asked = []
    for route in app.routes:
        if isinstance(route, Mount):
            asked.append(("GET", f"{route.path}/htmx.min.js"))
            continue
        assert isinstance(route, Route), route
        path = re.sub(r"{(\w+)(?::\w+)?}", lambda m: VALUES[m.group(1)], route.path)
        asked += [(method, path) for method in sorted(route.methods - {"HEAD"})]
    return asked


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    return signed_in(tmp_path, monkeypatch, new_deck="mine")


def test_every_route_refuses_a_request_without_the_token(client):
    """The whole route table, walked: without the token each one is 403, with a wrong one too, before anything is
    read or written (and with the token none of them is 403, so each was asked where it lives)."""
    stranger = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    routes = every_route(client.app.app)
    assert len(routes) >= 25 and ("POST", "/decks/mine/builds/20261207-143012-9f3a/remove") in routes
    for method, path in routes:
        assert stranger.request(method, path).status_code == 403, (method, path)
        assert stranger.request(method, f"{path}?token=wrong").status_code == 403, (method, path)
        stranger.cookies.set(cookie_name(PORT), "wrong")
        assert stranger.request(method, path).status_code == 403, (method, path)
        stranger.cookies.clear()
    for method, path in routes:  # on the trainer's own deck, which the pages may change (a shipped one: 403)
        assert client.request(method, path).status_code != 403, (method, path)


def test_the_cookie_is_named_with_the_port(tmp_path, monkeypatch):
    """Two workspaces on one machine: each its own cookie, neither's opens the other, neither logs the other out."""
    monkeypatch.chdir(tmp_path)
    one = TestClient(create_app(token="one", port=8123), base_url="http://127.0.0.1:8123")
    two = TestClient(create_app(token="two", port=8124), base_url="http://127.0.0.1:8124")
    assert "datadialoog_token_8123=one;" in one.get("/?token=one").headers["set-cookie"]
    assert "datadialoog_token_8124=two;" in two.get("/?token=two").headers["set-cookie"]
    both = "datadialoog_token_8123=one; datadialoog_token_8124=two; datadialoog_token=stale"  # as a browser sends them
    assert one.get("/printers", headers={"cookie": both}).status_code == 200
    assert two.get("/printers", headers={"cookie": both}).status_code == 200
    assert two.get("/printers", headers={"cookie": "datadialoog_token_8124=one"}).status_code == 403


def sent_on_to(answer) -> str:
    """Where a page the guard answers with (the cookie set) sends the browser on to, from this origin."""
    assert answer.status_code == 200 and "set-cookie" in answer.headers, answer.status_code
    return html.unescape(re.search(r'content="0;url=([^"]*)"', answer.text).group(1))


def test_the_token_leaves_the_address_at_once(tmp_path, monkeypatch):
    """A browser opening the printed address is sent on, by a page of this origin (so the SameSite=Strict cookie
    goes along, wherever the first request came from), to the same address without the token (other parameters
    kept); a script fetching with ``?token=`` gets its answer directly."""
    monkeypatch.chdir(tmp_path)
    c = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    assert sent_on_to(c.get(f"/?token={TOKEN}", headers={"sec-fetch-mode": "navigate"})) == "/"
    r = c.get(f"/printers?lang=nl&token={TOKEN}", headers={"accept": "text/html"})
    assert sent_on_to(r) == "/printers?lang=nl" and TOKEN not in r.text
    for evil in ("//evil.example/", "/\\evil.example/"):
        where = sent_on_to(c.get(f"{evil}?token={TOKEN}", headers={"sec-fetch-mode": "navigate"}))
        assert where.startswith("/") and not where.startswith("//") and "\\" not in where, where
    assert c.get(f"/?token={TOKEN}", headers={"accept": "*/*"}).text.count("<meta http-equiv") == 0
    stranger = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    assert stranger.get("/?token=wrong", headers={"sec-fetch-mode": "navigate"}).status_code == 403


def test_no_answer_may_be_read_by_another_origin(client):
    """Cross-Origin-Resource-Policy on pages, files, thumbnails, static files and refusals alike."""
    url = client.post("/decks/default/build", data={"only": ["answers"]}, follow_redirects=False).headers["location"]
    for path in (
        "/",
        "/static/style.css",
        f"{url}/pages/antwoordblad.pdf/1.png",
        f"{url}/files/antwoordblad.pdf",
        "/nope",
    ):
        assert client.get(path).headers["cross-origin-resource-policy"] == "same-origin", path
    stranger = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    assert stranger.get("/").headers["cross-origin-resource-policy"] == "same-origin"
    assert client.get("/", headers={"host": "evil.example"}).headers["cross-origin-resource-policy"] == "same-origin"


def snapshot(folder: Path) -> dict:
    """Every file and folder under ``folder`` with its bytes' hash."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            out[os.path.join(root, name)] = "folder"
        for name in files:
            path = Path(root) / name
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def test_no_get_writes_anything(client, tmp_path):
    """Every GET route (with the token, so it does its work) leaves the working folder and the settings as they
    were: a page on another port can make a browser send a GET, cookie and all."""
    url = client.post("/decks/default/build", data={"only": ["answers"]}, follow_redirects=False).headers["location"]
    VALUES["build"] = url.rsplit("/", 1)[1]
    try:
        before = snapshot(tmp_path)
        for method, path in every_route(client.app.app):
            if method == "GET":
                client.get(path)
                client.get(path.replace("/mine/", "/default/"))
        assert snapshot(tmp_path) == before
    finally:
        VALUES["build"] = "20261207-143012-9f3a"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "127.0.0.1:80", "[::1]"])
def test_port_80_answers_the_host_a_browser_sends(tmp_path, monkeypatch, host):
    """A browser leaves out :80: the Host check takes the bare name on port 80 (and only there), and so does the
    Origin check."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATADIALOOG_CONFIG_DIR", str(tmp_path / "config"))
    bare = host.removesuffix(":80")
    c = TestClient(
        create_app(token=TOKEN, port=80, host=bare.replace("localhost", "127.0.0.1")), base_url=f"http://{host}"
    )
    assert c.get(f"/?token={TOKEN}").status_code == 200
    origin = f"http://{host.removesuffix(':80')}"
    r = c.post("/printers", data={"name": "P", "duplex": "long", "x": "0", "y": "0"}, headers={"origin": origin})
    assert r.status_code == 201
    other = TestClient(create_app(token=TOKEN, port=8080), base_url=f"http://{bare}")
    assert other.get(f"/?token={TOKEN}").status_code == 400


@pytest.mark.parametrize("host", ["evil.example:8123", "127.0.0.1:9999", "localhost", "127.0.0.1.evil.example:8123"])
def test_foreign_host_header_is_400(client, host):
    """DNS rebinding: a Host other than this server's loopback names with its port gets 400, token or not."""
    assert client.get(f"/?token={TOKEN}", headers={"host": host}).status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8123", "localhost:8123"])
def test_own_host_names_are_served(client, host):
    """On 127.0.0.1 its names; not ``[::1]``, an address it does not listen on."""
    assert client.get("/", headers={"host": host}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8123"}).status_code == 400


def test_foreign_origin_post_is_403(client):
    """A form on another site cannot post here, whatever the cookie says."""
    for headers in ({"origin": "http://evil.example"}, {"origin": "null"}, {"sec-fetch-site": "cross-site"}):
        r = client.post("/printers", data={"name": "X", "duplex": "long", "x": "1", "y": "1"}, headers=headers)
        assert r.status_code == 403, headers
    assert not (Path("config") / "printers.json").exists()


def test_same_origin_post_needs_nothing_more(client):
    """The token and a same-origin Origin (or none) are all a script needs."""
    r = client.post("/printers", data={"name": "A", "duplex": "long", "x": "1", "y": "0"}, headers={"origin": BASE})
    assert r.status_code == 201
    assert client.post("/printers", data={"name": "B", "duplex": "short", "x": "0", "y": "0"}).status_code == 201


def test_no_cors_headers(client):
    r = client.get("/", headers={"origin": "http://evil.example"})
    assert not [h for h in r.headers if h.lower().startswith("access-control")]
    assert client.options("/", headers={"origin": "http://evil.example"}).status_code in (403, 405)
