"""Writing the duplex calibration sheet into its own folder, through the same lock and commit as a build.

One file per paper and flip; a sheet is never part of a build's set (``verify`` lists the
``calibration/`` folder without checking it) and a build never removes it.
"""

from __future__ import annotations

from pathlib import Path

from ..deck.model import Deck
from ..paper.layout import Duplex
from .staging import OutputFolder


def calibration_name(deck: Deck, paper: str, duplex: Duplex) -> str:
    """ "duplex-kalibratie-a4-long.pdf": one file per paper and flip, so they never overwrite each other."""
    from ..deck.language import language

    return f"{language(deck.language)['file_calibration']}-{paper}-{duplex.value}.pdf"


def calibration_pdf(deck: Deck, *, paper: str, duplex: Duplex, back_offset: tuple[float, float]) -> tuple[str, bytes]:
    """The sheet's file name and bytes, made in a folder of its own that is gone afterwards: for a page that hands
    it out and must change nothing on disk."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="datadialoog-calibration-") as tmp:
        path = write_calibration(deck, Path(tmp), paper=paper, duplex=duplex, back_offset=back_offset)
        return path.name, path.read_bytes()


def write_calibration(
    deck: Deck, out_dir: Path, *, paper: str, duplex: Duplex, back_offset: tuple[float, float]
) -> Path:
    """Render the calibration sheet into ``out_dir`` and return its path."""
    from ..deck.language import language
    from ..render.calibration import render_calibration
    from ..render.pdf import Metadata, deck_author
    from .identity import identity_line, keywords

    lang = language(deck.language)
    meta = Metadata(
        title=f"{deck.title} — {lang['title_calibration']}",
        subject=identity_line(deck),
        keywords=keywords(deck),
        author=deck_author(deck),
    )
    name = calibration_name(deck, paper, duplex)
    with OutputFolder(Path(out_dir)) as folder, folder.stage() as staging:
        render_calibration(deck, staging.path(name), paper=paper, duplex=duplex, back_offset=back_offset, meta=meta)
        (path,) = staging.commit()
    return path
