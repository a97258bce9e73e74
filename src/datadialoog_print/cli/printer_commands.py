"""Commands about the machines that print: printers (the ones saved with their back offset), serve (the workspace)."""

from __future__ import annotations

from .console import echo
from .group import cli


@cli.command()
def printers() -> None:
    """List the printers saved with their back offset and duplex flip (saved from the workspace, datadialoog-print serve).

    \b
    Example:
      datadialoog-print printers
      datadialoog-print build --printer "Kantoor 2e"

    The list lives in a small file in your configuration folder (DATADIALOOG_CONFIG_DIR names another folder).
    """
    from ..assemble.printers import load_printers, settings_file

    saved = load_printers()
    if not saved:
        echo(f"No printers saved yet ({settings_file()}); save one in the workspace: datadialoog-print serve")
        return
    echo(f"Printers saved in {settings_file()}:")
    for p in saved:
        echo(f"  {p.name:<30} back offset {p.back_offset[0]:g},{p.back_offset[1]:g} mm, flip {p.duplex.value} edge")
