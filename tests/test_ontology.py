"""The ontology (ontology/*.ttl) and its JSON-LD @context: complete against docs/model.md, documented,
aligned by axioms, closable by OWL RL, and mapped to ACLED and PLOVER."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import owlrl
import pytest
from pyld import jsonld
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from kg.errors import InputError
from kg.namespaces import CKG, DEFAULT_BASE, OA, PROV, SCHEMA, SEM
from kg.ontology import context_path, load_context, load_ontology, ontology_files, parse_turtle_file
from kg.resources import GAZETTEER_DIR, ROOT

ONTOLOGY_IRI = URIRef(f"{DEFAULT_BASE}ontology")
ACLED = f"{DEFAULT_BASE}ontology/acled#"
PLOVER = f"{DEFAULT_BASE}ontology/plover#"
OURS = (str(CKG), ACLED, PLOVER)
STANDARD = (str(SEM), str(SCHEMA), str(PROV), str(OA), str(ns.SKOS), "http://www.w3.org/2006/time#",
            "http://www.w3.org/2003/01/geo/wgs84_pos#", str(ns.OWL), str(ns.RDF), str(ns.RDFS), str(ns.XSD),
            str(ns.DCTERMS), "http://www.wikidata.org/entity/")
MAPPINGS = [ns.SKOS.exactMatch, ns.SKOS.closeMatch, ns.SKOS.broadMatch, ns.SKOS.narrowMatch,
            ns.SKOS.relatedMatch]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def event_classes(graph: Graph) -> set[URIRef]:
    found = {CKG.Event}
    frontier = [CKG.Event]
    while frontier:
        for sub in graph.subjects(ns.RDFS.subClassOf, frontier.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def terms_of(graph: Graph, *namespaces: str) -> set[URIRef]:
    return {s for s in graph.subjects(ns.RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(namespaces)}


# --- files and metadata


def test_every_ontology_file_parses_on_its_own() -> None:
    names = [path.name for path in ontology_files()]
    assert names == ["conflict-kg.ttl", "crosswalk-acled-plover.ttl", "vocabularies.ttl"]
    for path in ontology_files():
        assert len(parse_turtle_file(path)) > 100, path


def test_ontology_metadata(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, ns.RDF.type, ns.OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, ns.OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/0.1.0")
    assert onto.value(ONTOLOGY_IRI, ns.DCTERMS.license) == URIRef("https://www.apache.org/licenses/LICENSE-2.0")
    assert onto.value(ONTOLOGY_IRI, ns.DCTERMS.creator) == Literal("conflict-kg contributors")
    assert onto.value(ONTOLOGY_IRI, ns.DCTERMS.title)
    assert len(str(onto.value(ONTOLOGY_IRI, ns.DCTERMS.description))) > 100


def test_every_ckg_term_of_the_data_model_is_defined(onto: Graph) -> None:
    model = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    named = {CKG[name] for name in re.findall(r"\bckg:([A-Za-z]+)", model)}
    assert len(named) > 150
    undefined = sorted(str(term) for term in named if (term, ns.RDF.type, None) not in onto)
    assert undefined == []


def test_every_term_we_define_has_a_label_and_a_definition(onto: Graph) -> None:
    terms = terms_of(onto, *OURS)
    assert len(terms) > 200
    unlabeled = sorted(str(t) for t in terms if onto.value(t, ns.RDFS.label) is None)
    definitions = (ns.SKOS.definition, ns.RDFS.comment)
    undefined = sorted(str(t) for t in terms if not any(onto.value(t, d) for d in definitions))
    assert (unlabeled, undefined) == ([], [])


def test_external_terms_are_declared_with_a_label_only(onto: Graph) -> None:
    external = terms_of(onto, str(SEM), str(SCHEMA), str(PROV), str(OA))
    assert {SEM.Event, SEM.Actor, SEM.Place, SEM.hasSubEvent, SCHEMA.containedInPlace, OA.TextQuoteSelector,
            PROV.wasDerivedFrom} <= external
    for term in external:
        assert onto.value(term, ns.RDFS.label) is not None
        assert set(onto.predicates(term, None)) <= {ns.RDF.type, ns.RDFS.label}, term


# --- alignment axioms the standard view relies on


def test_alignment_axioms_to_standard_vocabularies(onto: Graph) -> None:
    expected = [
        (CKG.Actor, ns.RDFS.subClassOf, SEM.Actor), (CKG.Actor, ns.RDFS.subClassOf, PROV.Agent),
        (CKG.Place, ns.RDFS.subClassOf, SEM.Place), (CKG.Place, ns.RDFS.subClassOf, SCHEMA.Place),
        (CKG.Event, ns.RDFS.subClassOf, SEM.Event), (CKG.Event, ns.RDFS.subClassOf, SCHEMA.Event),
        (CKG.Figure, ns.RDFS.subClassOf, SCHEMA.QuantitativeValue),
        (CKG.Sentence, ns.RDFS.subClassOf, OA.SpecificResource),
        (CKG.agent, ns.RDFS.subPropertyOf, SEM.hasActor), (CKG.target, ns.RDFS.subPropertyOf, SEM.hasActor),
        (CKG.place, ns.RDFS.subPropertyOf, SEM.hasPlace), (CKG.date, ns.RDFS.subPropertyOf, SEM.hasTimeStamp),
        (CKG.startDate, ns.RDFS.subPropertyOf, SEM.hasBeginTimeStamp),
        (CKG.eventType, ns.RDFS.subPropertyOf, SEM.eventType),
        (CKG.subEventOf, ns.OWL.inverseOf, SEM.hasSubEvent),
        (CKG.containedIn, ns.RDF.type, ns.OWL.TransitiveProperty),
        (CKG.containedIn, ns.RDFS.subPropertyOf, SCHEMA.containedInPlace),
    ]
    assert [triple for triple in expected if triple not in onto] == []


def test_relationship_shortcut_axioms(onto: Graph) -> None:
    expected = [
        (CKG.alliedWith, ns.RDF.type, ns.OWL.SymmetricProperty),
        (CKG.inConflictWith, ns.RDF.type, ns.OWL.SymmetricProperty),
        (CKG.backs, ns.RDFS.subPropertyOf, CKG.supports),
        (CKG.inConflictWith, ns.RDFS.subPropertyOf, CKG.opposes),
        (CKG.spokespersonOf, ns.RDFS.subPropertyOf, CKG.roleIn),
        (CKG.roleIn, ns.RDFS.subPropertyOf, SCHEMA.affiliation),
        (CKG.memberOf, ns.RDFS.subPropertyOf, SCHEMA.memberOf),
        (CKG.demonym, ns.RDFS.subPropertyOf, ns.SKOS.altLabel),
        (CKG.metonym, ns.RDFS.subPropertyOf, ns.SKOS.altLabel),
    ]
    assert [triple for triple in expected if triple not in onto] == []


OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def test_owl_rl_closes_the_ontology_in_a_few_seconds() -> None:
    graph = load_ontology()
    started = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    elapsed = time.perf_counter() - started
    assert list(graph.objects(None, OWLRL_ERROR)) == []
    assert elapsed < 10, f"OWL RL closure of the ontology took {elapsed:.1f} s"
    assert (CKG.DroneStrike, ns.RDFS.subClassOf, SEM.Event) in graph


def test_owl_rl_closes_ontology_plus_gazetteer_without_error() -> None:
    files = sorted(GAZETTEER_DIR.glob("*.ttl"))
    if not files:
        pytest.skip(f"no gazetteer files in {GAZETTEER_DIR}")
    graph = load_ontology()
    for path in files:
        graph += parse_turtle_file(path)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert list(graph.objects(None, OWLRL_ERROR)) == []


# --- SKOS event types and crosswalk


def test_every_event_class_is_a_concept_of_the_event_type_scheme(onto: Graph) -> None:
    classes = event_classes(onto)
    assert len(classes) == 39
    concepts = set(onto.subjects(ns.SKOS.inScheme, CKG.EventTypeScheme))
    assert concepts == classes
    for cls in classes:
        assert (cls, ns.RDF.type, ns.OWL.Class) in onto and (cls, ns.RDF.type, ns.SKOS.Concept) in onto
        assert onto.value(cls, ns.SKOS.prefLabel) == onto.value(cls, ns.RDFS.label), cls


def test_skos_broader_mirrors_rdfs_subclass_of(onto: Graph) -> None:
    for cls in event_classes(onto):
        supers = {o for o in onto.objects(cls, ns.RDFS.subClassOf) if str(o).startswith(str(CKG))}
        assert set(onto.objects(cls, ns.SKOS.broader)) == supers, cls


def test_every_event_type_below_the_root_maps_to_acled_or_plover(onto: Graph) -> None:
    unmapped = []
    for cls in event_classes(onto) - {CKG.Event}:
        targets = {t for m in MAPPINGS for t in onto.objects(cls, m)}
        if not targets:
            unmapped.append(str(cls))
        for target in targets:
            assert str(target).startswith((ACLED, PLOVER)), (cls, target)
            assert (target, ns.RDF.type, ns.SKOS.Concept) in onto, (cls, target)
    assert unmapped == []


ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
                "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                "ASSAULT"}


def test_acled_scheme_has_the_codebook_event_and_sub_event_types(onto: Graph) -> None:
    scheme = URIRef(ACLED + "EventTypeScheme")
    found: dict[str, set[str]] = {}
    for top in onto.objects(scheme, ns.SKOS.hasTopConcept):
        subs = onto.subjects(ns.SKOS.broader, top)
        found[str(onto.value(top, ns.SKOS.prefLabel))] = {str(onto.value(s, ns.SKOS.prefLabel)) for s in subs}
    assert found == ACLED_TYPES


def test_plover_scheme_has_the_manual_event_types(onto: Graph) -> None:
    scheme = URIRef(PLOVER + "EventTypeScheme")
    tops = {str(onto.value(t, ns.SKOS.prefLabel)) for t in onto.objects(scheme, ns.SKOS.hasTopConcept)}
    assert tops == PLOVER_TYPES


@pytest.mark.parametrize(("ours", "relation", "theirs"), [
    ("ArmedClash", "exactMatch", ACLED + "ArmedClash"),
    ("AirStrike", "exactMatch", ACLED + "AirDroneStrike"),
    ("SuicideBombing", "exactMatch", ACLED + "SuicideBomb"),
    ("ShellingAttack", "closeMatch", ACLED + "ShellingArtilleryMissileAttack"),
    ("TerritoryCapture", "narrowMatch", ACLED + "NonStateActorOvertakesTerritory"),
    ("Arrest", "closeMatch", ACLED + "Arrests"),
    ("Threat", "exactMatch", PLOVER + "THREATEN"),
    ("Condemnation", "broadMatch", PLOVER + "DISAPPROVE"),
    ("Battle", "broadMatch", PLOVER + "ASSAULT"),
])
def test_crosswalk_examples(onto: Graph, ours: str, relation: str, theirs: str) -> None:
    assert (CKG[ours], ns.SKOS[relation], URIRef(theirs)) in onto


@pytest.mark.parametrize(("scheme", "members"), [
    ("QualifierScheme", {"Exact", "AtLeast", "AtMost", "Approximate", "Vague"}),
    ("MeasureScheme", {"Deaths", "Injuries", "Casualties", "Displaced", "CapturedSettlements", "Combatants",
                       "Population", "Detained", "Families"}),
    ("PopulationGroupScheme", {"Civilians", "Fighters", "Soldiers", "Students", "Children", "Women",
                               "People"}),
    ("RoleScheme", {"Spokesperson", "ForeignMinister", "HeadOfState", "HeadOfGovernment", "Minister",
                    "Official", "Commander", "Leader", "Envoy"}),
])
def test_value_schemes_hold_exactly_the_model_concepts(onto: Graph, scheme: str, members: set[str]) -> None:
    found = {str(c)[len(str(CKG)):] for c in onto.subjects(ns.SKOS.inScheme, CKG[scheme])}
    assert found == members


# --- JSON-LD @context


@pytest.fixture(scope="module")
def context() -> dict[str, object]:
    return load_context()["@context"]  # type: ignore[no-any-return]


def expand_term(context: dict[str, object], term: str) -> str:
    definition = context[term]
    iri = definition if isinstance(definition, str) else definition["@id"]  # type: ignore[index]
    prefix, _, local = str(iri).partition(":")
    base = context.get(prefix)
    return f"{base}{local}" if isinstance(base, str) and not local.startswith("//") else str(iri)


def test_context_is_valid_json_with_version_1_1() -> None:
    json.loads(context_path().read_text(encoding="utf-8"))
    assert load_context()["@context"]["@version"] == 1.1


def test_every_context_term_maps_to_a_defined_or_standard_iri(
    onto: Graph, context: dict[str, object]
) -> None:
    terms = [t for t, d in context.items() if not t.startswith("@") and not str(d).endswith(("#", "/"))]
    assert len(terms) > 190
    undefined = []
    for term in terms:
        iri = expand_term(context, term)
        defined = (URIRef(iri), ns.RDF.type, None) in onto
        if not defined and not (iri.startswith(STANDARD) and not iri.startswith(str(CKG))):
            undefined.append((term, iri))
    assert undefined == []


def test_context_covers_every_ckg_class_property_and_concept(onto: Graph, context: dict[str, object]) -> None:
    mapped = {expand_term(context, t) for t, d in context.items()
              if not t.startswith("@") and not str(d).endswith(("#", "/"))}
    ours = {str(t) for t in terms_of(onto, str(CKG))}
    assert sorted(ours - mapped) == []


def test_a_small_document_expands_to_the_expected_iris(context: dict[str, object]) -> None:
    document = {
        "@context": context,
        "@id": "id:article/k/figure/1-0", "@type": "Figure",
        "minValue": 12, "qualifier": "AtLeast", "measure": "Deaths", "countedGroup": "Civilians",
        "figureOf": "id:article/k/event/1-0", "wasAttributedTo": "id:actor/monitor",
        "wasDerivedFrom": {"@id": "id:article/k/sentence/1", "hasSelector": {
            "@type": "TextPositionSelector", "start": "139", "end": "276"}},
        "sameAs": "wd:Q858", "lat": "35.13",
    }
    expanded = jsonld.expand(document)[0]
    ckg, ident = str(CKG), f"{DEFAULT_BASE}id/"
    assert expanded["@id"] == f"{ident}article/k/figure/1-0"
    assert expanded["@type"] == [f"{ckg}Figure"]
    assert expanded[f"{ckg}qualifier"] == [{"@id": f"{ckg}AtLeast"}]
    assert expanded[f"{ckg}countedGroup"] == [{"@id": f"{ckg}Civilians"}]
    assert expanded[f"{ckg}figureOf"] == [{"@id": f"{ident}article/k/event/1-0"}]
    assert expanded[f"{PROV}wasAttributedTo"] == [{"@id": f"{ident}actor/monitor"}]
    assert expanded[f"{ns.OWL}sameAs"] == [{"@id": "http://www.wikidata.org/entity/Q858"}]
    assert expanded[f"{SCHEMA}minValue"] == [{"@value": 12}]
    latitude = "http://www.w3.org/2003/01/geo/wgs84_pos#lat"
    assert expanded[latitude] == [{"@value": "35.13", "@type": str(ns.XSD.decimal)}]
    selector = expanded[f"{PROV}wasDerivedFrom"][0][f"{OA}hasSelector"][0]
    assert selector["@type"] == [f"{OA}TextPositionSelector"]
    assert selector[f"{OA}start"] == [{"@value": "139", "@type": str(ns.XSD.nonNegativeInteger)}]


# --- library behaviour


def test_load_ontology_returns_an_independent_copy_each_time() -> None:
    first = load_ontology()
    first.remove((None, None, None))
    assert len(load_ontology()) > 1000


def test_bad_turtle_names_the_file_and_line(tmp_path: Path) -> None:
    broken = "@prefix ex: <http://example.org/> .\nex:a ex:b .\n"
    (tmp_path / "broken.ttl").write_text(broken, encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl:2: invalid Turtle"):
        load_ontology(directory=tmp_path)


def test_an_empty_ontology_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no ontology files"):
        load_ontology(directory=tmp_path)


def test_bad_context_json_names_the_file_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "context.jsonld").write_text('{\n  "@context": {,}\n}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"context\.jsonld:2:\d+: invalid JSON"):
        load_context(directory=tmp_path)


def test_ontology_and_context_follow_the_configured_base() -> None:
    script = ("from kg.ontology import load_ontology, load_context\n"
              "g = load_ontology(); c = load_context()['@context']\n"
              "print(sum(1 for s in g.subjects() if str(s).startswith('https://example.org/kg/ontology#')))\n"
              "print(sum(1 for s in g.subjects() if 'w3id.org/conflict-kg' in str(s)))\n"
              "print(c['ckg'])\n")
    env = {**os.environ, "CONFLICT_KG_BASE": "https://example.org/kg/"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    rebased, old, ckg = out.stdout.split("\n")[:3]
    assert int(rebased) > 200 and int(old) == 0
    assert ckg == "https://example.org/kg/ontology#"
