"""``site``: the web edition, a folder of static files any web server can host."""

from __future__ import annotations

from pathlib import Path

import click

from .group import cli


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--runtime",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("node_modules"),
    show_default=True,
    help="Where `npm ci` installed Pyodide and pdf.js.",
)
def site(folder: Path, runtime: Path) -> None:
    """Write the web edition into FOLDER: the workspace in the browser tab, and ready-made kits.

    \b
    Example:
      npm ci && datadialoog-print site site/
      python -m http.server -d site/ 8000      then open http://127.0.0.1:8000/

    Host the folder on any HTTPS web server (or open it from 127.0.0.1). Nothing is installed on the
    computers that open it, and no data leaves them. FOLDER is replaced whole if this command wrote it.
    """
    from ..web.site import write_site

    written = write_site(folder, runtime=runtime, progress=lambda line: click.echo(f"  {line}", err=True))
    click.echo(
        f"Wrote {written.folder}/: {written.files} files, {written.bytes / 1e6:.1f} MB, {written.kits} ready-made kits "
        f"(Pyodide {written.versions['pyodide']}, pdf.js {written.versions['pdfjs-dist']})."
    )
