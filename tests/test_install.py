"""Installed anywhere: the wheel and sdist build with the standard tools, and the wheel, installed into a fresh
environment, works in an empty folder exactly as the clone does."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from datadialoog_print import __version__

from .conftest import ROOT


def run(command: list, cwd: Path, timeout: int = 300) -> str:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.pdf"))}


def fresh_checkout(target: Path) -> Path:
    """The repository's files as a fresh clone has them (what git tracks or would track), without this
    checkout's build leftovers (an egg-info from the editable install would decide what the sdist holds)."""
    listed = run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT).split("\0")
    for name in filter(None, listed):
        source, copy = ROOT / name, target / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, copy)
    return target


def source_key(checkout: Path) -> str:
    """What a fresh clone holds (each file's path, link target or bytes) and the Python that builds it."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(checkout.rglob("*")):
        if path.is_symlink():
            content = os.readlink(path).encode()
        elif path.is_file():
            content = hashlib.sha256(path.read_bytes()).digest()
        else:
            continue
        digest.update(path.relative_to(checkout).as_posix().encode() + b"\0" + content)
    return digest.hexdigest()[:16]


@pytest.fixture(scope="module")
def dist(request, tmp_path_factory) -> Path:
    """The sdist and the wheel, built by ``python -m build`` from a fresh copy of the repository; kept in
    pytest's cache folder like the environment below while the copied files stay the same."""
    checkout = fresh_checkout(tmp_path_factory.mktemp("checkout"))
    key = source_key(checkout)
    cache = getattr(request.config, "cache", None)
    folder = cache.mkdir("dist") if cache is not None else tmp_path_factory.mktemp("dist")
    out, done = folder / key, folder / f"{key}.built"
    if done.is_file() and out.is_dir():
        return out
    for old in folder.iterdir():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    run([sys.executable, "-m", "build", "--outdir", out, checkout], cwd=checkout)
    done.write_text("\n".join(sorted(p.name for p in out.iterdir())) + "\n", encoding="utf-8")
    return out


def wheel_key(wheel: Path) -> str:
    """What the wheel holds (each member's name and bytes, not the zip's timestamps) and the Python that installs
    it: two builds of the same source have the same key."""
    digest = hashlib.sha256(sys.version.encode())
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            digest.update(name.encode() + b"\0" + hashlib.sha256(archive.read(name)).digest())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="module")
def installed(dist, request, tmp_path_factory) -> Path:
    """A virtual environment with only the wheel (and what it asks for) installed: its bin folder.

    Made fresh for a wheel with new contents; kept in pytest's cache folder (``.pytest_cache/``, which a fresh
    clone and CI start without) for the next run while the wheel's contents stay the same, so an unchanged
    package is not installed again at every run (it took half a minute). ``--cache-clear`` makes it anew."""
    (wheel,) = dist.glob("*.whl")
    key = wheel_key(wheel)
    cache = getattr(request.config, "cache", None)
    folder = cache.mkdir("wheel-venv") if cache is not None else tmp_path_factory.mktemp("wheel-venv")
    venv, done = folder / key, folder / f"{key}.installed"
    if done.is_file() and (venv / "bin" / "datadialoog-print").is_file():
        return venv / "bin"
    for old in folder.iterdir():  # an earlier wheel's environment: one is kept, not one per change
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    # No pip inside it (this pip installs into it) and no byte-compiling of every dependency's modules at install
    # time (a tool compiles what it imports when it runs): the same packages installed, in half the time.
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=folder)
    install = [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q", "--no-compile"]
    run([*install, wheel], cwd=folder, timeout=600)
    done.write_text(wheel.name + "\n", encoding="utf-8")
    return venv / "bin"


def test_sdist_and_wheel_pass_twine_check_and_carry_what_an_index_shows(dist):
    """Both artefacts pass twine check; the wheel has the licence, the readme, classifiers, URLs and the decks."""
    artefacts = sorted(dist.iterdir())
    assert sorted(p.suffix for p in artefacts) == [".gz", ".whl"]
    run([sys.executable, "-m", "twine", "check", "--strict", *artefacts], cwd=dist)
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert any(n.endswith("licenses/LICENSE") for n in names)
    for deck in ("default", "default-en"):
        assert f"datadialoog_print/decks/{deck}/deck.yaml" in names
    for data in ("plausibility.yaml", "well_known_names.yaml"):  # read by check in an installed tool
        assert f"datadialoog_print/deck/data/{data}" in names
    assert f"Version: {__version__}" in metadata and "License-Expression: MIT" in metadata
    assert "Classifier: Topic :: Printing" in metadata and "Project-URL: " in metadata
    assert "Description-Content-Type: text/markdown" in metadata and "# datadialoog-print" in metadata


def test_the_package_page_shows_commands_as_an_installed_tools(dist):
    """The index's long description (docs/package.md) names `datadialoog-print build` as pipx installs it, never a
    clone's `.venv/bin/`; the sdist carries it, the README and the guides it names, and the npm lock `site` needs."""
    import tarfile

    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    description = metadata.split("\n\n", 1)[1]
    assert ".venv/bin/" not in description
    assert "pipx install datadialoog-print" in description and "datadialoog-print build" in description
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    shipped = {"docs/package.md", "README.md", "docs/organiser.md", "docs/images/workspace.png", "package-lock.json"}
    assert shipped <= names, shipped - names


def test_the_installed_tool_works_in_an_empty_folder(installed, tmp_path):
    """build, new, check, build NAME, verify and calibrate in a folder with nothing in it; the same bytes as the clone."""
    tool = installed / "datadialoog-print"
    here = tmp_path / "empty"
    here.mkdir()
    out = run([tool, "build"], cwd=here)
    assert "shipped with datadialoog-print" in out
    clone = tmp_path / "clone"
    run([Path(sys.executable).with_name("datadialoog-print"), "build", "-o", clone, "-q"], cwd=ROOT)
    built = digests(here / "output" / "default")
    assert len(built) == 10 and built == digests(clone)
    run([tool, "new", "mijn-deck"], cwd=here)
    assert sorted(p.name for p in (here / "decks" / "mijn-deck").iterdir()) == [
        "answers.yaml",
        "deck.yaml",
        "persons.yaml",
        "texts.yaml",
    ]
    assert "mijn-deck: in orde" in run([tool, "check", "mijn-deck"], cwd=here)
    run([tool, "build", "mijn-deck", "-q"], cwd=here)
    assert run([tool, "verify", "output/mijn-deck"], cwd=here).startswith("OK")
    run([tool, "calibrate"], cwd=here)
    assert (here / "output" / "default" / "calibration" / "duplex-kalibratie-a4-long.pdf").is_file()
    listing = run([tool, "decks"], cwd=here)
    assert "mijn-deck" in listing and "default-en" in listing
    assert run([tool, "--version"], cwd=here).strip().endswith(__version__)
    assert sorted(p.name for p in here.iterdir()) == ["decks", "output"], (
        "nothing else is written where the user stands"
    )


def test_an_english_edition_copied_from_the_installed_tool_is_standalone(installed, tmp_path):
    """new --from default-en copies the shipped edition, with its shared persons written out, and it builds."""
    tool = installed / "datadialoog-print"
    run([tool, "new", "my-deck", "--from", "default-en"], cwd=tmp_path)
    assert "persons_from" not in (tmp_path / "decks" / "my-deck" / "deck.yaml").read_text(encoding="utf-8")
    run([tool, "build", "my-deck", "-q", "--only", "cards"], cwd=tmp_path)
    assert sorted(digests(tmp_path / "output" / "my-deck")) == ["cards-series-1-green.pdf", "cards-series-2-yellow.pdf"]


@pytest.mark.skipif(os.name != "posix", reason="the package's decks folder is a symbolic link in the repository")
def test_the_repository_keeps_the_shipped_decks_once():
    """src/datadialoog_print/decks is a link to decks/, not a second copy that could drift."""
    link = ROOT / "src" / "datadialoog_print" / "decks"
    assert link.is_symlink() and link.resolve() == (ROOT / "decks").resolve()


def test_the_installed_workspace_serves_its_pages_and_htmx(installed, tmp_path):
    """serve from the wheel: its templates, htmx and the licence beside it travel as package data."""
    import urllib.request

    env = {**os.environ, "DATADIALOOG_CONFIG_DIR": str(tmp_path / "config")}
    proc = subprocess.Popen(
        [installed / "datadialoog-print", "serve", "--no-browser"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        assert b"default-en" in opener.open(url, timeout=60).read()
        base = url.split("/?")[0]
        for path in ("/static/htmx.min.js", "/static/htmx.LICENSE", "/decks/default/print"):
            assert opener.open(base + path, timeout=60).status == 200, path
    finally:
        proc.terminate()
        proc.wait(timeout=30)
