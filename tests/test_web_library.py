"""What the web edition needs of the library, tested without a browser: the same bytes with or without ReportLab's C
accelerator, every document built with the site's stand-in for Pillow, deck patterns on ``re`` refused as RE2 refuses
them, the workspace importable without pypdfium2, and the site's Python archive and pages as the tab needs them."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from datadialoog_print.deck import pattern
from datadialoog_print.render.internals import widths
from datadialoog_print.web import bundle, runtime

HERE = Path(__file__).parent
RUN = """
import sys
{prelude}
from datadialoog_print.__main__ import run
sys.argv = ["datadialoog-print", "build", "-o", sys.argv[1]]
run()
"""


def built(tmp_path: Path, name: str, prelude: str = "", env: dict | None = None) -> Path:
    out = tmp_path / name
    result = subprocess.run(
        [sys.executable, "-c", RUN.format(prelude=prelude), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def with_accel(tmp_path_factory) -> Path:
    return built(tmp_path_factory.mktemp("accel"), "out")


def same_files(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir() if not p.name.startswith("."))
    assert names == sorted(p.name for p in b.iterdir() if not p.name.startswith("."))
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_without_rl_accel_every_file_is_the_same(with_accel, tmp_path):
    """A machine without ReportLab's C accelerator (the browser tab has none) builds the same bytes, so ``verify``
    agrees everywhere; the slides' chart bars were measured apart before."""
    import _rl_accel  # noqa: F401 - the comparison needs it installed, as the package's dependencies install it

    without = built(tmp_path, "out", 'sys.modules["_rl_accel"] = None')
    same_files(with_accel, without)


def test_widths_as_the_accelerator_measures_them():
    """Our Python arithmetic is the accelerator's, for any text and size (ReportLab's own Python differs in a
    third of them)."""
    import _rl_accel
    from reportlab.pdfbase import pdfmetrics

    from datadialoog_print.paper import fonts

    fonts.register()
    font = pdfmetrics.getFont(fonts.REGULAR)
    letters = [chr(c) for c in sorted(font.face.charWidths) if c < 0x2000] + ["\U0001f600", "\u0000"]
    rng = random.Random(34)
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 60)))
        size = rng.choice([6, 7.5, 9.5, 10.3, 12, 13.33, 24, rng.uniform(1, 90)])
        assert widths.string_width(font, text, size) == _rl_accel.instanceStringWidthTTF(font, text, size), (text, size)


def test_every_document_builds_with_the_sites_pillow(with_accel, tmp_path):
    """The site's ``PIL`` (which refuses every raster image) in place of Pillow: every document builds, the same."""
    standin = Path(bundle.STANDIN)
    out = built(tmp_path, "out", env={"PYTHONPATH": os.pathsep.join([str(standin), os.environ.get("PYTHONPATH", "")])})
    same_files(with_accel, out)
    probe = subprocess.run(
        [sys.executable, "-c", "import PIL.Image as I; I.open('x.png')"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(standin)},
        timeout=60,
    )
    assert probe.returncode != 0 and "cannot draw raster images" in probe.stderr


PATTERNS = [
    r"[0-9]{4}", r"\d{4} ?[A-Z]{2}", r"(a|b)+c?", r"[]a]", r"[^]a]", r"x{2,}", r"a{1000}", r"a{1001}", r"a{1,1001}",
    r"(a)\1", r"(?=a)a", r"(?!a)b", r"(?<=a)b", r"(?<!a)b", r"(?P<n>a)(?P=n)", r"(?>a)", r"a++", r"a*+", r"[\1]",
    r"\(?=x\)", r"[(?=]x", r"(", r"[", r"a{2", r"(?i)abc", r"(?P<naam>ab)", r"\bword\b",
]  # fmt: skip


@pytest.mark.parametrize("text", PATTERNS)
def test_a_pattern_on_re_is_taken_or_refused_as_re2_takes_it(text, monkeypatch):
    """Without RE2 (the browser tab), a deck's pattern is accepted exactly when RE2 accepts it, and matches alike."""
    samples = ["1234", "1234 AB", "aac", "a", "]", "xx", "a" * 1000, "ab", "abc", "ABC", "word"]

    def outcome():
        pattern.compile_pattern.cache_clear()
        try:
            return [pattern.fullmatch(text, s) for s in samples]
        except pattern.PatternError:
            return "refused"

    with_re2 = outcome()
    monkeypatch.setitem(sys.modules, "re2", None)
    assert outcome() == with_re2
    pattern.compile_pattern.cache_clear()


def test_the_workspace_loads_without_pypdfium2():
    """The workspace's app is made with pypdfium2 absent (the tab has none); only a thumbnail would need it."""
    code = (
        "import sys; sys.modules['pypdfium2'] = None\n"
        "from datadialoog_print.serve.app import create_app\n"
        "import datadialoog_print.serve.downloads, datadialoog_print.serve.thumbs\n"
        "create_app(token='t', port=1)\n"
        "assert 'pypdfium2' in sys.modules and sys.modules['pypdfium2'] is None\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_tabs_answers_carry_its_prefix_and_keep_its_cookies(tmp_path, monkeypatch):
    """The workspace's own paths get the tab's prefix (links, forms, htmx, redirects: the language switch's return
    too, once, as its redirect);
    a link's download attribute goes; cookies stay with the tab; the guard's headers, less the ban on framing."""
    monkeypatch.chdir(tmp_path)
    html = (
        b'<a href="/decks/x/print">p</a><a href="https://elsewhere/" download>e</a><a href="//h/">h</a>'
        b'<form action="/language"><input name="next" value="/decks/x"><input name="naam" value="/etc"></form>'
        b'<div hx-post="/decks/x/persons/figures" data-events="/decks/x/builds/1/events"></div>'
        b'<a download href="/decks/x/output.zip">z</a>'
    )
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"set-cookie", b"datadialoog_lang=en; Path=/")]
    _, out, body = runtime._finish(200, headers, html, b"/site/app/abc")
    assert body == (
        b'<a href="/site/app/abc/decks/x/print">p</a><a href="https://elsewhere/">e</a><a href="//h/">h</a>'
        b'<form action="/site/app/abc/language"><input name="next" value="/decks/x">'
        b'<input name="naam" value="/etc"></form>'
        b'<div hx-post="/site/app/abc/decks/x/persons/figures" data-events="/site/app/abc/decks/x/builds/1/events">'
        b'</div><a href="/site/app/abc/decks/x/output.zip">z</a>'
    )
    names = dict(out)
    assert "set-cookie" not in names and "x-frame-options" not in names
    assert "frame-ancestors 'self'" in names["content-security-policy"]
    assert runtime._cookie_jar() == {"datadialoog_lang": "en"}
    _, out, _ = runtime._finish(303, [(b"location", b"/decks/x/builds/2")], b"", b"/site/app/abc")
    assert dict(out)["location"] == "/site/app/abc/decks/x/builds/2"


def test_the_python_archive_holds_what_the_tab_runs_and_every_licence(tmp_path):
    """Pure Python only (no compiled part), this package with its shipped decks, the stand-in, four font styles,
    a licence for every distribution; the same archive when written twice."""
    written = bundle.write_bundle(tmp_path / "a.zip")
    bundle.write_bundle(tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    names = zipfile.ZipFile(tmp_path / "a.zip").namelist()
    assert not [n for n in names if n.endswith((".so", ".pyc", ".pyd"))]
    assert "datadialoog_print/decks/default/persons.yaml" in names and "PIL/Image.py" in names
    assert "datadialoog_print/web/runtime.py" in names and not [n for n in names if "/web/static/" in n]
    assert len([n for n in names if n.startswith("fontpkg_fira_sans/files/")]) == 4
    assert len(written) == len(bundle.DISTRIBUTIONS)
    for name in bundle.DISTRIBUTIONS:
        dist = name.replace("-", "_").lower()
        here = [n for n in names if n.lower().startswith(dist) and ".dist-info/" in n]
        assert here, name


def test_the_lock_file_pins_what_package_json_names():
    """package.json names exact versions and package-lock.json holds them (``npm ci`` installs those)."""
    root = HERE.parent
    wanted = json.loads((root / "package.json").read_text())["dependencies"]
    locked = json.loads((root / "package-lock.json").read_text())["packages"]
    for name, version in wanted.items():
        assert version[0].isdigit(), f"{name} is not pinned: {version}"
        assert locked[f"node_modules/{name}"]["version"] == version


def test_python_at_work_gives_signs_of_life_and_a_stuck_pattern_none(tmp_path, monkeypatch):
    """The tab's watchdog ends a worker that gives no sign of life for its bound (45 s), and only then: a build gives
    signs all through (its garbage collector's callback, as the tab registers it), a pattern backtracking in ``re``
    gives none."""
    import gc
    import itertools
    import re
    import time

    from datadialoog_print.assemble import build
    from datadialoog_print.assemble.decks import load_deck
    from datadialoog_print.assemble.options import BuildOptions
    from datadialoog_print.deck.locate import shipped_dir

    monkeypatch.setattr(runtime, "ALIVE_S", 0.01)
    signs: list[float] = []
    callback = runtime._signs_of_life(lambda: signs.append(time.monotonic()))
    deck = load_deck(shipped_dir() / "default")
    gc.callbacks.append(callback)
    try:
        start = time.monotonic()
        build(deck, tmp_path / "out", options=BuildOptions(paper="letter", sets=2))
        end = time.monotonic()
        times = [start, *signs, end]
        longest = max(b - a for a, b in itertools.pairwise(times))
        assert len(signs) >= 4 and longest < (end - start) / 2, (len(signs), longest, end - start)
        signs.clear()
        assert re.fullmatch(r"(1+)+2", "1" * 22) is None  # a quarter of a second of backtracking, here
        assert signs == []
    finally:
        gc.callbacks.remove(callback)


def test_what_the_tab_compiled_is_kept_and_read_again(tmp_path, monkeypatch):
    """The tab's compiled modules: written on import once the sources have their fixed time, packed once (nothing
    new, nothing packed), and valid for the same sources unpacked again at another time."""
    import importlib

    from datadialoog_print.web import pycache

    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(pycache, "_packed", set())
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    (tmp_path / "lib" / "kept_here").mkdir(parents=True)
    (tmp_path / "lib" / "kept_here" / "__init__.py").write_text("ANSWER = 42\n")
    pycache.prepare(str(tmp_path / "lib"))
    assert not sys.dont_write_bytecode
    importlib.import_module("kept_here")
    first = pycache.packed(str(tmp_path / "lib"))
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names == [f"kept_here/__pycache__/__init__.{sys.implementation.cache_tag}.pyc"]
    assert pycache.packed(str(tmp_path / "lib")) is None
    # Another visit: the same source unpacked now, the kept file over it; the import reads the kept one.
    source = tmp_path / "lib" / "kept_here" / "__init__.py"
    source.write_text("ANSWER = 42\n")
    os.utime(source, (2_000_000_000, 2_000_000_000))  # unpacked at another time
    zipfile.ZipFile(io.BytesIO(first)).extractall(tmp_path / "lib")
    pycache.prepare(str(tmp_path / "lib"))
    kept = Path(importlib.util.cache_from_source(str(source))).read_bytes()
    flags, mtime, size = (int.from_bytes(kept[i : i + 4], "little") for i in (4, 8, 12))
    assert (flags, mtime, size) == (0, int(source.stat().st_mtime), source.stat().st_size)  # what Python checks
    sys.modules.pop("kept_here", None)


def test_a_start_from_the_kept_memory_unpacks_all_but_what_it_holds(tmp_path):
    """The archive after a kept memory: the sources of modules already imported stay in it (their folders are
    made all the same); everything else is written; a member outside the folder is refused."""
    import io
    import zipfile

    from datadialoog_print.web.archive import module_of, unpack

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("json/__init__.py", "imported already")
        z.writestr("json/decoder.py", "imported already")
        z.writestr("not_imported_here/__init__.py", "x = 1\n")
        z.writestr("json/data/words.txt", "a file, not a module")
    assert unpack(data.getvalue(), str(tmp_path)) == 2
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "json/data/words.txt",
        "not_imported_here/__init__.py",
    ]
    assert (tmp_path / "json").is_dir()
    assert module_of("a/b/__init__.py") == "a.b" and module_of("a/b.py") == "a.b" and module_of("a/b.txt") is None
    assert module_of("a/b/__pycache__/c.cpython-314.pyc") == "a.b.c"
    assert module_of("a/b/__pycache__/__init__.cpython-314.pyc") == "a.b"
    for name in ("../outside.txt", "/outside.txt", "inner/../../outside.txt", "a\\..\\outside.txt", "a//b.txt"):
        evil = io.BytesIO()
        with zipfile.ZipFile(evil, "w") as z:
            z.writestr(name, "no")
        with pytest.raises(ValueError, match="outside the folder"):
            unpack(evil.getvalue(), str(tmp_path / "inner"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["json", "not_imported_here"]


def test_only_the_packages_own_style_sheets_and_scripts_skip_the_persons_files(monkeypatch):
    """The tab's worker reads and writes the person's files around every request but these: the answers to them
    read the package alone. A form, a page, a download, or anything before the application is made, does not."""
    from datadialoog_print.serve.app import create_app

    monkeypatch.setattr(runtime, "_app", None)
    assert not runtime.package_only("GET", "/static/style.css")
    monkeypatch.setattr(runtime, "_app", create_app(token="web", port=0).app)
    assert runtime.package_only("GET", "/static/style.css") and runtime.package_only("HEAD", "/static/htmx.min.js")
    for method, path in [
        ("POST", "/static/style.css"),
        ("GET", "/decks/default/persons"),
        ("GET", "/decks/default/builds/1/set.zip"),
        ("GET", "/staticky/style.css"),
        ("GET", "/"),
    ]:
        assert not runtime.package_only(method, path), (method, path)
