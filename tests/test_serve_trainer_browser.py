"""The generate and texts pages in a real browser (the chromium, Playwright and axe-core of ``test_serve_browser``):
a trainer tries candidates, picks one as a new deck, and changes a text of the booklet; every state checked by axe."""

from __future__ import annotations

import subprocess
import sys

from datadialoog_print.deck.checker import TITLE

from .test_serve_browser import accessible, browser, page, workspace

__all__ = ["browser", "page", "workspace"]


def test_try_candidates_pick_one_and_make_a_deck(workspace, page):
    here, url = workspace
    page.goto(url)
    page.get_by_role("link", name="Nieuwe personen met deze les").first.click()
    page.wait_for_url("**/decks/*/generate")
    accessible(page)
    page.get_by_label("Startgetal").fill("3")
    page.get_by_label("Aantal kandidaten").fill("3")
    page.get_by_label("Hoe duidelijk").select_option("strong")
    page.get_by_role("button", name="Kandidaten tonen").click()
    table = page.locator("table.candidates")
    table.wait_for()
    # Rij, the shipped deck the lesson comes from (issue 36), and the 3 candidates
    assert table.locator("thead th").count() == 5 and "Kracht" in table.inner_text()
    assert table.locator("thead th").nth(1).inner_text() == "origineel (default)"
    accessible(page)
    page.get_by_label("startgetal 4", exact=False).first.check()
    page.get_by_label("Korte naam van het nieuwe kaartspel").fill("groep-2")
    page.get_by_role("button", name="Kaartspel maken met deze personen").click()
    page.get_by_role("status").filter(has_text="Het kaartspel groep-2 is gemaakt met startgetal 4").wait_for()
    accessible(page)
    assert (here / "decks" / "groep-2" / "persons.yaml").is_file()
    page.get_by_role("button", name="Kandidaten tonen").click()  # the same fields again
    table.wait_for()
    page.get_by_label("Korte naam van het nieuwe kaartspel").fill("groep-2")
    page.get_by_role("button", name="Kaartspel maken met deze personen").click()
    page.get_by_role("alert").filter(has_text="er is al een kaartspel groep-2").wait_for()
    assert page.get_by_label("Korte naam van het nieuwe kaartspel").get_attribute("aria-invalid") == "true"
    accessible(page)


def test_change_a_booklet_text_refused_then_saved(workspace, page):
    here, url = workspace
    subprocess.run(
        [sys.executable, "-m", "datadialoog_print", "new", "a-teksten"], cwd=here, check=True, capture_output=True
    )
    page.goto(url)
    page.get_by_role("link", name="Teksten bewerken").first.click()
    page.wait_for_url("**/decks/*/texts")
    accessible(page)
    title = page.get_by_label("Boekje › Titel", exact=True)
    title.fill("x" * (TITLE + 1))
    page.get_by_role("button", name="De teksten bewaren").click()
    page.get_by_role("alert").filter(has_text="1 tekst past niet").wait_for()
    title = page.get_by_label("Boekje › Titel", exact=True)
    assert title.get_attribute("aria-invalid") == "true"
    assert f"{TITLE + 1} tekens; hier passen er hoogstens {TITLE}" in page.locator("main").inner_text()
    accessible(page)
    title.fill("Handleiding voor de gespreksleider")
    page.get_by_role("button", name="De teksten bewaren").click()
    page.get_by_role("status").filter(has_text="Bewaard").wait_for()
    assert "title: Handleiding voor de gespreksleider" in (here / "decks" / "a-teksten" / "texts.yaml").read_text()
