"""The second pass over the output folder (issue 38): only this tool's manifest, only files it vouches for,
every failure before the commit point, and a verify that checks every fact the manifest records.

Each case hashes the folder before and after; the cases that need a process permissions bind run the
real command as root without its powers (tests/unprivileged.py), under a timeout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from datadialoog_print.assemble import staging
from datadialoog_print.assemble import verify as verify_module
from datadialoog_print.cli import cli

from .conftest import DEFAULT_DECK, ROOT
from .folders import snapshot
from .planned import verified
from .unprivileged import unprivileged

TIMEOUT_S = 120


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def write_manifest(out: Path, data: dict) -> None:
    (out / "manifest.json").write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("foreign")
    shutil.copytree(DEFAULT_DECK, root / "testdeck")
    code, text = run("build", str(root / "testdeck"), "-o", str(root / "out"), "-q")
    assert code == 0, text
    return root


@pytest.fixture
def built(template: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(the deck, its freshly built output folder), in tmp_path, the manifest pointing at this deck."""
    shutil.copytree(template / "testdeck", tmp_path / "testdeck")
    shutil.copytree(template / "out", tmp_path / "out")
    data = manifest(tmp_path / "out")
    data["deck"]["absolute_path"] = (tmp_path / "testdeck").as_posix()
    write_manifest(tmp_path / "out", data)
    return tmp_path / "testdeck", tmp_path / "out"


# ---------------------------------------------------------------- only our own manifest

WEB_APP = {"name": "my-app", "files": {"index.html": {"sha256": "0" * 64}, "style.css": {"sha256": "1" * 64}}}

FOREIGN = {
    "a web app's": (json.dumps(WEB_APP), "it names no tool"),
    "another tool's": (json.dumps({"tool": "webpack", "files": {"index.html": {}}}), "it is 'webpack''s"),
    "a list": ('["index.html", "style.css"]', "not a JSON object"),
    "not JSON": ("index.html\nstyle.css\n", "not JSON"),
    "files as a list": (
        json.dumps({"tool": "datadialoog-print", "files": ["index.html"]}),
        "its 'files' is not a table",
    ),
}


@pytest.mark.parametrize("case", list(FOREIGN))
def test_a_folder_with_a_foreign_manifest_is_refused_by_name_before_anything_moves(tmp_path: Path, case: str):
    text, why = FOREIGN[case]
    site = tmp_path / "site"
    site.mkdir()
    (site / "manifest.json").write_text(text)
    (site / "index.html").write_text("<h1>my site</h1>")
    (site / "style.css").write_text("h1 {}")
    before = snapshot(site)
    code, out = run("build", str(DEFAULT_DECK), "-o", str(site), "-q", "--only", "answers")
    assert code == 2 and f"{site / 'manifest.json'} is not a manifest of datadialoog-print ({why}" in out, out
    assert "nothing was changed" in out
    assert {k: v for k, v in snapshot(site).items() if k != staging.LOCK} == before


def test_a_hand_edited_manifest_cannot_make_a_build_delete_a_note(built):
    """notes.txt listed in our own manifest (even with its very hash): a build never removes what it cannot write."""
    import hashlib

    deck, out = built
    (out / "notes.txt").write_text("my notes")
    (out / "mine.pdf").write_text("my own pdf")
    data = manifest(out)
    data["files"]["notes.txt"] = {"kind": "answers", "sha256": hashlib.sha256(b"my notes").hexdigest()}
    data["files"]["mine.pdf"] = {"kind": "answers", "sha256": "0" * 64}  # listed, but not with its bytes
    write_manifest(out, data)
    result = CliRunner().invoke(cli, ["build", str(deck), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text() == "my notes" and (out / "mine.pdf").read_text() == "my own pdf"
    assert "Note: left in place, no longer as the earlier build recorded them: mine.pdf." in result.output
    assert "notes.txt" not in result.output.split("removed, from an earlier build:")[-1]


def test_a_users_own_file_under_a_built_name_is_never_overwritten(tmp_path: Path):
    """A folder never built into, holding the user's own dias.pdf: a full build refuses before anything moves."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "dias.pdf").write_text("my own slides")
    before = snapshot(mine)
    code, text = run("build", str(DEFAULT_DECK), "-o", str(mine), "-q")
    assert code == 2 and "dias.pdf is there already and no manifest of this tool lists it" in text, text
    assert {k: v for k, v in snapshot(mine).items() if k != staging.LOCK} == before


def test_a_built_file_the_user_changed_is_refused_when_replaced_and_kept_when_removed(built):
    deck, out = built
    with open(out / "dias.pdf", "ab") as f:
        f.write(b"% my annotation")
    before = snapshot(out)
    code, text = run("build", str(deck), "-o", str(out), "-q")
    assert code == 2 and "dias.pdf is there already and changed since the build that wrote it" in text, text
    assert snapshot(out) == before
    (out / "dias.pdf").unlink()
    assert run("build", str(deck), "-o", str(out), "-q", "--layout", "single")[0] == 0
    backs = out / "kaarten-reeks-1-groen-achterkanten.pdf"
    with open(backs, "ab") as f:
        f.write(b"% kept")
    edited = backs.read_bytes()
    result = CliRunner().invoke(cli, ["build", str(deck), "-o", str(out), "-q"])
    assert result.exit_code == 0 and backs.read_bytes() == edited, result.output
    assert "left in place, no longer as the earlier build recorded them: kaarten-reeks-1-groen-achterkanten.pdf" in (
        result.output
    )
    code, text = run("verify", str(out))
    assert code == 0 and "kaarten-reeks-1-groen-achterkanten.pdf: named like a file a build writes" in text, text


# ---------------------------------------------------------------- everything that can fail, before the commit point


def _cli(*args: str, cwd: Path, umask: int | None = None) -> subprocess.CompletedProcess:
    command = unprivileged([sys.executable, "-m", "datadialoog_print", *args], umask=umask)
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=TIMEOUT_S)


@pytest.fixture
def previewed(built) -> tuple[Path, Path]:
    deck, out = built
    done = _cli("preview", str(deck), "-o", str(out), cwd=out.parent)
    assert done.returncode == 0, done.stderr
    return deck, out


def test_a_read_only_preview_folder_refuses_the_build_before_the_commit(previewed):
    """A plain build removes the previews; preview/ read-only: refused, the old set whole, verify still passes,
    and once the folder is writable the next build goes through."""
    deck, out = previewed
    os.chmod(out / "preview", 0o555)
    try:
        before = snapshot(out)
        done = _cli("build", str(deck), "-o", str(out), "-q", cwd=out.parent)
        assert done.returncode == 2, done.stderr
        assert f"{out / 'preview'}/ cannot be written" in done.stderr and "nothing there was changed" in done.stderr
        assert snapshot(out) == before and not (out / staging.COMMIT).exists()
        assert _cli("verify", str(out), cwd=out.parent).returncode == 0
    finally:
        os.chmod(out / "preview", 0o755)
    done = _cli("build", str(deck), "-o", str(out), "-q", cwd=out.parent)
    assert done.returncode == 0 and not (out / "preview").exists(), done.stderr


def test_a_preview_folder_of_another_owner_refuses_the_build_before_the_commit(previewed):
    deck, out = previewed
    os.chown(out / "preview", 65534, 65534)
    os.chmod(out / "preview", 0o755)
    before = snapshot(out)
    done = _cli("preview", str(deck), "-o", str(out), cwd=out.parent)
    assert done.returncode == 2 and "preview/ cannot be written (read-only, or another user's)" in done.stderr, done
    assert snapshot(out) == before


def test_files_of_another_user_in_a_sticky_folder_refuse_the_build_before_the_commit(built):
    """A shared folder (mode 1777, like /tmp) whose earlier set belongs to another user: refused, naming them."""
    deck, out = built
    (out / staging.LOCK).unlink()  # another user's lock file would refuse us first ("permission denied"), truly
    for path in [out, *out.iterdir()]:
        os.chown(path, 65534, 65534)
    os.chmod(out, 0o1777)
    before = snapshot(out)
    done = _cli("build", str(deck), "-o", str(out), "-q", "--only", "answers", cwd=out.parent)
    assert done.returncode == 2, done.stderr
    assert "antwoordblad.pdf belongs to another user, in a folder only its owner may change" in done.stderr
    assert {k: v for k, v in snapshot(out).items() if staging.LOCK not in k} == {
        k: v for k, v in before.items() if staging.LOCK not in k
    }


def test_a_move_that_fails_after_the_commit_names_it_and_the_next_run_finishes(built, monkeypatch):
    """Past the commit point one file cannot be moved (a disk going bad): the message names it, the set stays
    sealed, and the next build, once it can, finishes the move; verify then passes."""
    deck, out = built
    real = os.replace

    def failing(src, dst):
        if Path(dst).name == "vragen.pdf":
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    code, text = run("build", str(deck), "-o", str(out), "-q", "--sets", "2")
    monkeypatch.undo()
    assert code == 2 and "vragen.pdf (the disk reported an input/output error)" in text, text
    assert "complete and sealed in .commit/" in text and (out / staging.COMMIT).is_dir()
    assert run("verify", str(out))[0] == 1
    assert run("build", str(deck), "-o", str(out), "-q", "--only", "answers")[0] == 0
    assert not (out / staging.COMMIT).exists()
    assert manifest(out)["kinds"]["cards"]["sets"] == 2  # the sealed set was finished, then --only kept it
    assert run("verify", str(out))[0] == 0


# ---------------------------------------------------------------- verify checks every fact


def _edit(out: Path, change) -> None:
    data = manifest(out)
    change(data)
    write_manifest(out, data)


FACTS = {
    "pages": (lambda m: m["files"]["vragen.pdf"].update(pages=7), "vragen.pdf's 'pages' says 7; the file's is 1"),
    "cards of 10^400": (
        lambda m: m["files"]["kaarten-reeks-1-groen.pdf"].update(cards=10**400),
        "kaarten-reeks-1-groen.pdf's 'cards' says 1000000000000000000000000000",
    ),
    "a negative page size": (
        lambda m: m["files"]["antwoordblad.pdf"].update(page_size_mm=[-210.0, 297.0]),  # an A4 portrait page
        "antwoordblad.pdf's 'page_size_mm' says [-210.0, 297.0]; the file's is [210.0, 297.0]",
    ),
    "a cut line moved": (
        lambda m: m["files"]["kaarten-reeks-1-groen.pdf"]["cuts"]["vertical_mm"].__setitem__(0, 1.0),
        "kaarten-reeks-1-groen.pdf's 'cuts' says",
    ),
    "a fact no build records": (
        lambda m: m["files"]["vragen.pdf"].update(printed_by="me"),
        "vragen.pdf has a fact no build records ('printed_by')",
    ),
    "a fact left out": (lambda m: m["files"]["vragen.pdf"].pop("kind"), "vragen.pdf lacks its 'kind'"),
    "a key no build writes": (lambda m: m.update(signed="yes"), "manifest.json has a key no build writes ('signed')"),
    "the deck renamed": (lambda m: m["deck"].update(name="other"), "the deck's 'name' says \"other\""),
    "the options not of any kind": (
        lambda m: m["options"].update(paper="letter"),
        "'options' are not the options of any kind it lists",
    ),
    "a shop without --shop": (lambda m: m.update(shop={"name": "fogra"}), "'shop' is recorded for a build without"),
    "the tool": (lambda m: m.update(tool="webpack"), "'tool' says \"webpack\", not datadialoog-print"),
}


@pytest.mark.parametrize("fact", list(FACTS))
def test_verify_checks_every_fact_the_manifest_records(built, fact: str):
    _, out = built
    change, words = FACTS[fact]
    _edit(out, change)
    code, text = run("verify", str(out))
    assert code == 1 and words in text, text


def test_verify_holds_the_folder_for_its_whole_run(built, monkeypatch):
    """While verify compares, a build cannot take the folder: it waits (here: gives up at once, naming it)."""
    from datadialoog_print.assemble.staging import OutputFolder
    from datadialoog_print.errors import OutputError

    deck, out = built
    seen: list[str] = []
    real = verify_module._compare_with_rebuild

    def meanwhile(*args, **kwargs):
        def build() -> None:
            try:
                with OutputFolder(out, wait=0.2):
                    seen.append("got in")
            except OutputError as exc:
                seen.append(str(exc))

        thread = threading.Thread(target=build)
        thread.start()
        thread.join(timeout=30)
        return real(*args, **kwargs)

    monkeypatch.setattr(verify_module, "_compare_with_rebuild", meanwhile)
    code, text = run("verify", str(out))
    assert code == 0 and text.startswith(verified(deck)), text
    assert len(seen) == 1 and f"another datadialoog-print is using {out}" in seen[0], seen


def test_verify_during_builds_never_calls_an_intact_set_damaged(built):
    """Builds in a loop in another process, verify in a loop here: each verify waits for the build it meets and
    then finds a whole set (exit 0); never a set half old, half new called damaged."""
    deck, out = built
    script = (
        "import subprocess, sys\n"
        "for i in range(6):\n"
        "    layout = ('single', 'sheets')[i % 2]\n"
        "    subprocess.run([sys.executable, '-m', 'datadialoog_print', 'build', sys.argv[1], '-o', sys.argv[2], '-q',\n"
        "                    '--only', 'cards', '--only', 'answers', '--layout', layout], check=True)\n"
    )
    builder = subprocess.Popen([sys.executable, "-c", script, str(deck), str(out)], cwd=ROOT)
    try:
        verdicts = []
        while builder.poll() is None and len(verdicts) < 12:
            verdicts.append(run("verify", str(out)))
        assert builder.wait(timeout=TIMEOUT_S) == 0
    finally:
        if builder.poll() is None:
            builder.kill()
            builder.wait()
    assert verdicts and all(code == 0 for code, _ in verdicts), [t for c, t in verdicts if c]
