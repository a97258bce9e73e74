"""The web edition in a real browser: the site ``datadialoog-print site`` writes, served by ``python -m http.server``
on 127.0.0.1 and opened in Debian's chromium through Playwright, as an organiser and a trainer would use it.

One site and one browser for the whole file (the tests follow one another as a person's day does: the kits,
a build, an edit kept over a reload, a deck handed over as a zip, two tabs, offline); axe-core on every page.
Skipped with one line where chromium or the npm packages (``npm ci``) are missing; CI has both and never skips.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "fixtures" / "axe" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
READY_MS = 180_000  # a loaded two-core machine: Pyodide's first start has taken 35 s here
BUILT_MS = 240_000

for missing, why in ((not CHROMIUM.exists(), "chromium: apt-get install chromium"),
                     (not (ROOT / "node_modules" / "pyodide").is_dir(), "the npm packages: npm ci --omit=optional")):  # fmt: skip
    if missing:
        if os.environ.get("CI"):
            raise RuntimeError(f"CI needs {why}")
        pytest.skip(f"web edition tests need {why}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, written once, as the README says."""
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
    with sync_api.sync_playwright() as p:
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
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" and "status of 422" not in m.text else None)
    tab.goto(url)
    return tab


def workspace(context, address, errors, path=""):
    """The workspace opened (at ``path``), once the tab says it is ready; the tab and its frame."""
    tab = open_tab(context, f"{address}workspace.html{'#' + path if path else ''}", errors)
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


def test_the_entry_page_offers_the_kits(context, address, site, errors):
    """The kits are plain downloads beside their print advice, in Dutch and in English; one downloads whole."""
    tab = open_tab(context, address, errors)
    assert tab.locator("html").get_attribute("lang") == "nl"
    kits = tab.locator("a[data-kit]")
    assert kits.count() == 8
    assert "Letter, 2 sets downloaden" in tab.locator("a[data-kit='default-letter-2.zip']").inner_text()
    tab.locator("a[data-kit='default-letter-2.zip']").locator("xpath=../..").locator("summary").click()
    assert "omslaan via de lange kant" in tab.locator(".kit").nth(3).inner_text()
    with tab.expect_download() as download:
        kits.first.click()
    assert Path(download.value.path()).read_bytes() == (site / "kits" / "default-a4-1.zip").read_bytes()
    assert tab.locator("#no-wasm").is_hidden() and tab.locator("#open-workspace").is_visible()
    axe_clean(tab)
    tab.get_by_role("link", name="English").click()
    tab.wait_for_url("**/index-en.html")
    assert tab.locator("html").get_attribute("lang") == "en" and "Download Letter, 2 sets" in tab.content()
    axe_clean(tab)
    tab.goto(address + "licences/index.html")
    assert "reportlab" in tab.content() and "Pyodide" in tab.content()
    axe_clean(tab)
    tab.close()


def test_the_workspace_builds_what_the_cli_builds(context, address, tmp_path, errors):
    """The default deck with 2 sets on Letter: progress while it builds, thumbnails, every file the CLI's bytes."""
    tab, app = workspace(context, address, errors)
    frame = frame_of(tab)
    assert tab.locator("html").get_attribute("data-workspace") == "ready"
    assert app.locator("h1").inner_text() == "Decks"
    axe_clean(frame)
    app.get_by_role("link", name="default printen").click()
    frame.wait_for_url("**/decks/default/print")
    assert tab.url.endswith("#/decks/default/print")  # the shell follows the page
    assert app.locator("select[name=shop] option[value=mpc]").count() == 0  # PNG images need the installed tool
    assert "geïnstalleerde programma" in app.locator("form").last.inner_text()
    axe_clean(frame)
    app.locator("input[name=paper][value=letter]").check()
    app.locator("#sets").fill("2")
    frame.evaluate(  # every progress text the page shows, kept by the test while the build runs
        """() => { parent.seen = [];
            new MutationObserver(() => document.querySelectorAll('[data-progress-text]').forEach(
                (p) => parent.seen.push(p.textContent))).observe(document.body, {subtree: true, childList: true,
                characterData: true}); }"""
    )
    app.locator("button[type=submit]").last.click()
    app.locator("progress").first.wait_for(timeout=60_000)
    frame.wait_for_url("**/builds/*", timeout=BUILT_MS)
    seen = tab.evaluate("window.seen")
    assert any(re.fullmatch(r"[1-9][0-9]* van 400 kaarten", text) for text in seen), seen  # while it built
    app.locator("a[href$='output.zip']").wait_for()
    thumb = app.locator("img[src*='/pages/']").first
    thumb.scroll_into_view_if_needed()
    tab.wait_for_function(
        "() => { const i = document.querySelector('#app').contentDocument.querySelector(\"img[src*='/pages/']\");"
        " return i && i.complete && i.naturalWidth === 180; }",
        timeout=60_000,
    )
    axe_clean(frame)
    with tab.expect_download() as download:
        app.locator("a[href$='output.zip']").click()
    same_as_cli(Path(download.value.path()).read_bytes(), cli_build(tmp_path, "--paper", "letter", "--sets", "2"))
    tab.close()


def test_an_edited_person_is_kept_over_a_reload(context, address, errors):
    """A trainer's own deck, a person renamed and saved: after a reload the tab opens the same page with it."""
    tab, app = workspace(context, address, errors)
    frame = frame_of(tab)
    app.locator("details").filter(has=app.locator("input[name=from][value=default]")).locator("summary").first.click()
    app.locator("#new-default").fill("mijn-deck")
    app.locator("#new-default").press("Enter")
    app.get_by_role("status").filter(has_text="mijn-deck").wait_for()
    app.locator("a[href$='/decks/mijn-deck/persons']").click()
    frame.wait_for_url("**/decks/mijn-deck/persons")
    axe_clean(frame)
    app.locator("input[name=name]").first.fill("Ada Lovelace")
    app.locator("button[type=submit]").last.click()
    app.get_by_role("status").filter(has_text="Bewaard").wait_for()
    tab.reload()
    tab.wait_for_selector("html[data-workspace=ready]", timeout=READY_MS)
    frame = frame_of(tab)
    assert frame.url.endswith("/decks/mijn-deck/persons")
    assert tab.frame_locator("#app").locator("input[name=name]").first.input_value() == "Ada Lovelace"
    for path in ("/decks/mijn-deck/texts", "/decks/mijn-deck/generate", "/printers"):
        visit(tab, path)
        axe_clean(frame)
    tab.frame_locator("#app").get_by_role("button", name="English").click()  # the switch returns to the same page
    frame.wait_for_url("**/printers")
    assert tab.frame_locator("#app").locator("html").get_attribute("lang") == "en"
    axe_clean(frame)
    tab.frame_locator("#app").get_by_role("button", name="Nederlands").click()  # kept for the tabs that follow
    tab.frame_locator("#app").locator("html[lang=nl]").wait_for()
    tab.close()


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

    assert save(renamed(form_fields(first), 0, "Eerste Tab")).status_code == 200
    answer = save(renamed(form_fields(second), 1, "Tweede Tab"))
    return "Bewaard" in answer.text, names_in(client.get("/decks/samen/deck.zip").content, "samen")


def test_two_tabs_saving_one_deck_meet_what_serve_says(context, address, tmp_path, monkeypatch, errors):
    """Two tabs on one deck's persons page, each saving a change made from what it loaded: the web edition answers
    the second save as ``serve`` does (Web Locks keep the tabs' writes apart; the deck's version check refuses a
    stale save wherever the app has one), and the files end the same."""
    serve_saved, serve_names = two_saves_in_serve(tmp_path, monkeypatch)
    first, app1 = workspace(context, address, errors)
    app1.locator("details").filter(has=app1.locator("input[name=from][value=default]")).locator("summary").first.click()
    app1.locator("#new-default").fill("samen")
    app1.locator("#new-default").press("Enter")
    app1.get_by_role("status").filter(has_text="samen").wait_for()
    visit(first, "/decks/samen/persons")
    second, app2 = workspace(context, address, errors, "/decks/samen/persons")
    app1.locator("input[name=name]").nth(0).fill("Eerste Tab")
    app1.locator("button[type=submit]").last.click()
    app1.get_by_role("status").filter(has_text="Bewaard").wait_for()
    app2.locator("input[name=name]").nth(1).fill("Tweede Tab")
    with frame_of(second).expect_navigation():
        app2.locator("button[type=submit]").last.click()
    web_saved = app2.get_by_role("status").filter(has_text="Bewaard").count() > 0
    with first.expect_download() as download:
        visit(first, "/")
        app1.locator("a[href$='/decks/samen/deck.zip']").click()
    web_names = names_in(Path(download.value.path()).read_bytes(), "samen")
    assert (web_saved, web_names) == (serve_saved, serve_names)
    first.close()
    second.close()


def test_a_deck_handed_over_as_a_zip_builds_after_the_storage_is_cleared(context, address, tmp_path, errors):
    """mijn-deck downloaded as a zip; the site's storage cleared (a new laptop, a cleared browser); the zip opened
    again and built: the files are the CLI's for that deck."""
    tab, app = workspace(context, address, errors)
    with tab.expect_download() as download:
        app.locator("a[href$='/decks/mijn-deck/deck.zip']").click()
    deck_zip = Path(download.value.path()).read_bytes()
    tab.close()  # the worker ends with its tab: the folder is free to go
    cleaner = open_tab(context, address, errors)
    cleaner.evaluate(
        "async () => { const root = await navigator.storage.getDirectory();"
        " await root.removeEntry('datadialoog', {recursive: true}); }"
    )
    cleaner.close()
    tab, app = workspace(context, address, errors)
    frame = frame_of(tab)
    assert app.locator("a[href$='/decks/mijn-deck/print']").count() == 0
    app.locator("#deckzip-file").set_input_files(
        files=[{"name": "mijn-deck.zip", "mimeType": "application/zip", "buffer": deck_zip}]
    )
    app.get_by_role("button", name="Deck openen").click()
    app.get_by_role("status").filter(has_text="mijn-deck").wait_for()
    app.locator("a[href$='/decks/mijn-deck/print']").click()
    frame.wait_for_url("**/decks/mijn-deck/print")
    app.locator("button[type=submit]").last.click()
    frame.wait_for_url("**/builds/*", timeout=BUILT_MS)
    with tab.expect_download() as download:
        app.locator("a[href$='output.zip']").click()
    decks = tmp_path / "decks"
    zipfile.ZipFile(io.BytesIO(deck_zip)).extractall(decks)
    out = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["build", str(decks / "mijn-deck"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    same_as_cli(Path(download.value.path()).read_bytes(), out, "mijn-deck")
    tab.close()


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


def test_a_runaway_pattern_is_stopped_and_the_workspace_starts_again(context, address, errors):
    """A deck whose pattern backtracks without end (Python's ``re`` in the tab): the tab ends its worker past the
    time bound, says why in Dutch, starts a new one, and nothing of that deck was written."""
    before = len(errors)
    tab = open_tab(context, f"{address}workspace.html?hung=8", errors)
    tab.wait_for_selector("html[data-workspace=ready]", timeout=READY_MS)
    app = tab.frame_locator("#app")
    app.locator("#deckzip-file").set_input_files(
        files=[{"name": "loper.zip", "mimeType": "application/zip", "buffer": runaway_deck()}]
    )
    app.get_by_role("button", name="Deck openen").click()
    alert = app.get_by_role("alert")
    alert.wait_for(timeout=READY_MS)
    assert "langer dan 8 seconden" in alert.inner_text() and "patroon" in alert.inner_text()
    axe_clean(frame_of(tab))
    app.get_by_role("link", name="Terug naar de decks").click()
    app.locator("h1").filter(has_text="Decks").wait_for(timeout=READY_MS)
    assert app.locator("a[href$='/decks/loper/print']").count() == 0
    del errors[before:]  # the stopped request's own 503 and the ended worker's messages, said on purpose
    tab.close()


def test_offline_after_the_first_visit(context, address, errors):
    """With the network gone, the workspace opens from what the service worker kept, and builds."""
    context.set_offline(True)
    try:
        tab, app = workspace(context, address, errors, "/decks/default/print")
        frame = frame_of(tab)
        app.locator("input[name=only][value=answers]").check()
        app.locator("button[type=submit]").last.click()
        frame.wait_for_url("**/builds/*", timeout=BUILT_MS)
        assert app.locator("a[href$='/output/antwoordblad.pdf']").count() == 1
        tab.close()
    finally:
        context.set_offline(False)


def test_without_webassembly_the_kits_remain(playwright, address, site):
    """Chromium with --js-flags=--jitless (a policy of some managed laptops) has no WebAssembly: the pages say so in
    Dutch, offer the kits, and the workspace is marked unavailable."""
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=[*ARGS, "--js-flags=--jitless"], headless=True
    )
    try:
        tab = chromium.new_context(accept_downloads=True, locale="nl-NL").new_page()
        tab.goto(address)
        assert tab.evaluate("typeof WebAssembly") == "undefined"
        tab.wait_for_selector("html[data-workspace=unavailable]")
        assert "laat WebAssembly niet toe" in tab.locator("#no-wasm").inner_text()
        assert tab.locator("#open-workspace").is_hidden()
        with tab.expect_download() as download:
            tab.locator("a[data-kit='default-letter-1.zip']").click()
        assert Path(download.value.path()).read_bytes() == (site / "kits" / "default-letter-1.zip").read_bytes()
        axe_clean(tab)
        tab.goto(address + "workspace.html")
        tab.wait_for_selector("html[data-workspace=unavailable]")
        assert tab.locator("#unavailable").is_visible() and "kant-en-klare sets" in tab.content()
        axe_clean(tab)
    finally:
        chromium.close()


def test_no_page_said_an_error(errors):
    """No script error and no refused resource on any page above (a blocked one would show here: the pages'
    Content-Security-Policy stays on)."""
    assert errors == []
