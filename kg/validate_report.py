"""The validation report a person reads: each result with its focus node, path, message, value and the
sentence of the article the node was extracted from; and the SHACL report graph beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.namespaces import CKG, OA, PREFIXES, PROV, SH


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


def path_text(path: Node | None, graphs: Sequence[Graph]) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return short_name(path)
    for graph in graphs:
        if graph.value(path, RDF.first) is not None:  # a sequence path
            return "/".join(path_text(p, graphs) or "?" for p in Collection(graph, path))
        alternatives = graph.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(path_text(p, graphs) or "?" for p in Collection(graph, alternatives))
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{path_text(inverse, graphs)}"
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


def violations_of_report(report: Graph, data: Graph, shapes: Graph) -> list[Violation]:
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
                path=path_text(report.value(result, SH.resultPath), (report, shapes)),
                message=messages[0] if messages else "(no message)",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                value=report.value(result, SH.value),
                sentence_text=sentence_of(data, focus),
                shape=report.value(result, SH.sourceShape),
            )
        )
    return sorted(found, key=violation_order)


def violation_order(v: Violation) -> tuple[str, str, str, str]:
    return (str(v.focus_node), v.path or "", v.message, str(v.value))


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
