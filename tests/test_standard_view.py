"""The standard view: after OWL RL closure with the ontology, our data answers queries written only in
SEM, schema.org, PROV-O and Web Annotation terms (issue 2, "The standard view").

The example graph below is what the converter emits for a small made-up three-sentence article, using
only ckg:, schema:, oa:, prov:, owl:, rdfs: terms as docs/model.md fixes them. No sem: triple is asserted:
every sem: answer comes from the ontology's alignment axioms.
"""

from __future__ import annotations

import json

import owlrl
import pytest
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.compare import isomorphic

from kg.namespaces import CKG, ID, WD, sparql_prefixes
from kg.ontology import load_context, load_ontology

ARTICLE_TEXT = (
    "Fighters of the Northern Liberation Front seized the town of Morek on Tuesday as their offensive in "
    "Hama province entered its second week. Government aircraft struck the city of Hama hours later, "
    "killing at least 12 civilians, the Syrian Observatory for Human Rights reported. Front spokesman "
    "Omar Haddad warned that the fighters would push on towards Hama."
)
SENTENCE_SPANS = [(0, 138), (139, 276), (277, 357)]
KEY = "0123456789abcdef"

EXAMPLE_TTL = """
@prefix ckg:    <https://w3id.org/conflict-kg/ontology#> .
@prefix id:     <https://w3id.org/conflict-kg/id/> .
@prefix actor:  <https://w3id.org/conflict-kg/id/actor/> .
@prefix place:  <https://w3id.org/conflict-kg/id/place/> .
@prefix country: <https://w3id.org/conflict-kg/id/country/> .
@base            <https://w3id.org/conflict-kg/id/article/0123456789abcdef/> .
@prefix schema: <http://schema.org/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix oa:     <http://www.w3.org/ns/oa#> .
@prefix owl:    <http://www.w3.org/2002/07/owl#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix wd:     <http://www.wikidata.org/entity/> .

# --- the article and its sentences (selectors)
<https://w3id.org/conflict-kg/id/article/0123456789abcdef> a schema:NewsArticle ;
    schema:headline "Rebels take Morek as offensive enters second week" ;
    schema:datePublished "2024-03-13"^^xsd:date ;
    schema:text "%(text)s" .

<sentence/0> a ckg:Sentence ; ckg:sentenceIndex 0 ;
    oa:hasSource <https://w3id.org/conflict-kg/id/article/0123456789abcdef> ;
    oa:hasSelector <sentence/0/quote> , <sentence/0/position> .
<sentence/0/quote> a oa:TextQuoteSelector ; oa:exact "%(s0)s" .
<sentence/0/position> a oa:TextPositionSelector ;
    oa:start "0"^^xsd:nonNegativeInteger ; oa:end "138"^^xsd:nonNegativeInteger .

<sentence/1> a ckg:Sentence ; ckg:sentenceIndex 1 ;
    oa:hasSource <https://w3id.org/conflict-kg/id/article/0123456789abcdef> ;
    oa:hasSelector <sentence/1/quote> , <sentence/1/position> .
<sentence/1/quote> a oa:TextQuoteSelector ; oa:exact "%(s1)s" .
<sentence/1/position> a oa:TextPositionSelector ;
    oa:start "139"^^xsd:nonNegativeInteger ; oa:end "276"^^xsd:nonNegativeInteger .

<sentence/2> a ckg:Sentence ; ckg:sentenceIndex 2 ;
    oa:hasSource <https://w3id.org/conflict-kg/id/article/0123456789abcdef> ;
    oa:hasSelector <sentence/2/quote> , <sentence/2/position> .
<sentence/2/quote> a oa:TextQuoteSelector ; oa:exact "%(s2)s" .
<sentence/2/position> a oa:TextPositionSelector ;
    oa:start "277"^^xsd:nonNegativeInteger ; oa:end "357"^^xsd:nonNegativeInteger .

# a phrase mention ("Morek")
<mention/61-66> a ckg:Mention ; ckg:inSentence <sentence/0> ; ckg:denotes place:morek ;
    oa:hasSource <https://w3id.org/conflict-kg/id/article/0123456789abcdef> ;
    oa:hasSelector <mention/61-66/quote> .
<mention/61-66/quote> a oa:TextQuoteSelector ; oa:exact "Morek" .

# --- reference actors and places (as the gazetteer gives them)
country:syria a ckg:Country , ckg:State ; rdfs:label "Syria" ; owl:sameAs wd:Q858 .
place:hama-governorate a ckg:Governorate ; rdfs:label "Hama Governorate" ;
    ckg:containedIn country:syria .
place:hama a ckg:City ; rdfs:label "Hama" ; ckg:containedIn place:hama-governorate .
place:morek a ckg:Town ; rdfs:label "Morek" ; ckg:containedIn place:hama-governorate .
actor:syrian-government a ckg:Government ; rdfs:label "Syrian government" ;
    ckg:governmentOf country:syria .
actor:syrian-observatory-for-human-rights a ckg:MonitoringGroup ;
    rdfs:label "Syrian Observatory for Human Rights" .

# --- minted from the text
actor:northern-liberation-front a ckg:RebelGroup ; rdfs:label "Northern Liberation Front" .
actor:omar-haddad a ckg:Person ; rdfs:label "Omar Haddad" ;
    ckg:spokespersonOf actor:northern-liberation-front .

<event/0-0> a ckg:Offensive ; ckg:eventType ckg:Offensive ;
    rdfs:label "Offensive in Hama Governorate by Northern Liberation Front" ;
    ckg:agent actor:northern-liberation-front ; ckg:target actor:syrian-government ;
    ckg:place place:hama-governorate ;
    ckg:startDate "2024-03"^^xsd:gYearMonth ;
    prov:wasDerivedFrom <sentence/0> .

<event/0-1> a ckg:TerritoryCapture ; ckg:eventType ckg:TerritoryCapture ;
    rdfs:label "Capture of Morek by Northern Liberation Front" ;
    ckg:agent actor:northern-liberation-front ; ckg:place place:morek ; ckg:captured place:morek ;
    ckg:date "2024-03-12"^^xsd:date ; ckg:dateExpression "on Tuesday" ;
    ckg:subEventOf <event/0-0> ;
    prov:wasDerivedFrom <sentence/0> .

<event/1-0> a ckg:AirStrike ; ckg:eventType ckg:AirStrike ;
    rdfs:label "Air strike on Hama by Syrian government" ;
    ckg:agent actor:syrian-government ; ckg:place place:hama ;
    ckg:date "2024-03-12"^^xsd:date ;
    prov:wasDerivedFrom <sentence/1> .

<event/2-0> a ckg:Threat ; ckg:eventType ckg:Threat ;
    rdfs:label "Threat by Omar Haddad" ;
    ckg:agent actor:omar-haddad ; ckg:about <event/0-0> ;
    prov:wasAttributedTo actor:omar-haddad ;
    prov:wasDerivedFrom <sentence/2> .

<figure/1-0> a ckg:Figure ;
    schema:minValue 12 ; ckg:qualifier ckg:AtLeast ; ckg:measure ckg:Deaths ;
    ckg:countedGroup ckg:Civilians ; schema:unitText "civilians" ;
    ckg:figureOf <event/1-0> ;
    prov:wasAttributedTo actor:syrian-observatory-for-human-rights ;
    prov:wasDerivedFrom <sentence/1> .

<claim/1-0> a ckg:Report ; ckg:reportingVerb "reported" ;
    ckg:claims <event/1-0> , <figure/1-0> ;
    prov:wasAttributedTo actor:syrian-observatory-for-human-rights ;
    prov:wasDerivedFrom <sentence/1> .

<relationship/0-0> a ckg:Hostility ;
    ckg:party actor:northern-liberation-front , actor:syrian-government ;
    prov:wasDerivedFrom <sentence/0> .
actor:northern-liberation-front ckg:inConflictWith actor:syrian-government .
"""


def article_id(path: str = "") -> URIRef:
    return URIRef(f"{ID}article/{KEY}{path}")


def example_data() -> Graph:
    sentences = {f"s{i}": ARTICLE_TEXT[start:end] for i, (start, end) in enumerate(SENTENCE_SPANS)}
    graph = Graph()
    graph.parse(data=EXAMPLE_TTL % {"text": ARTICLE_TEXT, **sentences}, format="turtle")
    return graph


@pytest.fixture(scope="module")
def closed() -> Graph:
    """Example data plus ontology, closed under OWL RL."""
    graph = example_data()
    graph += load_ontology()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


QUERY_PREFIXES = sparql_prefixes() + "".join(
    f"PREFIX {kind}: <{ID}{kind}/>\n" for kind in ("actor", "place", "country")
)


def select(graph: Graph, query: str) -> set[tuple[object, ...]]:
    return {tuple(row) for row in graph.query(QUERY_PREFIXES + query) if isinstance(row, tuple)}


def ask(graph: Graph, query: str) -> bool:
    return bool(graph.query(QUERY_PREFIXES + query).askAnswer)


def test_example_offsets_slice_the_article_text() -> None:
    assert ARTICLE_TEXT[61:66] == "Morek"
    for start, end in SENTENCE_SPANS:
        assert ARTICLE_TEXT[start:end].endswith(".")


def test_the_example_asserts_no_sem_triple() -> None:
    sem_terms = [t for triple in example_data() for t in triple if str(t).startswith("http://semanticweb")]
    assert sem_terms == []


def test_actors_are_sem_actors_with_labels(closed: Graph) -> None:
    rows = select(closed, "SELECT ?a ?name WHERE { ?a a sem:Actor ; rdfs:label ?name }")
    minted = {(str(a), str(name)) for a, name in rows if not str(a).startswith(str(WD))}
    assert minted == {
        (f"{ID}country/syria", "Syria"),
        (f"{ID}actor/syrian-government", "Syrian government"),
        (f"{ID}actor/syrian-observatory-for-human-rights", "Syrian Observatory for Human Rights"),
        (f"{ID}actor/northern-liberation-front", "Northern Liberation Front"),
        (f"{ID}actor/omar-haddad", "Omar Haddad"),
    }


def test_actors_link_to_wikidata_and_the_wikidata_iri_becomes_an_alias(closed: Graph) -> None:
    assert ask(closed, "ASK { ?a a sem:Actor ; owl:sameAs wd:Q858 . FILTER(?a != wd:Q858) }")
    # OWL RL equality rules copy the node's description to the Wikidata IRI (standard owl:sameAs semantics)
    assert ask(closed, 'ASK { wd:Q858 a sem:Actor , sem:Place ; rdfs:label "Syria" }')


def test_places_are_sem_places_with_labels(closed: Graph) -> None:
    rows = select(closed, "SELECT ?p ?name WHERE { ?p a sem:Place ; rdfs:label ?name }")
    names = {str(name) for p, name in rows if not str(p).startswith(str(WD))}
    assert names == {"Syria", "Hama Governorate", "Hama", "Morek"}


def test_contained_in_place_is_transitively_closed(closed: Graph) -> None:
    rows = select(closed, "SELECT ?country WHERE { place:hama schema:containedInPlace ?country . "
                          "?country a ckg:Country }")
    assert (URIRef(f"{ID}country/syria"),) in rows
    assert ask(closed, "ASK { place:morek schema:containedInPlace country:syria }")
    assert ask(closed, "ASK { place:hama schema:containedInPlace place:hama-governorate }")


def test_events_answer_with_actor_place_and_date(closed: Graph) -> None:
    rows = select(closed, """
        SELECT ?e ?actor ?place ?date WHERE {
          ?e a sem:Event ; sem:hasActor ?actor ; sem:hasPlace ?place .
          ?e sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }""")
    capture, strike, offensive = (article_id(f"/event/{k}") for k in ("0-1", "1-0", "0-0"))
    nlf, government = URIRef(f"{ID}actor/northern-liberation-front"), URIRef(f"{ID}actor/syrian-government")
    day = Literal("2024-03-12", datatype=namespace.XSD.date)
    month = Literal("2024-03", datatype=namespace.XSD.gYearMonth)
    assert (capture, nlf, URIRef(f"{ID}place/morek"), day) in rows
    assert (strike, government, URIRef(f"{ID}place/hama"), day) in rows
    assert (offensive, government, URIRef(f"{ID}place/hama-governorate"), month) in rows


def test_every_event_has_a_label_and_a_sem_event_type(closed: Graph) -> None:
    rows = select(closed, "SELECT ?e ?label ?type WHERE { ?e a sem:Event ; rdfs:label ?label ; "
                          "sem:eventType ?type }")
    assert {(e, t) for e, _, t in rows} == {
        (article_id("/event/0-0"), CKG.Offensive),
        (article_id("/event/0-1"), CKG.TerritoryCapture),
        (article_id("/event/1-0"), CKG.AirStrike),
        (article_id("/event/2-0"), CKG.Threat),
    }


def test_sub_events_answer_through_sem_has_sub_event(closed: Graph) -> None:
    rows = select(closed, "SELECT ?whole ?part WHERE { ?whole sem:hasSubEvent ?part }")
    assert rows == {(article_id("/event/0-0"), article_id("/event/0-1"))}


def test_figures_are_quantitative_values(closed: Graph) -> None:
    rows = select(closed, "SELECT ?f ?n WHERE { ?f a schema:QuantitativeValue ; "
                          "schema:value|schema:minValue|schema:maxValue ?n }")
    assert rows == {(article_id("/figure/1-0"), Literal(12))}


def test_claims_figures_and_statements_are_attributed(closed: Graph) -> None:
    rows = select(closed, "SELECT ?x ?source WHERE { ?x prov:wasAttributedTo ?source }")
    sohr, haddad = URIRef(f"{ID}actor/syrian-observatory-for-human-rights"), URIRef(f"{ID}actor/omar-haddad")
    assert rows == {
        (article_id("/claim/1-0"), sohr),
        (article_id("/figure/1-0"), sohr),
        (article_id("/event/2-0"), haddad),
    }
    assert ask(closed, "ASK { ?s prov:wasAttributedTo ?a . ?s a sem:Event . ?a a sem:Actor }")


GROUNDING = """
  ?x prov:wasDerivedFrom ?m . ?m oa:hasSource ?article ; oa:hasSelector ?s .
  ?s a oa:TextQuoteSelector ; oa:exact ?sentence . ?article a schema:NewsArticle .
"""


def test_every_event_figure_relationship_and_claim_is_grounded(closed: Graph) -> None:
    extracted = "{ ?x a sem:Event } UNION { ?x a schema:QuantitativeValue } UNION " \
                "{ ?x a ckg:Relationship } UNION { ?x a ckg:Claim }"
    grounded = select(closed, f"SELECT DISTINCT ?x WHERE {{ {extracted} {GROUNDING} }}")
    assert len(grounded) == 7
    ungrounded = select(closed, f"SELECT ?x WHERE {{ {extracted} FILTER NOT EXISTS {{ {GROUNDING} }} }}")
    assert ungrounded == set()


def test_grounding_quote_matches_the_position_selector_offsets(closed: Graph) -> None:
    rows = select(closed, """
        SELECT ?exact ?start ?end ?text WHERE {
          ?x prov:wasDerivedFrom ?m . ?m oa:hasSource ?article ;
             oa:hasSelector ?q , ?p .
          ?q a oa:TextQuoteSelector ; oa:exact ?exact .
          ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?article schema:text ?text }""")
    assert len(rows) == 3
    for exact, start, end, text in rows:
        assert str(text)[int(str(start)):int(str(end))] == str(exact)


def test_shortcuts_answer_in_standard_and_inverse_directions(closed: Graph) -> None:
    assert ask(closed, "ASK { actor:syrian-government ckg:inConflictWith actor:northern-liberation-front ;"
                       " ckg:opposes actor:northern-liberation-front }")
    assert ask(closed, "ASK { actor:omar-haddad schema:affiliation actor:northern-liberation-front }")


def test_closure_does_not_make_events_or_places_into_actors(closed: Graph) -> None:
    assert not ask(closed, "ASK { ?e a sem:Event , sem:Actor }")
    assert not ask(closed, "ASK { ?x a ckg:Sentence , sem:Event }")
    assert not ask(closed, "ASK { place:hama a sem:Actor }")


def test_the_example_round_trips_through_json_ld_with_the_published_context() -> None:
    data = example_data()
    text = data.serialize(format="json-ld", context=load_context()["@context"])
    figure = next(node for node in json.loads(text)["@graph"] if node["@id"].endswith("/figure/1-0"))
    assert (figure["@type"], figure["qualifier"], figure["measure"], figure["minValue"]) == (
        "Figure", "AtLeast", "Deaths", 12)
    assert isomorphic(Graph().parse(data=text, format="json-ld"), data)
