"""The compiled SHACL engine: Core checks (:mod:`kg.shacl_compiled`) plus SHACL-SPARQL constraints
(:mod:`kg.shacl_sparql`), over a batch of data graphs, giving pyshacl-shaped results per graph.

Also builds the SHACL validation report graph (``sh:ValidationReport`` with one ``sh:result`` per result,
complex paths copied from the shapes graph) so reports look the same whichever engine made them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.namespaces import SH
from kg.shacl_compiled import CompiledShapes, DataIndex, focus_nodes, rdf_term, targeted_shapes
from kg.shacl_sparql import SparqlConstraint, compile_sparql_constraints, run_sparql_constraints, union_query

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class ShaclResult:
    """One validation result, as in a SHACL report."""

    focus: Node
    path: Node | None
    value: Node | None
    shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    constraint: Node | None = None  # the sh:sparql node of a SPARQL constraint


class CompiledEngine:
    """A shapes graph compiled once (raises :class:`kg.shacl_compiled.Unsupported` when it cannot be)."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self.compiled = CompiledShapes(shapes)
        self.targeted = targeted_shapes(shapes)
        self.checks = {shape: self.compiled.checks_of(shape) for shape in self.targeted}
        self.sparql: list[SparqlConstraint] = compile_sparql_constraints(shapes, self.targeted)
        self.query = union_query(shapes, self.sparql)
        self._severity = {s: shapes.value(s, SH.severity) or SH.Violation for s in self._all_shapes()}
        self._messages = {s: _messages(shapes, s) for s in self._all_shapes()}

    def _all_shapes(self) -> set[Node]:
        return {c.shape for checks in self.checks.values() for c in checks}

    def core_results(self, triples: Sequence[Triple]) -> list[ShaclResult]:
        """Results of the SHACL Core constraints on one data graph."""
        data = DataIndex(triples)
        results: list[ShaclResult] = []
        for shape in self.targeted:
            checks = self.checks[shape]
            if not checks:
                continue
            for focus in focus_nodes(self.shapes, shape, data):
                for check in checks:
                    for value in check.failures(data, focus):
                        results.append(
                            ShaclResult(
                                rdf_term(focus),
                                check.path,
                                rdf_term(focus if check.values is None else value),
                                check.shape,
                                check.component,
                                self._severity[check.shape],  # type: ignore[arg-type]
                                self._messages[check.shape],
                            )  # fmt: skip
                        )
        return results

    def results(self, graphs: Sequence[Sequence[Triple]]) -> list[list[ShaclResult]]:
        """Results of all constraints, one list per data graph (SPARQL constraints in one query)."""
        per_graph = [self.core_results(triples) for triples in graphs]
        for found in run_sparql_constraints(self.shapes, self.sparql, graphs, query=self.query):
            item = found.constraint
            per_graph[found.batch_index].append(
                ShaclResult(
                    found.focus,
                    found.path,
                    found.value,
                    item.shape,
                    SH.SPARQLConstraintComponent,
                    item.severity,
                    item.messages,
                    item.constraint,
                )  # fmt: skip
            )
        return per_graph


def _messages(shapes: Graph, shape: Node) -> tuple[Literal, ...]:
    return tuple(m for m in shapes.objects(shape, SH.message) if isinstance(m, Literal))


@lru_cache(maxsize=4)
def _engine_cached(shapes_id: int, shapes: Graph) -> CompiledEngine:
    return CompiledEngine(shapes)


def engine_for(shapes: Graph) -> CompiledEngine:
    """The compiled engine of a shapes graph, cached while the graph object lives and keeps its size."""
    return _engine_cached(id(shapes) ^ len(shapes), shapes)


def _copy_path(path: Node, shapes: Graph, report: Graph) -> None:
    """Copy a blank-node path expression (and its lists) from the shapes graph into the report."""
    stack, seen = [path], set()
    while stack:
        node = stack.pop()
        if not isinstance(node, BNode) or node in seen:
            continue
        seen.add(node)
        for p, o in shapes.predicate_objects(node):
            report.add((node, p, o))
            stack.append(o)


def report_graph(results: Sequence[ShaclResult], shapes: Graph) -> Graph:
    """A SHACL validation report graph of the results."""
    report = Graph()
    root = BNode()
    conforms = not any(r.severity == SH.Violation for r in results)
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(conforms)))
    for result in results:
        node = BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, result.focus))
        report.add((node, SH.sourceShape, result.shape))
        report.add((node, SH.sourceConstraintComponent, result.component))
        report.add((node, SH.resultSeverity, result.severity))
        for message in result.messages:
            report.add((node, SH.resultMessage, message))
        if result.path is not None:
            report.add((node, SH.resultPath, result.path))
            _copy_path(result.path, shapes, report)
        if result.value is not None:
            report.add((node, SH.value, result.value))
        if result.constraint is not None:
            report.add((node, SH.sourceConstraint, result.constraint))
    return report
