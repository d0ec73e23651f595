"""OWL RL reasoning: the closure of an article graph with the ontology, inferred triples kept apart.

Baseline engine: owlrl over data + ontology (+ gazetteer). Returns only the triples that were not asserted.
"""

from __future__ import annotations

import owlrl
from rdflib import Graph

from kg.namespaces import rebase_text
from kg.resources import GAZETTEER_DIR, ONTOLOGY_DIR


def _load_dir(directory) -> Graph:  # type: ignore[no-untyped-def]
    graph = Graph()
    for path in sorted(directory.glob("*.ttl")):
        graph.parse(data=rebase_text(path.read_text(encoding="utf-8")), format="turtle")
    return graph


def reference_graph() -> Graph:
    """Ontology plus gazetteer: the background knowledge every article is reasoned with."""
    graph = _load_dir(ONTOLOGY_DIR)
    graph += _load_dir(GAZETTEER_DIR)
    return graph


def reason(data: Graph, *, reference: Graph | None = None) -> Graph:
    """OWL RL closure of ``data`` with the reference knowledge; returns the inferred triples only."""
    background = reference if reference is not None else reference_graph()
    work = Graph()
    for triple in data:
        work.add(triple)
    for triple in background:
        work.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    inferred = Graph()
    for triple in work:
        if triple not in data and triple not in background:
            inferred.add(triple)
    return inferred
