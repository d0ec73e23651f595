"""``kg build``: convert, validate, reason and store articles in the embedded store."""

from __future__ import annotations

import sys

import click
from tqdm import tqdm

from kg.build import build
from kg.cli import main
from kg.cli.options import store_option

PROGRESS_BAR_FROM = 5  # files; fewer build too fast for a bar to help


@main.command("build")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@store_option
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (store even invalid graphs).")
@click.option("--no-reason", is_flag=True, help="Skip OWL RL reasoning (no inferred graphs).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build_command(
    articles: tuple[str, ...], store_path: str, no_validate: bool, no_reason: bool, quiet: bool
) -> None:
    """Convert, validate, reason and store ARTICLE... (plain-text news articles) in the store.

    An article already stored is replaced atomically, never duplicated. Articles whose graph violates the
    shapes are not stored; then the exit code is 1 (the others are still stored).

    \b
    Example:
      kg build samples/articles/*.txt --store .kg-store
    """
    show_bar = not quiet and len(articles) >= PROGRESS_BAR_FROM
    with tqdm(total=len(articles), unit="article", file=sys.stderr, disable=not show_bar) as bar:
        summary = build(
            articles,
            store_path=store_path,
            validate=not no_validate,
            reason=not no_reason,
            progress=lambda _path: bar.update(1),
        )
    click.echo(summary.as_text())
    for refused in summary.violations:
        click.echo(f"\n{refused.path}:\n{refused.report}", err=True)
    sys.exit(summary.exit_code)
