"""Every error of issue 4's "Errors" list: a one-line message, exit code 2, no traceback, store untouched."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
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


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_unreadable_article(untouched: Path, tmp_path: Path) -> None:
    article = tmp_path / "secret.txt"
    article.write_text("Rebels advanced on Hama.\n")
    article.chmod(0)
    assert_one_line_error(run("build", "--store", str(untouched), str(article)), "secret.txt: cannot read")


def test_unreadable_input_even_as_root(
    untouched: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "secret.txt"
    article.write_text("Rebels advanced on Hama.\n")
    real_read_bytes = Path.read_bytes

    def denied(path: Path) -> bytes:
        if path.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    message = assert_one_line_error(run("build", "--store", str(untouched), str(article)), "secret.txt")
    assert "Permission denied" in message
    assert_one_line_error(run("validate", str(article)), "secret.txt", "Permission denied")


def test_a_directory_given_as_an_article(untouched: Path, tmp_path: Path) -> None:
    assert_one_line_error(run("build", "--store", str(untouched), str(tmp_path)), "is a directory")


def test_store_without_a_value_means_the_default_store(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_STORE", str(store_path))  # as in the README: kg validate --store --format ttl
    result = run("stats", "--store")
    assert result.exit_code == 0 and f"store:      {store_path}" in result.output
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?e a ckg:Offensive }"
    result = run("query", "--store", "--format", "csv", count)
    assert result.output.splitlines() == ["n", "1"]


def test_read_commands_run_beside_a_build_in_another_process(store_path: Path, tmp_path: Path) -> None:
    """A writer process holds the store (as kg build does); two reader processes still answer."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_path)],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        kg = [sys.executable, "-c", KG_MAIN]
        readers = [
            subprocess.Popen([*kg, "stats", "--store", str(store_path)], stdout=subprocess.PIPE, text=True),
            subprocess.Popen(
                [*kg, "query", "--store", str(store_path), "--format", "csv", "ASK { ?e a ckg:Offensive }"],
                stdout=subprocess.PIPE,
                text=True,
            ),
        ]
        outputs = [reader.communicate(timeout=60)[0] for reader in readers]
        assert [reader.returncode for reader in readers] == [0, 0]
        assert "articles:" in outputs[0] and outputs[1].strip() == "true"
        article = tmp_path / "a.txt"
        article.write_text("Rebels advanced on the city of Hama on Tuesday, a monitor said.\n")
        second = [*kg, "build", "--store", str(store_path), str(article)]
        result = subprocess.run(second, capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and "is locked by another process" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        writer.communicate("done\n", timeout=30)


WRITER = """
import sys
from kg.store import KgStore
with KgStore(sys.argv[1]):
    print("writing", flush=True)
    sys.stdin.readline()
"""
KG_MAIN = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"
