"""``serve``: the browser workspace, for organisers who do not use a terminal."""

from __future__ import annotations

import click

from .group import cli
from .option_sets import Whole


@cli.command()
@click.option("--port", type=Whole(0, 65535), default=0, help="Port to listen on (default: a free one).")
@click.option(
    "--host",
    default=None,
    help="Address to listen on (default: a loopback address of this start's own, 127.x.y.z, else 127.0.0.1); "
    "another than this machine's needs --allow-remote.",
)
@click.option(
    "--allow-remote", is_flag=True, help="Let other machines reach the workspace (still only with the token)."
)
@click.option("--no-browser", is_flag=True, help="Do not open the browser; the address is printed on the first line.")
def serve(port: int, host: str | None, allow_remote: bool, no_browser: bool) -> None:
    """Open the printing workspace in your browser: decks, print choices, previews and downloads.

    \b
    Example:
      datadialoog-print serve
      datadialoog-print serve --no-browser --port 8765

    The first line printed is the address with this start's token, on a loopback address of its
    own (so no other local server receives its cookie); only this machine can reach it unless
    --host ADDR --allow-remote is given. Stop it with Ctrl+C.
    """
    from ..serve import serve as run

    run(host=host, port=port, allow_remote=allow_remote, open_browser=not no_browser)
