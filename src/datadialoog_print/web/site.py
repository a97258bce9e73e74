"""Writing the web edition: one folder of static files that any web server can host.

What goes in (all of it from this machine, nothing fetched when the site runs):

* ``index.html`` (Dutch) and ``index-en.html``: the entry page with the ready-made kits (``kits/``);
* ``workspace.html`` with ``web/shell.js``: the workspace in the tab, its pages in a frame;
  ``web/worker.js`` runs Pyodide and the application; ``sw.js``, the service worker, hands the
  frame's requests to the tab and keeps the site for offline use;
* ``runtime/pyodide/`` and ``runtime/pdfjs/`` from the npm packages (``npm ci`` installs the pinned
  versions into ``node_modules/``), ``runtime/python.zip`` (:mod:`.bundle`);
* ``licences/``: every licence of what is shipped.

The folder is written beside the target and moved into place whole; a folder that is not a site this
command wrote is never replaced.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatadialoogError

RUNTIME = {
    "pyodide": ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"),
    "pdfjs-dist": ("build/pdf.min.mjs", "build/pdf.worker.min.mjs", "LICENSE"),
}
"""The files of each npm package the site needs: Pyodide's core, and pdf.js for the thumbnails."""

FOLDER = {"pyodide": "pyodide", "pdfjs-dist": "pdfjs"}

MARK = ".datadialoog-site"
"""The file that says a folder is a site this command wrote (and may be replaced)."""

STATIC = Path(__file__).parent / "static"
PRECACHED_OUT = ("kits/",)
"""Not kept for offline use by the service worker: the kits download straight from the server."""


@dataclass(frozen=True)
class Site:
    """What was written."""

    folder: Path
    files: int
    bytes: int
    kits: int
    versions: dict


def write_site(target: Path, *, runtime: Path = Path("node_modules"), progress: Callable[[str], None] | None = None):
    """Write the site into ``target``; ``runtime`` is the folder ``npm ci`` filled (``node_modules``)."""
    target = Path(target)
    say = progress or (lambda text: None)
    versions = _runtime_versions(runtime)
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / MARK).is_file())):
        raise DatadialoogError(f"{target} is not empty and not a site written by this command: choose another folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.writing-", dir=target.parent))
    try:
        _write(staging, runtime, versions, say)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            target.rename(old / "site")
            staging.rename(target)
            shutil.rmtree(old)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = [p for p in target.rglob("*") if p.is_file()]
    return Site(
        target, len(files), sum(p.stat().st_size for p in files), len(list((target / "kits").iterdir())), versions
    )


def _runtime_versions(runtime: Path) -> dict:
    versions = {}
    for package in RUNTIME:
        manifest = runtime / package / "package.json"
        try:
            versions[package] = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError):
            raise DatadialoogError(
                f"{manifest} is missing: run `npm ci` in the repository first (it installs Pyodide and pdf.js), "
                "or give their folder with --runtime"
            ) from None
    return versions


def _write(root: Path, runtime: Path, versions: dict, say: Callable[[str], None]) -> None:
    from . import precompile
    from .bundle import add_compiled, write_bundle
    from .kits import build_kits
    from .sitepages import write_pages

    for package, files in RUNTIME.items():
        for name in files:
            to = root / "runtime" / FOLDER[package] / Path(name).name
            to.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(runtime / package / name, to)
    say("runtime: Pyodide " + versions["pyodide"] + ", pdf.js " + versions["pdfjs-dist"])
    python = root / "runtime" / "python.zip"
    shipped = write_bundle(python)
    compiled = precompile.compiled(python, runtime / "pyodide")
    add_compiled(python, compiled)
    say(f"runtime/python.zip: {len(shipped)} packages and datadialoog-print, {len(compiled)} modules compiled")
    (root / "kits").mkdir()
    kits = build_kits(root / "kits", progress=lambda file: say(f"kits/{file}"))
    (root / "web").mkdir()
    for path in sorted(STATIC.iterdir()):
        if path.is_file() and path.name != "sw.js":
            shutil.copyfile(path, root / "web" / path.name)
    style = Path(__file__).parent.parent / "serve" / "static" / "style.css"
    shutil.copyfile(style, root / "web" / "style.css")
    write_pages(root, kits=kits, versions=versions, shipped=shipped)
    (root / MARK).write_text("written by datadialoog-print site\n", encoding="utf-8")
    _service_worker(root)
    say("pages, service worker and licences")


def _service_worker(root: Path) -> None:
    """``sw.js`` with the list of files it keeps for offline use, and a version that changes with any of them."""
    files = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).as_posix().startswith(PRECACHED_OUT) and p.name != MARK
    )
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    text = (STATIC / "sw.js").read_text(encoding="utf-8")
    text = text.replace('"@VERSION@"', json.dumps(digest.hexdigest()[:16])).replace('["@FILES@"]', json.dumps(files))
    (root / "sw.js").write_text(text, encoding="utf-8")
