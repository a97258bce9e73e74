"""The print day in a real browser, at 1280×800 and on a phone (390×844), as an organiser who never saw the tool
goes through it (the chromium, Playwright and axe-core of ``test_serve_browser``): *Maken* on the first screen,
``1,5`` typed the Dutch way, every mistake answered at its field in the page's language, the result page's plan
the booklet's, a build shown as running, no page wider than the phone, every page clean for axe."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from .test_serve_browser import ARGS, CHROMIUM, accessible, browser, workspace

__all__ = ["browser", "workspace"]

SCREENS = {"desk": (1280, 800), "phone": (390, 844)}


@pytest.fixture(params=list(SCREENS))
def tab(request, browser):
    """A tab at one of the two screen sizes, in Dutch; console errors fail the test (422: answered on purpose)."""
    width, height = SCREENS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not [e for e in errors if not re.search(r"status of (422|409|404)", e)], errors


def base(url: str) -> str:
    return url.split("/?")[0]


def fits(page) -> None:
    """No sideways scrolling: the page is no wider than the screen."""
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url}: {width[0]} px wide on a {width[1]} px screen"


def on_first_screen(page, locator) -> None:
    """Seen without scrolling: within the screen's height from the top of the page."""
    assert page.evaluate("() => window.scrollY") == 0
    box = locator.bounding_box()
    assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"], box


def test_two_sets_with_the_offset_typed_the_dutch_way(workspace, tab):
    """The three choices, *Maken* on the first screen, X typed as 1,5: the manifest holds (1.5, 0); the result page
    says what was asked, which test sheet to print first, and counts the copies as the booklet does."""
    here, url = workspace
    tab.goto(url)
    tab.wait_for_url(base(url) + "/")  # the page that sets the cookie sends the tab on at once
    fits(tab)
    accessible(tab)
    tab.get_by_role("link", name="Printen Datadialogen").click()
    tab.wait_for_url("**/decks/default/print")
    on_first_screen(tab, tab.get_by_role("button", name="Maken"))
    fits(tab)
    accessible(tab)
    tab.get_by_label("Aantal tafels").fill("2")
    tab.get_by_text("Meer keuzes").click()
    tab.get_by_label("X (mm)").fill("1,5")
    tab.get_by_label("A4").focus()  # leaving the box: the line above the button follows
    tab.locator("#summary").filter(has_text="2 kaartsets op A4").filter(has_text="1,5 mm naar rechts").wait_for()
    fits(tab)
    tab.get_by_role("button", name="Maken").click()
    tab.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for(timeout=120_000)
    manifest = json.loads((here / "output" / "default" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["back_offset_mm"] == [1.5, 0.0] and manifest["options"]["sets"] == 2
    shown = tab.locator("main").inner_text()
    assert "2 kaartsets op A4, dubbelzijdig via de lange kant, achterkant 1,5 mm naar rechts" in shown
    assert "Print alleen pagina 1 en 2 van kaarten-reeks-1-groen.pdf" in shown
    booklet = "\n".join(
        p.extract_text() for p in PdfReader(here / "output" / "default" / "gespreksleider-a5.pdf").pages
    )
    for count, name in re.findall(r"(\d+) × (\S+\.pdf)", booklet):
        row = tab.locator("table.plan tr", has=tab.locator(f'a.file:text-is("{name}")'))
        assert re.match(rf"{count} exempla", row.locator("td").first.inner_text()), name
    fits(tab)
    accessible(tab)


def test_every_mistake_is_answered_at_its_field_in_dutch(workspace, tab):
    """Too many tables and an offset past 20 mm: a list at the top that leads to each field, the message at the
    field, the folded part open where a field in it is wrong; no path, no English."""
    _, url = workspace
    tab.goto(url)
    tab.wait_for_url(base(url) + "/")  # the page that sets the cookie sends the tab on at once
    tab.goto(base(url) + "/decks/default/print")
    tab.get_by_label("Aantal tafels").fill("27")
    tab.get_by_text("Meer keuzes").click()
    tab.get_by_label("X (mm)").fill("21")
    tab.get_by_role("button", name="Maken").click()
    summary = tab.locator(".error-summary")
    summary.wait_for()
    assert summary.evaluate("e => e === document.activeElement")  # the list is where the keyboard lands
    assert "2 dingen kloppen nog niet" in summary.inner_text()
    assert tab.locator("#sets-error").inner_text() == "27 ligt niet tussen 1 en 26"
    assert tab.locator("#back_offset_x-error").inner_text() == "21 ligt niet tussen -20 en 20"
    assert tab.get_by_label("Aantal tafels").get_attribute("aria-invalid") == "true"
    assert tab.locator("details.more").evaluate("d => d.open")
    summary.get_by_role("link", name=re.compile("X \\(mm\\)")).click()
    assert tab.evaluate("() => document.activeElement.id") == "back_offset_x"
    text = tab.locator("main").inner_text()
    assert "Error" not in text and "back_offset" not in text and "/" not in tab.locator(".error-summary").inner_text()
    fits(tab)
    accessible(tab)


def test_a_build_is_shown_as_running(workspace, tab):
    """While it runs the button is disabled and says so, the form is busy, a live status says what is done."""
    _, url = workspace
    tab.goto(url)
    tab.wait_for_url(base(url) + "/")  # the page that sets the cookie sends the tab on at once
    tab.goto(base(url) + "/decks/default/print")
    tab.get_by_label("Aantal tafels").fill("12")
    tab.locator("#summary").filter(has_text="12 kaartsets").wait_for()
    tab.get_by_role("button", name="Maken").click()
    try:
        tab.locator("#build-status [role=status]").wait_for()
    except Exception:
        print("DEBUG", tab.url, tab.locator("main").inner_text()[:1500])
        raise
    tab.wait_for_function(
        "() => document.querySelector('#print-form button[type=submit]').disabled"
        " && document.getElementById('print-form').getAttribute('aria-busy') === 'true'"
    )
    assert tab.locator("#print-form button[type=submit]").inner_text() == "Bezig met maken …"
    assert tab.locator("#build-status").get_attribute("aria-live") == "polite"
    tab.get_by_role("heading", name="Klaar om te printen: Datadialogen").wait_for(timeout=120_000)


def test_printers_page_asks_before_it_replaces_and_refuses_an_empty_y(workspace, tab):
    here, url = workspace
    name = f"Zolder {tab.viewport_size['width']}"  # the two screens share one workspace
    tab.goto(url)
    tab.wait_for_url(base(url) + "/")  # the page that sets the cookie sends the tab on at once
    tab.goto(base(url) + "/printers")
    fits(tab)
    accessible(tab)
    tab.get_by_label("Naam van de printer").fill(name)
    tab.get_by_label("X (mm)").fill("0,5")
    tab.get_by_role("button", name="Printer bewaren").click()
    tab.locator("#y-error").filter(has_text="vul het getal in dat u afleest").wait_for()
    assert tab.get_by_label("X (mm)").input_value() == "0,5"  # what was typed stays
    accessible(tab)
    tab.get_by_label("Y (mm)").fill("−1")  # the minus as the sheet prints it
    tab.get_by_role("button", name="Printer bewaren").click()
    tab.get_by_role("status").filter(has_text=f"{name} is bewaard").wait_for()
    tab.get_by_label("Naam van de printer").fill(name.lower())
    tab.get_by_label("X (mm)").fill("2")
    tab.get_by_label("Y (mm)").fill("2")
    tab.get_by_role("button", name="Printer bewaren").click()
    tab.locator("#name-error").filter(has_text=f"er is al een printer ‘{name.lower()}’").wait_for()
    printers = json.loads((here / "config" / "printers.json").read_text(encoding="utf-8"))["printers"]
    assert [p for p in printers if p["name"].lower() == name.lower()] == [
        {"name": name, "duplex": "long", "back_offset_mm": [0.5, -1.0]}
    ]
    fits(tab)
    accessible(tab)
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Kalibratievel downloaden").click()
    sheet = Path(download.value.path()).read_bytes()
    assert sheet.startswith(b"%PDF") and "ware grootte" in PdfReader(io.BytesIO(sheet)).pages[0].extract_text()
    assert not (here / "output" / "default" / "calibration").exists()  # made in memory


def test_in_english_for_an_english_deck(workspace, tab):
    _, url = workspace
    tab.goto(url)
    tab.wait_for_url(base(url) + "/")  # the page that sets the cookie sends the tab on at once
    tab.get_by_role("button", name="English").click()
    tab.get_by_role("link", name="Print Data dialogues").click()
    on_first_screen(tab, tab.get_by_role("button", name="Build"))
    tab.get_by_label("Number of tables").fill("0")
    tab.get_by_role("button", name="Build").click()
    tab.locator("#sets-error").filter(has_text="0 is not between 1 and 26").wait_for()
    fits(tab)
    accessible(tab)
    tab.goto(base(url) + "/decks/default-en/builds/4242")
    assert "This result is no longer here" in tab.locator("main").inner_text()
    accessible(tab)


def test_without_chromium_the_suite_says_so():
    """The module is skipped with one line when chromium is missing (and CI never skips): see test_serve_browser."""
    assert CHROMIUM.exists() and "--no-sandbox" in ARGS


def test_a_refused_spreadsheet_is_answered_at_its_field(workspace, tab):
    """A copy of the default deck, a CSV with an age written as a word: the decks page names the file as the
    organiser named it, the row and the column, in Dutch, at the file's field, and opens that part."""
    import subprocess
    import sys

    here, url = workspace
    name = f"eigen-{tab.viewport_size['width']}"
    subprocess.run(
        [sys.executable, "-m", "datadialoog_print", "new", name, "--title", f"Groep {name}"],
        cwd=here,
        check=True,
        capture_output=True,
    )
    tab.goto(url)
    tab.wait_for_url(base(url) + "/")  # the page that sets the cookie sends the tab on at once
    deck = tab.locator(f"#deck-{name}")
    deck.get_by_text("Personen in een spreadsheet").click()
    csv = b"Naam;Reeks;Leeftijd\nB. Bos;Reeks 1;oud\n"
    deck.get_by_label("Werkmap of CSV-bestand").set_input_files(
        files=[{"name": "mijn personen.csv", "mimeType": "text/csv", "buffer": csv}]
    )
    deck.get_by_role("button", name="Personen inlezen").click()
    error = tab.locator(f"#file-{name}-error")
    error.wait_for()
    shown = error.inner_text()
    assert "Er is niets ingelezen: mijn personen.csv heeft" in shown
    assert "mijn personen.csv: de kolom ‘Opleidingsniveau’ ontbreekt" in shown and "upload" not in shown
    assert deck.get_by_label("Werkmap of CSV-bestand").get_attribute("aria-invalid") == "true"
    fits(tab)
    accessible(tab)
