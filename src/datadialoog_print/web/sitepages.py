"""The site's own pages, in Dutch and English from the workspace's word tables: the entry page with the kits, the
workspace's shell, and the licences of everything shipped."""

from __future__ import annotations

import importlib.metadata as metadata
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..serve.words import Words

PAGES = {"nl": "index.html", "en": "index-en.html"}
"""The entry page per language (Dutch first: the site's address opens it)."""

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
    "img-src 'self' data: blob:; style-src 'self'; font-src 'self' data: blob:; frame-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)
"""The pages' Content-Security-Policy: nothing from elsewhere; WebAssembly for Pyodide, no other eval."""

templates = Environment(
    loader=PackageLoader("datadialoog_print", "web/templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)


def write_pages(root: Path, *, kits, versions: dict, shipped: list[str]) -> None:
    """Write the entry pages, the shell and the licences page into the site folder ``root``."""
    for code, file in PAGES.items():
        w = Words(code)
        other = "en" if code == "nl" else "nl"
        html = templates.get_template("index.html").render(
            w=w, csp=CSP, kits=kits, other=PAGES[other], other_code=other, mb=_megabytes(w)
        )
        (root / file).write_text(html, encoding="utf-8")
    html = templates.get_template("workspace.html").render(nl=Words("nl"), en=Words("en"), csp=CSP)
    (root / "workspace.html").write_text(html, encoding="utf-8")
    _licences(root, versions, shipped)


def _megabytes(w: Words):
    return lambda size: w.number(round(size / 1e6, 1))


def _licences(root: Path, versions: dict, shipped: list[str]) -> None:
    """``licences/``: each part's licence texts, and a page listing the parts with their licence."""
    from .bundle import DISTRIBUTIONS

    folder = root / "licences"
    folder.mkdir()
    parts = []
    for name in DISTRIBUTIONS:
        dist = metadata.distribution(name)
        meta = dist.metadata
        licence = meta.get("License-Expression") or _short(meta.get("License")) or _classifier(meta)
        texts = [f for f in dist.files or () if _is_licence(f.name)]
        written = []
        for entry in texts:
            target = f"{name}-{entry.name}"
            (folder / target).write_bytes(Path(dist.locate_file(entry)).read_bytes())
            written.append(target)
        parts.append((f"{name} {dist.version}", licence, written))
    runtime = Path(__file__).parent.parent  # this package's own licence: MIT, the repository's LICENSE
    own = runtime.parent.parent / "LICENSE"
    if own.is_file():
        (folder / "datadialoog-print-LICENSE").write_bytes(own.read_bytes())
    parts.insert(0, ("datadialoog-print", "MIT", ["datadialoog-print-LICENSE"] if own.is_file() else []))
    htmx = runtime / "serve" / "static" / "htmx.LICENSE"
    (folder / "htmx-LICENSE").write_bytes(htmx.read_bytes())
    parts.append(("htmx 2.0.11", "0BSD", ["htmx-LICENSE"]))
    pdfjs = root / "runtime" / "pdfjs" / "LICENSE"
    parts.append((f"pdf.js (npm pdfjs-dist {versions['pdfjs-dist']})", "Apache-2.0", ["../runtime/pdfjs/LICENSE"]))
    if not pdfjs.is_file():
        parts[-1] = (parts[-1][0], parts[-1][1], [])
    parts.append(
        (
            f"Pyodide (npm pyodide {versions['pyodide']}), with CPython and its standard library",
            "MPL-2.0 (Pyodide), PSF-2.0 (CPython)",
            [],
        )
    )
    html = templates.get_template("licences.html").render(w=Words("nl"), en=Words("en"), csp=CSP, parts=parts)
    (folder / "index.html").write_text(html, encoding="utf-8")


def _is_licence(name: str) -> bool:
    upper = name.upper()
    return any(word in upper for word in ("LICEN", "COPYING", "NOTICE", "AUTHORS"))


def _short(text: str | None) -> str:
    return text.strip().splitlines()[0][:80] if text and text.strip() and text.strip() != "UNKNOWN" else ""


def _classifier(meta) -> str:
    found = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or () if c.startswith("License ::")]
    return ", ".join(found) or "see its metadata"
