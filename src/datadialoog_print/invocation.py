"""How to run this tool again, written so that it works pasted into a fresh shell.

The commands the tool prints for the user (after ``generate``, when it refuses to change a
shipped deck) name the program as the shell the user is in can start it:
``datadialoog-print`` when that is on the PATH (installed with pipx, or a venv activated),
else the script beside this Python (``.venv/bin/datadialoog-print`` in a clone, relative to
the current folder). The workbook's explanation sheet follows the same rule
(``trainer/explanation.py``).
"""

from __future__ import annotations

import contextlib
import shlex
import shutil
import sys
from pathlib import Path

NAME = "datadialoog-print"


def program() -> str:
    """The command that starts this tool from the current folder, quoted for a shell."""
    script = Path(sys.executable).parent / NAME
    found = shutil.which(NAME)
    if not script.exists() or (found is not None and Path(found).resolve() == script.resolve()):
        return NAME
    with contextlib.suppress(ValueError):
        return shlex.quote(str(script.absolute().relative_to(Path.cwd())))
    return shlex.quote(str(script.absolute()))
