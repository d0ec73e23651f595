"""Compiled SHACL: the shapes turned once into Python checks, giving pyshacl's results in milliseconds.

SHACL Core constraints become small functions over an index of the article's triples (subject → predicate
→ objects); they test the *rdflib* terms exactly as pyshacl does (its literal comparison, its datatype and
pattern rules), so a report lists the same focus node, path, value, source shape and severity. SHACL-SPARQL
constraints (``sh:sparql``) run in pyoxigraph, see :mod:`kg.shacl_sparql`.

Literal checks are not done in SPARQL on purpose: pyoxigraph stores literals in canonical form
(``"007"^^xsd:nonNegativeInteger`` becomes ``"7"^^xsd:integer``), which would change ``sh:datatype`` and
``sh:pattern`` results. A shapes graph using a feature not compiled here raises :class:`Unsupported`, and
:mod:`kg.validate` falls back to pyshacl.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import SH

Triple = tuple[Node, Node, Node]
PathFn = Callable[["DataIndex", Node], list[Node]]
Test = Callable[["DataIndex", Node, list[Node]], Iterator[Node | None]]

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_IGNORED = {
    SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order, SH.group, SH.path,
    SH.property, SH.sparql, SH.flags, SH.declare, SH.prefixes, SH.select, SH.defaultValue, *TARGETS,
}  # fmt: skip


_NONE = object()  # "no failure" sentinel (a failure may be None: a count constraint has no value)


class Unsupported(KgError):
    """The shapes use a SHACL feature the compiled engine does not implement."""


class DataIndex:
    """The triples of one data graph, indexed by subject and (for inverse paths) by object."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.out: dict[Node, dict[Node, list[Node]]] = {}
        self.inc: dict[Node, dict[Node, list[Node]]] = {}
        for s, p, o in triples:
            self.out.setdefault(s, {}).setdefault(p, []).append(o)
            self.inc.setdefault(o, {}).setdefault(p, []).append(s)
        self._subclasses: dict[Node, set[Node]] = {}

    def objects(self, node: Node, predicate: Node) -> list[Node]:
        return self.out.get(node, {}).get(predicate, [])

    def subjects(self, predicate: Node, node: Node) -> list[Node]:
        return self.inc.get(node, {}).get(predicate, [])

    def subclasses(self, cls: Node) -> set[Node]:
        """``cls`` and its subclasses in the data (``rdfs:subClassOf*``, as SHACL class targets use)."""
        if cls not in self._subclasses:
            found, stack = {cls}, [cls]
            while stack:
                for sub in self.subjects(RDFS.subClassOf, stack.pop()):
                    if sub not in found:
                        found.add(sub)
                        stack.append(sub)
            self._subclasses[cls] = found
        return self._subclasses[cls]

    def instances(self, cls: Node) -> Iterator[Node]:
        for sub in self.subclasses(cls):
            yield from self.subjects(RDF.type, sub)

    def is_instance(self, node: Node, cls: Node) -> bool:
        if isinstance(node, Literal):
            return False
        classes = self.subclasses(cls)
        return any(t in classes for t in self.objects(node, RDF.type))


def _distinct(nodes: Iterable[Node]) -> list[Node]:
    return list(dict.fromkeys(nodes))


# --- paths ------------------------------------------------------------------------------------------


def compile_path(shapes: Graph, path: Node) -> PathFn:
    """A function giving the value nodes of a SHACL property path from a focus node."""
    if isinstance(path, URIRef):
        return lambda data, node: data.objects(node, path)
    if shapes.value(path, RDF.first) is not None:
        steps = [compile_path(shapes, p) for p in Collection(shapes, path)]
        return lambda data, node: _sequence(steps, data, node)
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        options = [compile_path(shapes, p) for p in Collection(shapes, alternatives)]
        return lambda data, node: _distinct(v for f in options for v in f(data, node))
    inverse = shapes.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return lambda data, node: data.subjects(inverse, node)
    for predicate, least, most in (
        (SH.zeroOrMorePath, 0, None), (SH.oneOrMorePath, 1, None), (SH.zeroOrOnePath, 0, 1),
    ):  # fmt: skip
        inner = shapes.value(path, predicate)
        if inner is not None:
            step = compile_path(shapes, inner)
            return lambda data, node, s=step, lo=least, hi=most: _repeat(s, data, node, lo, hi)
    raise Unsupported(f"unsupported SHACL path {path!r}")


def _sequence(steps: list[PathFn], data: DataIndex, node: Node) -> list[Node]:
    current = [node]
    for step in steps:
        current = _distinct(v for n in current for v in step(data, n))
    return current


def _repeat(step: PathFn, data: DataIndex, node: Node, least: int, most: int | None) -> list[Node]:
    found: dict[Node, None] = {node: None} if least == 0 else {}
    frontier, depth = [node], 0
    while frontier and (most is None or depth < most):
        depth += 1
        nxt = [v for n in frontier for v in step(data, n) if v not in found]
        found.update(dict.fromkeys(nxt))
        frontier = _distinct(nxt)
    return list(found)


# --- value tests (one per constraint component) -------------------------------------------------------


def _lexical(value: Node) -> str:
    """The string pyshacl's string constraints see (its ``value_node_to_string``)."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        return str(value.value)
    return str(value)


def _datatype_ok(value: Node, datatype: Node) -> bool:
    """pyshacl's sh:datatype rule: the datatype matches and the lexical form is well-typed."""
    if not isinstance(value, Literal):
        return False
    if datatype == RDFS.Literal:
        return True
    if datatype == XSD.string and value.datatype is None and value.language is None:
        return True
    if datatype == RDF.langString:
        return bool(value.language)
    if value.datatype != datatype or getattr(value, "ill_typed", None) is True:
        return False
    native = {XSD.integer: int, XSD.decimal: __import__("decimal").Decimal, XSD.boolean: bool}.get(datatype)
    return native is None or isinstance(value.value, native)


def _range_ok(value: Node, bound: Literal, accept: Callable[[int], bool]) -> bool:
    """pyshacl's sh:minInclusive & co.: IRIs, blank nodes and string/number mixes fail."""
    if not isinstance(value, Literal):
        return False
    if isinstance(bound.value, str) != isinstance(value.value, str):
        return False
    try:
        return accept(compare_literal(value, bound))
    except (TypeError, NotImplementedError):
        return False


_NODE_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,), SH.Literal: (Literal,), SH.BlankNode: (BNode,), SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal),
}  # fmt: skip
_RANGES: dict[Node, Callable[[int], bool]] = {
    SH.minInclusive: lambda c: c >= 0, SH.minExclusive: lambda c: c > 0,
    SH.maxInclusive: lambda c: c <= 0, SH.maxExclusive: lambda c: c < 0,
}  # fmt: skip


def _pattern(shapes: Graph, shape: Node, pattern: Node) -> Callable[[Node], bool]:
    flags_text = str(shapes.value(shape, SH.flags) or "").lower()
    flags = (re.I if "i" in flags_text else 0) | (re.M if "m" in flags_text else 0)
    regex = re.compile(str(pattern), flags)
    return lambda v: not isinstance(v, BNode) and regex.search(_lexical(v)) is not None


def _members(shapes: Graph, head: Node) -> list[Node]:
    return list(Collection(shapes, head))


def _ordered(value: Node, other: Node, *, strict: bool) -> bool:
    """pyshacl's sh:lessThan / sh:lessThanOrEquals comparison of two nodes."""
    a = str(value) if isinstance(value, URIRef) else value
    b = str(other) if isinstance(other, URIRef) else other
    a_str = isinstance(a, str) or (isinstance(a, Literal) and isinstance(a.value, str))
    b_str = isinstance(b, str) or (isinstance(b, Literal) and isinstance(b.value, str))
    if a_str != b_str:
        return False
    a = a.value if isinstance(a, Literal) and a_str else a
    b = b.value if isinstance(b, Literal) and b_str else b
    try:
        return bool(a < b) if strict else bool(a <= b)  # type: ignore[operator]
    except TypeError:
        return False


# --- shapes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One constraint of one shape: which values it tests and how, and what a failure reports."""

    shape: Node
    component: URIRef
    path: Node | None
    values: PathFn | None  # None: the focus node itself is the value node
    test: Test

    def failures(self, data: DataIndex, focus: Node) -> Iterator[Node | None]:
        values = [focus] if self.values is None else self.values(data, focus)
        return self.test(data, focus, values)


@dataclass
class CompiledShapes:
    """Every shape of a shapes graph, compiled; ``checks_of`` and ``conforms`` work on any shape node."""

    shapes: Graph
    _checks: dict[Node, list[Check]] = field(default_factory=dict)

    def checks_of(self, shape: Node) -> list[Check]:
        if shape not in self._checks:
            self._checks[shape] = []  # a recursive shape sees itself as empty while being compiled
            self._checks[shape] = self._compile(shape)
        return self._checks[shape]

    def conforms(self, shape: Node, data: DataIndex, node: Node) -> bool:
        return all(next(c.failures(data, node), _NONE) is _NONE for c in self.checks_of(shape))

    def _compile(self, shape: Node) -> list[Check]:
        g = self.shapes
        if g.value(shape, SH.deactivated) == Literal(True):
            return []
        path_node = g.value(shape, SH.path)
        values = compile_path(g, path_node) if path_node is not None else None
        checks: list[Check] = []
        for predicate, obj in sorted(g.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
            if predicate == SH.property:
                if values is not None:
                    raise Unsupported(f"sh:property inside property shape {shape}")
                checks += self.checks_of(obj)
            elif predicate not in _IGNORED and str(predicate).startswith(str(SH)):
                checks.append(Check(shape, _component(predicate), path_node, values, self._test(shape, predicate, obj)))
        return checks

    def _test(self, shape: Node, predicate: Node, obj: Node) -> Test:
        g = self.shapes
        if predicate in (SH.minCount, SH.maxCount):
            bound = int(obj)  # type: ignore[call-overload]
            too_few = predicate == SH.minCount
            return lambda d, f, vs: iter([None] if (len(vs) < bound if too_few else len(vs) > bound) else [])
        if predicate in (SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint):
            return self._pair(predicate, obj)
        if predicate == SH.hasValue:
            return lambda d, f, vs: iter([] if obj in vs else [None])
        ok = self._value_test(shape, predicate, obj)
        return lambda d, f, vs: (v for v in vs if not ok(d, v))

    def _value_test(self, shape: Node, predicate: Node, obj: Node) -> Callable[[DataIndex, Node], bool]:
        g = self.shapes
        if predicate == SH["class"]:
            return lambda d, v: d.is_instance(v, obj)
        if predicate == SH.datatype:
            return lambda d, v: _datatype_ok(v, obj)
        if predicate == SH.nodeKind:
            kinds = _NODE_KINDS[obj]
            return lambda d, v: isinstance(v, kinds)
        if predicate == SH["in"]:
            allowed = set(_members(g, obj))
            return lambda d, v: v in allowed
        if predicate in _RANGES:
            bound, accept = obj, _RANGES[predicate]
            return lambda d, v: _range_ok(v, bound, accept)  # type: ignore[arg-type]
        if predicate == SH.pattern:
            match = _pattern(g, shape, obj)
            return lambda d, v: match(v)
        if predicate in (SH.minLength, SH.maxLength):
            n = int(obj)  # type: ignore[call-overload]
            if predicate == SH.minLength:
                return lambda d, v: n == 0 or (not isinstance(v, BNode) and len(_lexical(v)) >= n)
            return lambda d, v: not isinstance(v, BNode) and len(_lexical(v)) <= n
        if predicate == SH.node:
            return lambda d, v: self.conforms(obj, d, v)
        if predicate == SH["not"]:
            return lambda d, v: not self.conforms(obj, d, v)
        if predicate in (SH["or"], SH["and"], SH.xone):
            members = _members(g, obj)
            count = {SH["or"]: lambda n: n >= 1, SH["and"]: lambda n: n == len(members), SH.xone: lambda n: n == 1}
            accept = count[predicate]
            return lambda d, v: accept(sum(1 for m in members if self.conforms(m, d, v)))
        raise Unsupported(f"SHACL constraint {predicate} (on shape {shape}) is not compiled")

    def _pair(self, predicate: Node, other: Node) -> Test:
        def test(data: DataIndex, focus: Node, values: list[Node]) -> Iterator[Node | None]:
            others = data.objects(focus, other)
            if predicate == SH.disjoint:
                yield from (v for v in values if v in others)
            elif predicate == SH.equals:
                yield from (v for v in values if v not in others)
                yield from (o for o in others if o not in values)
            else:
                strict = predicate == SH.lessThan
                yield from (v for v in values for o in others if not _ordered(v, o, strict=strict))

        return test


def _component(predicate: Node) -> URIRef:
    name = str(predicate)[len(str(SH)) :]
    return SH[name[0].upper() + name[1:] + "ConstraintComponent"]


def focus_nodes(shapes: Graph, shape: Node, data: DataIndex) -> list[Node]:
    """The focus nodes of a shape's targets (class, subjects-of, objects-of, node) in the data."""
    found: list[Node] = []
    for cls in shapes.objects(shape, SH.targetClass):
        found += data.instances(cls)
    for predicate in shapes.objects(shape, SH.targetSubjectsOf):
        found += [s for s, preds in data.out.items() if predicate in preds]
    for predicate in shapes.objects(shape, SH.targetObjectsOf):
        found += [o for o, preds in data.inc.items() if predicate in preds]
    found += shapes.objects(shape, SH.targetNode)
    return _distinct(found)


def targeted_shapes(shapes: Graph) -> list[Node]:
    """Shapes with at least one target, in a stable order."""
    return sorted({s for t in TARGETS for s in shapes.subjects(t, None)}, key=str)
