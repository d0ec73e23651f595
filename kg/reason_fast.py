"""The ``fast`` OWL RL engine: what the reference closure entails, compiled to integer tables.

Every RDF term is numbered once (IRIs by their plain string, so lookups never call rdflib's Python-level
``__eq__``); the rules cax-sco, prp-spo1, prp-dom, prp-rng, prp-inv, prp-symp, prp-trp and eq-rep run over
integer triples in a small fixpoint loop. :mod:`kg.reason` holds the engine to owlrl's result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
IdTriple = tuple[int, int, int]
Table = dict[int, tuple[int, ...]]


def term_key(term: Node) -> object:
    """A cheap, exact dictionary key: a plain str for an IRI, a tuple for blank nodes and literals."""
    if type(term) is URIRef:
        return str(term)
    if isinstance(term, Literal):
        return ("l", str(term), term.datatype, term.language)
    if isinstance(term, BNode):
        return ("b", str(term))
    return str(term)


class Vocabulary:
    """Terms numbered from 0; a per-article :meth:`extended` copy numbers new terms without changing this."""

    def __init__(self, ids: dict[object, int] | None = None, terms: list[Node] | None = None) -> None:
        self.ids: dict[object, int] = ids if ids is not None else {}
        self.terms: list[Node] = terms if terms is not None else []

    def id(self, term: Node) -> int:
        key = term_key(term)
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.terms)
            self.terms.append(term)
        return found

    def extended(self) -> Vocabulary:
        return _Overlay(self)

    def encode(self, triples: Iterable[Triple]) -> list[IdTriple]:
        number = self.id
        return [(number(s), number(p), number(o)) for s, p, o in triples]


class _Overlay(Vocabulary):
    def __init__(self, base: Vocabulary) -> None:
        super().__init__(dict(), list(base.terms))
        self.base = base.ids

    def encode(self, triples: Iterable[Triple]) -> list[IdTriple]:
        """Like :meth:`Vocabulary.encode`, inlined: this is most of the time of a small article."""
        base, local, terms = self.base, self.ids, self.terms
        out = []
        for triple in triples:
            ids = []
            for term in triple:
                key = str(term) if type(term) is URIRef else term_key(term)
                found = base.get(key)
                if found is None:
                    found = local.get(key)
                    if found is None:
                        found = local[key] = len(terms)
                        terms.append(term)
                ids.append(found)
            out.append((ids[0], ids[1], ids[2]))
        return out

    def id(self, term: Node) -> int:
        key = term_key(term)
        found = self.base.get(key)
        if found is None:
            found = self.ids.get(key)
            if found is None:
                found = self.ids[key] = len(self.terms)
                self.terms.append(term)
        return found


@dataclass(frozen=True)
class CompiledEntailments:
    """Lookup tables of what the reference closure entails, over term numbers."""

    vocabulary: Vocabulary
    closure: frozenset[IdTriple]
    superclasses: Table
    superproperties: Table  # excluding the property itself
    domains: Table
    ranges: Table
    inverses: Table
    symmetric: frozenset[int]
    transitive: frozenset[int]
    transitive_edges: dict[int, Table]  # property -> node -> objects, in the reference closure
    same_as: Table
    literal_ids: frozenset[int]  # literals of the reference closure (never subjects of derived triples)
    rdf_type: int
    property_rules: dict[int, _PropertyRules] = field(default_factory=dict)  # filled as properties are met

    @classmethod
    def from_closure(cls, closure: Graph) -> CompiledEntailments:
        vocabulary = Vocabulary()
        triples = vocabulary.encode(closure)
        number = vocabulary.id

        def table(predicate: Node, *, symmetric: bool = False) -> Table:
            out: dict[int, set[int]] = defaultdict(set)
            p = number(predicate)
            for s, q, o in triples:
                if q == p and s != o:
                    out[s].add(o)
                    if symmetric:
                        out[o].add(s)
            return {k: tuple(sorted(v)) for k, v in out.items()}

        def instances(cls_: Node) -> frozenset[int]:
            t, c = number(RDF.type), number(cls_)
            return frozenset(s for s, p, o in triples if p == t and o == c)

        transitive = instances(OWL.TransitiveProperty)
        edges: dict[int, dict[int, list[int]]] = {p: defaultdict(list) for p in transitive}
        for s, p, o in triples:
            if p in edges:
                edges[p][s].append(o)
        return cls(
            vocabulary=vocabulary,
            closure=frozenset(triples),
            superclasses=table(RDFS.subClassOf),
            superproperties=table(RDFS.subPropertyOf),
            domains=table(RDFS.domain),
            ranges=table(RDFS.range),
            inverses=table(OWL.inverseOf, symmetric=True),
            symmetric=instances(OWL.SymmetricProperty),
            transitive=transitive,
            transitive_edges={p: {k: tuple(v) for k, v in e.items()} for p, e in edges.items()},
            same_as=table(OWL.sameAs, symmetric=True),
            literal_ids=frozenset(i for i, t in enumerate(vocabulary.terms) if isinstance(t, Literal)),
            rdf_type=number(RDF.type),
        )


@dataclass(frozen=True)
class _PropertyRules:
    """What one triple with this (non-``rdf:type``) property entails, flattened over its superproperties."""

    superproperties: tuple[int, ...]  # (s q o)
    domains: tuple[int, ...]  # (s rdf:type d)
    ranges: tuple[int, ...]  # (o rdf:type r), for non-literal o
    reversed: tuple[int, ...]  # (o q s): inverses, and symmetric properties, for non-literal o


def _property_rules(p: int, ent: CompiledEntailments) -> _PropertyRules:
    chain = (p, *ent.superproperties.get(p, ()))
    reversed_: list[int] = []
    for q in chain:
        reversed_ += ent.inverses.get(q, ())
        if q in ent.symmetric:
            reversed_.append(q)
    return _PropertyRules(
        superproperties=tuple(q for q in chain if q != p),
        domains=tuple(dict.fromkeys(d for q in chain for d in ent.domains.get(q, ()))),
        ranges=tuple(dict.fromkeys(r for q in chain for r in ent.ranges.get(q, ()))),
        reversed=tuple(dict.fromkeys(reversed_)),
    )


def _consequences(
    agenda: list[IdTriple], ent: CompiledEntailments, literals: set[int], rules: dict[int, _PropertyRules]
) -> list[IdTriple]:
    """One step of the compiled rules (cax-sco, prp-spo1, prp-dom, prp-rng, prp-inv, prp-symp, eq-rep)."""
    out: list[IdTriple] = []
    add = out.append
    rdf_type, superclasses, same_as = ent.rdf_type, ent.superclasses, ent.same_as
    for s, p, o in agenda:  # plain loops, not comprehensions: most tuples here are empty
        is_node = o not in literals
        if p == rdf_type:
            for c in superclasses.get(o, ()):
                add((s, p, c))
        else:
            rule = rules.get(p)
            if rule is None:
                rule = rules[p] = _property_rules(p, ent)
            for q in rule.superproperties:
                add((s, q, o))
            for d in rule.domains:
                add((s, rdf_type, d))
            if is_node:
                for r in rule.ranges:
                    add((o, rdf_type, r))
                for q in rule.reversed:
                    add((o, q, s))
        if s in same_as:
            for alias in same_as[s]:
                add((alias, p, o))
        if is_node and o in same_as:
            for alias in same_as[o]:
                add((s, p, alias))
    return out


def _transitive_new(local: dict[int, list[tuple[int, int]]], ent: CompiledEntailments) -> list[IdTriple]:
    """Triples from chaining each transitive property through the article and the reference closure."""
    new: list[IdTriple] = []
    for prop, pairs in local.items():
        edges: dict[int, set[int]] = defaultdict(set)
        for s, o in pairs:
            edges[s].add(o)
        reference = ent.transitive_edges.get(prop, {})
        for start in {s for s, _ in pairs}:
            seen: set[int] = set()
            stack = list(edges[start])
            while stack:
                node = stack.pop()
                if node in seen:
                    continue
                seen.add(node)
                stack += edges.get(node, ())
                stack += reference.get(node, ())
            new += [(start, prop, reached) for reached in seen if reached != start]
    return new


def closure_ids(data: Sequence[IdTriple], ent: CompiledEntailments, literals: set[int]) -> set[IdTriple]:
    """The closure of the article triples under the compiled rules (including the article triples).

    ``literals``: the numbers of every literal term (of the article and of the reference closure).
    """
    known: set[IdTriple] = set(data)
    local: dict[int, list[tuple[int, int]]] = defaultdict(list)

    def note(triples: Iterable[IdTriple]) -> None:
        for s, p, o in triples:
            if p in ent.transitive:
                local[p].append((s, o))

    agenda = list(known)
    note(agenda)
    rules = ent.property_rules
    while agenda:
        derived = _consequences(agenda, ent, literals, rules)
        fresh = [t for t in dict.fromkeys(derived) if t not in known]
        known.update(fresh)
        note(fresh)
        more = [t for t in dict.fromkeys(_transitive_new(local, ent)) if t not in known] if local else []
        known.update(more)
        note(more)
        agenda = fresh + more
    return known
