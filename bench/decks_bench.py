"""Benchmark of the workspace's decks page with many decks, as a process a user starts:

100 copies of the default deck and one deck of 10 000 persons in ``decks/``; ``serve --no-browser`` started;
then, at once, one client asks for the decks page (every deck read and checked for the first time, while the
start's own reading runs beside it) and a second client asks for the stylesheet and the printers page every
50 ms until the first has its page. Reported: the first decks page's time, the second client's answers
(median, 90th percentile, slowest), and the decks page asked again (every summary kept by its files' hashes).

Run from the repository root (about a minute):

    .venv/bin/python bench/decks_bench.py
    .venv/bin/python bench/decks_bench.py --decks 100 --persons 10000 --runs 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from datadialoog_print.deck.locate import shipped_dir


def many_decks(folder: Path, count: int, persons: int) -> None:
    default = shipped_dir() / "default"
    for i in range(count):
        shutil.copytree(default, folder / "decks" / f"deck-{i:03d}")
    shutil.copytree(default, folder / "decks" / "big")
    own = yaml.safe_load((default / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    rows = [{**p, "name": p["name"] if i == 0 else f"{p['name']} {i}"} for i in range(persons // len(own)) for p in own]
    text = yaml.dump({"persons": rows}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True)
    (folder / "decks" / "big" / "persons.yaml").write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Run:
    """One start: the first decks page (seconds, text), the second client's answers meanwhile, the page again."""

    first: float
    page: str
    waits: list[float]
    again: float


def one_run(folder: Path) -> Run:
    """``serve`` started in ``folder``; the decks page asked for by one client while a second asks for others."""
    env = {**os.environ, "DATADIALOOG_CONFIG_DIR": str(folder / "config"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "datadialoog_print", "serve", "--no-browser"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        base = url.split("/?")[0]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        opener.open(url.replace("/?", "/printers?")).read()
        first: list = []

        def decks_page() -> None:
            t = time.perf_counter()
            page = opener.open(f"{base}/", timeout=600).read().decode()
            first.extend((time.perf_counter() - t, page))

        reader = threading.Thread(target=decks_page)
        reader.start()
        waits = []
        while reader.is_alive():
            for path in ("/static/style.css", "/printers"):
                t = time.perf_counter()
                opener.open(base + path, timeout=60).read()
                waits.append(time.perf_counter() - t)
            time.sleep(0.05)
        reader.join()
        t = time.perf_counter()
        opener.open(f"{base}/", timeout=600).read()
        return Run(first[0], first[1], sorted(waits), time.perf_counter() - t)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--decks", type=int, default=100)
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        many_decks(folder, args.decks, args.persons)
        for run in range(args.runs):
            r = one_run(folder)
            waits = r.waits
            print(
                f"run {run + 1}: first decks page {r.first:.2f} s; meanwhile {len(waits)} answers to a second client: "
                f"median {statistics.median(waits) * 1000:.0f} ms, 90% within {waits[int(len(waits) * 0.9)] * 1000:.0f} "
                f"ms, slowest {waits[-1] * 1000:.0f} ms; decks page again {r.again:.2f} s"
            )


if __name__ == "__main__":
    main()
