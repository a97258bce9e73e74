"""The ``datadialoog-print`` command: parses options and calls the library, nothing more.

Heavy modules (pandas, ReportLab) are imported inside the commands that need them,
so ``check`` and ``--help`` start fast. Every error takes one path (:class:`~.errorpath.ErrorPath`): a
one-line message (a list for a deck) and exit 2, 1 for ``verify``; never a traceback.
"""

from . import deck_commands, print_commands, printer_commands, serve_command, site_command  # noqa: F401 - each registers its commands on the group
from .group import cli, main

__all__ = ["cli", "main"]
