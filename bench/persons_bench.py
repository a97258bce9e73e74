"""Benchmark of the workspace's persons page in a real browser: a keystroke in a cell to the updated figures.

Starts ``datadialoog-print serve`` in a temporary folder with a local copy of the default
deck, opens its persons page in Debian's chromium (Playwright) and types into an age cell,
deleting its last digit and typing it again; for the second key (a valid deck again, so the
whole answer sheet is computed) the page itself measures from the key going down to the
figures fragment swapped in (``performance.now()`` in a keydown listener and a
MutationObserver on ``#figures``), which includes htmx's 60 ms trigger delay, the post, the
in-memory deck and its figures, and the swap. Target: at most 150 ms (median).

Run from the repository root:

    .venv/bin/python bench/persons_bench.py
    .venv/bin/python bench/persons_bench.py --keys 40
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"

MEASURE = """() => {
  const cell = document.querySelector('table.persons tbody tr input[name="leeftijd"]');
  const figures = document.querySelector('#figures');
  window.__took = null;
  let down = 0;
  cell.addEventListener('keydown', () => { down = performance.now(); }, {once: true});
  new MutationObserver((m, o) => { o.disconnect(); window.__took = performance.now() - down; })
    .observe(figures, {childList: true, subtree: true, characterData: true});
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=20, help="keystrokes measured (default 20)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="datadialoog-bench-") as tmp:
        here = Path(tmp)
        env = {**os.environ, "DATADIALOOG_CONFIG_DIR": str(here / "config"), "PYTHONUNBUFFERED": "1"}
        run = [sys.executable, "-m", "datadialoog_print"]
        subprocess.run([*run, "new", "mine"], cwd=here, env=env, check=True, capture_output=True)
        proc = subprocess.Popen([*run, "serve", "--no-browser"], cwd=here, env=env, stdout=subprocess.PIPE, text=True)
        try:
            url = proc.stdout.readline().strip()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
                page = browser.new_page()
                page.goto(url)
                page.goto(url.split("/?")[0] + "/decks/mine/persons")
                cell = page.locator('table.persons tbody tr input[name="leeftijd"]').first
                original = cell.input_value()
                times = []
                for _ in range(args.keys + 2):
                    cell.click()
                    page.keyboard.press("End")
                    for key in ("Backspace", original[-1]):  # measured: the key that makes the age whole again
                        page.evaluate(MEASURE)
                        page.keyboard.press(key)
                        took = page.wait_for_function("() => window.__took", timeout=10_000).json_value()
                    times.append(took)
                cell.fill(original)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    times = times[2:]  # the first posts warm the server's imports
    print(f"keystroke to updated figures over {len(times)} keys: median {statistics.median(times):.0f} ms, ", end="")
    print(f"max {max(times):.0f} ms (target: median ≤ 150 ms)")


if __name__ == "__main__":
    main()
