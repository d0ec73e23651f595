"""The embedded store: one named graph per article, atomic replacement, read-only opening, clear errors."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import QueryError, StoreError
from kg.namespaces import CKG, GRAPH, ID
from kg.store import GAZETTEER_GRAPH, META_GRAPH, ONTOLOGY_GRAPH, KgStore, ox_triple

ARTICLE_A = f"{GRAPH}article/aaaa"
ARTICLE_B = f"{GRAPH}article/bbbb"
SHARED_ACTOR = ID["actor/rebel-front"]
OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"


def article_graph(key: str, *, events: int = 1) -> Graph:
    """A tiny article graph: one article, ``events`` offensives by a shared actor."""
    graph = Graph()
    article = ID[f"article/{key}"]
    graph.add((article, RDF.type, URIRef("http://schema.org/NewsArticle")))
    for i in range(events):
        event = ID[f"article/{key}/event/{i}-0"]
        graph.add((event, RDF.type, CKG.Offensive))
        graph.add((event, CKG.agent, SHARED_ACTOR))
        graph.add((event, CKG.quote, Literal(f'a "quoted"\nline {i}', lang="en")))
    graph.add((SHARED_ACTOR, RDF.type, CKG.RebelGroup))
    return graph


@pytest.fixture
def store(tmp_path: Path) -> Iterator[KgStore]:
    with KgStore(tmp_path / "store") as opened:
        yield opened


def quads_of(store: KgStore, graph_iri: str) -> set[str]:
    return {str(t) for t in store.graph_triples(graph_iri)}


def test_each_article_is_its_own_named_graph_and_actors_are_shared(store: KgStore) -> None:
    store.replace_graph(ARTICLE_A, article_graph("aaaa"))
    store.replace_graph(ARTICLE_B, article_graph("bbbb"))
    assert {ARTICLE_A, ARTICLE_B} <= set(store.named_graphs())
    sparql = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?e ckg:agent <{SHARED_ACTOR}> }} }} ORDER BY ?g"
    rows = list(store.query(sparql))
    assert [row["g"].value for row in rows] == [ARTICLE_A, ARTICLE_B]


def test_replacing_a_graph_never_duplicates(store: KgStore) -> None:
    store.replace_graph(ARTICLE_A, article_graph("aaaa", events=3))
    first = quads_of(store, ARTICLE_A)
    store.replace_graph(ARTICLE_A, article_graph("aaaa", events=3))
    assert quads_of(store, ARTICLE_A) == first
    store.replace_graph(ARTICLE_A, article_graph("aaaa", events=1))
    assert len(quads_of(store, ARTICLE_A)) == len(article_graph("aaaa", events=1))


def test_literals_with_quotes_newlines_and_languages_survive(store: KgStore) -> None:
    store.replace_graph(ARTICLE_A, article_graph("aaaa"))
    rows = list(store.query("SELECT ?q WHERE { ?e ckg:quote ?q }"))
    assert rows[0]["q"].value == 'a "quoted"\nline 0'
    assert rows[0]["q"].language == "en"


def test_a_failure_midway_leaves_the_previous_graph_intact(store: KgStore) -> None:
    store.replace_graph(ARTICLE_A, article_graph("aaaa", events=2))
    before = quads_of(store, ARTICLE_A)

    def triples_then_crash() -> Iterator[tuple[URIRef, URIRef, URIRef]]:
        yield (ID["x"], CKG.agent, ID["y"])
        raise RuntimeError("converter crashed halfway")

    with pytest.raises(RuntimeError, match="halfway"):
        store.replace_graphs({ARTICLE_A: triples_then_crash(), ARTICLE_B: article_graph("bbbb")})
    assert quads_of(store, ARTICLE_A) == before
    assert ARTICLE_B not in store.named_graphs()


def test_a_bad_triple_rejects_the_whole_replacement(store: KgStore) -> None:
    store.replace_graph(ARTICLE_A, article_graph("aaaa"))
    before = quads_of(store, ARTICLE_A)
    bad = article_graph("aaaa", events=5)
    bad.add((URIRef("http://example.org/has space"), CKG.agent, SHARED_ACTOR))
    with pytest.raises(StoreError, match="cannot store graph"):
        store.replace_graph(ARTICLE_A, bad)
    assert quads_of(store, ARTICLE_A) == before


def test_reference_graphs_load_once_and_reload_when_their_content_changes(
    store: KgStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ontology = tmp_path / "ontology"
    ontology.mkdir()
    (ontology / "o.ttl").write_text(f"<{CKG.Offensive}> a <{OWL_CLASS}> .\n")
    files = {ONTOLOGY_GRAPH: [ontology / "o.ttl"], GAZETTEER_GRAPH: []}
    monkeypatch.setattr("kg.store.reference_files", lambda: files)
    assert store.ensure_reference_graphs() is True
    assert store.ensure_reference_graphs() is False
    assert {ONTOLOGY_GRAPH, META_GRAPH} <= set(store.named_graphs())
    (ontology / "o.ttl").write_text(f"<{CKG.Battle}> a <{OWL_CLASS}> .\n")
    assert store.ensure_reference_graphs() is True
    assert quads_of(store, ONTOLOGY_GRAPH) == {f"<{CKG.Battle}> <{RDF.type}> <{OWL_CLASS}>"}


def test_real_ontology_loads_into_its_graph(store: KgStore) -> None:
    store.ensure_reference_graphs()
    assert store.query(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ckg:Offensive ?p ?o }} }}")


def test_queries_see_the_union_of_graphs_with_project_prefixes(store: KgStore) -> None:
    store.replace_graph(ARTICLE_A, article_graph("aaaa"))
    assert store.query("ASK { ?e a ckg:Offensive }")
    assert not store.query("ASK { ?e a ckg:Offensive }", union_default_graph=False)


def test_malformed_sparql_reports_line_and_column(store: KgStore) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL at line 2, column \d+"):
        store.query("SELECT ?s\nWHERE { ?s ?p }")


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*nowhere; run kg build first"):
        KgStore(tmp_path / "nowhere", read_only=True)
    assert not (tmp_path / "nowhere").exists()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    with KgStore(tmp_path / "s") as writable:
        writable.replace_graph(ARTICLE_A, article_graph("aaaa"))
    with KgStore(tmp_path / "s", read_only=True) as reader:
        assert ARTICLE_A in reader.named_graphs()
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_graph(ARTICLE_A, article_graph("aaaa"))


def test_a_second_writer_gets_a_one_line_lock_error_and_readers_still_work(store: KgStore) -> None:
    store.replace_graph(ARTICLE_A, article_graph("aaaa"))
    store.oxigraph.flush()
    script = (
        "import sys\nfrom kg.store import KgStore\nfrom kg.errors import StoreError\n"
        "try:\n    KgStore(sys.argv[1])\nexcept StoreError as e:\n    print(e)\n"
        "print(len(KgStore(sys.argv[1], read_only=True).named_graphs()))\n"
    )
    command = [sys.executable, "-c", script, str(store.path)]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    lock_message, graphs = out.stdout.strip().splitlines()
    assert lock_message == f"store at {store.path} is locked by another process writing to it"
    assert int(graphs) >= 1


def nquads(graphs: dict[str, Graph]) -> bytes:
    quads = [ox.Quad(*ox_triple(t), ox.NamedNode(g)) for g, graph in graphs.items() for t in graph]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


INFERRED_A = f"{GRAPH}inferred/aaaa"
SOURCE_A = "file:///articles/a.txt"


def test_an_article_given_as_nquads_is_added_then_replaced_never_duplicated(store: KgStore) -> None:
    first = {ARTICLE_A: article_graph("aaaa", events=3), INFERRED_A: article_graph("inferred", events=1)}
    assert store.store_article(nquads(first), graphs=[ARTICLE_A, INFERRED_A], source=SOURCE_A) == []
    assert len(quads_of(store, ARTICLE_A)) == len(first[ARTICLE_A])
    assert store.graphs_from_source(SOURCE_A) == [ARTICLE_A]
    second = {ARTICLE_A: article_graph("aaaa", events=1)}  # no inferred triples this time
    store.store_article(nquads(second), graphs=[ARTICLE_A, INFERRED_A], source=SOURCE_A)
    assert len(quads_of(store, ARTICLE_A)) == len(second[ARTICLE_A])
    assert INFERRED_A not in store.named_graphs()
    assert store.sources_of(ARTICLE_A) == {SOURCE_A}


@pytest.mark.parametrize("existing", [False, True], ids=["new graphs", "replacement"])
def test_malformed_nquads_leave_the_store_as_it_was(store: KgStore, existing: bool) -> None:
    if existing:
        store.replace_graph(ARTICLE_A, article_graph("aaaa", events=2))
    before = sorted(str(q) for q in store.oxigraph)
    data = nquads({ARTICLE_A: article_graph("aaaa", events=4)}) + b"<broken> <p> .\n"
    with pytest.raises(StoreError, match="cannot store graphs"):
        store.store_article(data, graphs=[ARTICLE_A, INFERRED_A], source=SOURCE_A)
    assert sorted(str(q) for q in store.oxigraph) == before


def test_quads_outside_the_article_graphs_are_refused(store: KgStore) -> None:
    store.replace_graph(ARTICLE_A, article_graph("aaaa"))
    before = quads_of(store, ARTICLE_A)
    data = nquads({ARTICLE_B: article_graph("bbbb")})
    with pytest.raises(StoreError, match="outside graphs"):
        store.store_article(data, graphs=[ARTICLE_A, INFERRED_A])
    assert quads_of(store, ARTICLE_A) == before and ARTICLE_B not in store.named_graphs()
