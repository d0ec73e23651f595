"""What the store holds: graphs, triples, classes, and the articles, actors, events and figures they state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.namespaces import CKG, PREFIXES
from kg.store import (
    ARTICLE_GRAPH_PREFIX,
    GAZETTEER_GRAPH,
    INFERRED_GRAPH_PREFIX,
    META_GRAPH,
    ONTOLOGY_GRAPH,
    KgStore,
)

# Kinds of thing counted, by their ontology class; subclasses count through rdfs:subClassOf* (the ontology
# is a graph of the store), so the counts do not depend on whether reasoning ran.
COUNTED_CLASSES: dict[str, str] = {
    "articles": "http://schema.org/NewsArticle",
    "actors": str(CKG.Actor),
    "events": str(CKG.Event),
    "figures": str(CKG.Figure),
}


@dataclass(frozen=True)
class EntityCounts:
    """Distinct nodes of each counted kind that the article graphs mention."""

    articles: int = 0
    actors: int = 0
    events: int = 0
    figures: int = 0


@dataclass(frozen=True)
class StoreStats:
    """A summary of one store."""

    path: str
    graphs: int
    triples: int
    article_graphs: int
    inferred_graphs: int
    reference_graphs: list[str]
    counts: EntityCounts
    classes: list[tuple[str, int]] = field(default_factory=list)

    def as_text(self) -> str:
        c = self.counts
        lines = [
            f"store:      {self.path}",
            f"graphs:     {self.graphs} ({self.article_graphs} article, {self.inferred_graphs} inferred, "
            f"reference: {', '.join(g.rsplit('/', 1)[-1] for g in self.reference_graphs) or 'none'})",
            f"triples:    {self.triples}",
            f"articles:   {c.articles}",
            f"actors:     {c.actors}",
            f"events:     {c.events}",
            f"figures:    {c.figures}",
        ]
        if self.classes:
            width = max(len(_short(cls)) for cls, _ in self.classes)
            lines.append("classes (asserted in article graphs):")
            lines += [f"  {_short(cls):<{width}}  {n}" for cls, n in self.classes]
        return "\n".join(lines)


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _graph_filter(graphs: Sequence[str] | None) -> str:
    if graphs is None:
        return f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPH_PREFIX}"))'
    values = " ".join(f"<{g}>" for g in graphs)
    return f"VALUES ?g {{ {values} }}"


def count_entities(store: KgStore, *, graphs: Sequence[str] | None = None) -> EntityCounts:
    """Count articles, actors, events, figures mentioned in the given article graphs (default: all)."""
    if graphs is not None and not graphs:
        return EntityCounts()
    where = _graph_filter(graphs)
    counts = {}
    for name, cls in COUNTED_CLASSES.items():
        sparql = (
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?c rdfs:subClassOf* <{cls}> . ?x a ?c . "
            f"FILTER EXISTS {{ GRAPH ?g {{ {{ ?x ?p ?o }} UNION {{ ?s ?q ?x }} }} {where} }} }}"
        )
        counts[name] = _single_int(store, sparql)
    return EntityCounts(**counts)


def class_counts(store: KgStore, *, graphs: Sequence[str] | None = None) -> list[tuple[str, int]]:
    """Distinct instances per class typed in the article graphs, most frequent first."""
    sparql = (
        f"SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a ?c }} {_graph_filter(graphs)} }} "
        "GROUP BY ?c ORDER BY DESC(?n) ?c"
    )
    return [(row["c"].value, int(row["n"].value)) for row in store.query(sparql)]


def _single_int(store: KgStore, sparql: str) -> int:
    for row in store.query(sparql):
        return int(row[0].value)
    return 0


def store_stats(store: KgStore) -> StoreStats:
    """Statistics of an open store."""
    names = store.named_graphs()
    reference = [g for g in (ONTOLOGY_GRAPH, GAZETTEER_GRAPH) if g in names]
    return StoreStats(
        path=str(store.path),
        graphs=len([g for g in names if g != META_GRAPH]),
        triples=len(store),
        article_graphs=sum(g.startswith(ARTICLE_GRAPH_PREFIX) for g in names),
        inferred_graphs=sum(g.startswith(INFERRED_GRAPH_PREFIX) for g in names),
        reference_graphs=reference,
        counts=count_entities(store),
        classes=class_counts(store),
    )


def stats(*, store_path: str | Path) -> StoreStats:
    """Open the store at ``store_path`` read-only and summarise what it holds."""
    with KgStore(store_path, read_only=True) as store:
        return store_stats(store)
