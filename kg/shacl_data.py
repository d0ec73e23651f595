"""The data side of the compiled SHACL engine: an index of the data triples and SHACL property paths.

Terms are held "plain": an IRI as a plain ``str`` (a dictionary key without rdflib's Python-level
``__eq__``), literals and blank nodes as rdflib terms. :func:`rdf_term` turns them back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import SH

Triple = tuple[Node, Node, Node]
Term = Any  # a plain str for an IRI, else an rdflib Literal or BNode (see plain())
PathFn = Callable[["DataIndex", Term], list[Term]]


class Unsupported(KgError):
    """The shapes use a SHACL feature the compiled engine does not implement."""


def plain(term: Node) -> Term:
    """An IRI as a plain ``str`` (a dictionary key without rdflib's Python-level ``__eq__``); other terms
    (literals, blank nodes) unchanged. The index and the compiled shapes hold terms this way."""
    return str(term) if type(term) is URIRef else term


def rdf_term(term: Term) -> Node:
    """The rdflib term of a :func:`plain` term."""
    return URIRef(term) if type(term) is str else term


_TYPE, _SUBCLASS = str(RDF.type), str(RDFS.subClassOf)


class DataIndex:
    """The triples of one data graph, by subject (types and subclass links also by object)."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.out: dict[Term, dict[str, list[Term]]] = {}
        self._by_object: dict[str, dict[Term, list[Term]]] = {_TYPE: {}, _SUBCLASS: {}}
        self._inc: dict[Term, dict[str, list[Term]]] | None = None
        out, by_object = self.out, self._by_object
        for subject, predicate, obj in triples:
            s: Term = str(subject) if type(subject) is URIRef else subject
            p = str(predicate)
            o: Term = str(obj) if type(obj) is URIRef else obj
            predicates = out.get(s)
            if predicates is None:
                predicates = out[s] = {}
            values = predicates.get(p)
            if values is None:
                predicates[p] = [o]
            else:
                values.append(o)
            if p in by_object:
                by_object[p].setdefault(o, []).append(s)
        self._subclasses: dict[Term, set[Term]] = {}

    def objects(self, node: Term, predicate: str) -> list[Term]:
        predicates = self.out.get(node)
        return predicates.get(predicate, []) if predicates is not None else []

    @property
    def inc(self) -> dict[Term, dict[str, list[Term]]]:
        """Object → predicate → subjects (built on first use: only inverse paths need it)."""
        if self._inc is None:
            self._inc = {}
            for s, predicates in self.out.items():
                for p, values in predicates.items():
                    for o in values:
                        self._inc.setdefault(o, {}).setdefault(p, []).append(s)
        return self._inc

    def subjects(self, predicate: str, node: Term) -> list[Term]:
        if predicate in self._by_object:
            return self._by_object[predicate].get(node, [])
        return self.inc.get(node, {}).get(predicate, [])

    def subclasses(self, cls: Term) -> set[Term]:
        """``cls`` and its subclasses in the data (``rdfs:subClassOf*``, as SHACL class targets use)."""
        if cls not in self._subclasses:
            found, stack = {cls}, [cls]
            while stack:
                for sub in self.subjects(_SUBCLASS, stack.pop()):
                    if sub not in found:
                        found.add(sub)
                        stack.append(sub)
            self._subclasses[cls] = found
        return self._subclasses[cls]

    def instances(self, cls: Term) -> Iterator[Term]:
        for sub in self.subclasses(cls):
            yield from self.subjects(_TYPE, sub)

    def is_instance(self, node: Term, cls: Term) -> bool:
        if isinstance(node, Literal):
            return False
        classes = self.subclasses(cls)
        return any(t in classes for t in self.objects(node, _TYPE))


def distinct(nodes: list[Term]) -> list[Term]:
    """The nodes without repeats, in order."""
    return list(dict.fromkeys(nodes)) if len(nodes) > 1 else nodes


# --- paths ------------------------------------------------------------------------------------------


def compile_path(shapes: Graph, path: Node) -> PathFn:
    """A function giving the value nodes of a SHACL property path from a focus node."""
    if isinstance(path, URIRef):
        key = str(path)
        return lambda data, node: data.objects(node, key)
    if shapes.value(path, RDF.first) is not None:
        steps = [compile_path(shapes, p) for p in Collection(shapes, path)]
        return lambda data, node: _sequence(steps, data, node)
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        options = [compile_path(shapes, p) for p in Collection(shapes, alternatives)]
        return lambda data, node: distinct([v for f in options for v in f(data, node)])
    inverse = shapes.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        inverse_key = str(inverse)
        return lambda data, node: data.subjects(inverse_key, node)
    for predicate, least, most in (
        (SH.zeroOrMorePath, 0, None), (SH.oneOrMorePath, 1, None), (SH.zeroOrOnePath, 0, 1),
    ):  # fmt: skip
        inner = shapes.value(path, predicate)
        if inner is not None:
            return _repeat_path(compile_path(shapes, inner), least, most)
    raise Unsupported(f"unsupported SHACL path {path!r}")


def _repeat_path(step: PathFn, least: int, most: int | None) -> PathFn:
    return lambda data, node: _repeat(step, data, node, least, most)


def _sequence(steps: list[PathFn], data: DataIndex, node: Node) -> list[Node]:
    current = [node]
    for step in steps:
        current = distinct([v for n in current for v in step(data, n)])
    return current


def _repeat(step: PathFn, data: DataIndex, node: Node, least: int, most: int | None) -> list[Node]:
    found: dict[Term, None] = {node: None} if least == 0 else {}
    frontier, depth = [node], 0
    while frontier and (most is None or depth < most):
        depth += 1
        nxt = [v for n in frontier for v in step(data, n) if v not in found]
        found.update(dict.fromkeys(nxt))
        frontier = distinct(nxt)
    return list(found)
