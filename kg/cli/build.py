"""``kg build``: convert, validate, reason and store articles in the embedded store."""

from __future__ import annotations

import sys

import click

from kg.cli import CliError, main
from kg.cli.options import store_option

PROGRESS_BAR_FROM = 5  # files; fewer build too fast for a bar to help


@main.command("build")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@store_option
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (store even invalid graphs).")
@click.option("--no-reason", is_flag=True, help="Skip OWL RL reasoning (no inferred graphs).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (shown on a terminal for 5+ files).")
@click.option("--url", default=None, help="URL of the (single) ARTICLE; it keys the article and its graph.")
@click.option("--headline", default=None, help="Headline (default: the first line when it is one).")
@click.option("--publisher", default=None, help="Publisher name (for every ARTICLE).")
@click.option("--date", default=None, help="Publication date, ISO (default: sidecar, else from the text).")
def build_command(
    articles: tuple[str, ...],
    store_path: str,
    no_validate: bool,
    no_reason: bool,
    quiet: bool,
    **meta: str | None,
) -> None:
    """Convert, validate, reason and store ARTICLE... (plain text or saved HTML; - for stdin) in the store.

    Each article is one named graph, keyed by its URL (from ARTICLE.meta.json) or else by a hash of its
    text. Building an article again replaces its graphs atomically, never duplicating them; building an
    edited file whose key changed (no URL) also drops the graphs built earlier from that file, in the same
    transaction. Articles whose graph violates the shapes are not stored (an earlier version stays); then
    the exit code is 1 (the others are still stored).

    \b
    Example:
      kg build samples/articles/*.txt --store .kg-store
      kg build - --url https://example.org/news/1 < article.txt
    """
    from tqdm import tqdm

    from kg.build import build

    if len(articles) > 1 and (meta["url"] or meta["headline"]):
        raise CliError("--url and --headline name one article: give one ARTICLE, or .meta.json sidecars")
    show_bar = not quiet and len(articles) >= PROGRESS_BAR_FROM and sys.stderr.isatty()
    with tqdm(total=len(articles), unit="article", file=sys.stderr, disable=not show_bar) as bar:
        summary = build(
            articles,
            store_path=store_path,
            meta={k: v for k, v in meta.items() if v is not None},
            validate=not no_validate,
            reason=not no_reason,
            progress=lambda _path: bar.update(1),
        )
    click.echo(summary.as_text())
    for refused in summary.violations:
        click.echo(f"\n{refused.path}:\n{refused.report}", err=True)
    sys.exit(summary.exit_code)
