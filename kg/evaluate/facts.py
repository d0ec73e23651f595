"""The converter's facts, read from an article graph per docs/model.md, and how they match gold items."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.evaluate.gold import FIELDS, SYMMETRIC_KINDS, GoldItem
from kg.namespaces import CKG, PROV, SCHEMA, slug

Facts = dict[str, frozenset[Any]]


class Knowledge:
    """The article graph plus background (ontology, gazetteer): types, labels, containment."""

    def __init__(self, graph: Graph, reference: Graph) -> None:
        self.graph = Graph()
        for triple in graph:
            self.graph.add(triple)
        for triple in reference:
            self.graph.add(triple)
        self._up: dict[str, frozenset[str]] = {}
        self._containers: dict[str, frozenset[str]] = {}

    def closure(self, node: str, prop: URIRef, cache: dict[str, frozenset[str]]) -> frozenset[str]:
        """``node`` and everything reachable from it through ``prop``."""
        if node not in cache:
            seen, todo = {node}, [node]
            while todo:
                for parent in self.graph.objects(URIRef(todo.pop()), prop):
                    if str(parent) not in seen:
                        seen.add(str(parent))
                        todo.append(str(parent))
            cache[node] = frozenset(seen)
        return cache[node]

    def is_a(self, cls: str, ancestor: str) -> bool:
        return ancestor in self.closure(cls, RDFS.subClassOf, self._up)

    def types(self, node: str) -> frozenset[str]:
        return frozenset(str(t) for t in self.graph.objects(URIRef(node), RDF.type))

    def labels(self, node: str) -> set[str]:
        found = {slug(node.rstrip("/").rsplit("/", 1)[-1])}
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, CKG.demonym, CKG.metonym, SCHEMA.name):
            found.update(slug(str(o)) for o in self.graph.objects(URIRef(node), prop))
        return found

    def matches(self, ref: tuple[str, ...], node: str, *, within: bool = False) -> bool:
        """Does ``node`` satisfy one alternative of ``ref`` (or, ``within``, lie inside one)?"""
        nodes = self.closure(node, CKG.containedIn, self._containers) if within else {node}
        for alt in ref:
            if not alt.startswith("label:"):
                if alt in nodes:
                    return True
                continue
            wanted = f"-{alt[6:]}-"
            if any(wanted in f"-{label}-" for n in nodes for label in self.labels(n)):
                return True
        return False


# ------------------------------------------------------------------------------------- facts


SELECT = {
    "actors": "SELECT DISTINCT ?n WHERE { ?m ckg:denotes ?n . ?n a/rdfs:subClassOf* ckg:Actor }",
    "places": "SELECT DISTINCT ?n WHERE { ?m ckg:denotes ?n . ?n a/rdfs:subClassOf* ckg:Place "
    "FILTER NOT EXISTS { ?n a/rdfs:subClassOf* ckg:Actor } }",
    "events": "SELECT DISTINCT ?n WHERE { ?n a/rdfs:subClassOf* ckg:Event }",
    "relationships": "SELECT DISTINCT ?n WHERE { ?n a/rdfs:subClassOf* ckg:Relationship }",
    "figures": "SELECT DISTINCT ?n WHERE { ?n a/rdfs:subClassOf* ckg:Figure }",
    "attributions": "SELECT DISTINCT ?n ?source WHERE { ?n prov:wasAttributedTo ?source "
    "FILTER NOT EXISTS { ?claim ckg:claims ?n ; prov:wasAttributedTo ?source } }",
}
EVENT_ROLES = {"agent": CKG.agent, "target": CKG.target, "place": CKG.place, "captured": CKG.captured}
FIGURE_NUMBERS = {"value": SCHEMA.value, "min": SCHEMA.minValue, "max": SCHEMA.maxValue}
FIGURE_TERMS = {"measure": CKG.measure, "qualifier": CKG.qualifier, "group": CKG.countedGroup}


def _objects(kb: Knowledge, node: str, prop: URIRef) -> frozenset[str]:
    return frozenset(str(o) for o in kb.graph.objects(URIRef(node), prop))


def _specific(kb: Knowledge, node: str, root: URIRef) -> frozenset[str]:
    types = kb.types(node) | _objects(kb, node, CKG.eventType)
    return frozenset(t for t in types if t.startswith(str(CKG)) and kb.is_a(t, str(root)))


def _event_fact(kb: Knowledge, node: str) -> Facts:
    fact = {role: _objects(kb, node, prop) for role, prop in EVENT_ROLES.items()}
    dates = _objects(kb, node, CKG.date) | _objects(kb, node, CKG.startDate) | _objects(kb, node, CKG.endDate)
    return {"type": _specific(kb, node, CKG.Event), "date": dates, **fact}


def _relationship_fact(kb: Knowledge, node: str) -> Facts:
    return {"kind": _specific(kb, node, CKG.Relationship), "party": _objects(kb, node, CKG.party),
            "from": _objects(kb, node, CKG.fromParty), "to": _objects(kb, node, CKG.toParty)}


def _figure_fact(kb: Knowledge, node: str) -> Facts:
    numbers = {k: frozenset(Decimal(str(v)) for v in _objects(kb, node, p))
               for k, p in FIGURE_NUMBERS.items()}
    numbers["number"] = numbers["value"] | numbers["min"] | numbers["max"]
    return {**numbers, **{k: _objects(kb, node, p) for k, p in FIGURE_TERMS.items()}}


def _attribution_fact(kb: Knowledge, node: str, source: str) -> Facts:
    """Who said it, what kind of claim, and the types (and figure measures) of what was claimed."""
    claimed = _objects(kb, node, CKG.claims) or frozenset([node])
    what: set[str] = set()
    for target in claimed:
        what |= kb.types(target) | _objects(kb, target, CKG.eventType) | _objects(kb, target, CKG.measure)
    return {"source": frozenset([source]), "kind": _specific(kb, node, CKG.Claim), "claims": frozenset(what)}


def _fact(kb: Knowledge, category: str, node: str, source: str) -> Facts:
    if category in ("actors", "places"):
        return {"ref": frozenset([node])}
    if category == "attributions":
        return _attribution_fact(kb, node, source)
    build = {"events": _event_fact, "relationships": _relationship_fact, "figures": _figure_fact}[category]
    return build(kb, node)


def extract_facts(kb: Knowledge, category: str) -> list[Facts]:
    """The converter's distinct facts of one category, read from the graph with SPARQL."""
    rows = kb.graph.query(SELECT[category], initNs={"ckg": CKG, "prov": PROV, "rdfs": RDFS})
    facts: dict[tuple[Any, ...], Facts] = {}
    for row in rows:
        values = list(row)  # type: ignore[arg-type]
        fact = _fact(kb, category, str(values[0]), str(values[-1]))
        facts.setdefault(tuple(sorted((k, tuple(sorted(map(str, v)))) for k, v in fact.items())), fact)
    return [facts[key] for key in sorted(facts)]


# ----------------------------------------------------------------------------------- matching


def _refs_found(kb: Knowledge, refs: tuple[tuple[str, ...], ...], nodes: frozenset[str], *, within: bool,
                every: bool) -> bool:
    hits = [any(kb.matches(ref, n, within=within) for n in nodes) for ref in refs]
    return all(hits) if every else any(hits)


def _terms_agree(kb: Knowledge, wanted: tuple[str, ...], have: frozenset[str], *, strict: bool) -> bool:
    """Strict: a fact's class is the gold class or below it (the fact entails the gold item).
    Loose: the gold class is the fact's class or below it (the gold item entails the fact)."""
    return any(kb.is_a(h, w) if strict else kb.is_a(w, h) for h in have for w in wanted)


def _parties_agree(kb: Knowledge, gold: GoldItem, fact: Facts) -> bool:
    ends = [(gold.fields.get("from"), fact["from"]), (gold.fields.get("to"), fact["to"])]
    direct = all(ref is None or any(kb.matches(ref, n) for n in nodes) for ref, nodes in ends)
    symmetric = any(k.endswith(tuple(f"#{s}" for s in SYMMETRIC_KINDS)) for k in gold.fields["kind"])
    if direct or not symmetric:
        return direct
    refs = [r for r in (gold.fields.get("from"), gold.fields.get("to")) if r is not None]
    nodes = fact["party"] | fact["from"] | fact["to"]
    return all(any(kb.matches(r, n) for n in nodes) for r in refs)


def agrees(kb: Knowledge, gold: GoldItem, fact: Facts, *, strict: bool) -> bool:
    """``strict``: the fact states everything the gold item states (it entails the item: recall).
    Otherwise the fact only has to agree on what both state, its types being the gold's or broader."""
    for name, wanted in gold.fields.items():
        if name in ("from", "to"):
            continue
        have = fact.get(name, frozenset())
        if not have:
            if strict:
                return False
            continue
        if not _field_agrees(kb, FIELDS[gold.category][name], name, wanted, have, strict=strict):
            return False
    if gold.category == "figures" and not strict and not _numbers_overlap(gold, fact):
        return False
    return gold.category != "relationships" or _parties_agree(kb, gold, fact)


def _field_agrees(
    kb: Knowledge, kind: str, name: str, wanted: Any, have: frozenset[Any], *, strict: bool
) -> bool:
    if kind == "term":
        return _terms_agree(kb, wanted, have, strict=strict)
    if kind == "number":
        return bool(wanted in have)
    if kind == "date":
        return any(str(d).startswith(wanted) or wanted.startswith(str(d)) for d in have)
    refs = wanted if kind == "refs" else (wanted,)
    return _refs_found(kb, refs, have, within=name == "place", every=strict)


def _numbers_overlap(gold: GoldItem, fact: Facts) -> bool:
    wanted = {gold.fields[k] for k in (*FIGURE_NUMBERS, "number") if k in gold.fields}
    have = fact["number"]
    return not wanted or not have or bool(wanted & have)


