"""SPARQL 1.1 over the store (or over RDF files), with the ontology's prefixes predeclared.

SELECT and ASK results are kept as SPARQL JSON results (lossless) and rendered as an aligned text table or
serialised as JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE results are triples, serialised in any RDF format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from kg.errors import QueryError
from kg.formats import Format, read_quads, resolve_format, serialization_prefixes
from kg.namespaces import PREFIXES
from kg.store import KgStore

ResultKind = Literal["solutions", "boolean", "graph"]
_JSON = ox.QueryResultsFormat.JSON


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query: solutions, a boolean or a graph."""

    kind: ResultKind
    results_json: bytes = b""
    triples: list[ox.Triple] = field(default_factory=list)

    def _parsed(self) -> Any:
        return ox.parse_query_results(self.results_json, _JSON)

    @property
    def variables(self) -> list[str]:
        return [v.value for v in self._parsed().variables] if self.kind == "solutions" else []

    @property
    def rows(self) -> list[list[Any]]:
        """Solutions as lists of pyoxigraph terms (None when unbound), in variable order."""
        if self.kind != "solutions":
            return []
        parsed = self._parsed()
        width = len(parsed.variables)
        return [[solution[i] for i in range(width)] for solution in parsed]

    @property
    def boolean(self) -> bool | None:
        return bool(self._parsed()) if self.kind == "boolean" else None

    def resolve(self, fmt: str | None, *, path: str | None = None) -> Format:
        """The output format for this kind of result (graphs: RDF formats; else results formats)."""
        if self.kind == "graph":
            return resolve_format(fmt, path=path, default="turtle", kinds=("rdf",))
        return resolve_format(fmt, path=path, default="table", kinds=("results",))

    def serialize(self, fmt: str | None = None, *, path: str | None = None) -> bytes:
        """The result in ``fmt`` (name, extension or media type; default from ``path``, else table/Turtle)."""
        out = self.resolve(fmt, path=path)
        if self.kind == "graph":
            assert out.rdf_format is not None
            if out.name == "jsonld":
                return compacted_jsonld(self.triples)
            prefixes = serialization_prefixes(out)
            return bytes(ox.serialize(self.triples, None, out.rdf_format, prefixes=prefixes) or b"")
        if out.results_format is None:
            return self.as_table().encode("utf-8")
        serialized: bytes = self._parsed().serialize(format=out.results_format)
        return serialized

    def as_table(self) -> str:
        """An aligned text table for terminals (IRIs shortened with the project prefixes)."""
        if self.kind == "boolean":
            return ("true" if self.boolean else "false") + "\n"
        if self.kind == "graph":
            return self.serialize("turtle").decode("utf-8")
        return render_table(self.variables, [[term_text(t) for t in row] for row in self.rows])


def compacted_jsonld(triples: list[ox.Triple]) -> bytes:
    """Triples as JSON-LD compacted with the published ``@context`` (as ``kg export`` writes it)."""
    from kg.export import jsonld_bytes

    store = KgStore(None)
    store.add_quads(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return jsonld_bytes(store)[0]


def render_table(headers: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    body = [line(headers), rule, *(line(row) for row in cells)]
    count = len(cells)
    body.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(body) + "\n"


def term_text(term: Any) -> str:
    """A short readable form of a result term: prefixed name, literal value, ``_:id``, or empty."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            local = term.value[len(ns) :]
            if term.value.startswith(ns) and local and "#" not in local:
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    return str(term)


def example_sparql(name: str) -> str:
    """The SPARQL of a named example query (a competency question)."""
    try:
        from kg.examples import get_example
    except ImportError:
        raise QueryError("named example queries are not available (kg.examples is missing)") from None
    try:
        return str(get_example(name).sparql)
    except KeyError:
        raise QueryError(f"no example query named {name!r}; see kg query --list-examples") from None


def run_query(store: KgStore, sparql: str, *, graph: str | None = None) -> QueryResult:
    """Evaluate ``sparql`` on an open store; the default graph is the union of all graphs (or ``graph``)."""
    answer = store.query(sparql, graph=graph)
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("boolean", results_json=answer.serialize(format=_JSON) or b"")
    if isinstance(answer, ox.QuerySolutions):
        return QueryResult("solutions", results_json=answer.serialize(format=_JSON) or b"")
    return QueryResult("graph", triples=list(answer))


def data_store(data_paths: Sequence[str], *, fmt: str | None = None) -> KgStore:
    """A temporary in-memory store holding the given RDF files."""
    store = KgStore(None)
    for path in data_paths:
        store.add_quads(read_quads(path, fmt=fmt))
    return store


def query(
    sparql: str | None,
    *,
    store_path: str | Path | None = None,
    data_paths: Sequence[str] = (),
    example: str | None = None,
    data_format: str | None = None,
    graph: str | None = None,
) -> QueryResult:
    """Answer a SPARQL query (or the named ``example``) from the store, or from ``data_paths`` if given.

    ``graph`` restricts the query to one named graph (e.g. one article's)."""
    if example is not None:
        sparql = example_sparql(example)
    if not sparql or not sparql.strip():
        raise QueryError("empty query: give a SPARQL query, -f FILE.rq or --example NAME")
    if data_paths:
        return run_query(data_store(data_paths, fmt=data_format), sparql, graph=graph)
    if store_path is None:
        raise QueryError("no store given and no --data files")
    with KgStore(store_path, read_only=True) as store:
        return run_query(store, sparql, graph=graph)


def list_example_queries() -> str:
    """The named example queries (competency questions), one per line: name and title."""
    try:
        from kg.examples import list_examples
    except ImportError:
        raise QueryError("named example queries are not available (kg.examples is missing)") from None
    examples = list(list_examples())
    width = max((len(e.name) for e in examples), default=0)
    return "\n".join(f"{e.name:<{width}}  {e.title}" for e in examples)
