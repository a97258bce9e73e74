"""A build's result page as the print plan: what was asked, one test sheet first with what to look for, then per
file (in the guide's order) how many copies, on which paper, one- or double-sided and which edge, and the sheets
it takes; each file to download, with thumbnails of its first pages (the page itself is :mod:`.builds_page`'s).

The plan is :func:`~datadialoog_print.assemble.copies.print_plan`, read from the build's own manifest: the numbers
the booklet in the same set prints.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TestSheet:
    """The first sheet to print before all others, and what to look for on it."""

    file: str
    duplex: bool
    """Whether it has backs (then: against the light); else fronts only."""
    card: str
    """The card's size as the organiser measures it ("63 × 88")."""


def _test_sheet(rows, manifest: dict, w) -> TestSheet | None:
    """The first card sheet of the set (pages 1 and 2 with their backs); None for a print shop's single cards."""
    options = manifest.get("options") if isinstance(manifest.get("options"), dict) else {}
    if options.get("layout") != "sheets":
        return None
    size = options.get("card_size") or {}
    for row in rows:
        if row.line.file.kind == "cards" and row.line.file.file == "cards":
            card = f"{w.number(float(size.get('width_mm', 0)))} × {w.number(float(size.get('height_mm', 0)))}"
            return TestSheet(row.name, options.get("duplex") != "none", card)
    return None


def _asked(deck, manifest: dict, printer: str, w) -> str:
    """What this build was asked to make, in the line the print form showed above its button."""
    from ..assemble.options import BuildOptions
    from .print_summary import summary_line

    options = manifest.get("options") if isinstance(manifest.get("options"), dict) else {}
    try:
        built = BuildOptions.from_description(options, only=tuple(options.get("only") or ()))
    except ValueError:
        return ""
    return summary_line(w, built, sets=built.set_count(deck), printer=printer)


def _titles(deck, rows, w) -> dict[str, str]:
    """Each file's title as the organiser calls it ("Kaarten van Reeks 1 (groen)"), not its file name."""
    from ..deck.language import colour_word, language

    lang = language(deck.language)
    out = {}
    for row in rows:
        f = row.line.file
        series = f"{f.series.label} ({colour_word(lang, f.series.colour.name)})" if f.series is not None else ""
        out[row.name] = w.t(f"doc_{f.file}", series=series)
    return out


def plan_context(deck, manifest: dict, printer: str, w) -> dict:
    """What the result page shows of a build's set beside its files: the plan's rows and titles, the paper to have
    at hand, the test sheet, what was asked (in the print form's words) and how many sets."""
    from .results import paper_totals, plan_rows

    rows = plan_rows(deck, manifest)
    options = manifest.get("options") if isinstance(manifest.get("options"), dict) else {}
    return {
        "rows": rows,
        "titles": _titles(deck, rows, w) if deck is not None else {},
        "totals": paper_totals(rows),
        "test": _test_sheet(rows, manifest, w),
        "asked": _asked(deck, manifest, printer, w) if deck is not None else "",
        "sets": int(options.get("sets") or 1),
    }
