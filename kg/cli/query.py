"""``kg query``: SPARQL 1.1 over the store or RDF files, with the ontology's prefixes predeclared."""

from __future__ import annotations

import click

from kg.cli import main
from kg.cli.options import format_option, graph_option, output_option, store_option


@main.command("query")
@click.argument("sparql", required=False, metavar="[QUERY | -]")
@click.option("-f", "--file", "query_file", metavar="FILE.rq", help="Read the query from a file (- = stdin).")
@click.option("--example", metavar="NAME", help="Run a named example query (a competency question).")
@click.option("--list-examples", is_flag=True, help="List the named example queries and exit.")
@click.option(
    "--data", "data_paths", multiple=True, metavar="FILE", help="Query these RDF files instead of the store."
)
@store_option
@graph_option
@format_option
@output_option
def query_command(
    sparql: str | None,
    query_file: str | None,
    example: str | None,
    list_examples: bool,
    data_paths: tuple[str, ...],
    store_path: str,
    graph_iri: str | None,
    fmt: str | None,
    output: str,
) -> None:
    """Run a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query (the default graph is the union of all graphs).

    Prefixes ckg:, id:, schema:, sem:, prov:, oa:, skos:, time:, geo:, wd:, owl:, rdf:, rdfs:, xsd:,
    dcterms: are predeclared. Results print as a table; --format json|xml|csv|tsv for results, or any RDF
    format (ttl, nt, jsonld...) for CONSTRUCT/DESCRIBE. --graph IRI queries one named graph only.

    \b
    Example:
      kg query 'SELECT ?event ?label WHERE { ?event a ckg:Offensive ; rdfs:label ?label }'
      kg query --example who-led-the-offensive --format csv
      kg query -f question.rq --data article.ttl
      echo 'ASK { ?e a ckg:Offensive }' | kg query -
      kg query --graph https://w3id.org/conflict-kg/graph/article/KEY 'SELECT * { ?s a ckg:Event }'
    """
    from kg.export import open_output
    from kg.formats import read_text
    from kg.query import list_example_queries, query

    if list_examples:
        click.echo(list_example_queries())
        return
    if query_file is not None:
        sparql = read_text(query_file)
    elif sparql == "-":
        sparql = read_text("-")
    result = query(sparql, store_path=store_path, data_paths=data_paths, example=example, graph=graph_iri)
    with open_output(output) as stream:
        stream.write(result.serialize(fmt, path=None if output == "-" else output))
