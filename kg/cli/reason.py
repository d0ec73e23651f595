"""``kg reason``: OWL RL inferred triples of RDF files, or recompute the store's inferred graphs."""

from __future__ import annotations

import click

from kg.cli import main
from kg.cli.options import format_option, output_option, store_option


@main.command("reason")
@click.argument("files", nargs=-1, metavar="[FILE...]")
@store_option
@click.option("--input-format", "input_fmt", metavar="FORMAT", help="Format of FILE... (default: from name).")
@format_option
@output_option
def reason_command(
    files: tuple[str, ...], store_path: str, input_fmt: str | None, fmt: str | None, output: str
) -> None:
    """OWL RL closure with the ontology and gazetteer, inferred triples kept apart from asserted ones.

    With FILE... (RDF; - for stdin) only the inferred triples are written, to stdout or -o FILE.
    Without FILE the inferred graph of every article in the store (.../graph/inferred/KEY) is recomputed.

    \b
    Example:
      kg convert article.txt -o article.ttl && kg reason article.ttl --format nt
      kg reason --store .kg-store
    """
    from kg.build import reason_files, reason_store
    from kg.export import write_graph
    from kg.formats import resolve_format

    if not files:
        click.echo(reason_store(store_path=store_path).as_text())
        return
    out = resolve_format(fmt, path=output, default="turtle", kinds=("rdf",))  # fail before the work
    write_graph(reason_files(list(files), fmt=input_fmt), output=output, fmt=out.name)
