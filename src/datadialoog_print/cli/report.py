"""The answer-sheet figures as terminal text: a table, CSV or JSON, each with what the deck intends per row."""

from __future__ import annotations

import csv
import io
import json
import shlex
import textwrap
from typing import TYPE_CHECKING

from ..deck.language import language
from ..deck.model import Deck
from ..figures.lesson import SINGLES_OUT, Verdict, lesson_text, verdicts
from ..figures.stats import answer_sheet, figure_text, rare_text, to_records

if TYPE_CHECKING:
    from ..trainer.generate import Generated


def _by_row(found: tuple[Verdict, ...]) -> dict[int, Verdict]:
    """Verdicts keyed by the 0-based row they judge."""
    return {v.row: v for v in found if v.row is not None}


def _singles_out(found: tuple[Verdict, ...]) -> Verdict | None:
    return next((v for v in found if v.intended == SINGLES_OUT), None)


def stats_table(deck: Deck, *, k: int = 2) -> str:
    """A plain-text table in the deck's language and number format, as the answer sheet prints the figures."""
    lang = language(deck.language)
    rows = answer_sheet(deck, k=k)
    found = verdicts(deck, rows, k=k)
    per_row = _by_row(found)
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
    for index, (row, cells) in enumerate(zip(rows, body, strict=False)):
        out.extend(lines(cells))
        notes = [row.assumption, rare_text(row, lang, k=k)]
        if row.correlation:
            notes.append(row.correlation.remark)
        if index in per_row:
            notes.append(lesson_text(deck, per_row[index]))
        out.extend(f"  → {n}" for n in notes if n)
    if (single := _singles_out(found)) is not None:
        text = lesson_text(deck, single)
        out.extend(["", text[:1].upper() + text[1:]])
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
        "expect",
        "kept",
        "assumption",
    ]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for record in _records(deck, k=k)["rows"]:
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
                    "expect": record["expect"] or "",
                    "kept": "" if record["kept"] is None else str(record["kept"]).lower(),
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
        **_records(deck, k=k),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _records(deck: Deck, *, k: int) -> dict:
    """The rows as raw data, each with its intention (``expect``, ``kept``), and the telling value's verdict."""
    rows = answer_sheet(deck, k=k)
    found = verdicts(deck, rows, k=k)
    per_row = _by_row(found)
    records = to_records(deck, rows)
    for index, record in enumerate(records):
        verdict = per_row.get(index)
        record["expect"] = verdict.intended if verdict else None
        record["kept"] = verdict.kept if verdict else None
    single = _singles_out(found)
    return {
        "rows": records,
        "singles_out": None
        if single is None
        else {
            "attribute": deck.singles_out.attribute,
            "value": single.value or None,
            "kept": single.kept,
            "holders": single.holders,
            "others": [{"attribute": a, "value": v} for a, v in single.others],
        },
    }


def generate_summary(made: Generated) -> str:
    """What ``generate`` prints: what was made, whom the texts now name, and the figures as ``stats`` shows them."""
    from ..invocation import program

    run, deck = program(), shlex.quote(str(made.path))
    lines = [
        f"Created {made.path}: {len(made.deck.persons)} fresh fictional persons keeping the lesson of "
        f"'{made.source.name}' (seed {made.seed})",
        *(f"  the texts named {old}; they now name {new}" for old, new in made.renamed),
        f"Check and build it: {run} check {deck} --strict; {run} build {deck}",
        "",
    ]
    return "\n".join(lines) + "\n" + stats_table(made.deck)
