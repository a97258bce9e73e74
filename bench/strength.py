"""How strong generated lessons are: N seeds at a --strength, measured from persons.yaml alone (no project code).

    .venv/bin/python bench/strength.py                 # 40 seeds at --strength original
    .venv/bin/python bench/strength.py --seeds 200 --strength mild

Per seed: the count rows' persons apart (of 10), hospital visits series 2 / series 1, the
persons in postcodes both series have, and the months-age correlation; then the worst of
each over all seeds and whether issue 25's bar holds (counts ≥ 5 of 10 apart, hospital
visits ≥ 2.5×, ≤ 4 of 20 in shared postcodes, |r| < 0.3), and the time per deck.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml


def measure(persons: list[dict]) -> dict:
    """The figures issue 25 asks about, computed here from the raw persons."""
    s1 = [p for p in persons if p["series"] == 1]
    s2 = [p for p in persons if p["series"] == 2]
    n = len(s1)
    education = sum(
        p["opleiding"] in ("WO", "HBO", "University (WO)", "Higher professional education (HBO)") for p in s1
    ) - sum(p["opleiding"] in ("WO", "HBO", "University (WO)", "Higher professional education (HBO)") for p in s2)
    dutch = sum(p["migratieachtergrond"] in ("Nederlands", "Dutch") for p in s1) - sum(
        p["migratieachtergrond"] in ("Nederlands", "Dutch") for p in s2
    )
    visits1, visits2 = sum(p["ziekenhuisbezoeken"] for p in s1), sum(p["ziekenhuisbezoeken"] for p in s2)
    codes1, codes2 = {p["postcode"] for p in s1}, {p["postcode"] for p in s2}
    shared = sum(p["postcode"] in codes1 and p["postcode"] in codes2 for p in persons)
    r = statistics.correlation([p["maanden_uitkering"] for p in persons], [p["leeftijd"] for p in persons])
    return {
        "education_apart_of_10": education * 10 / n,
        "dutch_apart_of_10": dutch * 10 / n,
        "hospital_ratio": visits2 / visits1 if visits1 else float("inf"),
        "shared_postcodes": shared,
        "months_age_r": r,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--strength", default="original")
    parser.add_argument("--source", default=None)
    args = parser.parse_args()
    from datadialoog_print.trainer.generate import generate_deck

    rows, took = [], []
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(args.seeds):
            start = time.perf_counter()
            made = generate_deck(
                f"d{seed}", seed=seed, decks_dir=Path(folder), strength=args.strength, source=args.source
            )
            took.append(time.perf_counter() - start)
            persons = yaml.safe_load((made.path / "persons.yaml").read_text(encoding="utf-8"))["persons"]
            rows.append((seed, measure(persons)))
    for seed, m in rows:
        print(seed, "  ".join(f"{k} {v:.2f}" for k, v in m.items()))
    worst = {
        "education_apart_of_10": min(m["education_apart_of_10"] for _, m in rows),
        "dutch_apart_of_10": min(m["dutch_apart_of_10"] for _, m in rows),
        "hospital_ratio": min(m["hospital_ratio"] for _, m in rows),
        "shared_postcodes": max(m["shared_postcodes"] for _, m in rows),
        "months_age_r": max(abs(m["months_age_r"]) for _, m in rows),
    }
    print("worst:", "  ".join(f"{k} {v:.2f}" for k, v in worst.items()))
    ok = (
        worst["education_apart_of_10"] >= 5
        and worst["dutch_apart_of_10"] >= 5
        and worst["hospital_ratio"] >= 2.5
        and worst["shared_postcodes"] <= 4
        and worst["months_age_r"] < 0.3
    )
    print(
        f"issue 25's bar {'holds' if ok else 'FAILS'}; {statistics.median(took) * 1000:.0f} ms per deck (median), "
        f"{max(took) * 1000:.0f} ms at most"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
