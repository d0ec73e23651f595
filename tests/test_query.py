"""kg query: SPARQL over the store or files, project prefixes predeclared; table/json/xml/csv/tsv results."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from kg.cli import main
from kg.errors import FormatError, QueryError, StoreError
from kg.namespaces import CKG, GRAPH, ID, SCHEMA
from kg.query import query
from kg.store import KgStore

EVENTS = {"aaaa": ("Offensive on Hama by Rebel Front", 5), "bbbb": ("Offensive on Idlib by Rebel Front", 2)}
SELECT_EVENTS = "SELECT ?event ?label WHERE { ?event a ckg:Offensive ; rdfs:label ?label } ORDER BY ?label"


def small_graph(key: str) -> Graph:
    label, deaths = EVENTS[key]
    graph = Graph()
    event = ID[f"article/{key}/event/0-0"]
    graph.add((event, RDF.type, CKG.Offensive))
    graph.add((event, RDFS.label, Literal(label)))
    graph.add((event, CKG.agent, ID["actor/rebel-front"]))
    graph.add((ID[f"article/{key}/figure/0-0"], CKG.figureOf, event))
    graph.add((ID[f"article/{key}/figure/0-0"], CKG.measure, CKG.Deaths))
    graph.add((ID[f"article/{key}/figure/0-0"], SCHEMA.value, Literal(deaths)))
    return graph


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query") / "store"
    with KgStore(path) as store:
        for key in EVENTS:
            store.replace_graph(f"{GRAPH}article/{key}", small_graph(key))
    return path


def test_select_renders_an_aligned_table_with_prefixed_names(store_path: Path) -> None:
    table = query(SELECT_EVENTS, store_path=store_path).as_table().splitlines()
    assert table[0].split("|")[0].strip() == "event"
    assert table[2].startswith("id:article/aaaa/event/0-0 | Offensive on Hama by Rebel Front")
    assert table[-1] == "(2 rows)"
    assert len({line.index("|") for line in (table[0], table[2], table[3])}) == 1
    assert table[1].index("+") == table[0].index("|")


def test_select_results_serialise_as_json_csv_tsv_and_xml(store_path: Path) -> None:
    result = query(SELECT_EVENTS, store_path=store_path)
    bindings = json.loads(result.serialize("json"))["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == [EVENTS["aaaa"][0], EVENTS["bbbb"][0]]
    rows = list(csv.reader(io.StringIO(result.serialize("text/csv").decode())))
    assert rows[0] == ["event", "label"] and len(rows) == 3
    assert result.serialize("tsv").decode().splitlines()[0] == "?event\t?label"
    assert b"<sparql" in result.serialize("application/sparql-results+xml")


def test_format_comes_from_the_output_file_name(store_path: Path) -> None:
    result = query(SELECT_EVENTS, store_path=store_path)
    assert result.serialize(None, path="answers.csv").startswith(b"event,label")


def test_ask_answers_true_or_false(store_path: Path) -> None:
    assert query("ASK { ?e a ckg:Offensive }", store_path=store_path).boolean is True
    assert query("ASK { ?e a ckg:Ceasefire }", store_path=store_path).as_table() == "false\n"


def test_construct_and_describe_return_graphs_in_any_rdf_format(store_path: Path) -> None:
    construct = query("CONSTRUCT { ?e ckg:agent ?a } WHERE { ?e ckg:agent ?a }", store_path=store_path)
    graph = Graph().parse(data=construct.serialize("ttl"), format="turtle")
    assert len(graph) == 2
    describe = query(f"DESCRIBE <{ID['article/aaaa/event/0-0']}>", store_path=store_path)
    assert len(Graph().parse(data=describe.serialize("nt"), format="nt")) == 3
    with pytest.raises(FormatError, match="for RDF"):
        construct.serialize("csv")


def test_which_article_said_what_via_named_graphs(store_path: Path) -> None:
    sparql = """SELECT ?g ?n WHERE { GRAPH ?g { ?f ckg:measure ckg:Deaths ; schema:value ?n } } ORDER BY ?g"""
    rows = query(sparql, store_path=store_path).rows
    expected = [(f"{GRAPH}article/{key}", deaths) for key, (_, deaths) in EVENTS.items()]
    assert [(g.value, int(n.value)) for g, n in rows] == expected


def test_a_prefix_the_user_declares_wins_and_is_not_duplicated(store_path: Path) -> None:
    sparql = "PREFIX ckg: <http://example.org/other#>\nASK { ?e a ckg:Offensive }"
    assert query(sparql, store_path=store_path).boolean is False


def test_malformed_sparql_gives_the_users_line_and_column(store_path: Path) -> None:
    with pytest.raises(QueryError, match=r"^malformed SPARQL at line 3, column 16: expected one of"):
        query("SELECT ?e\nWHERE {\n  ?e ckg:agent }", store_path=store_path)


def test_data_files_are_queried_instead_of_the_store(tmp_path: Path) -> None:
    data = tmp_path / "one.ttl"
    small_graph("bbbb").serialize(data, format="turtle")
    rows = query(SELECT_EVENTS, data_paths=[str(data)]).rows
    assert [r[1].value for r in rows] == ["Offensive on Idlib by Rebel Front"]


def test_empty_query_is_an_error(store_path: Path) -> None:
    with pytest.raises(QueryError, match="empty query"):
        query("  ", store_path=store_path)


def test_cli_query_prints_a_table_and_reads_query_files(store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["query", "--store", str(store_path), SELECT_EVENTS])
    assert result.exit_code == 0, result.output
    assert "Offensive on Idlib by Rebel Front" in result.output and "(2 rows)" in result.output
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?e a ckg:Offensive }")
    result = runner.invoke(main, ["query", "--store", str(store_path), "-f", str(rq), "--format", "csv"])
    assert result.output.splitlines() == ["n", "2"]
    ask = "ASK { ?e a ckg:Offensive }"
    result = runner.invoke(main, ["query", "--store", str(store_path), "-"], input=ask)
    assert result.output.strip() == "true"


def test_cli_lists_and_runs_named_examples(store_path: Path) -> None:
    examples = pytest.importorskip("kg.examples")
    listing = CliRunner().invoke(main, ["query", "--list-examples"])
    assert listing.exit_code == 0
    names = [e.name for e in examples.list_examples()]
    assert names and all(name in listing.output for name in names)
    result = CliRunner().invoke(main, ["query", "--store", str(store_path), "--example", names[0]])
    assert result.exit_code == 0, result.output


def test_graph_restricts_the_query_to_one_named_graph(store_path: Path) -> None:
    one = f"{GRAPH}article/bbbb"
    rows = query(SELECT_EVENTS, store_path=store_path, graph=one).rows
    assert [r[1].value for r in rows] == ["Offensive on Idlib by Rebel Front"]
    seen = query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", store_path=store_path, graph=one).rows
    assert [r[0].value for r in seen] == [one]
    with pytest.raises(StoreError, match=r"no graph <https://example.org/nope> in store at"):
        query(SELECT_EVENTS, store_path=store_path, graph="https://example.org/nope")


def test_cli_graph_option(store_path: Path) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?e a ckg:Offensive }"
    args = ["query", "--store", str(store_path), "--graph", f"{GRAPH}article/aaaa", "--format", "csv", count]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "1"]


def test_construct_as_json_means_json_ld_compacted_with_the_context(store_path: Path) -> None:
    construct = query("CONSTRUCT { ?e ckg:agent ?a } WHERE { ?e ckg:agent ?a }", store_path=store_path)
    for fmt in ("json", "jsonld", "application/ld+json"):
        document = json.loads(construct.serialize(fmt))
        assert "@context" in document and "@graph" in document
        graph = Graph().parse(data=construct.serialize(fmt), format="json-ld")
        assert len(graph) == 2
