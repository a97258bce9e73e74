"""The answer-sheet figures as terminal text: a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import textwrap

from ..deck.language import language
from ..deck.model import Deck
from .stats import answer_sheet, figure_text, rare_text, to_records


def stats_table(deck: Deck, *, k: int = 2) -> str:
    """A plain-text table in the deck's language and number format, as the answer sheet prints the figures."""
    lang = language(deck.language)
    rows = answer_sheet(deck, k=k)
    header = [lang["attribute"].capitalize(), *(s.label for s in deck.series)]
    body = [[row.comparison.title, *(figure_text(row, f, lang) for f in row.figures)] for row in rows]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    widths = [min(w, 48) for w in widths]

    def lines(cells: list[str]) -> list[str]:
        wrapped = [textwrap.wrap(c, w) or [""] for c, w in zip(cells, widths, strict=False)]
        height = max(len(w) for w in wrapped)
        return [
            "  ".join(
                (w[i] if i < len(w) else "").ljust(width) for w, width in zip(wrapped, widths, strict=False)
            ).rstrip()
            for i in range(height)
        ]

    out = [*lines(header), *lines(["-" * w for w in widths])]
    for row, cells in zip(rows, body, strict=False):
        out.extend(lines(cells))
        notes = [row.assumption, rare_text(row, lang, k=k)]
        if row.correlation:
            notes.append(row.correlation.remark)
        out.extend(f"  → {n}" for n in notes if n)
    return "\n".join(out) + "\n"


def stats_csv(deck: Deck, *, k: int = 2) -> str:
    """One line per attribute per series, raw numbers, for a spreadsheet."""
    buffer = io.StringIO()
    fields = [
        "attribute",
        "measure",
        "series",
        "persons",
        "total",
        "mean",
        "count",
        "share",
        "modes",
        "direction",
        "assumption",
    ]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for record in to_records(deck, answer_sheet(deck, k=k)):
        for key, figure in record["series"].items():
            writer.writerow(
                {
                    "attribute": record["attribute"],
                    "measure": record["measure"],
                    "series": key,
                    "persons": figure["persons"],
                    "total": figure.get("total", ""),
                    "mean": figure.get("mean", ""),
                    "count": figure.get("count", ""),
                    "share": figure.get("share", ""),
                    "modes": "/".join(figure.get("modes", [])),
                    "direction": record["direction"],
                    "assumption": record["assumption"],
                }
            )
    return buffer.getvalue()


def stats_json(deck: Deck, *, k: int = 2) -> str:
    """Every figure with raw numbers, for other tools."""
    payload = {
        "deck": deck.name,
        "language": deck.language,
        "k": k,
        "series": [{"key": s.key, "label": s.label, "meaning": s.meaning} for s in deck.series],
        "rows": to_records(deck, answer_sheet(deck, k=k)),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
