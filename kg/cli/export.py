"""``kg export``: write the store (or one named graph) in an RDF format."""

from __future__ import annotations

import click

from kg.cli import main
from kg.cli.options import format_option, graph_option, output_option, store_option


@main.command("export")
@store_option
@format_option
@graph_option
@click.option(
    "--inferred/--asserted-only",
    default=True,
    show_default=True,
    help="Include the OWL RL inferred graphs, or only what the articles assert.",
)
@output_option
def export_command(
    store_path: str, fmt: str | None, graph_iri: str | None, inferred: bool, output: str
) -> None:
    """Export the store as Turtle, JSON-LD, N-Triples, N-Quads, TriG or RDF/XML.

    Triple formats merge the graphs; N-Quads and TriG keep one named graph per article. A file name
    ending in .gz is gzipped. Without --format the format comes from the file name (default Turtle).

    \b
    Example:
      kg export --format jsonld -o aleppo.jsonld
      kg export --asserted-only -o corpus.nq.gz
      kg export --graph https://w3id.org/conflict-kg/graph/ontology --format ttl
    """
    from kg.export import export

    summary = export(store_path=store_path, fmt=fmt, graph=graph_iri, inferred=inferred, output=output)
    if output != "-":
        click.echo(f"wrote {summary.statements} statements as {summary.format} to {summary.output}", err=True)
