"""``kg serve``: read-only SPARQL endpoint, Linked Data site and web UI; ``kg viz``: the pictures as SVG."""

from __future__ import annotations

import click

from kg.cli import main
from kg.cli.options import output_option, store_option


@main.command("serve")
@store_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default)."
)
@click.option("--port", default=8000, show_default=True, type=int, help="TCP port.")
@click.option(
    "--base-iri",
    default=None,
    metavar="IRI",
    help="Public base where the site is published, e.g. http://127.0.0.1:8000/ (links use it).",
)
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (off by default).")
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Query timeout in seconds.")
@click.option("--workers", default=2, show_default=True, type=int, help="Query worker processes.")
@click.option(
    "--get",
    "get_path",
    default=None,
    metavar="PATH",
    help="Answer one GET request for PATH in-process, print the body and exit (no port).",
)
def serve_command(
    store_path: str,
    host: str,
    port: int,
    base_iri: str | None,
    cors: bool,
    timeout: float,
    workers: int,
    get_path: str | None,
) -> None:
    """Serve the store over HTTP: /sparql, /id/… pages, /viz/network, /viz/timeline, /.well-known/void.

    \b
    Examples:
      kg serve                      # http://127.0.0.1:8000/
      kg serve --get '/sparql?query=ASK{}'
    """
    from kg.server.app import serve

    status, body = serve(
        store_path=store_path,
        host=host,
        port=port,
        base_iri=base_iri,
        cors=cors,
        timeout=timeout,
        workers=workers,
        get_path=get_path,
    )
    if get_path is not None:
        click.echo(body, nl=False)
        if status >= 400:
            raise SystemExit(1)


@main.command("viz")
@click.argument("kind", type=click.Choice(["network", "timeline"]))
@store_option
@output_option
def viz_command(kind: str, store_path: str, output: str) -> None:
    """Export the actor network or the event timeline as SVG.

    \b
    Example:
      kg viz network -o network.svg
    """
    from kg.server.viz import viz

    svg = viz(kind, store_path=store_path, output=output)
    if output == "-":
        click.echo(svg)
