"""The command-line surface: every registered command imports, documents itself and has -h."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import COMMANDS, cli


def test_cli_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_cli_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_command_has_help_and_docstring(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "-h"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    assert command is not None and (command.help or "").strip(), f"{name} has no docstring"


def test_cli_unknown_command_fails() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2


def test_cli_help_does_not_import_heavy_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from kg.cli import cli; from click.testing import CliRunner; "
        "CliRunner().invoke(cli, ['--help']); "
        "print(','.join(m for m in ('spacy', 'rdflib', 'pyvis', 'pyoxigraph') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
