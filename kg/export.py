"""Export the store (or one named graph) as Turtle, JSON-LD, N-Triples, N-Quads, TriG or RDF/XML.

Turtle and TriG use the ontology's prefixes; JSON-LD is compacted with the published ``@context``
(ontology/context.jsonld, embedded inline so the file reads without network); ``.gz`` output is gzipped.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from pyld import jsonld  # type: ignore[import-untyped]
from rdflib import Graph

from kg.errors import InputError
from kg.formats import Format, resolve_format
from kg.namespaces import BASE, PREFIXES
from kg.ontology import context_path
from kg.ontology import load_context as ontology_context
from kg.store import KgStore, ox_triple

CONTEXT_URL = f"{BASE}ontology/context.jsonld"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class ExportSummary:
    """What was written where."""

    output: str
    format: str
    statements: int


def load_context() -> dict[str, Any]:
    """The published JSON-LD context (``{"@context": …}``); the project prefixes if the file is absent."""
    if context_path().is_file():
        return ontology_context()
    return {"@context": dict(PREFIXES)}


def local_document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that serves the published context from disk and never uses the network."""
    if url == CONTEXT_URL:
        return {"contextUrl": None, "documentUrl": url, "document": load_context()}
    raise InputError(f"JSON-LD document {url} is not available offline")


def compact_jsonld(expanded: list[dict[str, Any]]) -> dict[str, Any]:
    """Expanded JSON-LD (pyoxigraph's, fast) → compacted with the project context (pyld)."""
    for node in expanded:
        _type_as_at_type(node)
    options = {"documentLoader": local_document_loader}
    compacted: dict[str, Any] = jsonld.compact(expanded, load_context(), options)
    return compacted


def _type_as_at_type(node: dict[str, Any]) -> None:
    """``rdf:type`` IRIs → ``@type`` (what fromRdf does without useRdfType), recursing into ``@graph``."""
    values = node.get(RDF_TYPE, [])
    iris = [v["@id"] for v in values if "@id" in v]
    if iris and len(iris) == len(values):
        del node[RDF_TYPE]
        node["@type"] = sorted(iris)
    for inner in node.get("@graph", []):
        _type_as_at_type(inner)


def jsonld_bytes(store: KgStore, *, graph: str | None = None, inferred: bool = True) -> tuple[bytes, int]:
    """The store's (merged) graphs as compacted JSON-LD, and the number of triples."""
    buffer = io.BytesIO()
    count = store.dump(
        buffer, resolve_format("jsonld", path=None, default="jsonld"), graph=graph, inferred=inferred
    )
    document = compact_jsonld(json.loads(buffer.getvalue() or b"[]"))
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n", count


@contextlib.contextmanager
def open_output(output: str) -> Iterator[IO[bytes]]:
    """A binary stream for ``output``: stdout for ``-``, gzip for ``*.gz``, else the file."""
    if output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        path = Path(output)
        stream: Any = gzip.open(path, "wb") if output.endswith(".gz") else path.open("wb")
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror}") from None
    with stream:
        yield stream


def serialize_store(store: KgStore, fmt: Format, *, graph: str | None, inferred: bool) -> tuple[bytes, int]:
    """The export bytes and the number of triples (or quads) they hold."""
    if fmt.name == "jsonld":
        return jsonld_bytes(store, graph=graph, inferred=inferred)
    buffer = io.BytesIO()
    count = store.dump(buffer, fmt, graph=graph, inferred=inferred)
    return buffer.getvalue(), count


def export(
    *,
    store_path: str | Path,
    fmt: str | None = None,
    graph: str | None = None,
    inferred: bool = True,
    output: str = "-",
) -> ExportSummary:
    """Write the store's graphs (all but meta; inferred ones unless ``inferred=False``) to ``output``."""
    rdf = resolve_format(fmt, path=output, default="turtle", kinds=("rdf",))
    with KgStore(store_path, read_only=True) as store:
        data, count = serialize_store(store, rdf, graph=graph, inferred=inferred)
    with open_output(output) as stream:
        stream.write(data)
    return ExportSummary(output=output, format=rdf.name, statements=count)


def write_graph(graph: Graph, *, output: str = "-", fmt: str | None = None) -> ExportSummary:
    """Write an rdflib graph (sorted, project prefixes) to ``output`` in ``fmt`` (default from the name)."""
    rdf = resolve_format(fmt, path=output, default="turtle", kinds=("rdf",))
    store = KgStore(None)
    store.add_quads(ox.Quad(*ox_triple(t)) for t in graph)
    if rdf.name == "jsonld":
        data, _ = jsonld_bytes(store)
    else:
        buffer = io.BytesIO()
        store.dump(buffer, rdf)
        data = buffer.getvalue()
    with open_output(output) as stream:
        stream.write(data)
    return ExportSummary(output=output, format=rdf.name, statements=len(graph))
