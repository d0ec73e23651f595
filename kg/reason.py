"""OWL RL reasoning: the closure of an article graph with the ontology, inferred triples kept apart.

Two engines give the same inferred triples (a test holds them to it):

- ``owlrl``: the reference, :mod:`owlrl`'s OWL 2 RL closure of data + ontology + gazetteer, run whole.
- ``fast`` (default): the ontology and gazetteer are closed with owlrl **once** (cached on disk by content
  hash); what that closure entails is compiled into integer lookup tables (superclasses, superproperties,
  domains, ranges, inverses, symmetric and transitive properties, ``owl:sameAs`` sets), and each article is
  closed with those tables in a small fixpoint loop over numbered triples (:mod:`kg.reason_fast`) —
  milliseconds instead of seconds.

Both return only *informative* inferred triples: not the article's own triples, not the reference closure,
and not owlrl's bookkeeping (reflexive ``owl:sameAs``, axioms about the RDF/RDFS/OWL/XSD vocabularies).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.gazetteer import gazetteer_files
from kg.namespaces import WD, rebase_text
from kg.ontology import ontology_files
from kg.reason_fast import CompiledEntailments, closure_ids
from kg.resources import parse_turtle_resource

Triple = tuple[Node, Node, Node]
ENGINES = ("fast", "owlrl")
_BUILTIN_PREFIXES = (str(RDF), str(RDFS), str(OWL), str(XSD))
# Namespaces of the owl:sameAs targets in the gazetteer: links to them are kept, facts are not copied.
EXTERNAL_ALIAS_PREFIXES = (str(WD), "https://www.wikidata.org/entity/")


def reference_files() -> list[Path]:
    """The ontology and gazetteer files (user gazetteers included) every article is reasoned with."""
    return ontology_files() + gazetteer_files()


def _parse_files(paths: Iterable[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph += parse_turtle_resource(path, what="reference")
    return graph


def reference_graph() -> Graph:
    """Ontology plus gazetteer: the background knowledge (asserted only)."""
    return _parse_files(reference_files())


def _owlrl_expand(graph: Graph) -> None:
    """owlrl's OWL 2 RL closure, in place, minus generalised-RDF triples (literal subjects) it produces."""
    semantics = owlrl.OWLRL_Semantics
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    for triple in [t for t in graph if isinstance(t[0], Literal)]:
        graph.remove(triple)


def is_informative(triple: Triple) -> bool:
    """False for owlrl bookkeeping and for copies of facts onto external ``owl:sameAs`` aliases.

    Left out: reflexive ``owl:sameAs``, statements about built-in vocabulary terms, and triples that
    restate a fact about one of our nodes with its Wikidata IRI in its place (OWL RL rules eq-rep-s/o).
    The ``owl:sameAs`` links themselves stay, so queries can follow them; not copying every fact onto the
    Wikidata IRI keeps answers free of duplicates (each actor once, not once per alias).
    """
    s, p, o = triple
    if p == OWL.sameAs:
        return s != o
    if isinstance(s, URIRef) and str(s).startswith(_BUILTIN_PREFIXES):
        return False
    if _is_external_alias(s) or _is_external_alias(o):
        return False
    return not isinstance(s, Literal)


def _is_external_alias(term: Node) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(EXTERNAL_ALIAS_PREFIXES)


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


@lru_cache(maxsize=4)
def _entailments_cached(digest: str) -> CompiledEntailments:
    return CompiledEntailments.from_closure(_reference_closure_cached(digest))


def entailments() -> CompiledEntailments:
    """The compiled lookup tables of the current reference closure (cached)."""
    return _entailments_cached(_reference_digest(reference_files()))


def _fast_inferred(data: list[Triple]) -> list[Triple]:
    ent = entailments()
    vocabulary = ent.vocabulary.extended()
    encoded = vocabulary.encode(data)
    literals = set(ent.literal_ids)
    literals.update(o for (_, _, o), t in zip(encoded, data, strict=True) if isinstance(t[2], Literal))
    new = closure_ids(encoded, ent, literals).difference(encoded).difference(ent.closure)
    terms = vocabulary.terms
    subject_ok: dict[int, bool] = {}  # is_informative, decided once per subject
    external: dict[int, bool] = {}  # is the term an external sameAs alias (Wikidata IRI)?
    same_as = vocabulary.id(OWL.sameAs)
    inferred = []
    for s, p, o in new:
        if p == same_as:
            if s != o:
                inferred.append((terms[s], terms[p], terms[o]))
            continue
        ok = subject_ok.get(s)
        if ok is None:
            ok = subject_ok[s] = is_informative((terms[s], RDF.type, RDFS.Resource))
        object_external = external.get(o)
        if object_external is None:
            object_external = external[o] = _is_external_alias(terms[o])
        if ok and not object_external:
            inferred.append((terms[s], terms[p], terms[o]))
    return inferred


def _owlrl_inferred(data: list[Triple]) -> list[Triple]:
    closure = reference_closure()
    work = Graph()
    for triple in data:
        work.add(triple)
    for triple in closure:
        work.add(triple)
    _owlrl_expand(work)
    asserted = set(data)
    return [t for t in work if t not in asserted and t not in closure and is_informative(t)]


def reason_triples(data: Graph | Iterable[Triple], *, engine: str = "fast") -> list[Triple]:
    """The informative OWL RL triples inferred from ``data`` with the ontology and gazetteer, sorted.

    Leaves out the asserted data and the reference closure (which the store keeps once).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown reasoning engine {engine!r}; choose one of {', '.join(ENGINES)}")
    triples = list(data)
    inferred = _fast_inferred(triples) if engine == "fast" else _owlrl_inferred(triples)
    return sorted(inferred, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))


def reason(data: Graph | Iterable[Triple], *, engine: str = "fast") -> Graph:
    """:func:`reason_triples` as an rdflib graph."""
    inferred = Graph()
    for triple in reason_triples(data, engine=engine):
        inferred.add(triple)
    return inferred
