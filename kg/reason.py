"""OWL RL reasoning: the closure of an article graph with the ontology, inferred triples kept apart.

Two engines give the same inferred triples (a test holds them to it):

- ``owlrl``: the reference, :mod:`owlrl`'s OWL 2 RL closure of data + ontology + gazetteer, run whole.
- ``fast`` (default): the ontology and gazetteer are closed with owlrl **once** (cached on disk by content
  hash); what that closure entails is compiled into lookup tables (superclasses, superproperties, domains,
  ranges, inverses, symmetric and transitive properties, ``owl:sameAs`` sets), and each article is closed
  with those tables in a small fixpoint loop — milliseconds instead of seconds.

Both return only *informative* inferred triples: not the article's own triples, not the reference closure,
and not owlrl's bookkeeping (reflexive ``owl:sameAs``, axioms about the RDF/RDFS/OWL/XSD vocabularies).
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.namespaces import rebase_text
from kg.gazetteer import gazetteer_files
from kg.resources import ONTOLOGY_DIR

Triple = tuple[Node, Node, Node]
ENGINES = ("fast", "owlrl")
_BUILTIN_PREFIXES = (str(RDF), str(RDFS), str(OWL), str(XSD))


def reference_files() -> list[Path]:
    """The ontology and gazetteer files (user gazetteers included) every article is reasoned with."""
    return sorted(ONTOLOGY_DIR.glob("*.ttl")) + gazetteer_files()


def _parse_files(paths: Iterable[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(data=rebase_text(path.read_text(encoding="utf-8")), format="turtle")
    return graph


def reference_graph() -> Graph:
    """Ontology plus gazetteer: the background knowledge (asserted only)."""
    return _parse_files(reference_files())


def _owlrl_expand(graph: Graph) -> None:
    """owlrl's OWL 2 RL closure, in place, minus generalised-RDF triples (literal subjects) it produces."""
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    for triple in [t for t in graph if isinstance(t[0], Literal)]:
        graph.remove(triple)


def is_informative(triple: Triple) -> bool:
    """False for owlrl bookkeeping: reflexive sameAs and statements about built-in vocabulary terms."""
    s, p, o = triple
    if p == OWL.sameAs and s == o:
        return False
    if isinstance(s, URIRef) and str(s).startswith(_BUILTIN_PREFIXES):
        return False
    return not isinstance(s, Literal)


def _cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "conflict-kg"


def _reference_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(rebase_text(path.read_text(encoding="utf-8")).encode())
    return digest.hexdigest()[:20]


@lru_cache(maxsize=4)
def _reference_closure_cached(digest: str) -> Graph:
    cache = _cache_dir() / f"reference-closure-{digest}.nt"
    if cache.exists():
        closure = Graph()
        closure.parse(cache, format="nt")
        return closure
    closure = reference_graph()
    _owlrl_expand(closure)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        closure.serialize(tmp, format="nt", encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only cache directory only costs time
    return closure


def reference_closure() -> Graph:
    """OWL RL closure of ontology + gazetteer, computed once per content and cached on disk."""
    return _reference_closure_cached(_reference_digest(reference_files()))


def reference_inferred() -> Graph:
    """The informative triples the reference closure adds to the asserted ontology + gazetteer."""
    asserted = reference_graph()
    inferred = Graph()
    for triple in reference_closure():
        if triple not in asserted and is_informative(triple):
            inferred.add(triple)
    return inferred


@dataclass(frozen=True)
class Entailments:
    """What the reference closure entails, compiled into lookup tables for per-article reasoning."""

    superclasses: dict[Node, frozenset[Node]]
    superproperties: dict[Node, frozenset[Node]]
    domains: dict[Node, frozenset[Node]]
    ranges: dict[Node, frozenset[Node]]
    inverses: dict[Node, frozenset[Node]]
    symmetric: frozenset[Node]
    transitive: frozenset[Node]
    same_as: dict[Node, frozenset[Node]]
    closure: Graph

    @classmethod
    def from_closure(cls, closure: Graph) -> Entailments:
        def table(pred: Node, *, symmetric: bool = False) -> dict[Node, frozenset[Node]]:
            out: dict[Node, set[Node]] = defaultdict(set)
            for s, o in closure.subject_objects(pred):
                if s != o:
                    out[s].add(o)
                    if symmetric:
                        out[o].add(s)
            return {k: frozenset(v) for k, v in out.items()}

        return cls(
            superclasses=table(RDFS.subClassOf),
            superproperties=table(RDFS.subPropertyOf),
            domains=table(RDFS.domain),
            ranges=table(RDFS.range),
            inverses=table(OWL.inverseOf, symmetric=True),
            symmetric=frozenset(closure.subjects(RDF.type, OWL.SymmetricProperty)),
            transitive=frozenset(closure.subjects(RDF.type, OWL.TransitiveProperty)),
            same_as=table(OWL.sameAs, symmetric=True),
            closure=closure,
        )


@lru_cache(maxsize=4)
def _entailments_cached(digest: str) -> Entailments:
    return Entailments.from_closure(_reference_closure_cached(digest))


def entailments() -> Entailments:
    return _entailments_cached(_reference_digest(reference_files()))


def _consequences(triple: Triple, ent: Entailments) -> Iterator[Triple]:
    """One step of the compiled rules (cax-sco, prp-spo1, prp-dom, prp-rng, prp-inv, prp-symp, eq-rep)."""
    s, p, o = triple
    if p == RDF.type:
        for c in ent.superclasses.get(o, ()):
            yield (s, RDF.type, c)
    else:
        for q in (p, *ent.superproperties.get(p, ())):
            if q != p:
                yield (s, q, o)
            for d in ent.domains.get(q, ()):
                yield (s, RDF.type, d)
            if not isinstance(o, Literal):
                for r in ent.ranges.get(q, ()):
                    yield (o, RDF.type, r)
                for inv in ent.inverses.get(q, ()):
                    yield (o, inv, s)
                if q in ent.symmetric:
                    yield (o, q, s)
    for alias in ent.same_as.get(s, ()):
        yield (alias, p, o)
    if not isinstance(o, Literal):
        for alias in ent.same_as.get(o, ()):
            yield (s, p, alias)


def _transitive_step(known: set[Triple], ent: Entailments) -> set[Triple]:
    """New triples from chaining transitive properties through the article and the reference closure."""
    new: set[Triple] = set()
    for prop in ent.transitive:
        edges: dict[Node, set[Node]] = defaultdict(set)
        local = [(s, o) for s, p, o in known if p == prop]
        if not local:
            continue
        for s, o in local:
            edges[s].add(o)
        frontier = [o for _, o in local]
        seen: set[Node] = set()
        while frontier:
            node = frontier.pop()
            if node in seen:
                continue
            seen.add(node)
            for nxt in ent.closure.objects(node, prop):
                edges[node].add(nxt)
                frontier.append(nxt)
            frontier.extend(edges.get(node, ()))
        for start, _ in local:
            for reached in _reachable(start, edges):
                if reached != start:
                    new.add((start, prop, reached))
    return new - known


def _reachable(start: Node, edges: dict[Node, set[Node]]) -> set[Node]:
    out: set[Node] = set()
    stack = list(edges.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in out:
            out.add(node)
            stack.extend(edges.get(node, ()))
    return out


def _fast_closure(data: Graph, ent: Entailments) -> set[Triple]:
    known: set[Triple] = set(data)
    agenda = list(known)
    while agenda:
        fresh: set[Triple] = set()
        for triple in agenda:
            for derived in _consequences(triple, ent):
                if derived not in known:
                    fresh.add(derived)
        known |= fresh
        fresh |= _transitive_step(known, ent)
        known |= fresh
        agenda = list(fresh)
    return known


def reason(data: Graph, *, engine: str = "fast") -> Graph:
    """OWL RL closure of ``data`` with the ontology and gazetteer; returns the informative inferred triples.

    The result leaves out the asserted data and the reference closure (which the store keeps once).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown reasoning engine {engine!r}; choose one of {', '.join(ENGINES)}")
    closure = reference_closure()
    if engine == "owlrl":
        work = Graph()
        for triple in data:
            work.add(triple)
        for triple in closure:
            work.add(triple)
        _owlrl_expand(work)
        derived: Iterable[Triple] = work
    else:
        derived = _fast_closure(data, entailments())
    inferred = Graph()
    for triple in derived:
        if triple not in data and triple not in closure and is_informative(triple):
            inferred.add(triple)
    return inferred
