"""The web edition's site, server, browser and the helpers its browser tests share (``tests/test_web_edition.py``)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from .test_serve_browser import ARGS, AXE, CHROMIUM  # one browser set-up for every browser test

ROOT = Path(__file__).resolve().parent.parent
READY_MS = 180_000  # a loaded two-core machine: Pyodide's first start has taken 35 s here
BUILT_MS = 240_000


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, written once, as the README and docs/web-edition.md say."""
    folder = tmp_path_factory.mktemp("web") / "site"
    result = CliRunner().invoke(cli, ["site", str(folder), "--runtime", str(ROOT / "node_modules")])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def address(site):
    """``python -m http.server`` on a free port of 127.0.0.1; ended by its pid."""
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        yield f"http://127.0.0.1:{int(line.split(' port ')[1].split()[0])}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def context(browser):
    """One person's browser: its storage (OPFS, the service worker's cache) lasts from test to test."""
    context = browser.new_context(accept_downloads=True, locale="nl-NL")
    yield context
    context.close()


@pytest.fixture(scope="module")
def errors():
    return []


def open_tab(context, url, errors):
    tab = context.new_page()
    tab.on("pageerror", lambda e: errors.append(str(e)))
    said = ("status of 422", "status of 409")  # a refusal at the field, a stale save refused: said on purpose
    tab.on(
        "console", lambda m: errors.append(m.text) if m.type == "error" and not any(s in m.text for s in said) else None
    )
    tab.goto(url)
    return tab


def workspace(context, address, errors, path="", query=""):
    """The workspace opened (at ``path``; ``query``: the shell's, as ``hung=10``), once the tab says it is ready; the
    tab and its frame."""
    tab = open_tab(
        context, f"{address}workspace.html{'?' + query if query else ''}{'#' + path if path else ''}", errors
    )
    tab.wait_for_selector("html[data-workspace=ready]", timeout=READY_MS)
    return tab, tab.frame_locator("#app")


def frame_of(tab):
    return next(f for f in tab.frames if f.parent_frame is not None)


def visit(tab, path: str) -> None:
    """The workspace's page ``path`` opened in the tab's frame (as a link to it would)."""
    frame = frame_of(tab)
    frame.goto(re.match(r"(.*/app/[0-9a-f]+)", frame.url)[1] + path)


def axe_clean(frame) -> None:
    """axe-core finds no serious or critical violation on the page in ``frame`` (a page or a frame)."""
    frame.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the driver, so outside the page's CSP
    found = frame.evaluate(
        """async () => (await axe.run()).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    assert not found, f"{frame.url}: {found}"


def cli_build(tmp_path, *args) -> Path:
    out = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["build", "default", "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def same_as_cli(data: bytes, out: Path, deck: str = "default") -> None:
    """Every file of a zipped build equals the CLI's build byte for byte; the manifest differs only in where the
    deck lies (the browser's copy of the shipped deck is inside its Python)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(n.split("/", 1)[1] for n in z.namelist())
    assert names == sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    for name in names:
        mine, theirs = z.read(f"{deck}/{name}"), (out / name).read_bytes()
        if name == "manifest.json":
            mine, theirs = json.loads(mine), json.loads(theirs)
            for m in (mine, theirs):
                m["deck"].pop("path"), m["deck"].pop("absolute_path")
        assert mine == theirs, name


def form_fields(html: str, form_id: str = "persons") -> list[tuple[str, str]]:
    """What a browser sends for the form ``form_id`` of a page: each field's name and value, in order."""
    from html.parser import HTMLParser

    fields: list[tuple[str, str]] = []

    class Form(HTMLParser):
        inside = False
        select: str | None = None
        option: str | None = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form":
                self.inside = a.get("id") == form_id
            elif not self.inside:
                return
            elif tag == "input" and a.get("name") and a.get("type", "text") in ("text", "hidden", "number"):
                fields.append((a["name"], a.get("value") or ""))
            elif tag == "input" and a.get("name") and "checked" in a:
                fields.append((a["name"], a.get("value") or "on"))
            elif tag == "textarea" and a.get("name"):
                self.option = a["name"]
                fields.append((a["name"], ""))
            elif tag == "select":
                self.select = a.get("name")
            elif tag == "option" and self.select and "selected" in a:
                if "value" in a:
                    fields.append((self.select, a["value"] or ""))
                else:
                    self.option = self.select
                    fields.append((self.select, ""))

        def handle_data(self, data):
            if self.option is not None:
                fields[-1] = (self.option, fields[-1][1] + data)

        def handle_endtag(self, tag):
            if tag in ("option", "textarea"):
                self.option = None
            elif tag == "select":
                self.select = None
            elif tag == "form":
                self.inside = False

    Form().feed(html)
    return fields


def renamed(fields, row: int, name: str):
    rows = [i for i, (k, _) in enumerate(fields) if k == "name"]
    out = list(fields)
    out[rows[row]] = ("name", name)
    return out


def names_in(deck_zip: bytes, deck: str) -> list[str]:
    import yaml

    persons = yaml.safe_load(zipfile.ZipFile(io.BytesIO(deck_zip)).read(f"{deck}/persons.yaml"))
    return [p["name"] for p in (persons["persons"] if isinstance(persons, dict) else persons)]


def two_saves_in_serve(tmp_path, monkeypatch) -> tuple[bool, list[str]]:
    """The same two tabs against ``serve`` (in-process): does the second save say it saved, and whose names stay."""
    from urllib.parse import urlencode

    from .serveclient import signed_in

    client = signed_in(tmp_path, monkeypatch, new_deck="samen")
    first = client.get("/decks/samen/persons").text
    second = client.get("/decks/samen/persons").text
    form = {"content-type": "application/x-www-form-urlencoded"}

    def save(fields):
        return client.post("/decks/samen/persons", content=urlencode(fields), headers=form)

    assert save(renamed(form_fields(first), 1, "Eerste Tab")).status_code == 200
    answer = save(renamed(form_fields(second), 2, "Tweede Tab"))
    return "Bewaard" in answer.text, names_in(client.get("/decks/samen/deck.zip").content, "samen")


def runaway_deck() -> bytes:
    """The default deck with a postcode pattern that backtracks for hours on Python's ``re`` (RE2 never does) and a
    postcode of forty ones to try it on."""
    import yaml

    from datadialoog_print.deck.locate import shipped_dir

    folder = shipped_dir() / "default"
    files = {
        n: (folder / n).read_text(encoding="utf-8") for n in ("deck.yaml", "persons.yaml", "answers.yaml", "texts.yaml")
    }
    files["deck.yaml"] = files["deck.yaml"].replace('pattern: "[1-9][0-9]{3}"', 'pattern: "(1+)+2"')
    persons = yaml.safe_load(files["persons.yaml"])
    listed = persons["persons"] if isinstance(persons, dict) else persons
    first = files["persons.yaml"].index(f'postcode: "{listed[0]["postcode"]}"')
    files["persons.yaml"] = (
        files["persons.yaml"][:first]
        + 'postcode: "'
        + "1" * 40
        + '"'
        + files["persons.yaml"][first + len(f'postcode: "{listed[0]["postcode"]}"') :]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in files.items():
            z.writestr(f"loper/{name}", text)
    return buffer.getvalue()
