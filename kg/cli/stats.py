"""``kg stats`` (alias ``kg info``): what the store holds."""

from __future__ import annotations

import click

from kg.cli import main
from kg.cli.options import store_option


def _echo_stats(store_path: str) -> None:
    from kg.stats import stats

    click.echo(stats(store_path=store_path).as_text())


@main.command("stats")
@store_option
def stats_command(store_path: str) -> None:
    """Show what the store holds: graphs, triples, articles, actors, events, figures and classes.

    \b
    Example:
      kg stats --store .kg-store
    """
    _echo_stats(store_path)


@main.command("info")
@store_option
def info_command(store_path: str) -> None:
    """Same as ``kg stats``.

    \b
    Example:
      kg info
    """
    _echo_stats(store_path)
