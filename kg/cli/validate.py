"""``kg validate``: SHACL validation of RDF files or of the store's article graphs."""

from __future__ import annotations

import click

from kg.cli import main
from kg.cli.options import graph_option, store_option


@main.command("validate")
@click.argument("files", nargs=-1, metavar="[FILE...]")
@store_option
@graph_option
@click.option("--input-format", "input_fmt", metavar="FORMAT", help="Format of FILE... (default: from name).")
@click.option(
    "--format", "fmt", default="text", show_default=True, metavar="FORMAT",
    help="Report as text (for people) or as an RDF SHACL report: ttl, nt, jsonld, rdf …",
)
@click.pass_context
def validate_command(
    ctx: click.Context, files: tuple[str, ...], store_path: str, graph_iri: str | None,
    input_fmt: str | None, fmt: str,
) -> None:
    """Check RDF against the conflict-kg SHACL shapes; exit 1 when it does not conform.

    With FILE... (RDF; - for stdin) the files are validated together as one graph. Without FILE every
    article graph in the store is validated (or only --graph IRI). The text report shows, per violation,
    the focus node, the property path, the message and the sentence the node was extracted from.
    Exit code: 0 conforms (warnings allowed), 1 violations, 2 error (bad input, no store).

    \b
    Example:
      kg convert article.txt -o article.ttl && kg validate article.ttl
      kg validate --store .kg-store --format ttl
    """
    from kg.formats import resolve_format
    from kg.validate import validate_files, validate_store

    as_text = fmt == "text"
    report_format = None if as_text else resolve_format(fmt, path=None, default="turtle", kinds=("rdf",))
    if files:
        report = validate_files(list(files), fmt=input_fmt)
    else:
        report = validate_store(store_path, graph=graph_iri)
    if report_format is None:
        click.echo(report.as_text(), nl=False)
    else:
        assert report_format.rdflib_name is not None
        click.echo(report.as_rdf(report_format.rdflib_name), nl=False)
    ctx.exit(0 if report.conforms else 1)
