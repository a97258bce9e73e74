"""The tab's first visit, run when the site is written, so that what it imports ships compiled.

Runs in Pyodide under Node (``node/compile.mjs``, started by :mod:`.precompile`): the application made and the
pages a person opens first. Each module that imported from the site's archive is then compiled by Pyodide's own
Python, to go in the archive beside its source, where the tab's imports look for it (``__pycache__``).
"""

from __future__ import annotations

import io
import os
import py_compile
import sys
import tempfile
import types
import zipfile

PAGES = ("/", "/decks/default/print", "/decks/default-en/print", "/decks/default/persons", "/static/style.css")
"""The pages a first visit opens first. (A build's modules are left to the tab: compiled too, they would take a
first visit past what it may download.)"""


async def compiled_visit() -> bytes:
    """The visit, then each module it imported from the site's archive compiled, as a zip (names relative to the
    folder it was unpacked into; the same bytes at every run)."""
    import importlib.util

    from . import runtime

    runtime.start(tempfile.mkdtemp())
    for page in PAGES:
        await runtime.answer("GET", page, "", "[]", b"", "")
    import datadialoog_print

    # The folder as the imports name it (sysconfig may say "//lib/…" where the modules say "/lib/…").
    root = os.path.join(os.path.dirname(os.path.dirname(datadialoog_print.__file__)), "")
    modules = [m for m in list(sys.modules.values()) if isinstance(m, types.ModuleType)]
    files = {m.__dict__.get("__file__") or "" for m in modules}
    sources = sorted(f for f in files if f.startswith(root))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, tempfile.TemporaryDirectory() as scratch:
        for source in sources:
            if not source.endswith(".py"):
                continue
            compiled = py_compile.compile(
                source,
                cfile=os.path.join(scratch, "module.pyc"),
                dfile=source,  # tracebacks name the file where the tab has it
                doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,  # used as it is, whatever the time
            )
            name = importlib.util.cache_from_source(source)[len(root) :]
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            with open(compiled, "rb") as f:
                archive.writestr(info, f.read())
    return buffer.getvalue()
