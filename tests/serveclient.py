"""The workspace in-process, as the page tests open it: a folder and settings of their own, the token traded."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient

from datadialoog_print.cli import cli
from datadialoog_print.serve.app import create_app

TOKEN = "test-token"
PORT = 8123
BASE = f"http://127.0.0.1:{PORT}"


def signed_in(tmp_path: Path, monkeypatch, *, new_deck: str | None = None) -> TestClient:
    """A browser that has opened the printed address in ``tmp_path``; with ``new_deck``, a local deck of that
    name made from the default deck first (``datadialoog-print new``)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATADIALOOG_CONFIG_DIR", str(tmp_path / "config"))
    if new_deck is not None:
        assert CliRunner().invoke(cli, ["new", new_deck]).exit_code == 0
    client = TestClient(create_app(token=TOKEN, port=PORT), base_url=BASE)
    assert client.get(f"/?token={TOKEN}").status_code == 200
    return client


def shown_version(client: TestClient, path: str, action: str | None = None) -> str:
    """The deck's version as the page at ``path`` puts it in its form, the field a browser's form posts back with a
    save (of the form posting to ``action`` where the page has several)."""
    text = client.get(path).text
    if action is not None:
        text = text.split(f'action="{action}"', 1)[1]
    return html.unescape(re.search(r'name="version" value="([^"]*)"', text).group(1))


def posting_versions(client: TestClient) -> TestClient:
    """``client`` whose posts of a persons save or an import carry the deck's version as the page's form does (a
    browser always posts it back; tests of what a save does, not of a missing version, need not fetch it)."""
    post = client.post

    def with_version(url: str, *args, data=None, **kwargs):
        found = re.fullmatch(r"/decks/([^/]+)/(persons|import)", url)
        if found and isinstance(data, (dict, list)):
            items = list(data.items()) if isinstance(data, dict) else list(data)
            if not any(k in ("version", "anyway") for k, _ in items):
                page, action = (url, None) if found.group(2) == "persons" else ("/", url)
                items.append(("version", shown_version(client, page, action)))
                data = items if isinstance(data, list) else dict(items)
        return post(url, *args, data=data, **kwargs)

    client.post = with_version
    return client
