"""How to run this tool again, written so that it works pasted into a fresh shell.

The commands the tool prints for the user (after ``generate``, on the workbook's explanation
sheet) name the program as the user can start it: ``datadialoog-print`` when that is on the
PATH (installed with pipx, or a venv activated), else the path it was started by
(``.venv/bin/datadialoog-print`` in a clone whose venv is not activated).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys

NAME = "datadialoog-print"


def program() -> str:
    """The command that starts this tool from the current folder, quoted for a shell."""
    started = sys.argv[0] if sys.argv else ""
    if os.path.basename(started) == NAME:
        on_path = shutil.which(NAME)
        if on_path and os.path.realpath(on_path) == os.path.realpath(started):
            return NAME
        return shlex.quote(started if os.sep in started else os.path.abspath(started))
    if started.endswith(os.path.join("datadialoog_print", "__main__.py")):
        return f"{shlex.quote(sys.executable)} -m datadialoog_print"
    return NAME  # called as a library, or from a test runner: the installed name
