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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.namespaces import SH
from kg.shacl_data import DataIndex, PathFn, Term, Unsupported, compile_path, distinct, plain, rdf_term

__all__ = [
    "CompiledShapes",
    "DataIndex",
    "Unsupported",
    "focus_nodes",
    "plain",
    "rdf_term",
    "targeted_shapes",
]
Test = Callable[[DataIndex, Term, list[Term]], Iterator[Term | None]]

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_IGNORED = {
    SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order, SH.group, SH.path,
    SH.property, SH.sparql, SH.flags, SH.declare, SH.prefixes, SH.select, SH.defaultValue, *TARGETS,
}  # fmt: skip


_NONE = object()  # "no failure" sentinel (a failure may be None: a count constraint has no value)


# --- value tests (one per constraint component) -------------------------------------------------------


_STRING_TYPES = (None, RDF.langString, XSD.string)


def _lexical(value: Node) -> str:
    """The string pyshacl's string constraints see (its ``value_node_to_string``)."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in _STRING_TYPES:
        return str(value.value)
    return str(value)


_NATIVE: dict[str, type | tuple[type, ...]] = {
    str(XSD.string): (str, bytes), str(RDF.langString): (str, bytes), str(XSD.integer): int,
    str(XSD.float): float, str(XSD.decimal): Decimal, str(XSD.boolean): bool, str(XSD.date): date,
    str(XSD.time): time, str(XSD.dateTime): datetime,
}  # fmt: skip


def _datatype_ok(value: Term, datatype: Node) -> bool:
    """pyshacl's sh:datatype rule: the datatype matches and the lexical form is well-typed."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if getattr(value, "ill_typed", None) is True:
            return False
        native = _NATIVE.get(str(datatype))
        return native is None or isinstance(value.value, native)
    if datatype == RDFS.Literal:
        return True
    if datatype == RDFS.Datatype:
        return value.datatype is not None
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return isinstance(value.value, str | bytes)
    return datatype == RDF.langString and bool(value.language)


def _range_ok(value: Node, bound: Literal, accept: Callable[[int], bool]) -> bool:
    """pyshacl's sh:minInclusive & co.: IRIs, blank nodes and string/number mixes fail."""
    if not isinstance(value, Literal):
        return False
    if isinstance(bound.value, str) != isinstance(value.value, str):
        return False
    a, b = value.value, bound.value
    if type(a) is int and type(b) is int:  # the common case, as compare_literal decides it, fast
        return accept((a > b) - (a < b))
    try:
        return accept(compare_literal(value, bound))
    except (TypeError, NotImplementedError):
        return False


_NODE_KINDS: dict[Node, tuple[str, ...]] = {
    SH.IRI: ("iri",), SH.Literal: ("literal",), SH.BlankNode: ("blank",), SH.BlankNodeOrIRI: ("blank", "iri"),
    SH.BlankNodeOrLiteral: ("blank", "literal"), SH.IRIOrLiteral: ("iri", "literal"),
}  # fmt: skip


def _kind(value: Term) -> str:
    if type(value) is str:
        return "iri"
    return "literal" if isinstance(value, Literal) else "blank"


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


def _ordered(value: Term, other: Term, *, strict: bool) -> bool:
    """pyshacl's sh:lessThan / sh:lessThanOrEquals comparison: strings (IRIs, string literals) with
    strings, other literals with rdflib's literal ordering; mixing the two fails."""
    a = value.value if isinstance(value, Literal) and isinstance(value.value, str) else value
    b = other.value if isinstance(other, Literal) and isinstance(other.value, str) else other
    if (type(a) is str) != (type(b) is str) or isinstance(a, BNode) or isinstance(b, BNode):
        return False
    try:
        return bool(a < b) if strict else bool(a <= b)
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
                test = self._test(shape, predicate, obj)
                checks.append(Check(shape, _component(predicate), path_node, values, test))
        return checks

    def _test(self, shape: Node, predicate: Node, obj: Node) -> Test:
        if predicate in (SH.minCount, SH.maxCount):
            bound = int(obj)  # type: ignore[call-overload]
            too_few = predicate == SH.minCount
            return lambda d, f, vs: iter([None] if (len(vs) < bound if too_few else len(vs) > bound) else [])
        if predicate in (SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint):
            return self._pair(predicate, obj)
        if predicate == SH.hasValue:
            wanted = plain(obj)
            return lambda d, f, vs: iter([] if wanted in vs else [None])
        ok = self._value_test(shape, predicate, obj)
        return lambda d, f, vs: (v for v in vs if not ok(d, v))

    def _value_test(self, shape: Node, predicate: Node, obj: Node) -> Callable[[DataIndex, Node], bool]:
        g = self.shapes
        if predicate == SH["class"]:
            cls = plain(obj)
            return lambda d, v: d.is_instance(v, cls)
        if predicate == SH.datatype:
            return lambda d, v: _datatype_ok(v, obj)
        if predicate == SH.nodeKind:
            kinds = _NODE_KINDS[obj]
            return lambda d, v: _kind(v) in kinds
        if predicate == SH["in"]:
            allowed = {plain(m) for m in _members(g, obj)}
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
            least, most = {SH["or"]: (1, len(members)), SH["and"]: (len(members),) * 2, SH.xone: (1, 1)}[
                predicate  # type: ignore[index]
            ]
            return lambda d, v: least <= sum(1 for m in members if self.conforms(m, d, v)) <= most
        raise Unsupported(f"SHACL constraint {predicate} (on shape {shape}) is not compiled")

    def _pair(self, predicate: Node, other: Node) -> Test:
        other_key = str(other)

        def test(data: DataIndex, focus: Term, values: list[Term]) -> Iterator[Term | None]:
            others = data.objects(focus, other_key)
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
    found: list[Term] = []
    for cls in shapes.objects(shape, SH.targetClass):
        found += data.instances(plain(cls))
    for predicate in map(str, shapes.objects(shape, SH.targetSubjectsOf)):
        found += [s for s, preds in data.out.items() if predicate in preds]
    for predicate in map(str, shapes.objects(shape, SH.targetObjectsOf)):
        found += [o for o, preds in data.inc.items() if predicate in preds]
    found += [plain(n) for n in shapes.objects(shape, SH.targetNode)]
    return distinct(found)


def targeted_shapes(shapes: Graph) -> list[Node]:
    """Shapes with at least one target, in a stable order."""
    return sorted({s for t in TARGETS for s in shapes.subjects(t, None)}, key=str)
