"""One format table: --format as name, extension or media type, else guessed from the file name."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import FormatError, InputError
from kg.formats import read_quads, read_text, resolve_format


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("ttl", "turtle"),
        ("turtle", "turtle"),
        ("text/turtle", "turtle"),
        ("nt", "ntriples"),
        ("application/n-quads", "nquads"),
        ("trig", "trig"),
        ("jsonld", "jsonld"),
        ("application/ld+json", "jsonld"),
        ("rdf", "rdfxml"),
        ("application/rdf+xml", "rdfxml"),
    ],
)
def test_rdf_format_by_name_extension_or_media_type(given: str, expected: str) -> None:
    assert resolve_format(given, path=None, default="turtle", kinds=("rdf",)).name == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("json", "json"),
        ("application/sparql-results+json", "json"),
        ("xml", "xml"),
        ("csv", "csv"),
        ("text/csv; charset=utf-8", "csv"),
        ("tsv", "tsv"),
        ("table", "table"),
    ],
)
def test_results_formats(given: str, expected: str) -> None:
    assert resolve_format(given, path=None, default="table", kinds=("results",)).name == expected


def test_format_is_guessed_from_the_file_name_ignoring_gz() -> None:
    assert resolve_format(None, path="out/corpus.nq.gz", default="turtle").name == "nquads"
    assert resolve_format(None, path="graph.jsonld", default="turtle").name == "jsonld"


def test_explicit_format_wins_over_the_file_name() -> None:
    assert resolve_format("nt", path="graph.ttl", default="turtle").name == "ntriples"


def test_stdout_and_unknown_extensions_fall_back_to_the_default() -> None:
    assert resolve_format(None, path="-", default="turtle").name == "turtle"
    assert resolve_format(None, path="notes.unknown", default="trig").name == "trig"


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(FormatError, match=r"unknown format 'yaml' for RDF; known formats: turtle, ntriples"):
        resolve_format("yaml", path=None, default="turtle", kinds=("rdf",))


def test_xml_means_rdf_xml_for_graphs_and_sparql_xml_for_results() -> None:
    assert resolve_format("xml", path=None, default="turtle", kinds=("rdf",)).name == "rdfxml"
    assert resolve_format("xml", path=None, default="table", kinds=("results",)).name == "xml"


def test_read_quads_parses_turtle_and_gzip(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl.gz"
    path.write_bytes(gzip.compress(b"<http://example.org/a> <http://example.org/p> 1 .\n"))
    quads = read_quads(str(path))
    assert len(quads) == 1
    value = quads[0].object
    assert isinstance(value, ox.Literal) and value.value == "1"


def test_malformed_rdf_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(
        "<http://example.org/a> <http://example.org/p> 1 .\n<http://example.org/a> <http://e/p> .\n"
    )
    with pytest.raises(InputError, match=r"bad\.ttl:2:\d+: malformed turtle"):
        read_quads(str(path))


def test_non_utf8_and_missing_files_are_input_errors(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.txt: not UTF-8 text \(byte 3\)"):
        read_text(str(latin))
    with pytest.raises(InputError, match=r"missing\.ttl: no such file"):
        read_text(str(tmp_path / "missing.ttl"))


def test_json_means_json_ld_for_graphs_and_sparql_json_for_results() -> None:
    assert resolve_format(None, path="kg.json", default="turtle", kinds=("rdf",)).name == "jsonld"
    assert resolve_format("json", path=None, default="turtle", kinds=("rdf",)).name == "jsonld"
    assert resolve_format(None, path="answers.json", default="table", kinds=("results",)).name == "json"
