"""Benchmark: the default deck, and synthetic decks of 20 to 10 000 persons, built as a whole process.

First the default deck, all documents, many runs (the figure the target is about); then
for each size all documents and cards only, at least three times each. It prints the
median wall time (and the fastest and slowest run), the peak memory of the largest process
(max RSS), the milliseconds per card and the PDF bytes per card. Run from the repository root:

    .venv/bin/python bench/bench.py                 # 20, 200, 2000, 10000 persons
    .venv/bin/python bench/bench.py --sizes 20 200  # quicker

The package's bytecode is compiled first and each build runs once unmeasured, as on any
machine after the first run (a sandbox with PYTHONDONTWRITEBYTECODE would otherwise
measure compiling the sources every time).
"""

from __future__ import annotations

import argparse
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DECK = ROOT / "decks" / "default"
SEED = 20261125

FIRST = [
    "A.",
    "B.",
    "C.",
    "D.",
    "E.",
    "F.",
    "G.",
    "H.",
    "I.",
    "J.",
    "K.",
    "L.",
    "M.",
    "N.",
    "O.",
    "P.",
    "R.",
    "S.",
    "T.",
    "W.",
    "Y.",
    "Z.",
]
LAST = [
    "Bos",
    "Yıldız",
    "de Graaf",
    "Daniëls",
    "Sewdien",
    "Visser",
    "Kowalczyk",
    "Kaçar",
    "Jansen",
    "van Leeuwen",
    "Güneş",
    "Doğan",
    "El Amrani",
    "Haddad",
    "Mulder",
    "Çelik",
    "Bouzid",
    "Pinas",
    "Al-Khatib",
    "Verbeek",
    "de Vries",
    "Bakker",
    "Smit",
    "Meijer",
    "Öztürk",
    "Nowak",
    "Ramdin",
    "Mahabier",
    "Hoekstra",
    "Dijkstra",
]


def synthetic_deck(target: Path, persons: int, seed: int = SEED) -> Path:
    """A copy of the default deck with ``persons`` plausible random persons, half per series."""
    rng = random.Random(seed)
    shutil.copytree(DEFAULT_DECK, target)
    deck = yaml.safe_load((DEFAULT_DECK / "deck.yaml").read_text(encoding="utf-8"))
    categories = {a["key"]: a.get("categories", []) for a in deck["attributes"]}
    people = []
    for i in range(persons):
        series = 1 + (i % 2)
        education = rng.choice(categories["opleiding"])
        higher = education in ("WO", "HBO")
        people.append(
            {
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i + 1}",
                "series": series,
                "leeftijd": rng.randint(19, 66),
                "opleiding": education,
                "migratieachtergrond": rng.choice(categories["migratieachtergrond"]),
                "studieschuld": rng.randrange(0, 30000, 500) if higher else rng.randrange(0, 5000, 500),
                "sector": rng.choice(categories["sector"]),
                "ziekenhuisbezoeken": rng.randint(0, 9),
                "maanden_uitkering": rng.randint(1, 48),
                "interventies": rng.randint(0, 9),
                "postcode": str(rng.randint(3500, 3585)),
                "geslacht": rng.choice(categories["geslacht"]),
            }
        )
    # The first persons of series 2 keep the deck's pre-pseudonymised names, so the deck stays valid.
    for j, name in enumerate(deck["series"][1].get("pseudonymised", [])):
        people[1 + 2 * j]["name"] = name
    (target / "persons.yaml").write_text(
        yaml.safe_dump({"persons": people}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return target


MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(code, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, largest process of the build) of one whole-process run."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    if out[0] != "0":
        raise SystemExit(f"build failed: {' '.join(command)}")
    return float(out[1]), int(out[2]) / 1024


def row(label: str, persons: int, build: str, runs: list[tuple[float, float]], pdfs: list[Path]) -> str:
    """One table row: median wall (min–max), peak memory, per-card cost and size."""
    walls = sorted(r[0] for r in runs)
    wall, peak, cards = statistics.median(walls), max(r[1] for r in runs), persons * 10
    pdf_bytes = sum(p.stat().st_size for p in pdfs)
    return (
        f"| {label} | {cards:,} | {build} | {wall:.2f} ({walls[0]:.2f}–{walls[-1]:.2f}) | {peak:.0f} "
        f"| {wall * 1000 / cards:.3f} | {pdf_bytes / cards:,.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200, 2000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--default-runs", type=int, default=15, help="runs of the default deck")
    args = parser.parse_args()
    cli = str(Path(sys.executable).with_name("datadialoog-print"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores"
    )
    print("| persons | cards | build | wall s: median (min–max) | peak MB | ms per card | PDF bytes per card |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "default"
        command = [cli, "build", str(DEFAULT_DECK), "-o", str(out), "-q"]
        measure(command)
        runs = [measure(command) for _ in range(args.default_runs)]
        print(row("default deck", 20, "all documents", runs, list(out.glob("kaarten-*.pdf"))), flush=True)
        for size in args.sizes:
            deck = synthetic_deck(Path(tmp) / f"deck{size}", size)
            for label, extra in (("all documents", []), ("cards only", ["--only", "cards"])):
                out = Path(tmp) / f"out{size}"
                command = [cli, "build", str(deck), "-o", str(out), "-q", *extra]
                measure(command)
                runs = [measure(command) for _ in range(args.runs)]
                print(row(f"{size:,}", size, label, runs, list(out.glob("kaarten-*.pdf"))), flush=True)
                shutil.rmtree(out)


if __name__ == "__main__":
    main()
