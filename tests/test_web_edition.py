"""The web edition in a real browser: the site ``datadialoog-print site`` writes, served by ``python -m http.server``
on 127.0.0.1 and opened in Debian's chromium through Playwright, as an organiser and a trainer would use it.

One site and one browser for the whole file (the tests follow one another as a person's day does: the kits,
a build, an edit kept over a reload, a deck handed over as a zip, two tabs, offline); axe-core on every page.
Skipped with one line where chromium or the npm packages (``npm ci``) are missing; CI has both and never skips.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.cli import cli

from .webedition import (
    ARGS,
    BUILT_MS,
    CHROMIUM,
    READY_MS,
    ROOT,
    address,
    axe_clean,
    browser,
    cli_build,
    context,
    errors,
    frame_of,
    names_in,
    open_tab,
    playwright,
    runaway_deck,
    same_as_cli,
    site,
    two_saves_in_serve,
    visit,
    workspace,
)

for missing, why in ((not CHROMIUM.exists(), "chromium: apt-get install chromium"),
                     (not (ROOT / "node_modules" / "pyodide").is_dir(), "the npm packages: npm ci --omit=optional")):  # fmt: skip
    if missing:
        if os.environ.get("CI"):
            raise RuntimeError(f"CI needs {why}")
        pytest.skip(f"web edition tests need {why}", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


FIXTURES = (address, browser, context, errors, playwright, site)
"""Used by name in the tests below."""


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
    """The default deck with 2 sets on Letter: progress rising while it builds, thumbnails, every file the CLI's
    bytes. The shell's watchdog is set to 10 s here: a build that takes longer is not taken for stuck (the worker
    gives signs of life while it builds)."""
    tab, app = workspace(context, address, errors, query="hung=10")
    frame = frame_of(tab)
    assert tab.locator("html").get_attribute("data-workspace") == "ready"
    assert app.locator("h1").inner_text() == "Kaartspellen"
    axe_clean(frame)
    app.get_by_role("link", name="Printen Datadialogen").click()
    frame.wait_for_url("**/decks/default/print")
    assert tab.url.endswith("#/decks/default/print")  # the shell follows the page
    assert app.locator("select[name=shop] option[value=mpc]").count() == 0  # PNG images need the installed tool
    assert "geïnstalleerde programma" in app.locator("form").last.text_content()  # said beside the folded shop list
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
    app.locator("a[href$='set.zip']").wait_for(timeout=BUILT_MS)
    seen = tab.evaluate("window.seen")  # while it built, the counts rose on the page as serve shows them
    counts = [int(m[1]) for text in seen if (m := re.fullmatch(r"([0-9]+) van 400 kaarten", text))]
    assert len(set(counts)) >= 3 and counts == sorted(counts) and max(counts) > 0, seen
    assert tab.evaluate("window.workspaceSilence") < 10_000
    thumb = app.locator("img[src*='/pages/']").first
    thumb.scroll_into_view_if_needed()
    tab.wait_for_function(
        "() => { const i = document.querySelector('#app').contentDocument.querySelector(\"img[src*='/pages/']\");"
        " return i && i.complete && i.naturalWidth === 180; }",
        timeout=60_000,
    )
    axe_clean(frame)
    with tab.expect_download() as download:
        app.locator("a[href$='set.zip']").click()
    same_as_cli(Path(download.value.path()).read_bytes(), cli_build(tmp_path, "--paper", "letter", "--sets", "2"))
    tab.close()


KEPT_MS = 240_000
"""A keeper starts Python afresh and builds once before it keeps the memory: on a loaded two-core machine, long."""


def started(tab) -> dict:
    """How the tab's Python started ("fresh" or "kept memory") and whether this tab kept its memory yet."""
    tab.evaluate("() => { window.workspaceStats = null; window.postMessage('workspace-stats', '*'); }")
    tab.wait_for_function("() => window.workspaceStats", timeout=10_000)
    return tab.evaluate("window.workspaceStats.memory")


def test_a_later_visit_starts_from_the_kept_memory_and_builds_the_same(context, address, tmp_path, errors):
    """Once a tab has started Python afresh and is idle, its keeper (a second Python) warms up and keeps its memory;
    the next tab starts from that (instead of starting Python and importing everything again) and builds the CLI's
    bytes. A damaged kept memory means a fresh start, which keeps a new one."""
    tab, _ = workspace(context, address, errors)
    if started(tab)["started"] == "fresh":
        tab.wait_for_function(  # a keeper starts ten seconds after the tab's last piece of work, and warms up
            "() => { window.postMessage('workspace-stats', '*'); return window.workspaceStats?.memory?.kept; }",
            polling=500,
            timeout=KEPT_MS,
        )
    tab.close()
    tab, app = workspace(context, address, errors, "/decks/default/print")
    assert started(tab)["started"] == "kept memory"
    frame = frame_of(tab)
    app.locator("details.more > summary").click()
    app.locator("input[name=only][value=answers]").check()
    app.locator("button[type=submit]").last.click()
    frame.wait_for_url("**/builds/*", timeout=BUILT_MS)
    app.locator("a[href$='set.zip']").wait_for(timeout=BUILT_MS)
    with tab.expect_download() as download:
        app.locator("a[href$='set.zip']").click()
    same_as_cli(Path(download.value.path()).read_bytes(), cli_build(tmp_path, "--only", "answers"))
    tab.close()
    damager = open_tab(context, address, errors)
    damager.evaluate(
        """async () => { const root = await navigator.storage.getDirectory();
            for await (const name of root.keys()) if (name.startsWith('memory-')) {
                const w = await (await root.getFileHandle(name)).createWritable();
                await w.write(new Uint8Array(4096).fill(7)); await w.close(); } }"""
    )
    damager.close()
    tab, app = workspace(context, address, errors)
    assert started(tab) == {"started": "fresh", "kept": False}
    assert app.locator("h1").inner_text() == "Kaartspellen"
    tab.wait_for_function(
        "() => { window.postMessage('workspace-stats', '*'); return window.workspaceStats?.memory?.kept; }",
        polling=500,
        timeout=KEPT_MS,
    )
    tab.close()


def test_an_edited_person_is_kept_over_a_reload(context, address, errors):
    """A trainer's own deck, a person renamed and saved: after a reload the tab opens the same page with it."""
    tab, app = workspace(context, address, errors)
    frame = frame_of(tab)
    app.locator("details").filter(has=app.locator("input[name=from][value=default]")).locator("summary").first.click()
    app.locator("#new-title-default").fill("Groep mijn-deck")  # a new deck asks its own title
    app.locator("#new-name-default").fill("mijn-deck")
    app.locator("#new-name-default").press("Enter")
    app.get_by_role("status").filter(has_text="mijn-deck").wait_for()
    app.locator("a[href$='/decks/mijn-deck/persons']").click()
    frame.wait_for_url("**/decks/mijn-deck/persons")
    axe_clean(frame)
    app.locator("input[name=name]").nth(1).fill("Ada Lovelace")  # the first, B. Bos, is named by the texts
    app.locator("button[type=submit]").last.click()
    app.get_by_role("status").filter(has_text="Bewaard").wait_for()
    tab.reload()
    tab.wait_for_selector("html[data-workspace=ready]", timeout=READY_MS)
    frame = frame_of(tab)
    assert frame.url.endswith("/decks/mijn-deck/persons")
    assert tab.frame_locator("#app").locator("input[name=name]").nth(1).input_value() == "Ada Lovelace"
    for path in ("/decks/mijn-deck/texts", "/decks/mijn-deck/generate", "/printers"):
        visit(tab, path)
        axe_clean(frame)
    with frame.expect_navigation():
        tab.frame_locator("#app").get_by_role("button", name="English").click()  # returns to the same page
    assert frame.url.endswith("/printers") and frame.locator("html").get_attribute("lang") == "en"
    axe_clean(frame)
    with frame.expect_navigation():
        tab.frame_locator("#app").get_by_role("button", name="Nederlands").click()  # for the tabs that follow
    assert frame.locator("html").get_attribute("lang") == "nl"
    tab.close()


def test_two_tabs_saving_one_deck_meet_what_serve_says(context, address, tmp_path, monkeypatch, errors):
    """Two tabs on one deck's persons page, each saving a change made from what it loaded: the web edition answers
    the second save as ``serve`` does (Web Locks keep the tabs' writes apart; the deck's version check refuses a
    stale save wherever the app has one), and the files end the same."""
    serve_saved, serve_names = two_saves_in_serve(tmp_path, monkeypatch)
    first, app1 = workspace(context, address, errors)
    app1.locator("details").filter(has=app1.locator("input[name=from][value=default]")).locator("summary").first.click()
    app1.locator("#new-title-default").fill("Groep samen")  # a new deck asks its own title
    app1.locator("#new-name-default").fill("samen")
    app1.locator("#new-name-default").press("Enter")
    app1.get_by_role("status").filter(has_text="samen").wait_for()
    visit(first, "/decks/samen/persons")
    second, app2 = workspace(context, address, errors, "/decks/samen/persons")
    app1.locator("input[name=name]").nth(1).fill("Eerste Tab")  # the first, B. Bos, is named by the texts
    app1.locator("button[type=submit]").last.click()
    app1.get_by_role("status").filter(has_text="Bewaard").wait_for()
    app2.locator("input[name=name]").nth(2).fill("Tweede Tab")
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
    app.get_by_role("button", name="Kaartspel openen").click()
    app.get_by_role("status").filter(has_text="mijn-deck").wait_for()
    app.locator("a[href$='/decks/mijn-deck/print']").click()
    frame.wait_for_url("**/decks/mijn-deck/print")
    app.locator("button[type=submit]").last.click()
    frame.wait_for_url("**/builds/*", timeout=BUILT_MS)
    with tab.expect_download() as download:
        app.locator("a[href$='set.zip']").click()
    decks = tmp_path / "decks"
    zipfile.ZipFile(io.BytesIO(deck_zip)).extractall(decks)
    out = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["build", str(decks / "mijn-deck"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    same_as_cli(Path(download.value.path()).read_bytes(), out, "mijn-deck")
    tab.close()


def test_a_runaway_pattern_is_stopped_and_the_workspace_starts_again(context, address, errors):
    """A deck whose pattern backtracks without end (Python's ``re`` in the tab): the tab ends its worker past the
    time bound, says why in Dutch, starts a new one, and nothing of that deck was written."""
    before = len(errors)
    tab = open_tab(context, f"{address}workspace.html?hung=30", errors)
    tab.wait_for_selector("html[data-workspace=ready]", timeout=READY_MS)
    app = tab.frame_locator("#app")
    app.locator("#deckzip-file").set_input_files(
        files=[{"name": "loper.zip", "mimeType": "application/zip", "buffer": runaway_deck()}]
    )
    app.get_by_role("button", name="Kaartspel openen").click()
    alert = app.get_by_role("alert")
    alert.wait_for(timeout=READY_MS)
    assert "30 seconden lang niet verder" in alert.inner_text() and "patroon" in alert.inner_text()
    axe_clean(frame_of(tab))
    app.get_by_role("link", name="Terug naar de kaartspellen").click()
    app.locator("h1").filter(has_text="Kaartspellen").wait_for(timeout=READY_MS)
    assert app.locator("a[href$='/decks/loper/print']").count() == 0
    del errors[before:]  # the stopped request's own 503 and the ended worker's messages, said on purpose
    tab.close()


def test_offline_after_the_first_visit(context, address, errors):
    """With the network gone, the workspace opens from what the service worker kept, and builds."""
    context.set_offline(True)
    try:
        tab, app = workspace(context, address, errors, "/decks/default/print")
        frame = frame_of(tab)
        app.locator("details.more > summary").click()  # the other choices are folded away
        app.locator("input[name=only][value=answers]").check()
        app.locator("button[type=submit]").last.click()
        frame.wait_for_url("**/builds/*", timeout=BUILT_MS)  # the progress, then the result at the same address
        app.get_by_role("link", name="antwoordblad.pdf downloaden").wait_for(timeout=BUILT_MS)
        assert app.get_by_role("link", name="antwoordblad.pdf downloaden").count() == 1
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
