"""The token stays home, second pass (issue 32): each start on a loopback address of its own (so no other local
server gets its cookie); the start file's token posted to one route, which alone takes a page of no origin; headers
that may come once; every answer keeps its window to itself; the language cookie per workspace; a form that cannot
be read refused in the page's words; a client gone mid-body leaves no traceback."""

from __future__ import annotations

import asyncio
import errno
import html
import ipaddress
import re
import socket
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from datadialoog_print.errors import DatadialoogError
from datadialoog_print.serve import server
from datadialoog_print.serve.app import create_app
from datadialoog_print.serve.security import allowed_hosts, cookie_name

from .serveclient import BASE, PORT, TOKEN, signed_in


@pytest.fixture
def client(tmp_path: Path, monkeypatch) -> TestClient:
    return signed_in(tmp_path, monkeypatch, new_deck="mine")


def test_each_start_listens_on_a_loopback_address_of_its_own():
    """127.x.y.z, never 127.0.0.1 (nor 127.0.0.53, 127.0.1.1), a new one each start; it answers only to that name."""
    seen = set()
    for _ in range(3):
        sock, address = server.listen(None, 0)
        try:
            assert ipaddress.ip_address(address).is_loopback and not address.startswith("127.0.")
            assert sock.getsockname()[0] == address
            with socket.create_connection((address, sock.getsockname()[1]), timeout=5):
                pass
            seen.add(address)
        finally:
            sock.close()
    assert len(seen) == 3
    assert allowed_hosts("127.45.6.7", 8123) == {"127.45.6.7:8123"}
    assert allowed_hosts("127.0.0.1", 8123) == {"127.0.0.1:8123", "localhost:8123"}
    own = TestClient(create_app(token=TOKEN, port=PORT, host="127.45.6.7"), base_url=f"http://127.45.6.7:{PORT}")
    assert own.get(f"/?token={TOKEN}").status_code == 200
    for other in ("127.0.0.1", "localhost", "127.45.6.8"):
        assert own.get(f"/?token={TOKEN}", headers={"host": f"{other}:{PORT}"}).status_code == 400, other


def test_where_the_system_has_no_own_address_it_says_so_and_takes_127_0_0_1(monkeypatch, capsys):
    """macOS routes only 127.0.0.1: EADDRNOTAVAIL there, and the workspace says what that means; any other
    refusal of its own address is a message, never a silent fallback."""
    real = server._bound

    def no_own(address, port):
        if address != "127.0.0.1":
            raise OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address")
        return real(address, port)

    monkeypatch.setattr(server, "_bound", no_own)
    sock, address = server.listen(None, 0)
    sock.close()
    assert address == "127.0.0.1" and "listens on 127.0.0.1" in capsys.readouterr().err

    def refused(address, port):
        if address != "127.0.0.1":
            raise OSError(errno.EACCES, "Permission denied")
        return real(address, port)

    monkeypatch.setattr(server, "_bound", refused)
    with pytest.raises(DatadialoogError, match=r"cannot listen on 127\.(?!0\.0\.1:)"):
        server.listen(None, 0)


def test_the_start_file_posts_the_token_and_only_that_route_takes_no_origin(tmp_path, monkeypatch):
    """POST /open with the token from a page of no origin (a local file): the cookie, and a page of this origin
    sending the browser to the decks page; a wrong token, another site, a large body or a GET: nothing."""
    monkeypatch.chdir(tmp_path)
    traded = []
    app = create_app(token=TOKEN, port=PORT, on_trade=lambda: traded.append(1))
    file = {"origin": "null", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate"}
    stranger = TestClient(app, base_url=BASE)
    for data, headers, status in (
        ({"token": "wrong"}, file, 403),
        ({"token": TOKEN}, {**file, "origin": "http://evil.example"}, 403),
        ({"token": TOKEN, "pad": "x" * 2000}, file, 413),
    ):
        r = stranger.post("/open", data=data, headers=headers)
        assert r.status_code == status and "set-cookie" not in r.headers and not traded, (data, headers)
    assert stranger.get("/open").status_code == 403
    r = stranger.post("/open", data={"token": TOKEN}, headers=file)
    assert r.status_code == 200 and r.headers["set-cookie"].startswith(f"{cookie_name(PORT)}={TOKEN};")
    assert 'content="0;url=/"' in r.text and TOKEN not in r.text and traded == [1]
    assert stranger.get("/printers").status_code == 200  # signed in
    assert stranger.post("/printers", data={"name": "P"}, headers={"origin": "null"}).status_code == 403


@pytest.mark.parametrize("name", ["host", "origin", "sec-fetch-site", "cookie"])
def test_a_header_that_may_come_once_is_refused_twice(client, name):
    value = {"host": f"127.0.0.1:{PORT}", "origin": BASE, "sec-fetch-site": "same-origin"}.get(name)
    value = value or f"{cookie_name(PORT)}={TOKEN}"
    doubled = [(name, value), (name, value if name != "origin" else "http://evil.example")]
    assert client.get("/", headers=doubled).status_code == 400
    assert client.get("/", headers=[(name, value)]).status_code == 200


def test_every_answer_keeps_its_window_to_itself(client):
    """Cross-Origin-Opener-Policy on pages, static files, the guard's own refusals and the start's page."""
    for answer in (
        client.get("/"),
        client.get("/static/style.css"),
        client.get("/nope"),
        client.get("/", headers={"host": "evil.example"}),
        client.post("/open", data={"token": TOKEN}),
    ):
        assert answer.headers["cross-origin-opener-policy"] == "same-origin", answer.url


def test_the_language_cookie_is_named_with_the_port(client):
    """Chosen on one workspace, kept there: the cookie carries the port; another server's ``datadialoog_lang``
    changes nothing."""
    r = client.post("/language", data={"lang": "en", "back": "/"}, follow_redirects=False)
    assert r.headers["set-cookie"].startswith(f"datadialoog_lang_{PORT}=en;")
    assert "Decks" in client.get("/").text and "Nieuw deck" not in client.get("/").text
    client.cookies.clear()
    client.cookies.set(cookie_name(PORT), TOKEN)
    client.cookies.set("datadialoog_lang", "en")
    client.cookies.set(f"datadialoog_lang_{PORT + 1}", "en")
    assert '<html lang="nl"' in client.get("/", headers={"accept-language": "nl"}).text


def alert(page: str) -> str:
    return html.unescape(re.search(r'role="alert"[^>]*>(.*?)</', page, re.S).group(1))


def test_a_form_that_cannot_be_read_is_refused_in_the_pages_words(client):
    """Starlette's 400s (a field over 1 MB, too many fields or files, a broken body) as a page in the page's
    language, never its English reason; nothing written."""
    cases = [
        ("/printers", {"files": {"name": (None, b"x" * (1100 * 1024))}}, "een van zijn velden is groter dan 1 MB"),
        ("/printers", {"files": [(f"f{i}", (None, b"x")) for i in range(1001)]}, "meer velden dan deze pagina"),
        ("/decks/mine/import", {"files": [("file", ("a.csv", b"x")), ("file", ("b.csv", b"y"))]}, "één bestand"),
        (
            "/printers",
            {"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data"}},
            "niet verstuurd zoals deze pagina het verstuurt",
        ),
    ]
    before = sorted(p.name for p in Path(".").rglob("*"))
    for path, how, said in cases:
        r = client.post(path, **how)
        assert r.status_code == 400 and said in alert(r.text), (path, r.text[-300:])
    english = client.post("/printers", files={"name": (None, b"x" * (1100 * 1024))}, headers={"accept-language": "en"})
    assert "one of its fields is larger than 1 MB" in alert(english.text)
    assert sorted(p.name for p in Path(".").rglob("*")) == before


def test_a_client_gone_mid_body_is_no_error(tmp_path, monkeypatch):
    """The browser closes the tab while its form is on its way: nothing answered, nothing raised (no traceback in
    the terminal), nothing written."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATADIALOOG_CONFIG_DIR", str(tmp_path / "config"))
    app = create_app(token=TOKEN, port=PORT)
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/printers",
        "raw_path": b"/printers",
        "query_string": b"",
        "root_path": "",
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", PORT),
        "headers": [
            (b"host", f"127.0.0.1:{PORT}".encode()),
            (b"cookie", f"{cookie_name(PORT)}={TOKEN}".encode()),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", b"100"),
        ],
    }
    arriving = iter([{"type": "http.request", "body": b"name=Half", "more_body": True}, {"type": "http.disconnect"}])
    sent = []

    async def receive():
        return next(arriving)

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] in ([], [400])
    assert not (tmp_path / "config" / "printers.json").exists()


def test_the_guards_refusals_are_pages_in_the_requests_language(tmp_path, monkeypatch):
    """No token, a foreign Host, another site, a header twice, a bad length: each a page in the language chosen
    here (its cookie), else the browser's, with no link into the workspace and no English reason."""
    monkeypatch.chdir(tmp_path)
    c = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    signed = {"cookie": f"{cookie_name(PORT)}={TOKEN}"}
    cases = [
        (c.get("/", headers={"accept-language": "nl"}), 403, "Deze pagina vraagt het adres met de sleutel"),
        (c.get("/", headers={"accept-language": "en"}), 403, "This page needs the address with the key"),
        (
            c.get("/", headers={"host": "evil.example", "accept-language": "nl"}),
            400,
            "via een ander adres geopend dan de werkplaats toont",
        ),
        (c.post("/printers", headers={**signed, "origin": "http://evil.example"}), 403, "kwam van een andere site"),
        (c.get("/", headers=[("origin", BASE), ("origin", BASE)]), 400, "staat er twee keer in"),
        (c.post("/printers", headers={**signed, "content-length": "x"}), 400, "Dit verzoek was niet te lezen"),
        (
            c.get("/", headers={"accept-language": "nl", "cookie": f"datadialoog_lang_{PORT}=en"}),
            403,
            "This page needs the address with the key",
        ),
    ]
    for answer, status, said in cases:
        assert answer.status_code == status and answer.headers["content-type"].startswith("text/html")
        assert said in alert(answer.text) and "href=" not in answer.text.replace('href="data:,"', ""), answer.text
