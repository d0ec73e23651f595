"""A running server follows the store: a write to it (or a ``kg build`` into it) shows up in the next
answer without a restart; the cached VoID and pictures are recomputed too.

Query workers compare the store directory's stamp (its data files' names, sizes and times) with the
one they opened at, and re-open the store read-only when it changed.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from server_fixture import BASE, build_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.resources import SAMPLES_DIR
from kg.server.app import create_app
from kg.server.pool import store_stamp

NEWCOMER = f"{BASE}id/actor/harbour-guard"
ALLIANCE_GRAPH = f"{BASE}graph/article/fedcba9876543210"
NEWCOMER_TRIG = f"""
@prefix ckg: <{BASE}ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{ALLIANCE_GRAPH}> {{
  <{NEWCOMER}> a ckg:Militia ; rdfs:label "Harbour Guard" .
  <{ALLIANCE_GRAPH}/alliance> a ckg:Alliance ; ckg:party <{NEWCOMER}>, <{BASE}id/actor/river-front> .
  <{NEWCOMER}> ckg:alliedWith <{BASE}id/actor/river-front> .
}}
"""


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    return build_store(tmp_path / "store")


@pytest.fixture()
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path=store, workers=2)) as test_client:
        yield test_client


def knows_newcomer(client: TestClient) -> bool:
    query = f"ASK {{ <{NEWCOMER}> ?p ?o }}"
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    return bool(response.json()["boolean"])


def void_triples(client: TestClient) -> int:
    response = client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    line = next(x for x in response.text.splitlines() if "#conflict-kg>" in x and "void#triples" in x)
    return int(line.split('"')[1])


def test_stamp_changes_on_write_and_not_on_read(store: Path) -> None:
    before = store_stamp(str(store))
    reader = ox.Store.read_only(str(store))
    assert len(list(reader.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"))) == 1
    del reader
    assert store_stamp(str(store)) == before
    writer = ox.Store(str(store))
    writer.load(NEWCOMER_TRIG.encode(), ox.RdfFormat.TRIG)
    writer.flush()
    del writer
    assert store_stamp(str(store)) != before


def test_a_write_to_the_served_store_shows_up_without_restart(client: TestClient, store: Path) -> None:
    assert not knows_newcomer(client)  # every worker answers once from the old store …
    assert not knows_newcomer(client)
    triples_before = void_triples(client)
    network_before = client.get("/viz/network.svg").text
    assert "Harbour Guard" not in network_before

    writer = ox.Store(str(store))  # … then someone writes while the server runs
    writer.load(NEWCOMER_TRIG.encode(), ox.RdfFormat.TRIG)
    writer.flush()
    del writer

    assert knows_newcomer(client) and knows_newcomer(client)  # both workers re-opened
    assert void_triples(client) == triples_before + 6  # the six triples written
    assert "Harbour Guard" in client.get("/viz/network.svg").text
    page = client.get("/doc/actor/harbour-guard", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Harbour Guard" in page.text


def test_kg_build_into_the_served_store_is_picked_up(client: TestClient, store: Path) -> None:
    from kg.build import build

    sample = sorted(SAMPLES_DIR.glob("articles/*.txt"))[0]
    articles = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"

    def count() -> int:
        response = client.get("/sparql", params={"query": articles}, headers={"Accept": "text/csv"})
        return int(response.text.split()[1])

    assert count() == 1
    started = time.monotonic()
    summary = build([sample], store_path=store, validate=False, reason=False)
    assert summary.exit_code == 0, summary.as_text()
    assert count() == 2, f"build took {time.monotonic() - started:.1f} s"
    assert "2 articles" in client.get("/").text
