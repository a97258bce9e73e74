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
