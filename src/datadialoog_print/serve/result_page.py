"""The result of one build as a print plan: what was asked, one test sheet first with what to look for, then per
file (in the guide's order) how many copies, on which paper, one- or double-sided and which edge, and the sheets
it takes; each file to download, with thumbnails of its first pages.

The plan is :func:`~datadialoog_print.assemble.copies.print_plan`, read from the build's manifest: the numbers
the booklet in the same set prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.routing import Route

from .offload import off_loop
from .pages import page, words
from .print_page import _form, _load, job_of


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


async def job_page(request: Request):
    """The result of one build (its own, whatever another tab built since), or its progress while it runs."""
    from ..deck.language import language
    from .results import SHOWN_PAGES, image_sets, paper_totals, plan_rows, read_manifest

    job = job_of(request)
    name = request.path_params["name"]
    if job is None:  # an old link: the workspace was started again since, or the build is long gone
        return page(request, "error.html", status=404, message_key="result_gone", link=f"/decks/{name}/print")
    url = request.url.path
    if not job.finished.is_set():
        return page(request, "job_page.html", name=name, job=job, events=f"{url}/events", result=url)
    deck = await off_loop(_load, name)
    if job.state == "failed":
        return _form(request, deck, failure=job.message, status=422)
    w = words(request)
    manifest = read_manifest(job.out_dir) or {"files": {}}
    mine = {path.name for path in job.result.files}  # this build's files, whatever another tab built since
    rows = await off_loop(plan_rows, deck, manifest, mine)
    images = [s for s in image_sets(manifest) if any(name.startswith(s.stem) for name in mine)]
    shop = manifest.get("shop") if isinstance(manifest.get("shop"), dict) else {}
    # Where the images go, from the words the booklet's guide prints, in the page's language
    upload = language(w.code).words.get(f"upload_{shop.get('name')}", "") if shop else ""
    return page(
        request,
        "result.html",
        deck=deck,
        name=name,
        rows=rows,
        titles=_titles(deck, rows, w),
        totals=paper_totals(rows),
        test=_test_sheet(rows, manifest, w),
        sets=int((manifest.get("options") or {}).get("sets") or 1),
        asked=_asked(deck, manifest, job.asked.get("printer", ""), w),
        images=images,
        shop=w[f"shop_{shop['name']}"] if upload else "",
        upload=upload,
        result=job.result,
        shown=SHOWN_PAGES,
    )


ROUTES = [Route("/decks/{name}/builds/{job}", job_page, name="job")]
