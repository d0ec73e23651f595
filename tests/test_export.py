"""kg export: the store as Turtle (project prefixes), compacted JSON-LD, N-Triples, N-Quads, TriG, RDF/XML."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS

from kg.cli import main
from kg.errors import StoreError
from kg.export import export
from kg.namespaces import CKG, GRAPH, ID, OA
from kg.store import KgStore

ARTICLE = f"{GRAPH}article/aaaa"
INFERRED = f"{GRAPH}inferred/aaaa"
EVENT = ID["article/aaaa/event/0-0"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    asserted = Graph()
    asserted.add((EVENT, RDF.type, CKG.Offensive))
    asserted.add((EVENT, RDFS.label, Literal("Offensive on Hama", lang="en")))
    inferred = Graph()
    inferred.add((EVENT, RDF.type, CKG.Campaign))
    path = tmp_path_factory.mktemp("export") / "store"
    with KgStore(path) as store:
        store.replace_graphs({ARTICLE: asserted, INFERRED: inferred})
    return path


def exported(store_path: Path, tmp_path: Path, name: str, **options: object) -> bytes:
    out = tmp_path / name
    export(store_path=store_path, output=str(out), **options)  # type: ignore[arg-type]
    return out.read_bytes()


def test_turtle_uses_the_ontology_prefixes(store_path: Path, tmp_path: Path) -> None:
    text = exported(store_path, tmp_path, "kg.ttl").decode()
    assert "@prefix ckg: <https://w3id.org/conflict-kg/ontology#> ." in text
    assert "a ckg:Offensive" in text or "a ckg:Campaign , ckg:Offensive" in text or "ckg:Offensive ," in text
    assert len(Graph().parse(data=text, format="turtle")) == 3


def test_asserted_only_leaves_out_the_inferred_graphs(store_path: Path, tmp_path: Path) -> None:
    everything = Graph().parse(data=exported(store_path, tmp_path, "all.nt"), format="nt")
    asserted = Graph().parse(data=exported(store_path, tmp_path, "a.nt", inferred=False), format="nt")
    assert (EVENT, RDF.type, CKG.Campaign) in everything
    assert (EVENT, RDF.type, CKG.Campaign) not in asserted
    assert len(asserted) == 2


def test_one_named_graph_can_be_exported_and_unknown_graphs_are_errors(
    store_path: Path, tmp_path: Path
) -> None:
    only = Graph().parse(data=exported(store_path, tmp_path, "g.ttl", graph=INFERRED), format="turtle")
    assert set(only) == {(EVENT, RDF.type, CKG.Campaign)}
    with pytest.raises(StoreError, match=r"no graph <https://example.org/none> in store"):
        export(store_path=store_path, graph="https://example.org/none", output=str(tmp_path / "x.ttl"))


def test_nquads_and_trig_keep_one_named_graph_per_article(store_path: Path, tmp_path: Path) -> None:
    dataset = Dataset()
    dataset.parse(data=exported(store_path, tmp_path, "kg.trig"), format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {ARTICLE, INFERRED}


def test_jsonld_is_compacted_with_the_published_context(store_path: Path, tmp_path: Path) -> None:
    document = json.loads(exported(store_path, tmp_path, "kg.jsonld"))
    assert "@context" in document
    nodes = document.get("@graph", [document])
    event = next(n for n in nodes if n.get("@id") in ("id:article/aaaa/event/0-0", str(EVENT)))
    types = event["@type"] if isinstance(event["@type"], list) else [event["@type"]]
    assert {"ckg:Offensive", "ckg:Campaign"} <= set(types) or {"Offensive", "Campaign"} <= set(types)


def test_gz_file_names_are_gzipped(store_path: Path, tmp_path: Path) -> None:
    data = exported(store_path, tmp_path, "kg.nq.gz")
    assert b"<https://w3id.org/conflict-kg/graph/article/aaaa>" in gzip.decompress(data)


def test_export_is_deterministic(store_path: Path, tmp_path: Path) -> None:
    assert exported(store_path, tmp_path, "1.ttl") == exported(store_path, tmp_path, "2.ttl")
    assert exported(store_path, tmp_path, "1.jsonld") == exported(store_path, tmp_path, "2.jsonld")


def test_cli_export_writes_to_stdout_or_a_file(store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--store", str(store_path), "--format", "application/n-triples"])
    assert result.exit_code == 0
    assert len(Graph().parse(data=result.stdout, format="nt")) == 3
    out = tmp_path / "cli.rdf"
    result = runner.invoke(main, ["export", "--store", str(store_path), "--asserted-only", "-o", str(out)])
    assert result.exit_code == 0
    assert "wrote 2 statements as rdfxml" in result.stderr
    assert len(Graph().parse(out, format="xml")) == 2


def test_blank_node_labels_are_canonical_so_rebuilt_stores_export_identically(tmp_path: Path) -> None:
    outputs = []
    for run in ("first", "second"):
        graph = Graph()
        selector = BNode()  # a fresh random label each time
        graph.add((EVENT, OA.hasSelector, selector))
        graph.add((selector, OA.start, Literal(3)))
        with KgStore(tmp_path / run) as store:
            store.replace_graph(ARTICLE, graph)
        outputs.append(exported(tmp_path / run, tmp_path, f"{run}.nq"))
    assert outputs[0] == outputs[1]
