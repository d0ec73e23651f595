"""`kg push` into a real Oxigraph server (the `oxigraph` package's binary), over both transports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from push_servers import (
    OxigraphServer,
    binding_set,
    copy_store,
    local_binding_set,
    local_counts,
    oxigraph_missing,
    push_killed_mid_way,
    remote_counts,
    remote_select,
    remote_triples,
    remote_update,
    sample_store_template,
    synthetic_store,
)

from kg.cli import main
from kg.examples import list_examples
from kg.namespaces import PREFIXES
from kg.push import push, staging_graph
from kg.query import query
from kg.store import ARTICLE_GRAPH_PREFIX, KgStore

pytestmark = pytest.mark.skipif(oxigraph_missing() is not None, reason=oxigraph_missing() or "")


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    running = OxigraphServer(tmp_path / "oxigraph")
    running.start()
    yield running
    running.stop()


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    return copy_store(sample_store_template(), tmp_path / "store")


def endpoint_of(server: OxigraphServer, protocol: str) -> str:
    return server.gsp if protocol == "gsp" else server.update_endpoint


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_first_push_sends_every_graph_and_the_server_holds_the_same_counts(
    server: OxigraphServer, store: Path, protocol: str
) -> None:
    report = push(store_path=store, endpoint=endpoint_of(server, protocol), protocol=protocol,  # type: ignore[arg-type]
                  include_inferred=True)
    expected = local_counts(store)
    assert {g.graph for g in report.sent} == set(expected)
    assert report.exit_code == 0 and report.verified and not report.mismatches
    assert remote_counts(server.query_endpoint) == expected


def test_pushing_again_sends_nothing_and_forcing_it_changes_nothing(
    server: OxigraphServer, store: Path
) -> None:
    push(store_path=store, endpoint=server.gsp, include_inferred=True)
    again = push(store_path=store, endpoint=server.gsp, include_inferred=True)
    assert again.sent == [] and len(again.unchanged) == len(local_counts(store))
    forced = push(store_path=store, endpoint=server.gsp, include_inferred=True, force_all=True)
    assert len(forced.sent) == len(local_counts(store))
    assert remote_counts(server.query_endpoint) == local_counts(store)


def _change_one_article(store: Path) -> tuple[str, ox.Triple, ox.Triple]:
    """Drop one triple of the first article graph and add a new one; returns (graph, dropped, added)."""
    with KgStore(store) as kg:
        graph = next(g for g in kg.named_graphs() if g.startswith(ARTICLE_GRAPH_PREFIX))
        triples = list(kg.graph_triples(graph))
        dropped = triples[0]
        added = ox.Triple(dropped.subject, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                          ox.Literal("edited after the first push"))
        kg.replace_graph(graph, [*triples[1:], added])
    return graph, dropped, added


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_changed_article_is_the_only_graph_sent_and_it_is_replaced(
    server: OxigraphServer, store: Path, protocol: str
) -> None:
    endpoint = endpoint_of(server, protocol)
    push(store_path=store, endpoint=endpoint, protocol=protocol)  # type: ignore[arg-type]
    graph, dropped, added = _change_one_article(store)
    other = next(g for g in local_counts(store, include_inferred=False) if g != graph)
    marker = f"INSERT DATA {{ GRAPH <{other}> {{ <urn:x:marker> <urn:x:p> 'kept' }} }}"
    remote_update(server.update_endpoint, marker)  # a graph that is re-sent would lose this triple

    report = push(store_path=store, endpoint=endpoint, protocol=protocol)  # type: ignore[arg-type]
    assert [g.graph for g in report.sent] == [graph]
    remote = remote_triples(server.query_endpoint, graph)
    assert (added.subject.value, added.predicate.value, added.object.value) in remote
    assert (dropped.subject.value, dropped.predicate.value, dropped.object.value) not in remote
    assert ("urn:x:marker", "urn:x:p", "kept") in remote_triples(server.query_endpoint, other)


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_push_cut_short_by_a_server_crash_completes_on_the_next_run_without_duplicates(
    server: OxigraphServer, tmp_path: Path, protocol: str
) -> None:
    store = synthetic_store(tmp_path / "big", graphs=12, triples_per_graph=6_000)
    endpoint = endpoint_of(server, protocol)
    error = push_killed_mid_way(  # 6 batches of 1,000 per graph: the 15th is inside the third graph
        server, kill_at_batch=15, timeout=60,
        store_path=store, endpoint=endpoint, protocol=protocol, batch_triples=1_000,
    )
    assert "cannot reach" in error

    report = push(store_path=store, endpoint=endpoint, protocol=protocol)  # type: ignore[arg-type]
    assert report.exit_code == 0 and 0 < len(report.sent) < 12  # the graphs completed before the crash stay
    assert remote_counts(server.query_endpoint) == local_counts(store)  # no staging graph, nothing doubled
    assert staging_graph(report.sent[0].graph) not in remote_counts(server.query_endpoint)


def test_a_wrong_endpoint_path_is_one_clean_line_with_exit_code_2(
    server: OxigraphServer, store: Path
) -> None:
    result = CliRunner().invoke(main, [
        "push", "--store", str(store), "--endpoint", f"{server.base}/no-such-path",
        "--user", "someone", "--password", "s3cret-pw",
    ])
    assert result.exit_code == 2
    assert "HTTP 404" in result.output and "no-such-path" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "s3cret-pw" not in result.output


def test_a_count_mismatch_is_reported_with_exit_code_1(server: OxigraphServer, store: Path) -> None:
    push(store_path=store, endpoint=server.gsp)
    graph = next(iter(local_counts(store, include_inferred=False)))
    stray = f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:extra> <urn:x:p> 'stray' }} }}"
    remote_update(server.update_endpoint, stray)
    result = CliRunner().invoke(main, ["push", "--store", str(store), "--endpoint", server.gsp])
    assert result.exit_code == 1
    assert f"MISMATCH {graph}" in result.output
    fixed = push(store_path=store, endpoint=server.gsp)  # the mismatched graph is sent again
    assert [g.graph for g in fixed.sent] == [graph] and fixed.exit_code == 0


def test_the_competency_questions_get_the_same_answers_from_the_server(
    server: OxigraphServer, store: Path
) -> None:
    """Oxigraph server has no union default graph by default: the query names the pushed graphs as
    its default graph (SPARQL protocol ``default-graph-uri``), which is what ``kg query`` sees locally."""
    push(store_path=store, endpoint=server.gsp, include_inferred=True)
    graphs = list(local_counts(store))
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    examples = list_examples()
    assert examples
    for example in examples:
        local = query(None, store_path=store, example=example.name)
        remote = remote_select(server.query_endpoint, prefixes + example.sparql, default_graphs=graphs)
        assert binding_set(remote, local.variables) == local_binding_set(local), example.name
