"""The site's Python compiled by Pyodide's own Python when the site is written, so a first visit need not compile it.

A first visit compiles every module it imports from its source: more than a second before its first page, on a
two-core laptop. ``site`` instead runs that start once in Pyodide under Node (:mod:`.firstvisit`,
``node/compile.mjs``), and the archive holds each module it imported compiled, beside its source (anyio reads its
own source; a traceback shows the line). Node is there wherever ``npm ci`` installed Pyodide.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..errors import DatadialoogError

SCRIPT = Path(__file__).parent / "node" / "compile.mjs"
ERROR = re.compile(r"[\w.]*(?:Error|Exception)(?:: |$)")
"""A line that says an error (Python's ``ModuleNotFoundError: …``, Node's ``Error: …``), not code around it."""
TIMEOUT_S = 600
"""The start takes about 10 s under Node; past this something is wrong."""


def compiled(archive: Path, pyodide: Path) -> dict[str, bytes]:
    """Each module the first visit imports from ``archive``, compiled: ``{"pkg/__pycache__/module.cpython-314.pyc":
    bytes}``."""
    node = shutil.which("node")
    if node is None:
        raise DatadialoogError("node is not on PATH: `site` compiles the site's Python with Pyodide under Node.js")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "compiled.zip"
        try:
            done = subprocess.run(
                [node, str(SCRIPT), str(Path(pyodide).resolve()), str(Path(archive).resolve()), str(out)],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise DatadialoogError(
                f"compiling the site's Python took over {TIMEOUT_S} s; nothing was written"
            ) from None
        if done.returncode != 0 or not out.is_file():
            said = [line.strip() for line in done.stderr.splitlines() if ERROR.match(line.strip())] or ["no message"]
            last = said[-1][:300]  # Python's own error, not Node's source dump around it
            raise DatadialoogError(f"compiling the site's Python with Pyodide failed: {last}")
        with zipfile.ZipFile(out) as made:
            return {name: made.read(name) for name in sorted(made.namelist())}
