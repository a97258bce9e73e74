"""The site's start compiled by Pyodide's own Python when the site is written (web/precompile.py)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from datadialoog_print.errors import DatadialoogError
from datadialoog_print.web import bundle, precompile

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not (PYODIDE / "pyodide.mjs").is_file(),
    reason="Node and node_modules/ (npm ci) are needed to run Pyodide",
)


def test_without_node_the_site_says_what_it_needs(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(DatadialoogError, match="node is not on PATH"):
        precompile.compiled(tmp_path / "python.zip", PYODIDE)


def test_a_compile_that_fails_says_pythons_error_not_nodes(tmp_path, monkeypatch):
    if shutil.which("node") is None:
        pytest.skip("Node is needed")
    script = tmp_path / "compile.mjs"
    script.write_text(
        'console.error("var e=new Error(what);throw e}"); '  # Node prints the code around a throw
        'throw new Error("PythonError: Traceback\\nModuleNotFoundError: No module named x");\n'
    )
    monkeypatch.setattr(precompile, "SCRIPT", script)
    with pytest.raises(DatadialoogError) as caught:
        precompile.compiled(tmp_path / "python.zip", PYODIDE)
    assert str(caught.value).endswith("failed: ModuleNotFoundError: No module named x")
    assert "Node.js v" not in str(caught.value)


@needs_node
def test_the_start_ships_compiled_beside_its_sources_the_same_each_time(tmp_path):
    """Every module the tab's start imports from the archive, compiled by Pyodide's Python (not this one's), to be
    used as it is (an unchecked hash: no time to compare), each beside its source; the same bytes at every run."""
    archive = tmp_path / "python.zip"
    bundle.write_bundle(archive)
    made = precompile.compiled(archive, PYODIDE)
    assert made == precompile.compiled(archive, PYODIDE)
    sources = set(zipfile.ZipFile(archive).namelist())
    pattern = re.compile(r"(.*/)?__pycache__/(\w+)\.cpython-3\d+\.pyc")
    modules = set()
    for name, data in made.items():
        found = pattern.fullmatch(name)
        source = f"{found[1] or ''}{found[2]}.py" if found else ""
        assert source in sources, name
        assert int.from_bytes(data[4:8], "little") == 0b01, name  # hash-based, never checked against the source
        modules.add(source[: -len(".py")].replace("/", "."))
    assert {
        "datadialoog_print.web.runtime",
        "datadialoog_print.serve.app",
        "starlette.routing",
        "jinja2.environment",
    } <= modules
    assert not [m for m in modules if m.startswith("reportlab.")]  # a build's are left to the tab (the byte budget)
    import importlib.util

    assert not any(data[:4] == importlib.util.MAGIC_NUMBER for data in made.values())  # not this Python's
    bundle.add_compiled(archive, made)
    assert set(zipfile.ZipFile(archive).namelist()) == sources | set(made)
