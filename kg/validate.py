"""SHACL validation of article graphs against ``shapes/*.ttl``, with a report a person can read.

pyshacl is not given the ontology (that would be slow). Instead a *type index* is built once from the
ontology and the gazetteer: the superclasses of every class, and the types and labels of every gazetteer
IRI. Before validating, a copy of the data graph gets the superclass-closed ``rdf:type`` of each of its
nodes (and the gazetteer label of known IRIs), so ``sh:targetClass ckg:Event`` reaches a ``ckg:Offensive``
and ``sh:class ckg:Actor`` accepts ``id:actor/hts`` although its type lives in the gazetteer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import RDF, RDFS, BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import InputError, KgError
from kg.namespaces import CKG, OA, PREFIXES, PROV, SH
from kg.resources import SHAPES_DIR
from kg.shacl_compiled import Unsupported
from kg.shacl_engine import CompiledEngine, ShaclResult, engine_for, report_graph
from kg.type_index import NAME_PREDICATES, TypeIndex, index_graph, parse_turtle_dir, reference_index

__all__ = ["TypeIndex", "index_graph", "reference_index", "validate", "validate_many", "with_types"]
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


def typed_triples(triples: Sequence[Triple], index: TypeIndex, *, relevant: frozenset[Node]) -> list[Triple]:
    """``triples`` (distinct) plus the superclass-closed types (and known names) of all their nodes."""
    asserted: dict[Node, set[Node]] = {}
    named: set[Node] = set()
    for s, p, o in triples:
        types = asserted.setdefault(s, set())
        if p == RDF.type:
            types.add(o)
        elif p in NAME_PREDICATES:
            named.add(s)
        if isinstance(o, URIRef | BNode) and o not in asserted:
            asserted[o] = set()
    out = list(triples)
    added: dict[frozenset[Node], list[Node]] = {}
    ckg = str(CKG)
    for node, types in asserted.items():
        key = frozenset(types | index.node_types.get(node, frozenset()))
        if key not in added:
            added[key] = [c for c in index.closed(key) if c in relevant or str(c).startswith(ckg)]
        out += [(node, RDF.type, cls) for cls in added[key] if cls not in types]
        name = index.node_names.get(node)
        if name is not None and node not in named:
            out.append((node, RDFS.label, name))
    return out


def with_types(data: Graph, index: TypeIndex, *, relevant: frozenset[Node]) -> Graph:
    """A copy of ``data`` plus the superclass-closed types (and known names) of all its nodes."""
    work = _PreparedQueryGraph()
    for triple in typed_triples(list(data), index, relevant=relevant):
        work.add(triple)
    return work


# ---------------------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """One SHACL result, with the sentence the offending node was extracted from (when known)."""

    focus_node: Node
    path: str | None  # the property path, prefixed ("ckg:qualifier", "ckg:party|ckg:fromParty")
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: Node | None = None
    sentence_text: str | None = None
    shape: Node | None = None


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    report_graph: Graph
    engine: str = "pyshacl"  # which engine made the report
    note: str | None = None  # e.g. why the compiled engine was not used

    def as_text(self) -> str:
        """A summary line, then one block per result: focus node, path, message, value, the sentence."""
        counts = Counter(v.severity for v in self.violations)
        kinds = ("Violation", "Warning", "Info")
        summary = ", ".join(_plural(counts[s], s.lower()) for s in kinds if counts[s])
        lines = [f"Conforms: {'yes' if self.conforms else 'no'} ({summary or '0 violations'})"]
        for item in self.violations:
            lines += ["", f"{item.severity}: {short_name(item.focus_node)}"]
            if item.path:
                lines.append(f"  path:     {item.path}")
            lines.append(f"  message:  {item.message}")
            if item.value is not None:
                lines.append(f"  value:    {short_name(item.value)}")
            if item.sentence_text:
                lines.append(f"  sentence: \"{' '.join(item.sentence_text.split())}\"")
        return "\n".join(lines) + "\n"

    def as_rdf(self, fmt: str = "turtle") -> str:
        """The SHACL validation report graph, serialised (default Turtle)."""
        for prefix, iri in PREFIXES.items():
            self.report_graph.bind(prefix, iri, override=True, replace=True)
        return self.report_graph.serialize(format=fmt)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def short_name(node: Node) -> str:
    """A node as a person reads it: prefixed IRI (``id:actor/hts``), quoted literal, or ``_:b0``."""
    if isinstance(node, Literal):
        text = f'"{node}"'
        if node.language:
            return f"{text}@{node.language}"
        return f"{text}^^{short_name(node.datatype)}" if node.datatype else text
    if isinstance(node, BNode):
        return f"_:{node}"
    iri = str(node)
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _path_text(path: Node | None, graphs: Sequence[Graph]) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return short_name(path)
    for graph in graphs:
        if graph.value(path, RDF.first) is not None:  # a sequence path
            return "/".join(_path_text(p, graphs) or "?" for p in Collection(graph, path))
        alternatives = graph.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(_path_text(p, graphs) or "?" for p in Collection(graph, alternatives))
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{_path_text(inverse, graphs)}"
    return short_name(path)


def sentence_of(data: Graph, node: Node) -> str | None:
    """The text (``oa:exact``) of the sentence ``node`` was derived from, found through the data."""
    sentence = _sentence_node(data, node)
    if sentence is None:
        for owner in data.subjects(OA.hasSelector, node):
            sentence = _sentence_node(data, owner)
    if sentence is None:
        return None
    for selector in data.objects(sentence, OA.hasSelector):
        exact = data.value(selector, OA.exact)
        if exact is not None:
            return str(exact)
    return None


def _sentence_node(data: Graph, node: Node) -> Node | None:
    if (node, RDF.type, CKG.Sentence) in data:
        return node
    for predicate in (PROV.wasDerivedFrom, CKG.inSentence):
        found = data.value(node, predicate, any=True)
        if found is not None:
            return found
    for mention in data.subjects(CKG.denotes, node):
        found = data.value(mention, CKG.inSentence, any=True)
        if found is not None:
            return found
    return None


def _violations(report: Graph, data: Graph, shapes: Graph) -> list[Violation]:
    found: set[Violation] = set()
    for result in report.objects(None, SH.result):  # top-level results, not nested sh:detail ones
        focus = report.value(result, SH.focusNode)
        if focus is None:
            continue
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        severity = report.value(result, SH.resultSeverity)
        found.add(
            Violation(
                focus_node=focus,
                path=_path_text(report.value(result, SH.resultPath), (report, shapes)),
                message=messages[0] if messages else "(no message)",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                value=report.value(result, SH.value),
                sentence_text=sentence_of(data, focus),
                shape=report.value(result, SH.sourceShape),
            )
        )
    return sorted(found, key=_violation_order)


# ---------------------------------------------------------------------------------------------------------
# Validating
# ---------------------------------------------------------------------------------------------------------


def _as_graph(data: Graph | Dataset) -> Graph:
    if isinstance(data, Dataset):
        union = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return data


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
    data: Graph | Dataset,
    *,
    shapes: Graph | None = None,
    reference: Graph | None = None,
    engine: str | None = None,
) -> ValidationReport:
    """Validate ``data`` (a Dataset: the union of its graphs) against the shapes.

    ``reference`` adds knowledge to the type index (extra ``rdf:type``, ``rdfs:subClassOf``, labels).
    ``engine``: ``"compiled"`` (the default when the shapes use only compiled features) or ``"pyshacl"``.
    """
    return validate_many([data], shapes=shapes, reference=reference, engine=engine)[0]


def validate_many(
    graphs: Sequence[Graph | Dataset],
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
    datas = [_as_graph(d) for d in graphs]
    typed = [typed_triples(list(d), index, relevant=relevant) for d in datas]
    if compiled is None:
        return [_pyshacl_report(d, t, shapes_graph, note) for d, t in zip(datas, typed, strict=True)]
    per_graph = compiled.results(typed)
    return [
        _compiled_report(d, results, shapes_graph) for d, results in zip(datas, per_graph, strict=True)
    ]


def _pyshacl_report(data: Graph, typed: list[Triple], shapes: Graph, note: str | None) -> ValidationReport:
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
        violations=_violations(report, data, shapes),
        report_graph=report,
        engine="pyshacl",
        note=note,
    )


def _compiled_report(data: Graph, results: list[ShaclResult], shapes: Graph) -> ValidationReport:
    found = {
        Violation(
            focus_node=r.focus,
            path=_path_text(r.path, (shapes,)),
            message=min((str(m) for m in r.messages), default="(no message)"),
            severity=str(r.severity).rsplit("#", 1)[-1],
            value=r.value,
            sentence_text=sentence_of(data, r.focus),
            shape=r.shape,
        )
        for r in results
    }
    return ValidationReport(
        conforms=not any(r.severity == SH.Violation for r in results),
        violations=sorted(found, key=_violation_order),
        report_graph=report_graph(results, shapes),
        engine="compiled",
    )


def _violation_order(v: Violation) -> tuple[str, str, str, str]:
    return (str(v.focus_node), v.path or "", v.message, str(v.value))


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
    """Validate every article graph in the store (or only ``graph``), one by one, in one report."""
    reports = [validate(data) for iri, data in _store_graphs(store_path) if graph is None or iri == graph]
    if graph is not None and not reports:
        raise InputError(f"{store_path}: no article graph {graph}")
    return combine(reports)


def combine(reports: Sequence[ValidationReport]) -> ValidationReport:
    """One report for several validations: conforms when all do; results of all under one report node."""
    graph = Graph()
    node = BNode()
    conforms = all(r.conforms for r in reports)
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(conforms)))
    for report in reports:
        old_nodes = set(report.report_graph.subjects(RDF.type, SH.ValidationReport))
        for triple in report.report_graph:
            if triple[0] not in old_nodes:
                graph.add(triple)
        for result in report.report_graph.subjects(RDF.type, SH.ValidationResult):
            graph.add((node, SH.result, result))
    violations = sorted(
        {v for r in reports for v in r.violations}, key=lambda v: (str(v.focus_node), v.path or "", v.message)
    )
    return ValidationReport(conforms=conforms, violations=violations, report_graph=graph)
