"""SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``) run as ONE pyoxigraph query per batch.

Each constraint becomes a branch ``GRAPH ?g { <focus nodes of its shape> { <its SELECT> } }`` of a UNION,
tagged with its number; the article graphs of a batch are named graphs of one in-memory store, so the
query gives the results of every constraint for every article at once. The shape's targets are written
as SPARQL patterns (``sh:targetClass`` as ``rdf:type/rdfs:subClassOf*``) followed by the WHERE group of the
constraint's query, so ``$this`` (the same variable as ``?this`` in SPARQL) is bound by them. That equals
SHACL's pre-binding when the query is a plain SELECT whose first pattern uses ``$this``, which
:func:`compile_sparql_constraints` checks (else it raises :class:`Unsupported`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.namespaces import SH
from kg.shacl_compiled import Unsupported
from kg.store import to_ox, to_rdflib

Triple = tuple[Node, Node, Node]
_GRAPH_PREFIX = "urn:x-kg-validate:"
_SIMPLE_SELECT = re.compile(
    r"^\s*SELECT\s+(?:DISTINCT\s+)?(?P<vars>[?$][^{]*?)\s*WHERE\s*\{(?P<body>\s*\$this\s.*)\}\s*$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` constraint of one shape."""

    shape: Node
    constraint: Node
    select: str  # with PREFIX declarations
    messages: tuple[Literal, ...]
    severity: URIRef


@dataclass(frozen=True)
class SparqlResult:
    batch_index: int  # which data graph of the batch
    constraint: SparqlConstraint
    focus: Node
    path: Node | None
    value: Node | None


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for owner in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(owner, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _messages(shapes: Graph, node: Node) -> tuple[Literal, ...]:
    return tuple(m for m in shapes.objects(node, SH.message) if isinstance(m, Literal))


def _focus_pattern(shapes: Graph, shape: Node) -> str:
    rdf, sub = (
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf>",
    )
    branches = [f"{{ ?this {rdf}/{sub}* {to_ox(c)} }}" for c in shapes.objects(shape, SH.targetClass)]
    branches += [f"{{ ?this {to_ox(p)} ?_t }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    branches += [f"{{ ?_t {to_ox(p)} ?this }}" for p in shapes.objects(shape, SH.targetObjectsOf)]
    branches += [f"{{ VALUES ?this {{ {to_ox(n)} }} }}" for n in shapes.objects(shape, SH.targetNode)]
    return " UNION ".join(branches)


def compile_sparql_constraints(shapes: Graph, shape_nodes: Iterable[Node]) -> list[SparqlConstraint]:
    """The ``sh:sparql`` constraints of the given (targeted) shapes."""
    found = []
    for shape in shape_nodes:
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        for constraint in sorted(shapes.objects(shape, SH.sparql), key=str):
            if shapes.value(constraint, SH.deactivated) == Literal(True):
                continue
            select = shapes.value(constraint, SH.select)
            if select is None:
                raise Unsupported(f"sh:sparql constraint of {shape} without sh:select")
            if _SIMPLE_SELECT.match(str(select)) is None:
                raise Unsupported(
                    f"sh:sparql constraint of {shape}: not a plain SELECT whose first pattern binds $this"
                )
            severity = shapes.value(shape, SH.severity) or SH.Violation
            messages = _messages(shapes, constraint) or _messages(shapes, shape)
            found.append(
                SparqlConstraint(
                    shape,
                    constraint,
                    f"{_prefixes(shapes, constraint)}\n{select}",
                    messages,
                    severity,  # type: ignore[arg-type]
                )
            )
    return found


def _body(select: str) -> str:
    """The WHERE group of a plain SELECT, its unprojected ``?path`` renamed so it cannot leak out."""
    match = _SIMPLE_SELECT.match(select)
    assert match is not None  # checked by compile_sparql_constraints
    body = match.group("body")
    if not re.search(r"[?$]path\b", match.group("vars")):
        body = re.sub(r"[?$]path\b", "?_path", body)
    return body


def union_query(shapes: Graph, constraints: Sequence[SparqlConstraint]) -> str:
    """One SELECT ?k ?g ?this ?path ?value over all constraints, each inside ``GRAPH ?g``.

    The WHERE group of each constraint is inlined after its focus pattern (not kept as a sub-SELECT:
    pyoxigraph does not scope a sub-SELECT to the enclosing ``GRAPH ?g``).
    """
    prologue: dict[str, None] = {}
    branches = []
    for number, item in enumerate(constraints):
        lines = item.select.splitlines()
        prologue.update(dict.fromkeys(line for line in lines if line.startswith("PREFIX ")))
        select = "\n".join(line for line in lines if not line.startswith("PREFIX "))
        focus = _focus_pattern(shapes, item.shape)
        branches.append(f"{{ GRAPH ?g {{ {focus} {_body(select)} }} BIND({number} AS ?k) }}")
    head = "SELECT DISTINCT ?k ?g ?this ?path ?value WHERE {"
    return "\n".join([*prologue, head, "\nUNION\n".join(branches), "}"])


class BatchStore:
    """Data graphs of a batch as named graphs of one in-memory pyoxigraph store.

    Terms are converted without rdflib's slow literal hashing: IRIs through a cache keyed by plain str.
    Results come back through :func:`kg.store.to_rdflib`: exact for IRIs and blank nodes; a literal comes
    back in pyoxigraph's canonical form (the constraints here only return nodes as values).
    """

    def __init__(self, graphs: Sequence[Iterable[Triple]]) -> None:
        self.store = ox.Store()
        iris: dict[str, ox.NamedNode] = {}
        quads = []
        for index, triples in enumerate(graphs):
            graph_name = ox.NamedNode(f"{_GRAPH_PREFIX}{index}")
            for s, p, o in triples:
                quads.append(ox.Quad(_ox(s, iris), _ox(p, iris), _ox(o, iris), graph_name))  # type: ignore[arg-type]
        self.store.extend(quads)


def _ox(term: Node, iris: dict[str, ox.NamedNode]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if type(term) is URIRef:
        key = str(term)
        found = iris.get(key)
        if found is None:
            found = iris[key] = ox.NamedNode(key)
        return found
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=_ox(term.datatype, iris))  # type: ignore[arg-type]
        return ox.Literal(str(term))
    return to_ox(term)


def run_sparql_constraints(
    shapes: Graph, constraints: Sequence[SparqlConstraint], graphs: Sequence[Iterable[Triple]], *, query: str
) -> Iterator[SparqlResult]:
    """The results of every constraint on every data graph (``query`` is :func:`union_query`'s)."""
    if not constraints:
        return
    batch = BatchStore(graphs)
    for row in batch.store.query(query):  # type: ignore[union-attr]
        focus, path, value = row["this"], row["path"], row["value"]
        if focus is None:
            continue
        yield SparqlResult(
            batch_index=int(row["g"].value[len(_GRAPH_PREFIX) :]),
            constraint=constraints[int(row["k"].value)],
            focus=to_rdflib(focus),
            path=None if path is None else to_rdflib(path),
            value=None if value is None else to_rdflib(value),
        )
