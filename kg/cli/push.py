"""``kg push``: publish the store's named graphs into an external triple store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from kg.cli import main
from kg.cli.options import store_option
from kg.push_defaults import DEFAULT_BATCH_TRIPLES


def _progress_bar() -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A tqdm bar on stderr, created at the first batch (when the total is known), and its closer."""
    from tqdm import tqdm

    bars: list[Any] = []

    def advance(triples: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, unit="triple", unit_scale=True, desc="push", leave=False))
        bars[0].update(triples)

    def close() -> None:
        for bar in bars:
            bar.close()

    return advance, close


@main.command("push")
@store_option
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store endpoint (gsp) or SPARQL Update endpoint (update).")
@click.option("--query-endpoint", metavar="URL", default=None,
              help="SPARQL query endpoint for verification; default guessed from --endpoint.")
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="Graph Store HTTP Protocol, or SPARQL Update for stores that only offer that.")
@click.option("--user", envvar="KG_PUSH_USER", default=None, help="User name [env KG_PUSH_USER].")
@click.option("--password", envvar="KG_PUSH_PASSWORD", default=None, help="Password [env KG_PUSH_PASSWORD].")
@click.option("--token", envvar="KG_PUSH_TOKEN", default=None, help="Bearer token [env KG_PUSH_TOKEN].")
@click.option("--auth", "auth_kind", type=click.Choice(["auto", "basic", "digest", "bearer"]), default="auto",
              show_default=True, help="auto answers the server's Basic or Digest challenge.")
@click.option("--inferred", is_flag=True, help="Also push the OWL RL inferred graphs.")
@click.option("--all", "force_all", is_flag=True, help="Send every graph, changed or not.")
@click.option("--dry-run", is_flag=True, help="List what would be sent; send nothing.")
@click.option("--no-verify", is_flag=True, help="Skip comparing triple counts with the server afterwards.")
@click.option("--insecure", is_flag=True, help="Do not verify the server's TLS certificate.")
@click.option("--batch", "batch_triples", type=click.IntRange(min=1), default=None,
              help=f"Triples per request (default {DEFAULT_BATCH_TRIPLES['gsp']:,} with gsp, "
                   f"{DEFAULT_BATCH_TRIPLES['update']:,} with update).")
@click.option("--retries", type=click.IntRange(min=0), default=5, show_default=True,
              help="Retries of a request after a 5xx or connection error (exponential backoff).")
@click.pass_context
def push_command(
    ctx: click.Context, store_path: str, endpoint: str, query_endpoint: str | None, protocol: str,
    user: str | None, password: str | None, token: str | None, auth_kind: str, inferred: bool,
    force_all: bool, dry_run: bool, no_verify: bool, insecure: bool, batch_triples: int | None, retries: int,
) -> None:
    """Send each article's named graph, the ontology and the gazetteer (and with --inferred the inferred
    graphs) to a triple store. Only graphs changed since the last push to that endpoint are sent; each
    replaces its remote graph. Afterwards triple counts are compared with the server's: exit code 1 on a
    mismatch, 2 on an error.

    \b
    Example:
      kg push --endpoint http://localhost:7878/store
      kg push --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --password dba
      kg push --endpoint http://localhost:3030/ds/update --protocol update --dry-run
    """
    from kg.push import PushAuth, push

    auth = PushAuth(kind=auth_kind, user=user, password=password, token=token)  # type: ignore[arg-type]
    advance, close = _progress_bar()
    try:
        report = push(
            store_path=store_path, endpoint=endpoint, protocol=protocol,  # type: ignore[arg-type]
            auth=auth, include_inferred=inferred, force_all=force_all, dry_run=dry_run,
            batch_triples=batch_triples, verify=not no_verify, progress=advance,
            query_endpoint=query_endpoint, tls_verify=not insecure, retries=retries,
        )
    finally:
        close()
    click.echo(report.as_text())
    ctx.exit(report.exit_code)
