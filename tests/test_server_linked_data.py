"""Linked Data: minted IRIs dereference (303 to a document), HTML for browsers, RDF by Accept, alternates."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from server_fixture import ACTOR_RIVER_FRONT, EVENT_OFFENSIVE, GRAPH, SENTENCE_0, build_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.server.app import create_app

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = build_store(tmp_path_factory.mktemp("ld") / "store")
    with TestClient(create_app(store_path=store, base_iri="http://127.0.0.1:8123/")) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "accept,extension",
    [
        (BROWSER, "html"),
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/n-triples", "nt"),
    ],
)
def test_minted_iri_redirects_303_to_a_document(client: TestClient, accept: str, extension: str) -> None:
    response = client.get("/id/actor/river-front", headers={"Accept": accept}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"http://127.0.0.1:8123/doc/actor/river-front.{extension}"


@pytest.mark.parametrize(
    "extension,media_type",
    [("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples")],
)
def test_documents_hold_the_resource_description(client: TestClient, extension: str, media_type: str) -> None:
    response = client.get(f"/doc/actor/river-front.{extension}")
    assert response.headers["content-type"].startswith(media_type)
    triples = list(ox.parse(response.content, ox.RdfFormat.from_media_type(media_type)))
    river_front = ox.NamedNode(ACTOR_RIVER_FRONT)  # the store's IRIs are kept as they are
    assert ox.Literal("River Front") in {t.object for t in triples if t.subject == river_front}
    assert any(t.object == river_front for t in triples)  # incoming links too


def test_documents_link_their_alternates(client: TestClient) -> None:
    link = client.get("/doc/actor/river-front.html").headers["link"]
    for ext, media_type in (
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
    ):
        assert (
            f'<http://127.0.0.1:8123/doc/actor/river-front.{ext}>; rel="alternate"; type="{media_type}"'
            in link
        )


def test_document_without_extension_negotiates(client: TestClient) -> None:
    response = client.get("/doc/actor/river-front", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    assert response.headers["content-location"].endswith("/doc/actor/river-front.ttl")
    assert response.headers["vary"] == "Accept"


def test_actor_page_shows_events_sentences_and_reporters(client: TestClient) -> None:
    html = client.get("/doc/actor/river-front.html").text
    assert "<h1>River Front</h1>" in html
    assert "Offensive on Port Avel by River Front" in html  # an event it took part in
    assert SENTENCE_0 in html  # the sentence the fact came from
    assert "reported by" in html and "Lumen News Agency" in html and "(said)" in html
    assert 'href="http://127.0.0.1:8123/doc/actor/valerian-army"' in html  # linked values, local
    assert 'id="incoming"' in html


def test_event_page_shows_its_source(client: TestClient) -> None:
    path = EVENT_OFFENSIVE.split("/id/", 1)[1]
    html = client.get(f"/doc/{path}.html").text
    assert "Where this comes from" in html and SENTENCE_0 in html and "Port Avel" in html


def test_unknown_iri_is_404(client: TestClient) -> None:
    assert client.get("/doc/actor/nobody.html").status_code == 404
    assert client.get("/doc/actor/bad>iri.ttl").status_code == 404


def test_named_graph_iri_serves_the_graph(client: TestClient) -> None:
    path = GRAPH.split("/graph/", 1)[1]
    response = client.get(f"/graph/{path}", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200 and len(response.text.splitlines()) > 50


def test_406_for_a_document_nobody_can_read(client: TestClient) -> None:
    assert (
        client.get(
            "/id/actor/river-front", headers={"Accept": "image/png"}, follow_redirects=False
        ).status_code
        == 406
    )


@pytest.mark.parametrize(
    "media_type,fmt", [("application/trig", ox.RdfFormat.TRIG), ("application/n-quads", ox.RdfFormat.N_QUADS)]
)
def test_named_graph_download_keeps_its_graph_name(
    client: TestClient, media_type: str, fmt: ox.RdfFormat
) -> None:
    path = GRAPH.split("/graph/", 1)[1]
    response = client.get(f"/graph/{path}", headers={"Accept": media_type})
    quads = list(ox.parse(response.content, fmt))
    assert len(quads) > 50 and {q.graph_name for q in quads} == {ox.NamedNode(GRAPH)}


def test_named_graph_iri_gives_browsers_a_page_with_its_article(client: TestClient) -> None:
    response = client.get(GRAPH.replace("https://w3id.org/conflict-kg", ""), headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "127.0.0.1:8123/doc/article/0123456789abcdef\"" in response.text  # the article it came from
    assert "127.0.0.1:8123/doc/actor/river-front\"" in response.text  # and the resources it describes


def test_alternates_name_each_format_once(client: TestClient) -> None:
    link = client.get("/doc/actor/river-front.ttl").headers["link"]
    assert link.count('rel="alternate"') == 4 and "x-turtle" not in link
