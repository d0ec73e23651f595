"""Every error of issue 4's "Errors" list: a one-line message, exit code 2, no traceback, store untouched."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from kg.cli import main
from kg.namespaces import CKG, GRAPH, ID
from kg.store import KgStore

REAL_CONVERTER = importlib.util.find_spec("kg.convert") is not None


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    graph = Graph()
    graph.add((ID["article/aaaa/event/0-0"], RDF.type, CKG.Offensive))
    graph.add((ID["article/aaaa/event/0-0"], RDFS.label, Literal("Offensive on Hama")))
    path = tmp_path / "store"
    with KgStore(path) as store:
        store.replace_graph(f"{GRAPH}article/aaaa", graph)
    return path


@pytest.fixture(autouse=True)
def converter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real converter when it exists, else the stand-in of test_build (only read errors matter here)."""
    if not REAL_CONVERTER:
        from test_build import stand_in_convert, stand_in_read_article

        module = types.ModuleType("kg.convert")
        module.convert = stand_in_convert  # type: ignore[attr-defined]
        module.read_article = stand_in_read_article  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "kg.convert", module)


def content_hash(store_path: Path) -> str:
    with KgStore(store_path, read_only=True) as store:
        return hashlib.sha256("".join(sorted(str(q) for q in store.oxigraph)).encode()).hexdigest()


def assert_one_line_error(result: Result, *fragments: str) -> str:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    message = result.stderr.strip()
    assert "Traceback" not in result.output and "\n" not in message, message
    for fragment in fragments:
        assert fragment in message, message
    return message


@pytest.fixture
def untouched(store_path: Path) -> Iterator[Path]:
    before = content_hash(store_path)
    yield store_path
    assert content_hash(store_path) == before


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def test_missing_article_file(untouched: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    assert_one_line_error(run("build", "--store", str(untouched), missing), "nope.txt")


def test_non_utf8_article(untouched: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Rebels entered the caf\xe9 district.".encode("latin-1"))
    assert_one_line_error(run("build", "--store", str(untouched), str(latin)), "latin.txt", "UTF-8")


def test_empty_article(untouched: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n   \n")
    assert_one_line_error(run("build", "--store", str(untouched), str(empty)), "empty.txt", "empty")


def test_malformed_sparql_names_line_and_column(untouched: Path) -> None:
    result = run("query", "--store", str(untouched), "SELECT ?e\nWHERE {\n  ?e ckg:agent }")
    assert_one_line_error(result, "malformed SPARQL at line 3, column 16")


def test_malformed_rdf_given_to_reason_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/a> a <http://example.org/C> .\n<http://example.org/b> a .\n")
    assert_one_line_error(run("reason", str(bad)), "bad.ttl:2:", "malformed turtle")


def test_malformed_rdf_given_to_query_data(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text('<http://example.org/a> <http://example.org/p> "open .\n')
    assert_one_line_error(run("query", "--data", str(bad), "ASK {}"), "bad.nt:1:", "malformed ntriples")


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "yaml"),
        ("query", "--format", "ttl", "SELECT * WHERE { ?s ?p ?o }"),
        ("reason", "--format", "docx", "x.ttl"),
    ],
)
def test_unknown_format(untouched: Path, args: tuple[str, ...]) -> None:
    assert_one_line_error(
        run(*args[:1], "--store", str(untouched), *args[1:]), "unknown format", "known formats:"
    )


@pytest.mark.parametrize(
    "args", [("stats",), ("export",), ("query", "ASK {}"), ("reason",), ("info",)], ids=lambda a: a[0]
)
def test_missing_store(tmp_path: Path, args: tuple[str, ...]) -> None:
    nowhere = tmp_path / "nowhere"
    assert_one_line_error(
        run(args[0], "--store", str(nowhere), *args[1:]), "no store at", "run kg build first"
    )
    assert not nowhere.exists()


def test_locked_store(store_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Rebels advanced on the city of Hama on Tuesday, a monitor said.\n")
    before = content_hash(store_path)
    with KgStore(store_path):  # another writer holds the store
        result = run("build", "--store", str(store_path), str(article))
        assert_one_line_error(result, "is locked by another process")
        assert run("stats", "--store", str(store_path)).exit_code == 0  # readers still work
    assert content_hash(store_path) == before
