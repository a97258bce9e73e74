"""Benchmark: whole-process builds of the default deck and of synthetic decks of 20 to 10 000 persons.

1. The default deck, all documents, in alternating pairs with the bare import of pandas,
   ReportLab's canvas, PyYAML and click: the build's time as a multiple of that import.
2. 100 000 cards (10 000 persons), cards only, in alternating pairs with
   ``bench/bare_reportlab.py`` drawing the same cards with the plain canvas API.
3. Optionally (``--pool``), cards-only builds with the second process and without, to
   find the deck size from which it pays (``assemble/cardjobs.py: PARALLEL_MIN_CARDS``).
4. For each size, all documents and cards only, three runs each: the median wall time
   (fastest–slowest), the peak memory of the largest process (max RSS), milliseconds and
   PDF bytes per card.

Run from the repository root:

    .venv/bin/python bench/bench.py                                  # everything (about 5 minutes)
    .venv/bin/python bench/bench.py --sizes --yardstick 0            # the default deck only
    .venv/bin/python bench/bench.py --sizes --yardstick 0 --default-runs 0 --pool 2000 5000 10000

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
    """A copy of the default deck with ``persons`` plausible random persons, half per series.

    Each person keeps the rules ``check`` warns by (drawn again until they do), so a build does not stop at
    them; the persons the texts name (B. Bos) and the pre-pseudonymised ones keep their names and series."""
    from datadialoog_print.deck.plausible import plausibility

    rng = random.Random(seed)
    shutil.copytree(DEFAULT_DECK, target)
    deck = yaml.safe_load((DEFAULT_DECK / "deck.yaml").read_text(encoding="utf-8"))
    categories = {a["key"]: a.get("categories", []) for a in deck["attributes"]}
    rules = plausibility()
    keep = tuple(r for r in rules.rules if set(r.names) <= set(categories))

    def person(i: int) -> dict:
        series = 1 + (i % 2)
        while True:
            education = rng.choice(categories["opleiding"])
            higher = education in ("WO", "HBO")
            values = {
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
            if not rules.broken(keep, values):
                return {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i + 1}", "series": series, **values}

    people = [person(i) for i in range(persons)]
    # The first persons of series 2 keep the deck's pre-pseudonymised names, so the deck stays valid; the persons
    # the texts name keep theirs, in their own series (a text may not name someone no card carries).
    for j, name in enumerate(deck["series"][1].get("pseudonymised", [])):
        people[1 + 2 * j]["name"] = name
    texts = "".join((DEFAULT_DECK / f).read_text(encoding="utf-8") for f in ("texts.yaml", "answers.yaml"))
    taken = {p["name"] for p in people}
    default = yaml.safe_load((DEFAULT_DECK / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    for named in (p for p in default if p["name"] in texts and p["name"] not in taken):
        free = next(
            p for p in people[2 * len(deck["series"][1].get("pseudonymised", [])) :] if p["series"] == named["series"]
        )
        free["name"] = named["name"]
    (target / "persons.yaml").write_text(
        yaml.safe_dump({"persons": people}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    # Random persons show no lesson, so the deck states none (a build would stop at the broken lesson).
    answers = yaml.safe_load((target / "answers.yaml").read_text(encoding="utf-8"))
    answers.pop("singles_out", None)
    for comparison in answers["comparisons"]:
        comparison.pop("expect", None)
        comparison.pop("margin", None)
        comparison.get("correlation", {}).pop("expect", None)
    (target / "answers.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(code, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

BARE_IMPORT = [sys.executable, "-c", "import pandas, reportlab.pdfgen.canvas, yaml, click"]
"""What the build used to wait for: the bare import of pandas, ReportLab's canvas, PyYAML and click."""

POOL_BUILD = """
import sys
from datadialoog_print import load_deck
from datadialoog_print.assemble import BuildOptions, build
build(load_deck(sys.argv[1]), sys.argv[2], options=BuildOptions(only=("cards",)), parallel_from=int(sys.argv[3]))
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, largest process of the build) of one whole-process run."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    if out[0] != "0":
        raise SystemExit(f"failed: {' '.join(command)}")
    return float(out[1]), int(out[2]) / 1024


def paired(a: list[str], b: list[str], runs: int) -> tuple[list[float], list[float], list[float]]:
    """A and B in turn, A B A B …, after one unmeasured run of each: walls of A, of B, and A/B pair by pair."""
    measure(a), measure(b)
    walls_a, walls_b = [], []
    for _ in range(runs):
        walls_a.append(measure(a)[0])
        walls_b.append(measure(b)[0])
    return walls_a, walls_b, [x / y for x, y in zip(walls_a, walls_b, strict=True)]


def spread(values: list[float], digits: int = 2) -> str:
    """Median (min–max)."""
    v = sorted(values)
    return f"{statistics.median(v):.{digits}f} ({v[0]:.{digits}f}–{v[-1]:.{digits}f})"


def row(label: str, persons: int, build: str, runs: list[tuple[float, float]], pdfs: list[Path]) -> str:
    """One table row: median wall (min–max), peak memory, per-card cost and size."""
    walls = [r[0] for r in runs]
    wall, peak, cards = statistics.median(walls), max(r[1] for r in runs), persons * 10
    pdf_bytes = sum(p.stat().st_size for p in pdfs)
    return f"| {label} | {cards:,} | {build} | {spread(walls)} | {peak:.0f} | {wall * 1000 / cards:.3f} | {pdf_bytes / cards:,.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[20, 200, 2000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--default-runs", type=int, default=15, help="pairs for the default deck against the bare import"
    )
    parser.add_argument(
        "--yardstick", type=int, default=10000, help="persons for cards-only against bare_reportlab.py (0: skip)"
    )
    parser.add_argument(
        "--pool", type=int, nargs="*", default=[], help="persons: cards-only with and without the second process"
    )
    args = parser.parse_args()
    cli = str(Path(sys.executable).with_name("datadialoog-print"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, {cores} cores"
    )
    with tempfile.TemporaryDirectory() as tmp:
        build_default = [cli, "build", str(DEFAULT_DECK), "-o", str(Path(tmp) / "default"), "-q"]
        if args.default_runs:
            walls, bare, ratios = paired(build_default, BARE_IMPORT, args.default_runs)
            print(
                f"\ndefault deck, all documents: {spread(walls, 3)} s; bare import: {spread(bare, 3)} s; "
                f"build / bare import, pair by pair: {spread(ratios)}",
                flush=True,
            )
        if args.yardstick:
            deck = synthetic_deck(Path(tmp) / "yardstick", args.yardstick)
            ours = [cli, "build", str(deck), "-o", str(Path(tmp) / "ys-ours"), "-q", "--only", "cards"]
            bare = [sys.executable, str(ROOT / "bench" / "bare_reportlab.py"), str(deck), str(Path(tmp) / "ys-bare")]
            walls, bare_walls, ratios = paired(ours, bare, args.runs)
            print(
                f"\n{args.yardstick * 10:,} cards, cards only: {spread(walls)} s; bare_reportlab.py: {spread(bare_walls)} s; "
                f"build / bare script, pair by pair: {spread(ratios)}",
                flush=True,
            )
        for size in args.pool:
            deck = synthetic_deck(Path(tmp) / f"pool{size}", size)
            two = [sys.executable, "-c", POOL_BUILD, str(deck), str(Path(tmp) / f"two{size}"), "0"]
            one = [sys.executable, "-c", POOL_BUILD, str(deck), str(Path(tmp) / f"one{size}"), str(10**12)]
            walls, single, ratios = paired(two, one, args.runs)
            print(
                f"{size * 10:,} cards, cards only: two processes {spread(walls)} s, one {spread(single)} s, "
                f"two / one: {spread(ratios)}",
                flush=True,
            )
        if args.sizes:
            print(
                "\n| persons | cards | build | wall s: median (min–max) | peak MB | ms per card | PDF bytes per card |"
            )
            print("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
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
