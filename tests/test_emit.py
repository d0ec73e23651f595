"""The RDF emitter: article, sentences with selectors, mentions, events, figures, relationships, claims."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.emit import emit
from kg.extract.mentions import ArticleMeta
from kg.extract.pipeline import extract
from kg.namespaces import CKG, ID, OA, PROV, SCHEMA

TEXT = (
    "Rebels launch offensive on Hama\n"
    "Hezbollah, an ally of the Syrian government, is in conflict with Israel. "
    "The Syrian Observatory for Human Rights reported that air strikes killed 12 civilians in Hama."
)
KEY = "0123456789abcdef"


def graph():
    return emit(extract(TEXT, meta=ArticleMeta(url="https://example.org/a", date="2025-01-02")), key=KEY)


def article() -> URIRef:
    return URIRef(f"{ID}article/{KEY}")


def test_the_article_keeps_its_text_url_and_date():
    g = graph()
    assert (article(), RDF.type, SCHEMA.NewsArticle) in g
    assert g.value(article(), SCHEMA.text) == Literal(TEXT)
    assert g.value(article(), SCHEMA.datePublished) == Literal(
        "2025-01-02", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")
    )


def test_sentences_have_a_quote_and_a_position_selector_with_exact_offsets():
    g = graph()
    sentence = URIRef(f"{ID}article/{KEY}/sentence/1")
    position = URIRef(f"{sentence}/position")
    start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
    assert g.value(URIRef(f"{sentence}/quote"), OA.exact) == Literal(TEXT[start:end])
    assert (sentence, OA.hasSource, article()) in g


def test_every_event_has_type_event_type_label_and_provenance():
    g = graph()
    events = set(g.subjects(CKG.eventType, None))
    assert events
    for event in events:
        cls = g.value(event, CKG.eventType)
        assert (event, RDF.type, cls) in g
        assert g.value(event, RDFS.label) is not None
        assert g.value(event, PROV.wasDerivedFrom) is not None
        assert str(event).startswith(f"{ID}article/{KEY}/event/")


def test_relationships_are_nary_nodes_with_their_shortcuts():
    g = graph()
    hezbollah, israel = URIRef(f"{ID}actor/hezbollah"), URIRef(f"{ID}country/israel")
    hostility = next(g.subjects(RDF.type, CKG.Hostility))
    assert (hostility, CKG.fromParty, hezbollah) in g and (hostility, CKG.toParty, israel) in g
    assert (hezbollah, CKG.inConflictWith, israel) in g
    alliance = next(g.subjects(RDF.type, CKG.Alliance))
    assert len(set(g.objects(alliance, CKG.party))) == 2
    assert (hezbollah, CKG.alliedWith, URIRef(f"{ID}actor/syrian-government")) in g


def test_reported_figures_are_attributed_to_the_reporter():
    g = graph()
    figure = next(g.subjects(CKG.measure, CKG.Deaths))
    assert g.value(figure, CKG.countedGroup) == CKG.Civilians
    assert g.value(figure, PROV.wasAttributedTo) == URIRef(f"{ID}actor/syrian-observatory-for-human-rights")
    killing = g.value(figure, CKG.figureOf)
    assert (killing, RDF.type, CKG.Killing) in g
    claim = next(g.subjects(RDF.type, CKG.Report))
    assert (claim, CKG.claims, killing) in g and (claim, CKG.claims, figure) in g


def test_mentions_point_into_the_text_and_denote_their_node():
    g = graph()
    for mention in g.subjects(RDF.type, CKG.Mention):
        position = URIRef(f"{mention}/position")
        start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
        assert g.value(URIRef(f"{mention}/quote"), OA.exact) == Literal(TEXT[start:end])
        assert g.value(mention, CKG.denotes) is not None


def test_emitting_twice_gives_the_same_triples():
    assert set(graph()) == set(graph())


def test_a_minted_actor_keeps_the_name_the_article_used_as_alt_label():
    mentions = extract("Malian troops repelled the attack near Boulkessi.")
    (troops,) = [e for e in mentions.entities if e.span.text == "Malian troops" and not e.known]
    g = emit(mentions, key=KEY)
    labels = {str(o) for o in g.objects(URIRef(troops.iri), SKOS.prefLabel | SKOS.altLabel)}
    assert "Malian troops" in labels


def test_unnamed_captured_places_are_places_without_a_name_mention():
    mentions = extract("The rebels captured more than 20 villages near Hama on Monday.")
    unnamed = [e for e in mentions.entities if e.iri.startswith(f"{ID}article/")]
    assert unnamed, [e.iri for e in mentions.entities]
    g = emit(mentions, key=KEY)
    node = URIRef(unnamed[0].iri)
    assert (node, RDF.type, CKG.Place) in g and not list(g.subjects(CKG.denotes, node))
    assert list(g.subjects(CKG.captured, node))


def test_minted_institutions_point_to_their_state_and_capitals_to_their_country():
    text = "Rwanda's army denied the claim. Ukraine's defence ministry said shops closed in Kinshasa."
    g = emit(extract(text, meta=ArticleMeta(date="2025-01-27")), key=KEY)
    army, ministry = ID["actor/armed-forces-of-rwanda"], ID["actor/defence-ministry-of-ukraine"]
    assert (army, RDF.type, CKG.StateArmedForce) in g
    assert (army, CKG.armedForceOf, ID["country/rwanda"]) in g
    assert (ministry, CKG.governmentOf, ID["country/ukraine"]) in g
    congo = ID["country/democratic-republic-of-the-congo"]
    assert (ID["place/kinshasa"], CKG.containedIn, congo) in g
    assert (congo, RDF.type, CKG.State) in g and g.value(
        congo, RDFS.label
    ) is not None  # named though unnamed


def test_a_relationship_keeps_when_it_began_and_ended():
    text = (
        "Iran has backed the Houthis since 2015, officials said. "
        "Hezbollah fought alongside the Syrian government until December 2024."
    )
    g = emit(extract(text, meta=ArticleMeta(date="2025-03-03")), key=KEY)
    backing = next(g.subjects(CKG.toParty, ID["actor/houthis"]))
    assert g.value(backing, CKG.validFrom) == Literal("2015", datatype=XSD.gYear)
    assert g.value(backing, CKG.validUntil) is None
    ended = [r for r in g.subjects(CKG.validUntil, None)]
    assert len(ended) == 1
    assert g.value(ended[0], CKG.validUntil) == Literal("2024-12", datatype=XSD.gYearMonth)
    assert ID["actor/hezbollah"] in set(g.objects(ended[0], CKG.party))
