"""A workspace to trust, in a real browser (the chromium, Playwright and axe-core of ``test_serve_browser``; one
workspace and one browser for the module): tabs, refreshes and old links never hand out a file their page does not
describe; no save is lost without a refusal on screen; the address bar and other local ports get no working token."""

from __future__ import annotations

import hashlib
import http.server
import io
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from .test_serve_browser import accessible, browser, page, workspace

__all__ = ["browser", "page", "workspace"]


def base_of(url: str) -> str:
    return url.split("/?")[0]


def signed_in_tab(page, url: str):
    """The tab opened on the printed address: the token traded, and gone from the address at once."""
    page.goto(url)
    page.wait_for_url(base_of(url) + "/")  # the page that sets the cookie sends the tab on at once
    assert "token=" not in page.url and page.url.rstrip("/") == base_of(url)
    return page


def build_in(tab, base: str, *, paper: str, sets: str) -> None:
    """The print form filled in (cards only) and *Maken* pressed; the build is not waited for."""
    tab.goto(f"{base}/decks/default/print")
    tab.get_by_label("Letter" if paper == "letter" else "A4", exact=True).check()
    tab.get_by_label("Aantal tafels").fill(sets)
    tab.locator("details.more > summary").click()  # the other choices are folded away
    tab.get_by_label("kaarten", exact=True).check()
    tab.get_by_role("button", name="Maken").click()


def card_file(tab) -> PdfReader:
    """The first series' card file, downloaded from the result page the tab shows."""
    with tab.expect_download() as download:
        tab.get_by_role("link", name="kaarten-reeks-1-groen.pdf downloaden").click()
    return PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))


def described(pdf: PdfReader) -> tuple[tuple[float, float], set[str]]:
    """What a printer sees: the page size in mm and the set letters on the cards."""
    size = tuple(round(float(v) * 25.4 / 72, 1) for v in pdf.pages[0].mediabox[2:])
    return size, set(re.findall(r"set ([A-Z])\b", " ".join(p.extract_text() for p in pdf.pages[::2])))


def test_two_tabs_build_at_once_and_an_old_page_stays_its_own(workspace, page):
    """Letter with two sets in one tab, A4 with one in the other, at once: each result page downloads its own card
    file; a third build later, the first tab, reloaded, still names and hands out Letter with sets A and B."""
    _, url = workspace
    base = base_of(url)
    first = signed_in_tab(page, url)
    second = first.context.new_page()
    build_in(first, base, paper="letter", sets="2")
    build_in(second, base, paper="a4", sets="1")
    for tab in (first, second):
        tab.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for(timeout=120_000)
        assert re.search(r"/decks/default/builds/[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$", tab.url)
    assert described(card_file(first)) == ((215.9, 279.4), {"A", "B"})
    assert described(card_file(second)) == ((210.0, 297.0), set())
    accessible(first)
    build_in(second, base, paper="a4", sets="3")
    second.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for(timeout=120_000)
    first.reload()
    facts = first.locator("p", has_text="Gevraagd:").inner_text()
    assert "Letter" in facts and "A4" not in facts
    assert described(card_file(first)) == ((215.9, 279.4), {"A", "B"})
    second.close()


def test_a_refresh_or_a_closed_tab_mid_build_loses_nothing(workspace, page):
    """Two long builds (25 and 26 sets): the first tab is closed while its build runs, the second reloaded while its
    build waits; the reloaded tab comes back to its build, running, then done; the print form leads to the first."""
    _, url = workspace
    base = base_of(url)
    tab = signed_in_tab(page, url)
    closing = tab.context.new_page()
    build_in(closing, base, paper="letter", sets="25")
    closing.wait_for_url("**/decks/default/builds/*")  # the result's own address, pushed at once
    left = closing.url
    closing.close()
    build_in(tab, base, paper="a4", sets="26")
    tab.wait_for_url("**/decks/default/builds/*")
    assert tab.locator("progress").is_visible()  # still waiting behind the first: the address came at once
    tab.reload()
    assert (
        tab.get_by_role("heading", name="Klaar om te printen: Datadialogen").or_(tab.locator("progress")).count() >= 1
    )
    tab.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for(timeout=180_000)
    assert "26" in tab.locator("p", has_text="Gevraagd:").inner_text()
    tab.goto(f"{base}/decks/default/print")
    accessible(tab)
    tab.locator(f'a[href="{left.removeprefix(base)}"]').click()
    tab.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for(timeout=180_000)
    assert tab.url == left and "Letter" in tab.locator("p", has_text="Gevraagd:").inner_text()
    tab.goto(f"{base}/decks/default/builds")
    accessible(tab)
    removed = tab.locator("ul.builds li").count()
    item = tab.locator("ul.builds li").filter(has=tab.locator(f'a[href="{left.removeprefix(base)}"]'))
    item.get_by_role("button", name=re.compile("^Het resultaat van .* verwijderen$")).click()
    tab.get_by_role("status").filter(has_text="Het resultaat is verwijderd").wait_for()
    assert tab.locator("ul.builds li").count() == removed - 1
    gone = tab.context.new_page()  # a tab of its own: the page answers 404 on purpose
    gone.goto(left)  # removed: its page says so, in words
    gone.get_by_role("alert").filter(has_text="Dit resultaat is er niet meer").wait_for()
    accessible(gone)


def test_two_tabs_saving_persons_and_texts(workspace, page):
    """The second save of each page is refused with the first one's change shown and the typed value still there;
    *Toch bewaren* then saves it."""
    here, url = workspace
    base = base_of(url)
    subprocess.run([sys.executable, "-m", "datadialoog_print", "new", "twee-tabs"], cwd=here, check=True)
    one = signed_in_tab(page, url)
    two = one.context.new_page()
    for tab in (one, two):
        tab.goto(f"{base}/decks/twee-tabs/persons")
    one.get_by_label("Naam, rij 2", exact=True).fill("Eerste Tab")
    one.get_by_role("button", name="De personen bewaren").click()
    one.get_by_role("status").filter(has_text="Bewaard").wait_for()
    two.get_by_label("Naam, rij 3", exact=True).fill("Tweede Tab")
    two.get_by_role("button", name="De personen bewaren").click()
    alert = two.get_by_role("alert").filter(has_text="Niet bewaard: dit kaartspel is veranderd")
    alert.wait_for()
    assert "heet nu Eerste Tab" in alert.inner_text()
    assert two.get_by_label("Naam, rij 3", exact=True).input_value() == "Tweede Tab"
    accessible(two)
    two.get_by_role("button", name="Toch bewaren").click()
    two.get_by_role("status").filter(has_text="Bewaard").wait_for()
    persons = (here / "decks" / "twee-tabs" / "persons.yaml").read_text(encoding="utf-8")
    assert "Tweede Tab" in persons
    for tab in (one, two):
        tab.goto(f"{base}/decks/twee-tabs/texts")
    one.get_by_label("Titel", exact=True).fill("Titel uit tab een")
    one.get_by_role("button", name="De teksten bewaren").click()
    one.get_by_role("status").filter(has_text="Bewaard").wait_for()
    two.get_by_label("Ondertitel", exact=True).fill("Ondertitel uit tab twee")
    two.get_by_role("button", name="De teksten bewaren").click()
    alert = two.get_by_role("alert").filter(has_text="Niet bewaard")
    alert.wait_for()
    assert "Titel uit tab een" in alert.inner_text()
    assert two.get_by_label("Ondertitel", exact=True).input_value() == "Ondertitel uit tab twee"
    accessible(two)
    two.get_by_role("button", name="Toch bewaren").click()
    two.get_by_role("status").filter(has_text="Bewaard").wait_for()
    deck = yaml.safe_load((here / "decks" / "twee-tabs" / "deck.yaml").read_text(encoding="utf-8"))
    assert (deck["title"], deck["subtitle"]) == ("Titel uit tab een", "Ondertitel uit tab twee")
    two.close()


def test_a_shipped_deck_offers_its_own_copy(workspace, page):
    """No Save button on a deck the workspace cannot change; *Mijn eigen kopie maken* goes on to the copy's page."""
    _, url = workspace
    tab = signed_in_tab(page, url)
    tab.goto(f"{base_of(url)}/decks/default/persons")
    assert tab.get_by_role("button", name="De personen bewaren").count() == 0
    accessible(tab)
    tab.get_by_role("button", name="Mijn eigen kopie maken").click()
    tab.wait_for_url("**/decks/*kopie*/persons")
    tab.get_by_role("button", name="De personen bewaren").wait_for()


def snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture
def other_port():
    """A web server on another port of 127.0.0.1 (any local program's), serving the page it is given."""
    served: dict = {"page": b"", "cookies": []}

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            served["cookies"].append(self.headers.get("cookie") or "")
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(served["page"])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], served
    server.shutdown()
    server.server_close()


def test_a_page_on_another_port_can_read_nothing_and_write_nothing(workspace, browser, other_port):
    """Signed in to the workspace, the organiser opens a page of another local server: its script sees no token,
    its images of the workspace's thumbnails do not load, its posts (form, fetch) and GETs change nothing."""
    here, url = workspace
    base = base_of(url)
    port, served = other_port
    context = browser.new_context(locale="nl-NL")
    try:
        tab = signed_in_tab(context.new_page(), url)
        build_in(tab, base, paper="a4", sets="1")
        tab.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for(timeout=120_000)
        thumbnail = tab.locator("ul.thumbs img").first.get_attribute("src")
        token = url.split("token=")[1]
        before = snapshot(here)
        served["page"] = f"""<!doctype html><html><body>
            <img id="thumb" src="{base}{thumbnail}">
            <img id="sheet" src="{base}/printers/calibration.pdf?paper=a4&amp;duplex=long">
            <form id="new" method="post" action="{base}/decks/new"><input name="name" value="overgenomen">
            <input name="from" value="default"></form>
            <script>
              window.seen = document.cookie;
              fetch("{base}/printers", {{method: "POST", mode: "no-cors", credentials: "include",
                  headers: {{"content-type": "application/x-www-form-urlencoded"}},
                  body: "name=Overgenomen&duplex=long&x=0&y=0"}})
                .finally(() => {{ window.fetched = true; }});
            </script></body></html>""".encode()
        attacker = context.new_page()
        attacker.goto(f"http://127.0.0.1:{port}/")
        attacker.wait_for_function("() => window.fetched === true")
        attacker.wait_for_function("() => document.images[0].complete && document.images[1].complete")
        assert token not in attacker.evaluate("() => window.seen")
        assert (
            attacker.evaluate("() => document.getElementById('thumb').naturalWidth") == 0
        )  # Cross-Origin-Resource-Policy
        with attacker.expect_navigation():
            attacker.evaluate("() => document.getElementById('new').submit()")
        assert "Geweigerd: dit verzoek kwam van een andere site" in attacker.content()
        assert snapshot(here) == before
        assert served["cookies"] and not any("datadialoog" in c for c in served["cookies"])  # its own address's
        assert not (here / "decks" / "overgenomen").exists()
        assert (
            "Overgenomen" not in (here / "config" / "printers.json").read_text(encoding="utf-8")
            if (here / "config" / "printers.json").exists()
            else True
        )
    finally:
        context.close()


def test_the_start_file_opens_the_workspace_with_no_address_holding_the_token(workspace, browser):
    """The file ``serve`` opens the browser on (0600), as Chromium opens it: it posts the token, the browser lands
    on the decks page signed in, and no address the tab ever showed (its history) holds the token."""
    from datadialoog_print.serve.server import RedirectFile

    _, url = workspace
    token = url.split("token=")[1]
    opener = RedirectFile(base_of(url) + "/open", token)
    context = browser.new_context(locale="nl-NL")
    try:
        tab = context.new_page()
        shown = []
        tab.on("framenavigated", lambda frame: shown.append(frame.url) if frame == tab.main_frame else None)
        tab.goto(opener.path.as_uri())
        tab.wait_for_url(base_of(url) + "/")
        tab.get_by_role("heading", name="Kaartspellen").first.wait_for()
        assert shown and not any(token in address for address in shown), shown
        tab.goto(base_of(url) + "/printers")  # signed in: the cookie was set
        assert tab.get_by_role("heading", name="Printers").count()
        accessible(tab)
    finally:
        context.close()
        opener.remove()


def test_a_refresh_after_a_save_asks_for_the_page_not_the_save(workspace, page):
    """Post/Redirect/Get: saved, the tab shows the page's own address; a refresh shows it as it is now, without
    *Bewaard*, never a second save refused as stale by the first."""
    here, url = workspace
    subprocess.run([sys.executable, "-m", "datadialoog_print", "new", "een-keer"], cwd=here, check=True)
    tab = signed_in_tab(page, url)
    tab.goto(f"{base_of(url)}/decks/een-keer/persons")
    tab.get_by_label("Naam, rij 2", exact=True).fill("Eén Keer")  # row 1, B. Bos, is named by the texts
    posts = []
    saves = f"{base_of(url)}/decks/een-keer/persons"
    tab.on("request", lambda r: posts.append(r.url) if r.method == "POST" and r.url == saves else None)
    tab.get_by_role("button", name="De personen bewaren").click()
    tab.get_by_role("status").filter(has_text="Bewaard").wait_for()
    assert tab.url == saves and len(posts) == 1
    saved = (here / "decks" / "een-keer" / "persons.yaml").read_bytes()
    tab.reload()
    assert tab.get_by_label("Naam, rij 2", exact=True).input_value() == "Eén Keer"
    assert tab.get_by_role("status").filter(has_text="Bewaard").count() == 0
    assert tab.get_by_role("alert").count() == 0 and len(posts) == 1
    assert (here / "decks" / "een-keer" / "persons.yaml").read_bytes() == saved
    accessible(tab)


def test_the_printed_address_leaves_no_token_in_the_history(workspace, browser):
    """Opened by hand (the printed line pasted), the address with the token is replaced in the tab's history by the
    one without it: *Back* goes to where the tab was before, never to the token."""
    _, url = workspace
    context = browser.new_context(locale="nl-NL")
    try:
        tab = signed_in_tab(context.new_page(), url)
        assert tab.evaluate("history.length") == 2  # the new tab's blank page, and the decks page
        tab.go_back()
        assert tab.url == "about:blank"
        tab.go_forward()
        assert tab.url == base_of(url) + "/"
    finally:
        context.close()
