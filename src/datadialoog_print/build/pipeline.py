"""Build every document of a deck into an output folder, all or nothing: read → figures → documents → manifest.

The one entry point the CLI calls for ``build``. It checks that every card's text fits
first, renders each document into a staging folder, one after the other, and moves the
files into place only when all of them are written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..deck.model import Deck
from .options import KINDS, BuildOptions, card_layout, default_output_dir
from .staging import Staging

__all__ = ["KINDS", "BuildOptions", "BuildResult", "build"]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    files: tuple[Path, ...]
    cards: int


def build(
    deck: Deck,
    out_dir: Path | None = None,
    *,
    options: BuildOptions = BuildOptions(),
    progress: Callable[[int], None] | None = None,
) -> BuildResult:
    """Write the deck's documents and their manifest into ``out_dir``; on any error nothing there changes."""
    from ..deck.language import language
    from ..figures.answersheet import answer_rows
    from ..paper.cardfit import check_cards_fit
    from ..paper.layout import SingleLayout
    from ..paper.printplan import card_file_stem, file_names, plan
    from ..render.answers import render_answers
    from ..render.booklet import BookletOptions, render_booklets
    from ..render.cardpainter import CardOptions
    from ..render.handouts import render_participant_sheet, render_questions, render_statements
    from ..render.pdf import Metadata
    from .cardjobs import SeriesJob, render_all
    from .identity import identity_line, keywords
    from .manifest import MANIFEST, manifest_text

    out_dir = Path(out_dir) if out_dir is not None else default_output_dir(deck)
    lang = language(deck.language)
    layout = card_layout(deck, options)
    tags, identity, names = keywords(deck), identity_line(deck), file_names(deck)
    wanted = set(options.only)
    if "cards" in wanted:
        check_cards_fit(deck, layout.card_width, layout.card_height, mono=options.mono)
    rows = answer_rows(deck) if wanted & {"answers", "booklet"} else ()

    def meta(title_key: str) -> Metadata:
        return Metadata(title=f"{deck.title} — {lang[title_key]}", subject=identity, keywords=tags)

    written: list[tuple[Path, int]] = []
    sheets: dict[str, int] = {}
    with Staging(out_dir) as staging:
        if "cards" in wanted:
            card_options = CardOptions(plain_stock=options.plain_stock, mono=options.mono)
            jobs = []
            for series in deck.series:
                stem = card_file_stem(deck, series)
                back = staging.path(f"{stem}-{lang['file_backs']}.pdf") if isinstance(layout, SingleLayout) else None
                jobs.append(
                    SeriesJob(
                        deck,
                        series,
                        staging.path(f"{stem}.pdf"),
                        back,
                        layout,
                        options.duplex,
                        options.back_offset,
                        card_options,
                        tags,
                        identity,
                    )
                )
            written += render_all(jobs, progress=progress)
        if "handouts" in wanted:
            for key, render, title in (
                ("questions", render_questions, "title_questions"),
                ("statements", render_statements, "title_statements"),
                ("participants", render_participant_sheet, "title_participants"),
            ):
                target = staging.path(names[key])
                sheets[key] = render(deck, target, meta=meta(title))
                written.append((target, 0))
        if "answers" in wanted:
            target = staging.path(names["answers"])
            sheets["answers"] = render_answers(deck, target, meta=meta("title_answers"), rows=rows, identity=identity)
            written.append((target, 0))
        if "booklet" in wanted:
            # The guide describes the whole set, even when this build writes only part of it;
            # sheet counts of the files rendered above are filled in.
            files = plan(
                deck, layout, duplex=options.duplex, plain_stock=options.plain_stock, mono=options.mono, only=KINDS
            )
            files = tuple(replace(f, sheets=sheets.get(f.kind, f.sheets)) for f in files)
            booklet = BookletOptions(
                rows=rows,
                plan=files,
                layout=layout,
                mono=options.mono,
                plain_stock=options.plain_stock,
                sets=options.sets,
                identity=identity,
            )
            reading, imposed = staging.path(names["booklet"]), staging.path(names["booklet_imposed"])
            render_booklets(deck, reading=reading, imposed=imposed, options=booklet, meta=meta("title_booklet"))
            written += [(reading, 0), (imposed, 0)]
        staging.path(MANIFEST).write_text(manifest_text(deck, options.describe(deck), written), encoding="utf-8")
        files = staging.commit()
    return BuildResult(tuple(f for f in files if f.suffix == ".pdf"), sum(c for _, c in written))
