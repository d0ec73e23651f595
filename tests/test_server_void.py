"""Dataset description: VoID with partitions and DCAT at /.well-known/void, dumps, ontology, context."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from server_fixture import GRAPH, TRIG, build_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.resources import ONTOLOGY_DIR
from kg.server.app import create_app

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = build_store(tmp_path_factory.mktemp("void") / "store")
    with TestClient(create_app(store_path=store)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def void_store(client: TestClient) -> ox.Store:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    store = ox.Store()
    store.load(response.content, ox.RdfFormat.TURTLE)
    return store


def ask(store: ox.Store, where: str) -> bool:
    return bool(store.query(f"PREFIX void: <{VOID}> PREFIX dcat: <{DCAT}> ASK {{ {where} }}"))


def test_void_counts_triples_and_partitions(void_store: ox.Store) -> None:
    rows = list(
        void_store.query(
            f"SELECT ?n {{ ?d a <{VOID}Dataset> ; <{VOID}triples> ?n ; <{VOID}sparqlEndpoint> ?e }}"
        )
    )
    assert int(rows[0]["n"].value) == len(set(ox.parse(TRIG.encode(), ox.RdfFormat.TRIG)))
    assert ask(
        void_store,
        "?d void:classPartition [ void:class <https://w3id.org/conflict-kg/ontology#Offensive> ;"
        " void:entities 1 ]",
    )
    assert ask(
        void_store,
        "?d void:propertyPartition [ void:property "
        "<https://w3id.org/conflict-kg/ontology#agent> ; void:triples 3 ]",
    )


def test_dcat_lists_the_dumps_and_the_endpoint(void_store: ox.Store) -> None:
    for media_type in ("text/turtle", "application/ld+json", "application/n-quads"):
        assert ask(
            void_store, f'?d dcat:distribution [ dcat:mediaType "{media_type}" ; dcat:downloadURL ?u ]'
        )
    assert ask(void_store, "?s a dcat:DataService ; dcat:endpointURL ?e")


@pytest.mark.parametrize(
    "name,fmt",
    [
        ("conflict-kg.ttl", ox.RdfFormat.TURTLE),
        ("conflict-kg.jsonld", ox.RdfFormat.JSON_LD),
        ("conflict-kg.nq", ox.RdfFormat.N_QUADS),
    ],
)
def test_dumps_parse_and_hold_the_data(client: TestClient, name: str, fmt: ox.RdfFormat) -> None:
    response = client.get(f"/dumps/{name}")
    assert response.status_code == 200
    quads = list(ox.parse(response.content, fmt))
    assert any(q.object == ox.Literal("River Front") for q in quads)
    if fmt is ox.RdfFormat.N_QUADS:
        assert {q.graph_name for q in quads} != {ox.DefaultGraph()}


def test_unknown_dump_is_404(client: TestClient) -> None:
    assert client.get("/dumps/everything.zip").status_code == 404


@pytest.mark.skipif(not list(ONTOLOGY_DIR.glob("*.ttl")), reason="ontology files not written yet")
def test_ontology_at_a_stable_url(client: TestClient) -> None:
    response = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert "ontology#Offensive" in client.get("/ontology.nt").text


@pytest.mark.skipif(not (ONTOLOGY_DIR / "context.jsonld").is_file(), reason="context.jsonld not written yet")
def test_jsonld_context_at_a_stable_url(client: TestClient) -> None:
    response = client.get("/context.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json") and "@context" in response.text


@pytest.mark.skipif(not list(ONTOLOGY_DIR.glob("*.ttl")), reason="ontology files not written yet")
def test_browsers_get_the_ontology_as_a_page(client: TestClient) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/ontology", headers={"Accept": browser})
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert 'id="Offensive"' in page and 'id="agent"' in page  # term IRIs …/ontology#X land on their entry
    parent_at, child_at = page.index('id="Event"'), page.index('id="Offensive"')
    assert parent_at < child_at and "<ul>" in page[parent_at:child_at]  # subclasses nest under their class
    for download in ("/ontology.ttl", "/ontology.jsonld", "/context.jsonld"):
        assert f'href="{download}"' in page
    assert (
        client.get("/ontology", headers={"Accept": "*/*"}).headers["content-type"].startswith("text/turtle")
    )


def test_nquads_and_jsonld_dumps_keep_the_graph_names(client: TestClient) -> None:
    graph = ox.NamedNode(GRAPH)
    for name, fmt in (("conflict-kg.nq", ox.RdfFormat.N_QUADS), ("conflict-kg.jsonld", ox.RdfFormat.JSON_LD)):
        quads = list(ox.parse(client.get(f"/dumps/{name}").content, fmt))
        assert any(q.graph_name == graph and q.object == ox.Literal("River Front") for q in quads)
