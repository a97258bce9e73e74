"""The README's three screenshots, made anew: the web edition's entry page, the workspace (`serve`) and a build
in a terminal, each 1280 × 800 in English, written small into docs/images/.

Run from the repository after the set-up and `npm ci --omit=optional`:

    .venv/bin/python tools/screenshots.py

It drives Debian's chromium (/usr/bin/chromium) through Playwright, never a downloaded browser, works in a
temporary folder, and ends the servers it starts by their process ids.
"""

from __future__ import annotations

import html
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
SIZE = {"width": 1280, "height": 800}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PROGRAM = Path(sys.executable).with_name("datadialoog-print")


def save(png: bytes, name: str) -> None:
    """A screenshot in at most 256 colours (interface pages have few), so each stays well under 150 KB."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(IMAGES / name, optimize=True)
    print(f"{name}: {(IMAGES / name).stat().st_size // 1024} KB")


def started(command: list[str], cwd: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def ended(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def web_edition(browser, here: Path) -> None:
    """The entry page of a site written by `site`, served by `python -m http.server` on a free port."""
    site = here / "site"
    subprocess.run([PROGRAM, "site", site, "--runtime", ROOT / "node_modules"], cwd=here, check=True)
    server = started([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(site)], here)
    try:
        port = int(server.stdout.readline().split(" port ")[1].split()[0])
        tab = browser.new_page(viewport=SIZE, locale="en-GB")
        tab.goto(f"http://127.0.0.1:{port}/index-en.html")
        tab.wait_for_load_state("networkidle")
        save(tab.screenshot(), "web-edition.png")
        tab.close()
    finally:
        ended(server)


def workspace(browser, here: Path) -> None:
    """`serve` as a person starts it, the default deck's print form in English."""
    env = {**os.environ, "DATADIALOOG_CONFIG_DIR": str(here / "config"), "PYTHONUNBUFFERED": "1"}
    server = started([str(PROGRAM), "serve", "--no-browser", "--port", "0"], here, env)
    try:
        url = server.stdout.readline().strip()
        base = url.split("/?")[0]
        tab = browser.new_page(viewport=SIZE, locale="en-GB")
        tab.goto(url)
        tab.wait_for_url(base + "/")
        tab.goto(base + "/decks/default/print")
        tab.get_by_label("Number of tables").fill("2")
        tab.get_by_role("button", name="Build").click()
        tab.wait_for_url("**/builds/*", timeout=120_000)
        tab.get_by_role("heading", name="Ready to print: Datadialogen").wait_for(timeout=120_000)
        tab.wait_for_load_state("networkidle")
        save(tab.screenshot(), "workspace.png")
        tab.close()
    finally:
        ended(server)


def terminal(browser, here: Path) -> None:
    """`check`, `build` and `verify` of the default deck as a terminal in a clone shows them, drawn as a page
    (the clone's folder written as ~/datadialoog-print, where a reader's clone might be)."""
    shown = []
    for args in (["check"], ["build", "--sets", "2"], ["verify", "output/default"]):
        result = subprocess.run([PROGRAM, *args], cwd=here, capture_output=True, text=True, check=True)
        shown.append(f"$ .venv/bin/datadialoog-print {' '.join(args)}\n{result.stderr}{result.stdout}")
    text = html.escape("".join(shown).replace(str(ROOT), "~/datadialoog-print") + "$ ")
    page = (
        "<!doctype html><html lang='en'><title>terminal</title><body style='margin:0;background:#1e1e1e'>"
        "<pre style='margin:0;padding:24px;color:#e6e6e6;font:15px/1.45 DejaVu Sans Mono,monospace;"
        f"white-space:pre-wrap'>{text}</pre></body></html>"
    )
    tab = browser.new_page(viewport=SIZE)
    tab.set_content(page)
    save(tab.locator("pre").screenshot(), "cli.png")
    tab.close()


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for make in (web_edition, workspace, terminal):
                here = Path(folder) / make.__name__
                here.mkdir()
                make(browser, here)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
