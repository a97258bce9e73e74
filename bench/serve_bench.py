"""Benchmark of the workspace (``serve``), as a process a user starts:

1. start to first page: from starting ``datadialoog-print serve --no-browser`` to the decks
   page answered (the first line read, then ``GET /``), several starts;
2. warm builds through the workspace against cold CLI builds of the same deck, in
   alternating pairs: ``POST /decks/default/build`` (a plain form post that waits for the
   result) against ``datadialoog-print build`` in a new process each time;
3. thumbnails after a build: those the result page shows, then every page of every document.

Run from the repository root (about a minute):

    .venv/bin/python bench/serve_bench.py
    .venv/bin/python bench/serve_bench.py --starts 5 --pairs 5
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

DATADIALOOG = [sys.executable, "-m", "datadialoog_print"]


def start(folder: Path) -> tuple[subprocess.Popen, str, float]:
    """``serve`` started; its URL and the seconds from the start to the first page answered."""
    t0 = time.perf_counter()
    env = {**os.environ, "DATADIALOOG_CONFIG_DIR": str(folder / "config"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*DATADIALOOG, "serve", "--no-browser"], cwd=folder, env=env, stdout=subprocess.PIPE, text=True
    )
    url = proc.stdout.readline().strip()
    with urllib.request.urlopen(url) as r:
        assert r.status == 200
        r.read()
    return proc, url, time.perf_counter() - t0


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=30)


def opener(url: str):
    jar = http.cookiejar.CookieJar()
    o = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    o.open(url).read()  # the token traded for its cookie
    return o


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).parents[1] / "src")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        starts = []
        for _ in range(args.starts + 1):  # the first one unmeasured (bytecode, disk cache)
            proc, url, seconds = start(folder)
            starts.append(seconds)
            stop(proc)
        starts = starts[1:]
        print(f"start to first page: median {statistics.median(starts):.2f} s ({min(starts):.2f}–{max(starts):.2f})")

        proc, url, _ = start(folder)
        try:
            o = opener(url)
            base = url.split("/?")[0]
            body = urllib.parse.urlencode({"paper": "a4"}).encode()

            def warm() -> float:
                t = time.perf_counter()
                o.open(urllib.request.Request(f"{base}/decks/default/build", data=body)).read()
                return time.perf_counter() - t

            def cold() -> float:
                t = time.perf_counter()
                subprocess.run([*DATADIALOOG, "build", "-q", "-o", str(folder / "cli")], cwd=folder, check=True)
                return time.perf_counter() - t

            warm(), cold()  # once each, unmeasured
            ratios, warms, colds = [], [], []
            for i in range(args.pairs):
                w, c = (warm(), cold()) if i % 2 == 0 else tuple(reversed((cold(), warm())))
                warms.append(w), colds.append(c), ratios.append(w / c)
            print(
                f"warm build through the workspace: median {statistics.median(warms):.2f} s; cold CLI build: "
                f"median {statistics.median(colds):.2f} s; warm/cold per pair: median {statistics.median(ratios):.2f} "
                f"({min(ratios):.2f}–{max(ratios):.2f})"
            )
            # The result page's thumbnails (what an organiser waits for), from a fresh build so none is cached.
            answer = o.open(urllib.request.Request(f"{base}/decks/default/build", data=body))
            page, result = answer.read().decode(), answer.geturl()  # the build's own page: /decks/default/builds/ID
            shown = re.findall(r'<img src="([^"]+\.png)"', page)
            t = time.perf_counter()
            for src in shown:
                o.open(base + src).read()
            print(f"thumbnails the result page shows: {len(shown)} in {time.perf_counter() - t:.2f} s")
            manifest = json.loads((folder / "output" / "default" / "manifest.json").read_text(encoding="utf-8"))
            t = time.perf_counter()
            pages = 0
            for name, facts in manifest["files"].items():
                for n in range(1, facts["pages"] + 1):
                    o.open(f"{result}/pages/{name}/{n}.png").read()
                    pages += 1
            print(f"thumbnails of every page of every document: {pages} pages in {time.perf_counter() - t:.2f} s")
        finally:
            stop(proc)


if __name__ == "__main__":
    main()
