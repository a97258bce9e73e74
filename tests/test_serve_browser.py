"""The workspace in a real browser: Debian's chromium driven by Playwright, clicked through as an organiser would,
with axe-core on every page and every control reached by the keyboard.

Skipped, with one line saying how to get chromium, where it is not installed; CI installs it
(``.ci/run``) and never skips.
"""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "fixtures" / "axe" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs chromium for the browser tests: apt-get install chromium")
    pytest.skip("browser tests need chromium: apt-get install chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """``serve`` started as a user starts it, in a folder of its own; ended by its pid."""
    here = tmp_path_factory.mktemp("workspace")
    env = {**os.environ, "DATADIALOOG_CONFIG_DIR": str(here / "config"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "datadialoog_print", "serve", "--no-browser", "--port", "0"],
        cwd=here,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.") and "/?token=" in url, url  # its own loopback address (or 127.0.0.1)
        yield here, url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # The workspace's own Content-Security-Policy stays on: a script or style it blocks shows as a console error.
    context = browser.new_context(accept_downloads=True, locale="nl-NL")
    tab = context.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    context.close()
    assert not [e for e in errors if "status of 422" not in e], errors  # 422: a wrong value, answered on purpose


def accessible(page) -> None:
    """axe-core finds no serious or critical violation, and Tab reaches every visible control."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the test's driver, so outside the page's CSP
    found = page.evaluate(
        """async () => (await axe.run()).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    assert not found, f"{page.url}: {found}"
    controls = page.evaluate(
        """() => {
          const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary, textarea')]
            .filter(e => e.checkVisibility() && !e.disabled);
          all.forEach((e, i) => e.dataset.kbd = e.type === 'radio' ? 'radio:' + e.name : String(i));
          return [...new Set(all.map(e => e.dataset.kbd))];
        }"""
    )
    reached = set()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(len(controls) * 2 + 10):
        page.keyboard.press("Tab")
        key = page.evaluate("() => document.activeElement ? document.activeElement.dataset.kbd || '' : ''")
        if key:
            reached.add(key)
        if reached >= set(controls):
            break
    assert set(controls) <= reached, f"{page.url}: not reached by Tab: {sorted(set(controls) - reached)}"


def zipped_manifest(data: bytes) -> tuple[dict, zipfile.ZipFile]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return json.loads(z.read("default/manifest.json")), z


def test_print_the_default_deck_in_the_browser(workspace, page):
    """Open the printed address, pick the default deck, Letter and 3 sets, build, see thumbnails, download the zip."""
    from pypdf import PdfReader

    here, url = workspace
    page.goto(url)
    page.wait_for_url(url.split("/?")[0] + "/")  # the page that sets the cookie sends the tab on at once
    assert page.locator("html").get_attribute("lang") == "nl"
    accessible(page)
    page.get_by_role("link", name="Printen Datadialogen").click()
    page.wait_for_url("**/decks/default/print")
    accessible(page)
    page.get_by_label("Letter").check()
    page.get_by_label("Aantal tafels").fill("3")
    page.get_by_role("button", name="Maken").click()
    page.wait_for_url("**/builds/*", timeout=120_000)
    page.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for()
    first = page.get_by_role("img", name="pagina 1 van kaarten-reeks-1-groen.pdf")
    first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.images].slice(0, 3).every(i => i.complete && i.naturalWidth > 0)", timeout=30_000
    )
    assert first.evaluate("i => i.naturalWidth") > 100
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Alles downloaden als één zip").click()
    manifest, z = zipped_manifest(Path(download.value.path()).read_bytes())
    assert manifest["options"]["paper"] == "letter" and manifest["options"]["sets"] == 3
    cards = [n for n, f in manifest["files"].items() if f["kind"] == "cards"]
    assert len(cards) == 2
    for name in cards:
        reader = PdfReader(io.BytesIO(z.read(f"default/{name}")))
        width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
        assert (round(width, 1), round(height, 1)) == (215.9, 279.4)
        per_set = manifest["files"][name]["cards"] // 3
        assert len(reader.pages) == 2 * 3 * math.ceil(per_set / 9)  # fronts and backs, 9 cards a sheet, 3 sets
        text = " ".join(p.extract_text() for p in reader.pages[::2])
        assert all(f"set {letter}" in text for letter in "ABC") and "set D" not in text
    assert (here / "output" / "default" / "manifest.json").is_file()


def test_a_printers_offset_reaches_the_next_build(workspace, page):
    """A printer saved with its X and Y, chosen on the print form: its offset is in the next build's manifest."""
    here, url = workspace
    page.goto(url)
    page.wait_for_url(url.split("/?")[0] + "/")  # the page that sets the cookie sends the tab on at once
    page.get_by_role("link", name="Printers").click()
    page.wait_for_url("**/printers")
    accessible(page)
    page.get_by_label("Naam van de printer").fill("Kantoor 2e")
    page.get_by_role("region", name="De printer bewaren").get_by_label("omslaan via de korte kant").check()
    page.get_by_label("X (mm)").fill("1,5")
    page.get_by_label("Y (mm)").fill("-1")
    page.get_by_role("button", name="Printer bewaren").click()
    page.get_by_role("status").filter(has_text="Kantoor 2e is bewaard").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Kalibratievel downloaden").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    page.goto(url.split("/?")[0] + "/decks/default/print")
    page.get_by_label("Printer", exact=True).select_option("Kantoor 2e")
    page.get_by_text("Meer keuzes").click()
    page.get_by_label("kaarten", exact=True).check()
    page.get_by_role("button", name="Maken").click()
    page.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for(timeout=120_000)
    manifest = json.loads((here / "output" / "default" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["back_offset_mm"] == [1.5, -1.0] and manifest["options"]["duplex"] == "short"


def test_switch_to_english(workspace, page):
    """The switch turns every page English, and it stays so."""
    _, url = workspace
    page.goto(url)
    page.wait_for_url(url.split("/?")[0] + "/")  # the page that sets the cookie sends the tab on at once
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Print Data dialogues").wait_for()
    accessible(page)
    page.get_by_role("link", name="Printers").click()
    page.get_by_role("heading", name="Saved printers").wait_for()
    page.goto(url.split("/?")[0] + "/decks/default-en/print")
    accessible(page)
    page.get_by_text("More choices").click()
    page.get_by_label("X (mm)").fill("left a bit")
    page.get_by_role("button", name="Build").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "‘left a bit’ is not a number; write for example 1.5 or −1" in alert.inner_text()


def test_a_print_shop_chosen_from_the_list(workspace, page):
    """The Game Crafter from the shop list: one PNG per card face of its size, shown as sets with the contact
    sheet; every page passes axe."""
    here, url = workspace
    page.goto(url)
    page.wait_for_url(url.split("/?")[0] + "/")  # the page that sets the cookie sends the tab on at once
    page.goto(url.split("/?")[0] + "/decks/default/print")
    page.get_by_text("Meer keuzes").click()
    page.get_by_label("Drukkerij", exact=True).select_option("tgc")
    page.get_by_label("kaarten", exact=True).check()
    page.get_by_role("button", name="Maken").click()
    page.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for(timeout=120_000)
    page.get_by_role("heading", name="kaarten-reeks-1-groen: PNG per kaart").wait_for()
    overview = page.get_by_role("img", name="overzicht van alle kaarten van kaarten-reeks-1-groen")
    overview.scroll_into_view_if_needed()
    overview.evaluate("i => i.complete || new Promise(r => i.onload = r)")
    assert overview.evaluate("i => i.naturalWidth") > 1000
    accessible(page)
    manifest = json.loads((here / "output" / "default" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["shop"] == "tgc"
    assert manifest["files"]["kaarten-reeks-1-groen-001.png"]["pixels"] == [825, 1125]
