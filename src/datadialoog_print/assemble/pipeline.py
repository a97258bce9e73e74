"""Build every document of a deck into an output folder, all or nothing: read → figures → documents → manifest.

``build`` is the one entry point the CLI calls: it holds the output folder
(:mod:`.staging`: locked, tidied), renders every document into a staging folder with
``render_documents``, one after the other, writes the manifest (keeping what ``--only``
did not rebuild, see :mod:`.manifest`) and commits the whole set in one step. ``verify``
calls ``render_documents`` too, into a temporary folder, to compare.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..deck.model import Deck
from .context import BuildContext, build_context
from .documents import KINDS, plan, render_order
from .options import BuildOptions, default_output_dir
from .renderers import Target, Written

__all__ = ["KINDS", "BuildOptions", "BuildResult", "Written", "build", "prepare", "render_documents"]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, kept from an earlier build (``--only``), and removed as stale."""

    files: tuple[Path, ...]
    cards: int
    kept: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What the organiser should know about how the build was made (fewer cards per sheet, and why)."""


Extra = Callable[[Deck, Callable[[str], Path], list[Written]], list[Path]]
"""Writes more files from the staged documents (previews); gets a ``place(name)`` for each."""


def build(
    deck: Deck,
    out_dir: Path | None = None,
    *,
    options: BuildOptions = BuildOptions(),
    progress: Callable[[int], None] | None = None,
    extra: Extra | None = None,
    parallel_from: int | None = None,
    also: Path | None = None,
) -> BuildResult:
    """Write the deck's documents and their manifest into ``out_dir`` as one set; on any error nothing there changes.

    ``parallel_from``: from this many cards on, the two card series render in two processes
    (the command line passes :data:`~datadialoog_print.assemble.cardjobs.PARALLEL_MIN_CARDS`).
    None, the default for library callers: always in this process, because a worker started
    with ``spawn`` imports the caller's main module again, which then needs the
    ``if __name__ == "__main__":`` guard that multiprocessing asks for.

    ``also``: a second output folder that gets the same files, with the manifest a build into it writes
    (kept documents of ``--only`` included), committed after ``out_dir``'s: the workspace keeps every build
    in a folder of its own and puts the newest where the CLI's build puts it.
    """
    from .manifest import MANIFEST, new_manifest
    from .staging import OutputFolder

    out_dir = Path(out_dir) if out_dir is not None else default_output_dir(deck)
    if also is not None and extra is not None:
        raise ValueError("a build with extra files (previews) goes into one folder")
    # What can be refused without rendering is refused before the output folder is touched.
    if not options.allow_broken_lesson:
        from ..figures.lessontext import refuse_broken_lesson

        refuse_broken_lesson(deck)
    ctx = prepare(deck, options, progress=progress, parallel_from=parallel_from)
    with contextlib.ExitStack() as held:
        folder = held.enter_context(OutputFolder(out_dir))
        second = held.enter_context(OutputFolder(also)) if also is not None else None
        old = folder.manifest()
        staging = held.enter_context(folder.stage())
        written = render_documents(ctx, staging.path)
        extras = extra(deck, staging.path, written) if extra else []
        text, kept, removes = new_manifest(deck, out_dir, ctx.options, written, extras, old)
        staging.path(MANIFEST).write_text(text, encoding="utf-8")
        if second is not None:
            copy = held.enter_context(second.stage())
            copied = [replace(w, path=Path(shutil.copyfile(w.path, copy.path(w.path.name)))) for w in written]
            copy_text, _, copy_removes = new_manifest(deck, second.path, ctx.options, copied, [], second.manifest())
            copy.path(MANIFEST).write_text(copy_text, encoding="utf-8")
        staging.commit(removes)
        if second is not None:
            copy.commit(copy_removes)
    present = {w.path.name for w in written}
    return BuildResult(
        files=tuple(out_dir / w.path.name for w in written),
        cards=sum(w.cards for w in written),
        kept=tuple(k for k in kept if k not in present),
        removed=tuple(removes),
        notes=tuple(  # once each: the answer sheet and the slides print the same texts
            dict.fromkeys(
                note
                for doc in render_order(ctx.options.only)
                if doc.kind in ctx.options.only
                for note in doc.notes(ctx)
            )
        ),
    )


def prepare(
    deck: Deck,
    options: BuildOptions,
    *,
    progress: Callable[[int], None] | None = None,
    parallel_from: int | None = None,
) -> BuildContext:
    """The build's context for the documents ``options.only`` asks for (and those they wait for), once."""
    uses = frozenset(use for doc in render_order(options.only) for use in doc.uses)
    return build_context(deck, options, uses=uses, progress=progress, parallel_from=parallel_from)


def render_documents(ctx: BuildContext, place: Callable[[str], Path]) -> list[Written]:
    """Render the documents ``ctx.options.only`` asks for; ``place(name)`` says where each file goes.

    A document that waits for others' page counts (the booklet's guide) gets them also when
    they are not asked for: those are rendered into a scratch folder and thrown away.
    """
    wanted = set(ctx.options.only)
    written: list[Written] = []
    counted: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="datadialoog-counts-") as scratch:
        for doc in render_order(ctx.options.only):
            whole = plan(ctx, counted)
            where = place if doc.kind in wanted else (lambda name: Path(scratch) / name)
            target = Target(doc, where, tuple(f for f in whole if f.kind == doc.kind), whole)
            done = doc.render(ctx, target)
            counted.update((w.path.name, w.sheets) for w in done if w.sheets is not None)
            if doc.kind in wanted:
                written += done
    return written
