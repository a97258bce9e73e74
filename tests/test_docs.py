"""Documentation cannot rot: every command has help with an example and appears in the README."""

from __future__ import annotations

from click.testing import CliRunner

from datadialoog_print.cli import cli

from .conftest import ROOT


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    """Each command's --help shows an example; the README names the command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, name
        assert f"datadialoog-print {name}" in readme, name


def test_version():
    """--version prints the package version."""
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("datadialoog-print, version ")


def test_readme_opens_with_two_commands():
    """The README's first two code blocks set up and run the tool, and set up and run the tests."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sh\n")[1:3]
    assert "pip install" in blocks[0] and "datadialoog-print" in blocks[0]
    assert "pip install" in blocks[1] and "pytest" in blocks[1]


def test_every_command_the_readme_shows_runs_in_a_fresh_shell_after_the_set_up():
    """The set-up does not activate the venv: outside the synopsis table and the pipx paragraph, every
    command in the README names the venv's program, and one of them runs in a shell with no PATH to it."""
    import re
    import subprocess

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraphs = [p for p in readme.split("\n\n") if not p.startswith(("| ", "**Install as a tool**", "# "))]
    bare = [m.group(0) for p in paragraphs for m in re.finditer(r"(?<![\w/.-])datadialoog-print [a-z-]+[^`\n]*", p)]
    assert bare == [], bare
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    shown = subprocess.run(
        ["bash", "--norc", "-c", ".venv/bin/datadialoog-print --help"], cwd=ROOT, env=env, capture_output=True
    )
    assert shown.returncode == 0 and b"Examples:" in shown.stdout, shown.stderr


def test_the_commands_generate_prints_run_as_printed(tmp_path):
    """generate's 'Check and build it:' line, pasted into a fresh shell in the same folder, works."""
    import subprocess
    import sys
    from pathlib import Path

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
