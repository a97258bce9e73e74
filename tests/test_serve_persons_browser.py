"""The persons page in a real browser (the same chromium, Playwright and axe-core as ``test_serve_browser``):
a trainer breaks the lesson by ageing a series, sees the verdict, undoes it, saves and builds."""

from __future__ import annotations

import re
import subprocess
import sys

from .test_serve_browser import accessible, browser, page, workspace

__all__ = ["browser", "page", "workspace"]


def test_break_the_lesson_see_the_verdict_undo_save_build(workspace, page):
    here, url = workspace
    subprocess.run(
        [sys.executable, "-m", "datadialoog_print", "new", "mine"], cwd=here, check=True, capture_output=True
    )
    base = url.split("/?")[0]
    page.goto(url)
    page.get_by_role("link", name="Personen bewerken").first.click()
    page.wait_for_url("**/decks/mine/persons")
    accessible(page)
    figures = page.locator("#figures")
    assert figures.locator("li.error").count() == 0
    rows = page.locator("table.persons tbody tr")
    ages = {}
    for i in range(rows.count()):
        if rows.nth(i).locator('select[name="series"]').input_value() == "1":
            cell = rows.nth(i).locator('input[name="leeftijd"]')
            ages[i] = cell.input_value()
            cell.fill(str(int(ages[i]) + 30))
    # intended: series 1 younger; the figures now show it older
    figures.locator("li.error").filter(has_text=re.compile("Leeftijd.*hoger")).wait_for()
    accessible(page)
    for i, age in ages.items():
        rows.nth(i).locator('input[name="leeftijd"]').fill(age)
    page.wait_for_function("() => !document.querySelector('#figures li.error')")
    first = rows.nth(0).locator('input[name="leeftijd"]')
    age = first.input_value()
    first.fill("999")  # a bad value: its message in its row, the save refused
    page.locator("#msg-0").filter(has_text="999 is hoger dan het maximum").wait_for()
    first.fill(age)
    page.wait_for_function("() => document.querySelector('#msg-0').textContent === ''")
    page.get_by_role("button", name="De personen bewaren").click()
    page.get_by_role("status").filter(has_text="Bewaard").wait_for()
    assert (here / "decks" / "mine" / "backups" / "persons-1.yaml").is_file()
    page.goto(base + "/decks/mine/print")
    page.get_by_role("button", name="Maken").click()
    page.get_by_role("heading", name="Klaar om te printen:").wait_for(timeout=120_000)
    assert (here / "output" / "mine" / "manifest.json").is_file()


def test_at_1366x768_the_verdict_and_what_to_change_stay_in_view_while_editing(workspace, page, tmp_path):
    """Issue 36: a trainer editing the last rows still sees the verdict beside the table, the broken row says what
    to change in plain words, and an implausible person's warning stands in that person's row."""
    here, url = workspace
    subprocess.run(
        [sys.executable, "-m", "datadialoog_print", "new", "mine-1366"], cwd=here, check=True, capture_output=True
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(url)  # the token, traded for the cookie
    page.goto(url.split("/?")[0] + "/decks/mine-1366/persons")
    rows = page.locator("table.persons tbody tr")
    last = rows.nth(rows.count() - 1)
    for i in range(rows.count()):  # every hospital visit of series 2 to 0: the row flips
        if rows.nth(i).locator('select[name="series"]').input_value() == "2":
            rows.nth(i).locator('input[name="ziekenhuisbezoeken"]').fill("0")
    last.locator('input[name="ziekenhuisbezoeken"]').scroll_into_view_if_needed()
    todo = page.locator("#figures li.error strong").filter(has_text="Wat te doen: Reeks 2 heeft samen")
    todo.wait_for()
    verdict = page.locator(".persons-verdict").bounding_box()
    assert verdict["x"] > 700 and verdict["y"] < 768 and verdict["y"] + 100 < 768  # beside the table, in view
    box = todo.bounding_box()
    assert 0 <= box["y"] < 768, box  # what to change, in view while the last row is being edited
    rows.nth(2).locator('input[name="leeftijd"]').fill("7")
    page.locator("#warn-2").filter(has_text="een uitkering krijg je vanaf je 18e").wait_for()
    page.screenshot(path=str(tmp_path / "persons-1366.png"))
    accessible(page)
