"""``kg convert``: news articles (text or saved HTML) → validated RDF, one named graph per article."""

from __future__ import annotations

import click

from kg.cli import main
from kg.cli.options import format_option, output_option


@main.command("convert")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@output_option
@format_option
@click.option("--url", default=None, help="Article URL (also fixes the article key and graph IRI).")
@click.option("--headline", default=None, help="Headline (default: the first line when it is one).")
@click.option("--publisher", default=None, help="Publisher name.")
@click.option("--date", default=None, help="Publication date, ISO (default: inferred from the text).")
@click.option(
    "--meta",
    "meta_path",
    metavar="FILE",
    default=None,
    help="JSON metadata file {url, headline, publisher, date} (default: ARTICLE.meta.json if present).",
)
@click.option(
    "--validate/--no-validate", default=True, show_default=True, help="Check the result against shapes/."
)
def convert_command(
    articles: tuple[str, ...],
    output: str,
    fmt: str | None,
    url: str | None,
    headline: str | None,
    publisher: str | None,
    date: str | None,
    meta_path: str | None,
    validate: bool,
) -> None:
    """Convert news ARTICLE files (UTF-8 text or saved .html; - for stdin) into RDF.

    One article is written as Turtle by default; several as N-Quads with one named graph each.
    The result is validated against the SHACL shapes; on violations nothing is written, the report is
    printed and the exit code is 1.

    \b
    Example:
      kg convert article.txt -o article.ttl
      kg convert --date 2024-11-29 --publisher "Example News" article.txt
      kg convert samples/articles/*.txt --format trig -o articles.trig
    """
    from kg.convert import convert_files

    summary = convert_files(
        list(articles),
        output=output,
        fmt=fmt,
        meta_path=meta_path,
        validate=validate,
        url=url,
        headline=headline,
        publisher=publisher,
        date=date,
    )
    if summary.invalid:
        for path, report in summary.invalid:
            click.echo(f"{path}: invalid RDF, nothing written\n{report}", err=True)
        raise SystemExit(1)
    if output != "-":
        click.echo(
            f"wrote {summary.statements} statements ({summary.format}) for "
            f"{len(summary.conversions)} article(s) to {output}",
            err=True,
        )
