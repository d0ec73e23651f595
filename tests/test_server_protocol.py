"""SPARQL 1.1 Protocol at /sparql: GET, POST form, POST direct; dataset parameters; result formats."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from server_fixture import ACTOR_RIVER_FRONT, GRAPH, build_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.server.app import create_app

EVENTS_OF_RIVER_FRONT = f"SELECT ?e WHERE {{ ?e ckg:agent <{ACTOR_RIVER_FRONT}> }} ORDER BY ?e"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = build_store(tmp_path_factory.mktemp("protocol") / "store")
    with TestClient(create_app(store_path=store, max_rows=5)) as test_client:
        yield test_client


def bindings(response: object) -> list[dict[str, str]]:
    data = json.loads(response.content)  # type: ignore[attr-defined]
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def test_get_post_form_and_post_direct_give_the_same_answer(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": EVENTS_OF_RIVER_FRONT})
    by_form = client.post("/sparql", data={"query": EVENTS_OF_RIVER_FRONT})
    by_body = client.post(
        "/sparql", content=EVENTS_OF_RIVER_FRONT, headers={"Content-Type": "application/sparql-query"}
    )
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert bindings(by_get) == bindings(by_form) == bindings(by_body)
    assert len(bindings(by_get)) == 2  # the offensive and the capture


def test_default_graph_is_the_union_of_all_graphs_and_prefixes_are_predeclared(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?e ckg:eventType ?t }"})
    assert bindings(response) == [{"n": "3"}]


@pytest.mark.parametrize(
    "accept,media_type",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_select_results_are_negotiated(client: TestClient, accept: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": EVENTS_OF_RIVER_FRONT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    if media_type == "text/csv":  # CSV is lossy: pyoxigraph does not read it back
        assert len(response.text.strip().splitlines()) == 1 + 2
    else:
        parsed = ox.parse_query_results(response.content, ox.QueryResultsFormat.from_media_type(media_type))
        assert len(list(parsed)) == 2


def test_csv_follows_the_spec(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": EVENTS_OF_RIVER_FRONT}, headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["e"] and rows[1][0].startswith("https://w3id.org/conflict-kg/id/article/")


@pytest.mark.parametrize(
    "accept",
    [
        "text/turtle",
        "application/n-triples",
        "application/ld+json",
        "application/rdf+xml",
        "application/n-quads",
        "application/trig",
    ],
)
def test_construct_results_are_negotiated(client: TestClient, accept: str) -> None:
    query = (
        f"CONSTRUCT {{ <{ACTOR_RIVER_FRONT}> ?p ?o }} WHERE {{ <{ACTOR_RIVER_FRONT}> rdfs:label ?o ; ?p ?o }}"
    )
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    quads = list(ox.parse(response.content, ox.RdfFormat.from_media_type(accept)))
    assert any(q.object == ox.Literal("River Front") for q in quads)


def test_ask_answers_json_by_default(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": f"ASK {{ <{ACTOR_RIVER_FRONT}> ?p ?o }}"})
    assert response.json() == {"head": {}, "boolean": True}


def test_named_graph_uri_sets_the_dataset(client: TestClient) -> None:
    query = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query, "named-graph-uri": GRAPH})
    assert bindings(response) == [{"g": GRAPH}]


def test_default_graph_uri_outside_the_store_is_an_empty_graph(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "http://example.org/not-here"}
    )
    assert response.json()["boolean"] is False


def test_406_when_no_acceptable_format(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv"})
    assert response.status_code == 406 and "application/sparql-results+json" in response.text


def test_415_for_an_unknown_content_type(client: TestClient) -> None:
    response = client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_400_with_line_and_column_for_a_malformed_query(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p"})
    assert response.status_code == 400
    assert response.text.startswith("malformed SPARQL at line 1, column") and response.text.count("\n") == 1


def test_updates_are_refused_read_only(client: TestClient) -> None:
    direct = client.post(
        "/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
    )
    form = client.post("/sparql", data={"update": "CLEAR ALL"})
    as_query = client.post("/sparql", data={"query": "DROP ALL"})
    assert direct.status_code == form.status_code == as_query.status_code == 403
    assert "read-only" in direct.text
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_row_cap_is_signalled(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert len(bindings(response)) == 5
    assert response.headers["KG-Result-Truncated"] == "true" and response.headers["KG-Row-Limit"] == "5"
    small = client.get("/sparql", params={"query": EVENTS_OF_RIVER_FRONT})
    assert "KG-Result-Truncated" not in small.headers


def test_get_without_query_describes_the_service(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    triples = list(ox.parse(response.content, ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(t.predicate == ox.NamedNode(sd + "endpoint") for t in triples)
    assert any(t.object == ox.NamedNode(sd + "UnionDefaultGraph") for t in triples)


def test_browsers_get_the_query_page_instead(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("text/html") and 'id="query-form"' in response.text


def test_other_methods_are_405(client: TestClient) -> None:
    response = client.put("/sparql", content="ASK {}")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]


def test_store_path_must_exist(tmp_path: Path) -> None:
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="no store"):
        create_app(store_path=tmp_path / "missing")


@pytest.mark.parametrize("accept", [None, "*/*"])
def test_clients_naming_no_type_get_the_service_description(client: TestClient, accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", headers=headers)
    assert response.headers["content-type"].startswith("text/turtle")
    assert "sparql-service-description" in response.text


def test_a_real_browser_accept_header_gets_the_query_page(client: TestClient) -> None:
    chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
    response = client.get("/sparql", headers={"Accept": chrome})
    assert response.headers["content-type"].startswith("text/html")
