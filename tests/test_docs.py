"""Tested docs: every command has help text with an example and appears in the README."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.resources import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(main.commands.items()):
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", c) for sub, c in sorted(command.commands.items())]
    return found


COMMANDS = _commands()


def test_readme_opens_with_the_two_commands_of_a_fresh_machine() -> None:
    head = "\n".join(README.splitlines()[:8])
    assert "make kg" in head
    assert "make test" in head


def test_readme_has_no_unfilled_placeholders() -> None:
    assert not re.search(r"^[A-Z_]{4,}$", README, flags=re.MULTILINE)


@pytest.mark.parametrize("name,command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_appears_in_the_readme(name: str, command: click.Command) -> None:
    assert f"kg {name}" in README, f"`kg {name}` is not documented in README.md"


@pytest.mark.parametrize("name,command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"`kg {name} --help` shows no example"
    assert len((command.help or "").strip()) > 20


def test_makefile_has_the_documented_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("install", "kg", "test", "lint", "bench"):
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE), target


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
