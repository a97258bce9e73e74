"""Benchmark of the web edition, as a person opens it: the site written once, served by ``python -m http.server``
on 127.0.0.1, Debian's chromium (headless) with an empty cache for each cold run.

1. the entry page: from opening it to its ready-made kits on screen (a kit's link visible), empty cache;
2. the workspace ready, cold (empty cache, no service worker yet) and warm (reopened in the same browser, once the
   first tab kept Python's memory);
3. the first build of the default deck from opening the workspace (ready, the print form, Build, the result page);
4. a warm build in the tab (the default deck again) against a warm in-process CLI build of the same deck
   (``assemble.build`` in this process, after one build), in alternating pairs;
5. what a first visit downloads: every file the entry page and the workspace fetch, compressed with gzip
   (as a static server compresses them), the ready-made kits apart.

Run from the repository root, after ``npm ci --omit=optional`` (a few minutes):

    .venv/bin/python bench/web_bench.py
    .venv/bin/python bench/web_bench.py --runs 5 --pairs 5
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LIMIT_MS = 300_000


def serve(site: Path) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = server.stdout.readline()
    return server, f"http://127.0.0.1:{int(line.split(' port ')[1].split()[0])}/"


def entry_page(browser, address: str) -> float:
    context = browser.new_context()
    tab = context.new_page()
    t0 = time.perf_counter()
    tab.goto(address, wait_until="commit")
    tab.locator("a[data-kit]").first.wait_for(state="visible")
    seconds = time.perf_counter() - t0
    context.close()
    return seconds


def ready(tab, url: str) -> float:
    t0 = time.perf_counter()
    tab.goto(url, wait_until="commit")
    tab.wait_for_selector("html[data-workspace=ready]", timeout=LIMIT_MS)
    return time.perf_counter() - t0


def build_in_tab(tab) -> float:
    """The default deck built from its print form; seconds from Build to the result page shown."""
    app = tab.frame_locator("#app")
    frame = next(f for f in tab.frames if f.parent_frame is not None)
    app.locator("button[type=submit]").last.wait_for()
    t0 = time.perf_counter()
    app.locator("button[type=submit]").last.click()
    frame.wait_for_url("**/builds/*", timeout=LIMIT_MS)
    app.locator("a[href$='set.zip']").wait_for(timeout=LIMIT_MS)
    return time.perf_counter() - t0


def kept(tab) -> None:
    """Wait until the tab's keeper has kept Python's memory (it starts once the tab has been idle for ten seconds);
    the next visit starts from it."""
    tab.wait_for_function(
        "() => { window.postMessage('workspace-stats', '*'); return window.workspaceStats?.memory?.kept; }",
        polling=500,
        timeout=LIMIT_MS,
    )


def workspace(browser, address: str) -> dict:
    """One person's first visit and the next: cold ready, first build from opening, warm ready."""
    context = browser.new_context()
    tab = context.new_page()
    t0 = time.perf_counter()
    cold = ready(tab, f"{address}workspace.html#/decks/default/print")
    cold_steps = tab.evaluate("window.workspaceTimings")
    build_in_tab(tab)
    first_build = time.perf_counter() - t0
    kept(tab)
    tab.close()
    tab = context.new_page()
    warm = ready(tab, f"{address}workspace.html")
    warm_steps = tab.evaluate("window.workspaceTimings")
    context.close()
    return {"cold": cold, "first_build": first_build, "warm": warm, "steps": (cold_steps, warm_steps)}


STEPS = ("claimed", "start", "pyodide", "unpacked", "warm", "mounted", "imported", "shown")
"""The shell's steps to ready, in ms from opening (``window.workspaceTimings``): the service worker in control, the
tab's worker started (on a first visit before the service worker's control), Pyodide loaded (or its kept memory put
back), the Python unpacked, the application's module imported, the files mounted, the application made, the first
page."""


def steps_line(name: str, found: list[dict]) -> str:
    return f"{name}, s from opening: " + ", ".join(
        f"{step} {statistics.median(f[step] for f in found) / 1000:.2f}" for step in STEPS
    )


def warm_pairs(browser, address: str, pairs: int) -> list[tuple[float, float]]:
    """A warm build in the tab against a warm in-process CLI build, alternately."""
    from datadialoog_print.assemble import build
    from datadialoog_print.assemble.decks import load_deck
    from datadialoog_print.deck.locate import shipped_dir

    context = browser.new_context()
    tab = context.new_page()
    ready(tab, f"{address}workspace.html#/decks/default/print")
    build_in_tab(tab)  # warm: the tab has built once
    kept(tab)  # and its keeper has made the memory (it would otherwise work beside the builds measured)
    out = Path(tempfile.mkdtemp(prefix="web-bench-cli-"))
    build(load_deck(shipped_dir() / "default"), out)  # warm: this process has built once
    found = []
    for _ in range(pairs):
        frame = next(f for f in tab.frames if f.parent_frame is not None)
        frame.goto(frame.url.split("/decks/")[0] + "/decks/default/print")
        web = build_in_tab(tab)
        t0 = time.perf_counter()
        build(load_deck(shipped_dir() / "default"), out)
        found.append((web, time.perf_counter() - t0))
    tab.evaluate("() => window.postMessage('workspace-stats', '*')")
    tab.wait_for_function("() => window.workspaceStats", timeout=10_000)
    syncs = tab.evaluate("window.workspaceStats")
    print(
        "OPFS read before a request, ms: median",
        round(statistics.median(syncs["in"]), 1),
        "max",
        round(max(syncs["in"]), 1),
    )
    print(
        "OPFS write after a request, ms: median",
        round(statistics.median(syncs["out"]), 1),
        "max",
        round(max(syncs["out"]), 1),
    )
    context.close()
    return found


def first_visit_bytes(browser, address: str, site: Path) -> tuple[int, int, int]:
    """(files, bytes as sent by http.server, bytes gzip-compressed) of the entry page and the workspace's first
    opening, the kits apart."""
    context = browser.new_context()
    tab = context.new_page()
    seen: set[str] = set()
    context.on("request", lambda r: seen.add(r.url))
    tab.goto(address)
    tab.wait_for_load_state("load")
    ready(tab, f"{address}workspace.html")
    tab.wait_for_timeout(500)
    context.close()
    files = {u.removeprefix(address).split("?")[0].split("#")[0] or "index.html" for u in seen if u.startswith(address)}
    paths = [site / f for f in files if (site / f).is_file() and not f.startswith("kits/")]
    raw = sum(p.stat().st_size for p in paths)
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in paths)
    return len(paths), raw, packed


def line(name: str, values: list[float]) -> str:
    return f"{name}: median {statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f}, {len(values)} runs)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold openings (default 3)")
    parser.add_argument("--pairs", type=int, default=3, help="warm build pairs (default 3)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    site = Path(tempfile.mkdtemp(prefix="web-bench-")) / "site"
    subprocess.run([sys.executable, "-m", "datadialoog_print", "site", str(site)], cwd=ROOT, check=True)
    server, address = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
            entry = [entry_page(browser, address) for _ in range(args.runs)]
            visits = [workspace(browser, address) for _ in range(args.runs)]
            pairs = warm_pairs(browser, address, args.pairs)
            files, raw, packed = first_visit_bytes(browser, address, site)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(line("entry page, kits usable (empty cache)", entry))
    print(line("workspace ready, cold (empty cache)", [v["cold"] for v in visits]))
    print(line("first build of the default deck from opening", [v["first_build"] for v in visits]))
    print(line("workspace ready, warm (cached)", [v["warm"] for v in visits]))
    print(steps_line("  cold steps (median)", [v["steps"][0] for v in visits]))
    print(steps_line("  warm steps (median)", [v["steps"][1] for v in visits]))
    print(line("warm build in the tab", [w for w, _ in pairs]))
    print(line("warm in-process CLI build", [c for _, c in pairs]))
    ratios = [w / c for w, c in pairs]
    print(
        f"warm build, tab / CLI, pair by pair: median {statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"
    )
    print(f"first visit: {files} files, {raw / 1e6:.1f} MB as sent, {packed / 1e6:.1f} MB compressed (kits apart)")


if __name__ == "__main__":
    main()
