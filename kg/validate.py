"""SHACL validation of article graphs against ``shapes/*.ttl``, with a report a person can read.

pyshacl is not given the ontology (that would be slow). Instead a *type index* is built once from the
ontology and the gazetteer: the superclasses of every class, and the types and labels of every gazetteer
IRI. Before validating, a copy of the data graph gets the superclass-closed ``rdf:type`` of each of its
nodes (and the gazetteer label of known IRIs), so ``sh:targetClass ckg:Event`` reaches a ``ckg:Offensive``
and ``sh:class ckg:Actor`` accepts ``id:actor/hts`` although its type lives in the gazetteer.

Two engines give the same results (tests/test_validate_engines.py holds them to it): ``compiled`` (the
default; :mod:`kg.shacl_engine`, 10-30× faster) and ``pyshacl`` (the reference, and the fallback when the
shapes use a SHACL feature the compiled engine does not implement — the report's ``note`` says so).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import RDF, RDFS, BNode, Dataset, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import InputError, KgError
from kg.namespaces import CKG, SH
from kg.resources import SHAPES_DIR
from kg.shacl_compiled import Unsupported
from kg.shacl_engine import CompiledEngine, ShaclResult, engine_for, report_graph
from kg.type_index import NAME_PREDICATES, TypeIndex, index_graph, parse_turtle_dir, reference_index
from kg.validate_report import (
    ValidationReport,
    Violation,
    combine,
    path_text,
    sentence_of,
    short_name,
    violation_order,
    violations_of_report,
)

__all__ = [
    "ValidationReport", "Violation", "TypeIndex", "combine", "index_graph", "reference_index", "sentence_of",
    "short_name", "validate", "validate_many", "with_types",
]  # fmt: skip
Triple = tuple[Node, Node, Node]


# ---------------------------------------------------------------------------------------------------------
# Shapes and the type index
# ---------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_shapes() -> Graph:
    """All shapes (``shapes/*.ttl``, rebased to the configured base IRI). Cached: do not modify it."""
    return parse_turtle_dir(SHAPES_DIR)


def _relevant_classes(shapes: Graph) -> frozenset[Node]:
    """Classes worth adding as types: those the shapes mention, and every class of the ckg namespace."""
    mentioned = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    return frozenset(mentioned)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """A graph that parses each SPARQL text once: pyshacl runs a constraint's query once per focus node,
    and parsing (not evaluating) is most of that time."""

    def query(  # type: ignore[override]
        self,
        query_object: str | Query,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Mapping[str, Any] | None = None,  # noqa: N803 (rdflib's name)
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and not initNs:
            query_object = _prepared(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


_TYPE_IRI = str(RDF.type)
_NAME_IRIS = frozenset(str(p) for p in NAME_PREDICATES)


def typed_triples(triples: Sequence[Triple], index: TypeIndex, *, relevant: frozenset[Node]) -> list[Triple]:
    """``triples`` (distinct) plus the superclass-closed types (and known names) of all their nodes."""
    nodes: dict[object, Any] = {}  # IRIs keyed by plain str: no rdflib __eq__ in the lookups
    asserted: dict[object, set[Node]] = {}
    named: set[object] = set()
    for s, p, o in triples:
        key: object = str(s) if type(s) is URIRef else s
        if key not in nodes:
            nodes[key], asserted[key] = s, set()
        predicate = str(p)
        if predicate == _TYPE_IRI:
            asserted[key].add(o)
        elif predicate in _NAME_IRIS:
            named.add(key)
        if type(o) is URIRef or isinstance(o, BNode):
            okey: object = str(o) if type(o) is URIRef else o
            if okey not in nodes:
                nodes[okey], asserted[okey] = o, set()
    out = list(triples)
    added: dict[frozenset[Node], list[Node]] = {}
    ckg = str(CKG)
    for key, node in nodes.items():
        types = asserted[key]
        known = frozenset(types | index.node_types.get(node, frozenset()))
        if known not in added:
            added[known] = [c for c in index.closed(known) if c in relevant or str(c).startswith(ckg)]
        out += [(node, RDF.type, cls) for cls in added[known] if cls not in types]
        name = index.node_names.get(node)
        if name is not None and key not in named:
            out.append((node, RDFS.label, name))
    return out


def with_types(data: Graph, index: TypeIndex, *, relevant: frozenset[Node]) -> Graph:
    """A copy of ``data`` plus the superclass-closed types (and known names) of all its nodes."""
    work = _PreparedQueryGraph()
    for triple in typed_triples(list(data), index, relevant=relevant):
        work.add(triple)
    return work


# ---------------------------------------------------------------------------------------------------------
# Validating
# ---------------------------------------------------------------------------------------------------------


Data = Graph | Dataset | Sequence[Triple]


def _as_graph(data: Data) -> Graph:
    if isinstance(data, Dataset):
        union = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(data, Graph):
        return data
    graph = Graph()
    for triple in data:
        graph.add(triple)
    return graph


def _triples(data: Data) -> list[Triple]:
    if isinstance(data, Dataset):
        return list(_as_graph(data))
    return list(data)  # type: ignore[arg-type]


ENGINES = ("compiled", "pyshacl")


def _choose_engine(shapes: Graph, engine: str | None) -> tuple[CompiledEngine | None, str | None]:
    """The compiled engine (or None for pyshacl) and a note when the default had to fall back."""
    if engine is not None and engine not in ENGINES:
        raise InputError(f"unknown validation engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "pyshacl":
        return None, None
    try:
        return engine_for(shapes), None
    except Unsupported as exc:
        if engine == "compiled":
            raise
        return None, f"validated with pyshacl: {exc}"


def validate(
    data: Data,
    *,
    shapes: Graph | None = None,
    reference: Graph | None = None,
    engine: str | None = None,
) -> ValidationReport:
    """Validate ``data`` (a graph, a list of triples, or a Dataset: the union of its graphs).

    ``reference`` adds knowledge to the type index (extra ``rdf:type``, ``rdfs:subClassOf``, labels).
    ``engine``: ``"compiled"`` (the default when the shapes use only compiled features) or ``"pyshacl"``.
    """
    return validate_many([data], shapes=shapes, reference=reference, engine=engine)[0]


def validate_many(
    graphs: Sequence[Data],
    *,
    shapes: Graph | None = None,
    reference: Graph | None = None,
    engine: str | None = None,
) -> list[ValidationReport]:
    """Validate several graphs (e.g. articles) separately, one report each; the compiled engine runs
    the SPARQL constraints of the whole batch in one query."""
    shapes_graph = shapes if shapes is not None else load_shapes()
    index = reference_index()
    if reference is not None:
        index = index.merged(index_graph(reference))
    relevant = _relevant_classes(shapes_graph)
    compiled, note = _choose_engine(shapes_graph, engine)
    typed = [typed_triples(_triples(d), index, relevant=relevant) for d in graphs]
    if compiled is None:
        return [_pyshacl_report(d, t, shapes_graph, note) for d, t in zip(graphs, typed, strict=True)]
    per_graph = compiled.results(typed)
    return [
        _compiled_report(d, results, shapes_graph) for d, results in zip(graphs, per_graph, strict=True)
    ]


def _pyshacl_report(data: Data, typed: list[Triple], shapes: Graph, note: str | None) -> ValidationReport:
    work = _PreparedQueryGraph()
    for triple in typed:
        work.add(triple)
    conforms, report, _ = pyshacl.validate(
        work, shacl_graph=shapes, inference="none", advanced=True, inplace=True, allow_warnings=True
    )
    if not isinstance(report, Graph):  # pyshacl reports a broken shapes graph this way
        raise KgError(f"SHACL validation could not run: {' '.join(str(report).split())[:300]}")
    return ValidationReport(
        conforms=bool(conforms),
        violations=violations_of_report(report, _as_graph(data), shapes),
        report_graph=report,
        engine="pyshacl",
        note=note,
    )


def _compiled_report(data: Data, results: list[ShaclResult], shapes: Graph) -> ValidationReport:
    graph = _as_graph(data) if results else Graph()  # only needed to find the sentences of results
    found = {
        Violation(
            focus_node=r.focus,
            path=path_text(r.path, (shapes,)),
            message=min((str(m) for m in r.messages), default="(no message)"),
            severity=str(r.severity).rsplit("#", 1)[-1],
            value=r.value,
            sentence_text=sentence_of(graph, r.focus),
            shape=r.shape,
        )
        for r in results
    }
    return ValidationReport(
        conforms=not any(r.severity == SH.Violation for r in results),
        violations=sorted(found, key=violation_order),
        report_graph=report_graph(results, shapes),
        engine="compiled",
    )


def _read_graph(path: str, *, fmt: str | None) -> Graph:
    from kg.formats import read_quads
    from kg.store import to_rdflib

    graph = Graph()
    for quad in read_quads(path, fmt=fmt):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    if len(graph) == 0:
        raise InputError(f"{path}: no RDF triples to validate")
    return graph


def validate_files(paths: Sequence[str | Path], *, fmt: str | None = None) -> ValidationReport:
    """Parse RDF files (``-`` = stdin) into one graph and validate it.

    Malformed RDF raises :class:`InputError` ``FILE:LINE:COLUMN: …``; an unknown ``fmt`` raises
    :class:`kg.errors.FormatError`.
    """
    if not paths:
        raise InputError("no RDF files given to validate")
    graph = Graph()
    for path in paths:
        graph += _read_graph(str(path), fmt=fmt)
    return validate(graph)


def _store_graphs(store_path: str | Path) -> Iterator[tuple[str, Graph]]:
    from kg.store import ARTICLE_GRAPH_PREFIX, KgStore, to_rdflib

    with KgStore(store_path, read_only=True) as store:
        for graph_iri in store.named_graphs():
            if graph_iri.startswith(ARTICLE_GRAPH_PREFIX):
                graph = Graph()
                for t in store.graph_triples(graph_iri):
                    graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
                yield graph_iri, graph


def validate_store(store_path: str | Path, *, graph: str | None = None) -> ValidationReport:
    """Validate every article graph in the store (or only ``graph``), separately, in one report."""
    reports: list[ValidationReport] = []
    batch: list[Graph] = []
    for iri, data in _store_graphs(store_path):
        if graph is None or iri == graph:
            batch.append(data)
        if len(batch) == 32:
            reports += validate_many(batch)
            batch = []
    reports += validate_many(batch) if batch else []
    if graph is not None and not reports:
        raise InputError(f"{store_path}: no article graph {graph}")
    return combine(reports)
