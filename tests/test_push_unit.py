"""`kg push` without a server: planning, batching, push state, HTTP retries, errors and credentials.

HTTP behaviour is checked against httpx's MockTransport standing in for a triple store.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError, KgError, StoreError
from kg.push import (
    PushAuth,
    PushError,
    Remote,
    guess_query_endpoint,
    ntriples_batches,
    ntriples_lines,
    push,
    safe_url,
    staging_graph,
)
from kg.push_state import STATE_FILE_NAME, GraphDigest, PushState, graph_digest
from kg.store import KgStore

G = "https://w3id.org/conflict-kg/graph/"
P = ox.NamedNode("http://schema.org/value")
NOWHERE = "http://127.0.0.1:9/store"  # the discard port: nothing listens there


def triples(n: int, *, start: int = 0) -> list[ox.Triple]:
    return [ox.Triple(ox.NamedNode(f"urn:x:{i}"), P, ox.Literal(str(i))) for i in range(start, start + n)]


def lines(data: list[ox.Triple]) -> list[bytes]:
    """N-Triples lines, as kg.push reads them from the store."""
    return bytes(ox.serialize(data, None, ox.RdfFormat.N_TRIPLES) or b"").splitlines()


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    """Two article graphs, the ontology graph, an inferred graph and the meta graph."""
    path = tmp_path / "store"
    with KgStore(path) as kg:
        kg.replace_graphs({
            f"{G}article/a": triples(3), f"{G}article/b": triples(2, start=10),
            f"{G}ontology": triples(1, start=50), f"{G}inferred/a": triples(4, start=60),
            f"{G}meta": triples(1, start=90),
        })
    return path


def remote(handler: Callable[[httpx.Request], httpx.Response], *, protocol: str = "gsp",
           auth: PushAuth | None = None, retries: int = 3) -> Remote:
    return Remote("http://store.test/store", protocol=protocol, query_endpoint="http://store.test/query",  # type: ignore[arg-type]
                  auth=auth or PushAuth(), tls_verify=True, retries=retries, backoff=0.0, timeout=5.0,
                  transport=httpx.MockTransport(handler))


def ignore(triples: int) -> None:
    """A progress callback that does nothing."""


# planning and state -----------------------------------------------------------------------------------


def test_dry_run_lists_article_and_ontology_graphs_not_meta_nor_inferred_and_needs_no_server(
    store: Path,
) -> None:
    report = push(store_path=store, endpoint=NOWHERE, dry_run=True)
    assert sorted(g.graph for g in report.sent) == [f"{G}article/a", f"{G}article/b", f"{G}ontology"]
    assert report.triples_sent == 6 and "would send 3 graph(s), 6 triples" in report.as_text()
    with_inferred = push(store_path=store, endpoint=NOWHERE, dry_run=True, include_inferred=True)
    assert f"{G}inferred/a" in {g.graph for g in with_inferred.sent}


def test_graph_digest_ignores_order_and_sees_any_change() -> None:
    assert graph_digest(lines(triples(5))) == graph_digest(lines(list(reversed(triples(5)))))
    assert graph_digest(lines(triples(5))) != graph_digest(lines(triples(5, start=1)))
    assert graph_digest(lines(triples(5))).triples == 5


def test_unchanged_graphs_are_skipped_and_graphs_gone_from_the_store_are_dropped(store: Path) -> None:
    state = PushState(store, "http://user:pw@store.test/store")
    with KgStore(store, read_only=True) as kg:
        state.record(f"{G}article/a", graph_digest(ntriples_lines(kg, f"{G}article/a")))
    state.record(f"{G}article/gone", GraphDigest(7, "7:0"))
    state.save()
    report = push(store_path=store, endpoint="http://store.test/store", dry_run=True)
    actions = {g.graph: g.action for g in report.graphs}
    assert actions[f"{G}article/a"] == "unchanged" and actions[f"{G}article/b"] == "sent"
    assert actions[f"{G}article/gone"] == "dropped"
    forced = push(store_path=store, endpoint="http://store.test/store", dry_run=True, force_all=True)
    assert {g.action for g in forced.graphs if g.graph != f"{G}article/gone"} == {"sent"}


def test_push_state_is_kept_per_endpoint_without_credentials(store: Path) -> None:
    records = [("http://alice:secret@store.test:8080/store", f"{G}x", GraphDigest(1, "1:ab")),
               ("http://other.test/store", f"{G}y", GraphDigest(2, "2:cd"))]
    for endpoint, graph, digest in records:
        state = PushState(store, endpoint)
        state.record(graph, digest)
        state.save()
    text = (store / STATE_FILE_NAME).read_text("utf-8")
    assert "secret" not in text and "alice" not in text
    assert set(json.loads(text)["endpoints"]) == {"http://store.test:8080/store", "http://other.test/store"}
    assert PushState(store, "http://store.test:8080/store").graphs == {f"{G}x": GraphDigest(1, "1:ab")}
    PushState(store, "http://other.test/store").discard()
    assert set(json.loads((store / STATE_FILE_NAME).read_text("utf-8"))["endpoints"]) == {
        "http://store.test:8080/store"
    }


def test_a_malformed_push_state_file_is_a_one_line_error_naming_it(store: Path) -> None:
    (store / STATE_FILE_NAME).write_text("{not json", "utf-8")
    with pytest.raises(InputError, match=f"{STATE_FILE_NAME}: malformed push state"):
        push(store_path=store, endpoint="http://store.test/store", dry_run=True)


def test_a_missing_store_bad_protocol_or_bad_url_are_errors(tmp_path: Path, store: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        push(store_path=tmp_path / "nothing", endpoint="http://store.test/store", dry_run=True)
    with pytest.raises(PushError, match="unknown protocol"):
        push(store_path=store, endpoint="http://store.test/store", protocol="ftp", dry_run=True)  # type: ignore[arg-type]
    with pytest.raises(PushError, match="not an http"):
        push(store_path=store, endpoint="store.test/store", dry_run=True)


# batching ---------------------------------------------------------------------------------------------------


def test_the_store_is_read_as_ntriples_lines(store: Path) -> None:
    with KgStore(store, read_only=True) as kg:
        read = ntriples_lines(kg, f"{G}article/a")
        assert sorted(read) == sorted(lines(triples(3)))


def test_batches_hold_at_most_the_batch_size_and_blank_nodes_travel_together() -> None:
    blank = ox.BlankNode("b1")
    data = [*triples(5), ox.Triple(blank, P, ox.Literal("x")), ox.Triple(ox.NamedNode("urn:x:s"), P, blank)]
    batches = list(ntriples_batches(lines(data), size=2))
    assert [b.triples for b in batches] == [2, 2, 1, 2]
    assert batches[-1].body.count(b"_:b1") == 2
    parsed = [t for b in batches for t in ox.parse(b.body, ox.RdfFormat.N_TRIPLES)]
    assert len(parsed) == 7


def test_the_query_endpoint_is_guessed_from_the_usual_layouts() -> None:
    assert guess_query_endpoint("http://h:7878/store") == "http://h:7878/query"
    assert guess_query_endpoint("http://h:8890/sparql-graph-crud-auth") == "http://h:8890/sparql"
    assert guess_query_endpoint("http://h:3030/ds/data") == "http://h:3030/ds/query"
    assert guess_query_endpoint("http://h:7200/repositories/kg/rdf-graphs/service") == "http://h:7200/repositories/kg"
    assert guess_query_endpoint("http://h/qlever") == "http://h/qlever"


# HTTP: transports, retries, errors --------------------------------------------------------------------


def test_gsp_puts_the_first_batch_and_posts_the_rest_as_ntriples() -> None:
    seen: list[tuple[str, str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.method, request.url.params["graph"], request.headers["content-type"]))
        return httpx.Response(201)

    remote(handler).replace(f"{G}article/a", ntriples_batches(lines(triples(5)), size=2), sent=ignore)
    assert [m for m, _, _ in seen] == ["PUT", "POST", "POST"]
    assert {(g, c) for _, g, c in seen} == {(f"{G}article/a", "application/n-triples")}


def test_update_loads_big_graphs_into_a_staging_graph_then_moves_it_in_one_request() -> None:
    updates: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        updates.append(dict(httpx.QueryParams(request.content.decode()))["update"])
        return httpx.Response(200)

    graph = f"{G}article/a"
    update = remote(handler, protocol="update")
    update.replace(graph, ntriples_batches(lines(triples(3)), size=2), sent=ignore)
    staging = staging_graph(graph)
    assert updates[0].startswith(f"DROP SILENT GRAPH <{staging}> ;\nDROP SILENT GRAPH <{graph}> ;")
    assert f"INSERT DATA {{ GRAPH <{staging}>" in updates[0] and f"GRAPH <{staging}>" in updates[1]
    assert updates[-1] == f"MOVE SILENT <{staging}> TO <{graph}>"
    updates.clear()
    update.replace(graph, ntriples_batches(lines(triples(1)), size=2), sent=ignore)
    assert len(updates) == 1 and f"INSERT DATA {{ GRAPH <{graph}>" in updates[0]


def test_server_errors_and_dropped_connections_are_retried_then_succeed() -> None:
    answers = iter([httpx.ConnectError("refused"), httpx.Response(503), httpx.Response(201)])

    def handler(request: httpx.Request) -> httpx.Response:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert remote(handler).request("PUT", "http://store.test/store").status_code == 201


def test_a_server_that_keeps_failing_gives_up_with_its_answer() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(500, text="disk full")

    with pytest.raises(PushError, match=r"HTTP 500; server says: disk full \(gave up after 3 attempts\)"):
        remote(handler, retries=2).request("PUT", "http://store.test/store")
    assert len(calls) == 3


@pytest.mark.parametrize("status, words", [(401, "authentication failed"), (403, "permission denied"),
                                           (404, "wrong endpoint path"), (415, "unsupported format")])
def test_client_errors_stop_at_once_with_a_hint_and_the_trimmed_answer(status: int, words: str) -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(status, text="<html><body><h1>Nope</h1> " + "x" * 500 + "</body></html>",
                              headers={"content-type": "text/html"})

    with pytest.raises(PushError) as caught:
        remote(handler).request("PUT", "http://store.test/store")
    message = str(caught.value)
    assert len(calls) == 1 and f"HTTP {status}" in message and words in message
    assert "server says: Nope x" in message and "<h1>" not in message
    assert len(message) < 400 and "\n" not in message


def test_secrets_never_appear_in_messages_or_reprs() -> None:
    auth = PushAuth(kind="basic", user="alice", password="hunter2-secret", token=None)
    assert "hunter2" not in repr(auth)

    def echo(request: httpx.Request) -> httpx.Response:
        return httpx.Response(403, text="user alice with password hunter2-secret may not write")

    with pytest.raises(PushError) as caught:
        remote(echo, auth=auth).request("PUT", "http://alice:hunter2-secret@store.test/store")
    assert "hunter2-secret" not in str(caught.value) and "***" in str(caught.value)
    assert safe_url("https://alice:hunter2-secret@h:1/p?q=1") == "https://h:1/p?q=1"


def test_basic_and_bearer_credentials_are_sent_as_asked() -> None:
    headers: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        headers.append(request.headers.get("authorization", ""))
        return httpx.Response(201)

    remote(handler, auth=PushAuth(kind="bearer", token="tok-1")).request("PUT", "http://store.test/store")
    remote(handler, auth=PushAuth(kind="basic", user="u", password="p")).request("PUT", "http://store.test/store")
    assert headers == ["Bearer tok-1", "Basic dTpw"]


def test_auto_authentication_answers_a_basic_challenge_and_then_sends_it_up_front() -> None:
    headers: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        headers.append(request.headers.get("authorization", ""))
        if not request.headers.get("authorization"):
            return httpx.Response(401, headers={"www-authenticate": 'Basic realm="store"'})
        return httpx.Response(201)

    client = remote(handler, auth=PushAuth(user="u", password="p"))
    client.request("PUT", "http://store.test/store", content=b"x")
    client.request("PUT", "http://store.test/store", content=b"y")
    assert headers == ["", "Basic dTpw", "Basic dTpw"]


def test_counts_are_read_from_sparql_json_and_missing_graphs_count_zero() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert "GRAPH ?g" in dict(httpx.QueryParams(request.content.decode()))["query"]
        rows = [{"g": {"type": "uri", "value": f"{G}a"}, "n": {"type": "literal", "value": "4"}}]
        return httpx.Response(200, json={"head": {"vars": ["g", "n"]}, "results": {"bindings": rows}})

    assert remote(handler).counts([f"{G}a", f"{G}b"]) == {f"{G}a": 4, f"{G}b": 0}


# command line -----------------------------------------------------------------------------------------------


def test_cli_dry_run_lists_graphs_and_an_unreachable_server_is_exit_2(store: Path) -> None:
    runner = CliRunner()
    dry = runner.invoke(main, ["push", "--store", str(store), "--endpoint", NOWHERE, "--dry-run"])
    assert dry.exit_code == 0 and f"sent      {G}article/a (3 triples)" in dry.output
    down = runner.invoke(main, ["push", "--store", str(store), "--endpoint", NOWHERE,
                                "--user", "u", "--retries", "0"], env={"KG_PUSH_PASSWORD": "pw-from-env-77"})
    assert down.exit_code == 2 and "cannot reach http://127.0.0.1:9/store" in down.output
    assert "pw-from-env-77" not in down.output and "Traceback" not in down.output


def test_push_errors_are_kg_errors() -> None:
    assert issubclass(PushError, KgError)
