"""The type index SHACL validation relies on: superclasses of classes (from the ontology) and the types and
names of known IRIs (from the gazetteer). See :mod:`kg.validate` for why it exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.errors import InputError
from kg.gazetteer import load_gazetteer
from kg.namespaces import rebase_text
from kg.ontology import load_ontology

NAME_PREDICATES = (RDFS.label, SKOS.prefLabel)


def parse_turtle_dir(directory: Path) -> Graph:
    """Every ``*.ttl`` file of a directory (rebased to the configured base IRI) in one graph."""
    graph = Graph()
    for path in sorted(directory.glob("*.ttl")):
        try:
            graph.parse(data=rebase_text(path.read_text(encoding="utf-8")), format="turtle")
        except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
            raise InputError(f"{path}: malformed Turtle: {' '.join(str(exc).split())[:200]}") from None
    return graph


@dataclass(frozen=True)
class TypeIndex:
    """Superclasses of classes, and types and names of known (gazetteer) IRIs."""

    superclasses: Mapping[Node, frozenset[Node]] = field(default_factory=dict)
    node_types: Mapping[Node, frozenset[Node]] = field(default_factory=dict)
    node_names: Mapping[Node, Literal] = field(default_factory=dict)

    def closed(self, types: Iterable[Node]) -> set[Node]:
        """The given classes with all their superclasses."""
        result: set[Node] = set()
        for cls in types:
            result.add(cls)
            result.update(self.superclasses.get(cls, ()))
        return result

    def merged(self, other: TypeIndex) -> TypeIndex:
        """This index with ``other``'s knowledge added (superclass sets re-closed over both)."""
        edges: dict[Node, set[Node]] = {c: set(s) for c, s in self.superclasses.items()}
        for cls, supers in other.superclasses.items():
            edges.setdefault(cls, set()).update(supers)
        types = {n: set(t) for n, t in self.node_types.items()}
        for node, extra in other.node_types.items():
            types.setdefault(node, set()).update(extra)
        names = {**other.node_names, **self.node_names}
        return TypeIndex(
            superclasses=_transitive(edges),
            node_types={n: frozenset(t) for n, t in types.items()},
            node_names=names,
        )


def _transitive(edges: Mapping[Node, Iterable[Node]]) -> dict[Node, frozenset[Node]]:
    closure: dict[Node, frozenset[Node]] = {}

    def visit(cls: Node, trail: frozenset[Node]) -> frozenset[Node]:
        if cls in closure:
            return closure[cls]
        found: set[Node] = set()
        for parent in edges.get(cls, ()):
            if parent not in trail:
                found.add(parent)
                found.update(visit(parent, trail | {parent}))
        closure[cls] = frozenset(found)
        return closure[cls]

    for cls in list(edges):
        visit(cls, frozenset({cls}))
    return closure


def index_graph(graph: Graph) -> TypeIndex:
    """A type index of a reference graph: its subclass axioms and the types and names of its IRIs."""
    edges: dict[Node, set[Node]] = {}
    for cls, parent in graph.subject_objects(RDFS.subClassOf):
        if isinstance(cls, URIRef) and isinstance(parent, URIRef) and cls != parent:
            edges.setdefault(cls, set()).add(parent)
    types: dict[Node, set[Node]] = {}
    for node, cls in graph.subject_objects(RDF.type):
        if isinstance(node, URIRef) and isinstance(cls, URIRef):
            types.setdefault(node, set()).add(cls)
    names: dict[Node, Literal] = {}
    for predicate in NAME_PREDICATES:
        for node, name in graph.subject_objects(predicate):
            if node in types and isinstance(name, Literal):
                names.setdefault(node, name)
    return TypeIndex(
        superclasses=_transitive(edges),
        node_types={n: frozenset(t) for n, t in types.items()},
        node_names=names,
    )


@lru_cache(maxsize=1)
def reference_index() -> TypeIndex:
    """The type index of the ontology (class hierarchy only) and the gazetteer (types and names). Cached."""
    ontology = index_graph(load_ontology())
    ontology = TypeIndex(superclasses=ontology.superclasses)  # ontology individuals are not data nodes
    return ontology.merged(index_graph(load_gazetteer()))
