"""Documentation cannot rot: the README opens with its two commands, every command the README and the guides
show runs as written after the set-up, and every command has help with an example and is named.

The guides' files, links and module map are held by ``tests/test_docs_files.py``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from datadialoog_print.cli import cli

from .conftest import ROOT

README = ROOT / "README.md"
PACKAGE_PAGE = ROOT / "docs" / "package.md"
"""The package index's description: written for an installed tool, so its commands are bare."""
CLONE_DOCS = [
    p for p in sorted([README, ROOT / "decks" / "README.md", *(ROOT / "docs").glob("*.md")]) if p != PACKAGE_PAGE
]
"""What a clone's reader follows, after the README's set-up (which does not activate the venv)."""

SHOWN = re.compile(r"(?<![\w/.-])(?:\.venv/bin/)?datadialoog-print ([a-z][a-z-]*)([^`\n;|&#]*)")
"""A command as a doc shows it: the program, the command's name and what follows up to the end of the code."""


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    """Each command's --help shows an example; the README's command table names the command."""
    readme = text(README)
    for name in cli.commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, name
        assert f"| `datadialoog-print {name}" in readme, name


def test_version():
    """--version prints the package version."""
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("datadialoog-print, version ")


def test_readme_opens_with_two_commands():
    """The README's first two code blocks set up and run the tool, and set up and run the tests."""
    blocks = text(README).split("```sh\n")[1:3]
    assert "pip install" in blocks[0] and "datadialoog-print" in blocks[0]
    assert "pip install" in blocks[1] and "pytest" in blocks[1]


def test_every_command_a_doc_shows_names_the_clones_program():
    """The set-up does not activate the venv: in the README, every guide and the deck format, outside the README's
    synopsis table and its install-as-a-tool paragraph, a command names the venv's program."""
    bare = []
    for path in CLONE_DOCS:
        paragraphs = [p for p in text(path).split("\n\n") if not p.startswith(("| ", "**Install as a tool**", "# "))]
        found = [m.group(0) for p in paragraphs for m in SHOWN.finditer(p) if not m.group(0).startswith(".venv/")]
        bare += [f"{path.relative_to(ROOT)}: {command}" for command in found]
    assert bare == [], bare


def shown_commands() -> dict[str, set[str]]:
    """Every command the clone's docs show, with the long options shown with it."""
    shown: dict[str, set[str]] = {}
    for path in CLONE_DOCS:
        for match in SHOWN.finditer(text(path)):
            shown.setdefault(match.group(1), set()).update(re.findall(r"(?<![\w-])--[a-z][a-z-]*", match.group(2)))
    return shown


def test_every_command_a_doc_shows_exists_with_the_options_shown():
    """A command the docs show is one of the CLI's, and each option shown with it is one of that command's."""
    shown = shown_commands()
    assert set(shown) <= set(cli.commands), set(shown) - set(cli.commands)
    wrong = []
    for name, options in shown.items():
        known = {"--help"} | {o for p in cli.commands[name].params for o in (*p.opts, *p.secondary_opts)}
        wrong += [f"{name} {option}" for option in sorted(options - known)]
    assert wrong == [], wrong


def test_every_command_a_doc_shows_runs_in_a_fresh_shell_after_the_set_up():
    """Each command shown, as written (the venv's program, from the repository's folder), starts in a shell with
    no PATH to the venv: its --help answers."""
    lines = [
        f".venv/bin/datadialoog-print {name} --help > /dev/null || echo {name}" for name in sorted(shown_commands())
    ]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    ran = subprocess.run(["bash", "--norc", "-c", "\n".join(lines)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert ran.returncode == 0 and ran.stdout == "", ran.stdout + ran.stderr


def test_the_package_page_is_written_for_an_installed_tool():
    """The package index shows docs/package.md: commands as pipx installs them, never a clone's venv path."""
    import tomllib

    readme = tomllib.loads(text(ROOT / "pyproject.toml"))["project"]["readme"]
    assert readme["file"] == "docs/package.md"
    page = text(PACKAGE_PAGE)
    assert ".venv/" not in page
    assert "pipx install datadialoog-print" in page and "datadialoog-print build" in page
    named = {m.group(1) for m in SHOWN.finditer(page)}
    assert named <= set(cli.commands) and {"build", "serve", "site"} <= named, named


def test_the_commands_generate_prints_run_as_printed(tmp_path):
    """generate's 'Check and build it:' line, pasted into a fresh shell in the same folder, works."""
    program = Path(sys.executable).parent / "datadialoog-print"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    made = subprocess.run(
        [str(program), "generate", "groep-2", "--seed", "7"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    line = next(x for x in made.stdout.splitlines() if x.startswith("Check and build it: "))
    check = line.removeprefix("Check and build it: ").split(";")[0]
    assert check.startswith(str(program)), line
    ran = subprocess.run(["bash", "--norc", "-c", check], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout + ran.stderr
