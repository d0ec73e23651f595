"""Every export format re-parses to the same graph: rdflib for all, pyld (expand → to_rdf) for JSON-LD."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyld import jsonld  # type: ignore[import-untyped]
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.export import export, local_document_loader
from kg.namespaces import CKG, GEO, GRAPH, ID, OA, SCHEMA
from kg.store import INFERRED_GRAPH_PREFIX, META_GRAPH, KgStore, to_rdflib

TRIPLE_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}
DATASET_FORMATS = {"nq": "nquads", "trig": "trig"}


def tricky_article(key: str) -> Graph:
    """Literals of every kind the converter emits, a blank node, unicode and escapes."""
    graph = Graph()
    article, event, place = (
        ID[f"article/{key}"],
        ID[f"article/{key}/event/0-0"],
        ID["place/ma-arrat-al-nu-man"],
    )
    graph.add((article, SCHEMA.text, Literal('Line one.\nHe said "enough" — \\ done\ttab.')))
    graph.add((article, SCHEMA.datePublished, Literal("2024-11-28", datatype=XSD.date)))
    graph.add((event, RDF.type, CKG.Offensive))
    graph.add((event, RDFS.label, Literal("Offensive on Ma‘arrat al-Nu‘man", lang="en")))
    graph.add((event, CKG.date, Literal("2024-11", datatype=XSD.gYearMonth)))
    graph.add((event, CKG.place, place))
    graph.add((place, GEO.lat, Literal("35.6476", datatype=XSD.decimal)))
    graph.add((ID[f"article/{key}/figure/0-0"], SCHEMA.value, Literal(44)))
    graph.add((article, CKG.datePublishedInferred, Literal(True)))
    selector = BNode()
    graph.add((event, OA.hasSelector, selector))
    graph.add((selector, OA.start, Literal(0, datatype=XSD.nonNegativeInteger)))
    return graph


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roundtrip") / "store"
    with KgStore(path) as store:
        store.ensure_reference_graphs()
        for key in ("aaaa", "bbbb"):
            inferred = Graph()
            inferred.add((ID[f"article/{key}/event/0-0"], RDF.type, CKG.Campaign))
            store.replace_graphs(
                {f"{GRAPH}article/{key}": tricky_article(key), f"{INFERRED_GRAPH_PREFIX}{key}": inferred}
            )
    return path


def store_dataset(store_path: Path, *, inferred: bool = True) -> dict[str, Graph]:
    graphs: dict[str, Graph] = {}
    with KgStore(store_path, read_only=True) as store:
        for name in store.named_graphs():
            if name == META_GRAPH or (not inferred and name.startswith(INFERRED_GRAPH_PREFIX)):
                continue
            graph = graphs.setdefault(name, Graph())
            for t in store.graph_triples(name):
                graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graphs


def merged(graphs: dict[str, Graph]) -> Graph:
    union = Graph()
    for graph in graphs.values():
        for triple in graph:
            union.add(triple)
    return union


@pytest.mark.parametrize("ext", sorted(TRIPLE_FORMATS))
@pytest.mark.parametrize("inferred", [True, False])
def test_triple_formats_reparse_to_the_merged_graph(
    store_path: Path, tmp_path: Path, ext: str, inferred: bool
) -> None:
    out = tmp_path / f"kg.{ext}"
    export(store_path=store_path, output=str(out), inferred=inferred)
    reparsed = Graph().parse(out, format=TRIPLE_FORMATS[ext])
    assert isomorphic(reparsed, merged(store_dataset(store_path, inferred=inferred)))


@pytest.mark.parametrize("ext", sorted(DATASET_FORMATS))
def test_dataset_formats_reparse_to_the_same_named_graphs(store_path: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"kg.{ext}"
    export(store_path=store_path, output=str(out))
    dataset = Dataset()
    dataset.parse(out, format=DATASET_FORMATS[ext])
    reparsed = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    expected = store_dataset(store_path)
    assert reparsed.keys() == expected.keys()
    for name, graph in expected.items():
        assert isomorphic(reparsed[name], graph), name


def test_jsonld_reparses_with_pyld_as_an_independent_processor(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.jsonld"
    export(store_path=store_path, output=str(out))
    options = {"documentLoader": local_document_loader}
    expanded = jsonld.expand(str(out.read_text(encoding="utf-8")) and _load_json(out), options)
    nquads = jsonld.to_rdf(expanded, {"format": "application/n-quads", **options})
    reparsed = Graph().parse(data=nquads, format="nquads")
    assert isomorphic(reparsed, merged(store_dataset(store_path)))


def _load_json(path: Path) -> object:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def test_jsonld_keeps_iris_unchanged(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.jsonld"
    export(store_path=store_path, output=str(out))
    reparsed = Graph().parse(out, format="json-ld")
    assert (URIRef(ID["article/aaaa/event/0-0"]), RDF.type, CKG.Offensive) in reparsed
