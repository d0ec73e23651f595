"""The ``kg`` command line: a thin shell, one library call per command.

Each command lives in its own module under ``kg.cli`` and registers itself on :data:`main`.
Library errors (:class:`kg.errors.KgError`) become one-line messages with exit code 2.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from kg import __version__
from kg.errors import KgError


class CliError(click.ClickException):
    """A user-facing error: printed as one line, exit code 2 (pyshacl / riot convention)."""

    exit_code = 2


class KgGroup(click.Group):
    """Click group that maps library errors to :class:`CliError`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise CliError(str(exc)) from None


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """conflict-kg: turn conflict news articles into a validated, provenance-rich RDF knowledge graph.

    \b
    Example:
      kg build samples/articles/*.txt && kg query --example who-led-the-offensive
    """


# One module per command (or group of closely related commands); each adds itself to `main`.
COMMAND_MODULES: list[str] = [
    "serve",
    "build", "reason", "query", "export", "stats", "eval",
    "validate",
    "convert",
    "push",
]

for _name in COMMAND_MODULES:
    importlib.import_module(f"kg.cli.{_name}")
