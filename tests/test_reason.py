"""OWL RL reasoning: the fast compiled engine infers exactly what owlrl infers, inferred kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg import reason as reasoning
from kg.convert import convert, read_article
from kg.resources import SAMPLES_DIR, SEED_ARTICLE

TINY_ONTOLOGY = """
@prefix ex: <http://example.org/o#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Offensive rdfs:subClassOf ex:Event . ex:Event rdfs:subClassOf ex:Happening .
ex:agent rdfs:subPropertyOf ex:hasActor ; rdfs:domain ex:Event ; rdfs:range ex:Actor .
ex:subEventOf owl:inverseOf ex:hasSubEvent .
ex:alliedWith a owl:SymmetricProperty .
ex:containedIn a owl:TransitiveProperty ; rdfs:subPropertyOf ex:containedInPlace .
ex:aleppo ex:containedIn ex:aleppoGov . ex:aleppoGov ex:containedIn ex:syria .
ex:hts owl:sameAs <http://www.wikidata.org/entity/Q1> .
"""

ARTICLE = """
@prefix ex: <http://example.org/o#> . @prefix d: <http://example.org/d/> .
d:e1 a ex:Offensive ; ex:agent ex:hts ; ex:subEventOf d:c1 .
d:site ex:containedIn ex:aleppo .
ex:hts ex:alliedWith d:other .
"""


@pytest.fixture()
def tiny_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    onto = tmp_path / "tiny.ttl"
    onto.write_text(TINY_ONTOLOGY, encoding="utf-8")
    monkeypatch.setattr(reasoning, "reference_files", lambda: [onto])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _article() -> Graph:
    return Graph().parse(data=ARTICLE, format="turtle")


def test_fast_engine_matches_owlrl_on_a_small_ontology(tiny_reference: None) -> None:
    fast = reasoning.reason(_article(), engine="fast")
    reference = reasoning.reason(_article(), engine="owlrl")
    assert set(fast) == set(reference)
    assert len(fast) > 0


def test_inferred_triples_cover_types_inverses_symmetry_transitivity_and_sameas(tiny_reference: None) -> None:
    inferred = reasoning.reason(_article())
    ex = "http://example.org/o#"
    d = "http://example.org/d/"
    expected = {
        (URIRef(d + "e1"), RDF.type, URIRef(ex + "Happening")),
        (URIRef(ex + "hts"), RDF.type, URIRef(ex + "Actor")),
        (URIRef(d + "c1"), URIRef(ex + "hasSubEvent"), URIRef(d + "e1")),
        (URIRef(d + "other"), URIRef(ex + "alliedWith"), URIRef(ex + "hts")),
        (URIRef(d + "site"), URIRef(ex + "containedIn"), URIRef(ex + "syria")),
        (URIRef(d + "site"), URIRef(ex + "containedInPlace"), URIRef(ex + "syria")),
    }
    assert expected <= set(inferred)


def test_facts_are_not_copied_onto_wikidata_aliases(tiny_reference: None) -> None:
    """owl:sameAs links stay; OWL RL's copies of every fact onto the Wikidata IRI are left out."""
    inferred = reasoning.reason(_article())
    wikidata = URIRef("http://www.wikidata.org/entity/Q1")
    copies = [t for t in inferred if wikidata in (t[0], t[2]) and t[1] != OWL.sameAs]
    assert copies == []


def test_inferred_graph_leaves_out_asserted_triples_and_bookkeeping(tiny_reference: None) -> None:
    article = _article()
    inferred = reasoning.reason(article)
    assert not set(inferred) & set(article)
    assert all(reasoning.is_informative(t) for t in inferred)


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown reasoning engine"):
        reasoning.reason(Graph(), engine="magic")


# --- on real converter output ------------------------------------------------------------------------

ARTICLES = sorted((SAMPLES_DIR / "articles").glob("*.txt")) + [Path(SEED_ARTICLE)]


def _converted(path: Path) -> Graph:
    text, meta = read_article(path)
    return convert(text, meta=meta).graph


@pytest.mark.slow
def test_fast_engine_matches_owlrl_on_all_sample_articles_and_the_seed() -> None:
    """One owlrl run (about 15-30 s) over the union of the converted samples and seed article."""
    union = Graph()
    for path in ARTICLES:
        union += _converted(path)
    fast = reasoning.reason_triples(union)
    reference = reasoning.reason_triples(union, engine="owlrl")
    assert set(fast) == set(reference)
    assert len(fast) > 1000


def test_reason_triples_is_sorted_deterministic_and_takes_plain_triples() -> None:
    article = _converted(ARTICLES[0])
    triples = list(article)
    first = reasoning.reason_triples(triples)
    assert first == reasoning.reason_triples(list(reversed(triples)))
    assert first == sorted(first, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    assert set(reasoning.reason(article)) == set(first)
    assert not set(first) & set(triples)
