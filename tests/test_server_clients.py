"""Real SPARQL clients against a real server on loopback get the same answers as the store itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from server_fixture import ACTOR_RIVER_FRONT, RunningServer, module_store
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from kg.namespaces import sparql_prefixes
from kg.server.app import create_app
from kg.store import KgStore

QUERY = (
    sparql_prefixes()
    + """SELECT ?event ?label WHERE { ?event ckg:agent ?actor ; rdfs:label ?label .
  ?actor rdfs:label "River Front" } ORDER BY ?event"""
)


store = module_store("clients")


@pytest.fixture(scope="module")
def endpoint(store: Path) -> Iterator[str]:
    with RunningServer(create_app(store_path=store)) as running:
        yield running.url + "/sparql"


def direct_answer(store: Path) -> list[tuple[str, str]]:
    kg_store = KgStore(store, read_only=True)
    return [(s["event"].value, s["label"].value) for s in kg_store.query(QUERY)]


def test_sparqlwrapper_select_matches_the_store(store: Path, endpoint: str) -> None:
    expected = direct_answer(store)
    client = SPARQLWrapper(endpoint)
    client.setQuery(QUERY)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert [(r["event"]["value"], r["label"]["value"]) for r in rows] == expected and len(expected) == 2


def test_sparqlwrapper_construct_as_turtle(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(f"CONSTRUCT {{ <{ACTOR_RIVER_FRONT}> ?p ?o }} WHERE {{ <{ACTOR_RIVER_FRONT}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    graph_text = client.query().convert()
    assert b"River Front" in graph_text  # type: ignore[operator]


def test_rdflib_sparqlstore_matches_the_store(store: Path, endpoint: str) -> None:
    remote = SPARQLStore(endpoint)
    rows = [(str(r[0]), str(r[1])) for r in remote.query(QUERY)]  # type: ignore[index]
    assert rows == direct_answer(store)
    triples = [t for t, _ in remote.triples((URIRef(ACTOR_RIVER_FRONT), None, None))]  # type: ignore[arg-type]
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert (URIRef(ACTOR_RIVER_FRONT), label, Literal("River Front")) in triples
