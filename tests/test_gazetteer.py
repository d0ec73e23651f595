"""The reference gazetteer (data/gazetteer/*.ttl) and its loader kg.gazetteer.

What a gazetteer entry must have, where Syrian places sit, which Wikidata items they are (pinned),
that aliases are unambiguous, and that users can add their own file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import InputError
from kg.gazetteer import (
    ACTOR_KINDS,
    GAZETTEER_ENV,
    PLACE_KINDS,
    GazetteerEntry,
    gazetteer_index,
    load_gazetteer,
)
from kg.namespaces import CKG, GEO, ID, WD
from kg.resources import GAZETTEER_DIR, ONTOLOGY_DIR

REFERENCE_FILE = GAZETTEER_DIR / "syria.ttl"

# Every Wikidata identifier in the reference gazetteer, with the entity it belongs to. Each was checked
# against a source named in a comment above its owl:sameAs in syria.ttl. Any change must be deliberate.
PINNED_QIDS: dict[str, str] = {
    "country/syria": "Q858",
    "country/russia": "Q159",
    "country/iran": "Q794",
    "country/turkey": "Q43",
    "country/united-states": "Q30",
    "country/israel": "Q801",
    "country/iraq": "Q796",
    "country/lebanon": "Q822",
    "country/jordan": "Q810",
    "country/qatar": "Q846",
    "country/saudi-arabia": "Q851",
    "country/united-arab-emirates": "Q878",
    "country/egypt": "Q79",
    "country/france": "Q142",
    "country/united-kingdom": "Q145",
    "country/germany": "Q183",
    "country/china": "Q148",
    "country/ukraine": "Q212",
    "place/aleppo-governorate": "Q214064",
    "place/idlib-governorate": "Q233218",
    "place/hama-governorate": "Q232355",
    "place/homs-governorate": "Q214094",
    "place/latakia-governorate": "Q233236",
    "place/tartus-governorate": "Q232382",
    "place/damascus-governorate": "Q2007044",
    "place/rif-dimashq-governorate": "Q232399",
    "place/daraa-governorate": "Q1689560",
    "place/as-suwayda-governorate": "Q236797",
    "place/quneitra-governorate": "Q219690",
    "place/deir-ez-zor-governorate": "Q232387",
    "place/raqqa-governorate": "Q235563",
    "place/al-hasakah-governorate": "Q233914",
    "place/aleppo": "Q41183",
    "place/damascus": "Q3766",
    "place/beirut": "Q3820",
    "place/baghdad": "Q1530",
    "place/ankara": "Q3640",
    "place/tehran": "Q3616",
    "place/moscow": "Q649",
    "place/amman": "Q3805",
    "place/jerusalem": "Q1218",
    "place/washington-dc": "Q61",
    "actor/peoples-protection-units": "Q277036",
    "actor/islamic-state": "Q2429253",
    "actor/hamas": "Q38799",
    "actor/united-nations": "Q1065",
    "actor/un-security-council": "Q37470",
    "actor/world-health-organization": "Q7817",
    "actor/european-union": "Q458",
    "actor/arab-league": "Q7172",
    "actor/bashar-al-assad": "Q44329",
    "actor/vladimir-putin": "Q7747",
    "actor/recep-tayyip-erdogan": "Q39259",
    "actor/benjamin-netanyahu": "Q43723",
    "actor/joe-biden": "Q6279",
    "actor/donald-trump": "Q22686",
    "actor/nato": "Q7184",
    "actor/reuters": "Q130879",
    "actor/agence-france-presse": "Q40464",
    "actor/associated-press": "Q40469",
    "actor/tass": "Q223799",
    "actor/bbc": "Q9531",
    "actor/hezbollah": "Q41053",
    "actor/ali-khamenei": "Q57336",
    "actor/cnn": "Q48340",
    "place/homs": "Q131301",
    "place/hama": "Q173545",
    "actor/antonio-guterres": "Q311440",
    "actor/unhcr": "Q132551",
    "actor/unicef": "Q740308",
    "actor/iranian-government": "Q16052369",
    "actor/syrian-government": "Q113519305",
    "actor/amnesty-international": "Q42970",
    "actor/human-rights-watch": "Q187052",
    "actor/medecins-sans-frontieres": "Q49330",
    "actor/icrc": "Q5987345",
    "actor/russian-government": "Q1140115",
    "actor/turkish-government": "Q15462156",
    "actor/israeli-government": "Q2578249",
    "actor/united-states-government": "Q48525",
    "actor/al-jazeera": "Q13477",
    "actor/world-food-programme": "Q204344",
    "actor/ocha": "Q1065854",
    "actor/wagner-group": "Q36597284",
    "actor/al-qaeda": "Q34490",
    "actor/kurdistan-workers-party": "Q152220",
    "actor/democratic-union-party": "Q864766",
    "actor/sergei-lavrov": "Q58217",
    "place/latakia": "Q200030",
    "place/tartus": "Q174916",
    "place/daraa": "Q238217",
    "place/gaza-strip": "Q39760",
    "place/tel-aviv": "Q33935",
    "place/palmyra": "Q938457",
    "place/gaziantep": "Q93338",
    "place/quneitra": "Q576368",
    "place/tabqa": "Q1822804",
    "place/azaz": "Q277674",
    "place/manbij": "Q1146939",
    "place/qamishli": "Q212757",
    "place/al-hasakah": "Q311321",
    "place/douma": "Q403446",
    "place/raqqa": "Q283368",
    "place/abu-kamal": "Q152828",
    "place/deir-ez-zor": "Q239097",
    "place/as-suwayda": "Q311099",
    "place/idlib": "Q504657",
}

# Names deliberately shared by two entries: a capital's name is also the metonym of its government
# ("Damascus said ..."); the converter decides from context which one a mention denotes.
ALLOWED_SHARED_NAMES: dict[str, set[str]] = {
    "damascus": {"place/damascus", "actor/syrian-government"},
    "moscow": {"place/moscow", "actor/russian-government"},
    "ankara": {"place/ankara", "actor/turkish-government"},
    "tehran": {"place/tehran", "actor/iranian-government"},
}

SYRIA = ID["country/syria"]
SYRIA_BOX = {"lat": (32.0, 37.5), "long": (35.5, 42.5)}


@pytest.fixture(scope="module")
def reference() -> Graph:
    graph = Graph()
    graph.parse(REFERENCE_FILE, format="turtle")
    return graph


@pytest.fixture(scope="module")
def index() -> list[GazetteerEntry]:
    return gazetteer_index(use_env=False)


def _short(iri: str) -> str:
    return iri.removeprefix(str(ID))


def _entries(graph: Graph) -> set[URIRef]:
    known = {CKG[k] for k in ACTOR_KINDS | PLACE_KINDS}
    return {s for s, o in graph.subject_objects(RDF.type) if o in known and isinstance(s, URIRef)}


def test_reference_file_parses_and_covers_the_main_parties_and_places(index: list[GazetteerEntry]) -> None:
    iris = {_short(e.iri) for e in index}
    must_have = {
        "actor/syrian-government", "actor/syrian-arab-army", "actor/hayat-tahrir-al-sham",
        "actor/syrian-national-army", "actor/syrian-democratic-forces", "actor/islamic-state",
        "actor/hezbollah", "actor/islamic-revolutionary-guard-corps", "actor/united-nations",
        "actor/syrian-observatory-for-human-rights", "actor/anadolu-agency", "actor/sana",
        "country/russia", "country/iran", "country/turkey", "country/united-states", "country/israel",
        "place/aleppo", "place/idlib", "place/hama", "place/homs", "place/damascus", "place/latakia",
        "place/tartus", "place/deir-ez-zor", "place/raqqa", "place/daraa", "place/manbij",
        "place/tal-rifaat", "place/saraqib", "place/maarat-al-numan",
    }
    assert must_have <= iris, sorted(must_have - iris)
    governorates = [e for e in index if "Governorate" in e.kinds and e.contained_in == (str(SYRIA),)]
    assert len(governorates) == 14


def test_every_entry_has_a_model_kind_and_a_label(reference: Graph) -> None:
    entries = _entries(reference)
    assert len(entries) > 150
    for entry in entries:
        assert reference.value(entry, RDFS.label) is not None, entry
        assert reference.value(entry, SKOS.prefLabel) is not None, entry


def test_gazetteer_iris_follow_the_model(index: list[GazetteerEntry]) -> None:
    pattern = re.compile(r"^(actor|place|country)/[a-z0-9]+(-[a-z0-9]+)*$")
    for entry in index:
        assert pattern.match(_short(entry.iri)), entry.iri
        if _short(entry.iri).startswith("country/"):
            assert {"Country", "State"} <= set(entry.kinds), entry.iri


def test_places_have_coordinates_except_broad_regions(index: list[GazetteerEntry]) -> None:
    for entry in index:
        if not entry.is_place or entry.kinds == ("Region",):
            continue
        assert entry.lat is not None and entry.long is not None, entry.iri
        assert -90 <= entry.lat <= 90 and -180 <= entry.long <= 180, entry.iri


def test_coordinates_are_typed_decimals(reference: Graph) -> None:
    for predicate in (GEO.lat, GEO.long):
        values = list(reference.objects(None, predicate))
        assert values
        assert {str(v.datatype) for v in values if isinstance(v, Literal)} == {
            "http://www.w3.org/2001/XMLSchema#decimal"
        }


def test_every_syrian_place_is_contained_in_syria_and_lies_inside_it(index: list[GazetteerEntry]) -> None:
    syrian = [e for e in index if e.is_place and str(SYRIA) in e.contained_in]
    assert len(syrian) >= 60
    for entry in syrian:
        if entry.lat is None or entry.long is None:
            assert entry.kinds == ("Region",), entry.iri
            continue
        assert SYRIA_BOX["lat"][0] <= entry.lat <= SYRIA_BOX["lat"][1], entry.iri
        assert SYRIA_BOX["long"][0] <= entry.long <= SYRIA_BOX["long"][1], entry.iri


def test_places_inside_syria_box_reach_syria_by_containment(index: list[GazetteerEntry]) -> None:
    def inside(e: GazetteerEntry) -> bool:
        return (
            e.lat is not None and e.long is not None
            and SYRIA_BOX["lat"][0] <= e.lat <= SYRIA_BOX["lat"][1]
            and SYRIA_BOX["long"][0] <= e.long <= SYRIA_BOX["long"][1]
        )
    # Lebanon's capital and the Turkish border province lie in the box but belong to their own countries.
    foreign = {"place/beirut", "place/hatay-province", "place/gaziantep", "country/lebanon"}
    candidates = [e for e in index if e.is_place and inside(e) and _short(e.iri) not in foreign]
    for entry in candidates:
        if _short(entry.iri) == "country/syria":
            continue
        assert str(SYRIA) in entry.contained_in, entry.iri


def test_cities_sit_in_their_governorate() -> None:
    by_iri = {_short(e.iri): e for e in gazetteer_index(use_env=False)}
    assert by_iri["place/saraqib"].contained_in[:2] == (str(ID["place/idlib-governorate"]), str(SYRIA))
    assert by_iri["place/douma"].contained_in[0] == str(ID["place/rif-dimashq-governorate"])
    assert by_iri["place/university-of-aleppo"].contained_in[:2] == (
        str(ID["place/aleppo"]), str(ID["place/aleppo-governorate"]),
    )


def test_every_wikidata_identifier_is_pinned(reference: Graph) -> None:
    found = {
        _short(str(s)): str(o).removeprefix(str(WD))
        for s, o in reference.subject_objects(OWL.sameAs)
        if str(o).startswith(str(WD))
    }
    assert found == PINNED_QIDS


def test_every_wikidata_identifier_names_its_source_in_the_file() -> None:
    text = REFERENCE_FILE.read_text(encoding="utf-8")
    for qid in PINNED_QIDS.values():
        assert re.search(rf"^# {qid} verified: \S", text, flags=re.M), qid


def test_no_two_entries_share_an_alias_demonym_or_metonym(index: list[GazetteerEntry]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in index:
        for name in (entry.label, *entry.aliases, *entry.demonyms, *entry.metonyms):
            owners[name.casefold()].add(_short(entry.iri))
    shared = {name: iris for name, iris in owners.items() if len(iris) > 1}
    assert shared == ALLOWED_SHARED_NAMES


def test_the_examples_from_the_issue_resolve(index: list[GazetteerEntry]) -> None:
    def owner(name: str) -> str:
        hits = [e for e in index if name in (e.label, *e.aliases, *e.demonyms, *e.metonyms)]
        assert len(hits) == 1, (name, hits)
        return _short(hits[0].iri)

    assert owner("HTS") == "actor/hayat-tahrir-al-sham"
    assert owner("Hayat Tahrir al-Sham") == "actor/hayat-tahrir-al-sham"
    assert owner("the Kremlin") == "actor/russian-government"
    assert owner("Iranian") == "country/iran"
    assert owner("Turkish") == "country/turkey"
    assert owner("Tell Rifaat") == "place/tal-rifaat"
    hts = next(e for e in index if _short(e.iri) == "actor/hayat-tahrir-al-sham")
    assert "Jabhat al-Nusra" in hts.former_names and "Jabhat al-Nusra" not in hts.aliases


def test_governments_and_armed_forces_point_to_their_state(reference: Graph) -> None:
    assert reference.value(ID["actor/russian-government"], CKG.governmentOf) == ID["country/russia"]
    assert reference.value(ID["actor/syrian-arab-army"], CKG.armedForceOf) == SYRIA
    for subject, state in reference.subject_objects(CKG.governmentOf | CKG.armedForceOf):  # type: ignore[operator]
        assert (state, RDF.type, CKG.State) in reference, subject
    assert reference.value(ID["actor/dmitry-peskov"], CKG.spokespersonOf) == ID["actor/russian-government"]


def test_index_flags_actors_and_places(index: list[GazetteerEntry]) -> None:
    by_iri = {_short(e.iri): e for e in index}
    assert by_iri["country/iran"].is_place and by_iri["country/iran"].is_actor
    assert by_iri["place/aleppo"].is_place and not by_iri["place/aleppo"].is_actor
    assert by_iri["actor/hezbollah"].is_actor and not by_iri["actor/hezbollah"].is_place
    assert by_iri["actor/islamic-state"].qid == "Q2429253"
    assert index == sorted(index, key=lambda e: e.iri)


USER_GAZETTEER = """\
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix place: <https://w3id.org/conflict-kg/id/place/> .
@prefix actor: <https://w3id.org/conflict-kg/id/actor/> .
@prefix country: <https://w3id.org/conflict-kg/id/country/> .

country:sudan a ckg:Country, ckg:State ; rdfs:label "Sudan"@en ; skos:prefLabel "Sudan"@en ;
    ckg:demonym "Sudanese"@en ; geo:lat "15.5"^^xsd:decimal ; geo:long "30.2"^^xsd:decimal .
place:el-fasher a ckg:City ; rdfs:label "El Fasher"@en ; skos:altLabel "al-Fashir"@en ;
    geo:lat "13.63"^^xsd:decimal ; geo:long "25.35"^^xsd:decimal ; ckg:containedIn country:sudan .
actor:rapid-support-forces a ckg:Militia ; rdfs:label "Rapid Support Forces"@en ; skos:altLabel "RSF"@en .
"""


def test_a_user_file_named_in_the_environment_is_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_file = tmp_path / "sudan.ttl"
    user_file.write_text(USER_GAZETTEER, encoding="utf-8")
    monkeypatch.setenv(GAZETTEER_ENV, str(user_file))
    graph = load_gazetteer()
    assert (ID["actor/rapid-support-forces"], SKOS.altLabel, Literal("RSF", lang="en")) in graph
    assert (ID["place/aleppo"], RDF.type, CKG.City) in graph
    by_iri = {_short(e.iri): e for e in gazetteer_index()}
    assert by_iri["place/el-fasher"].contained_in == (str(ID["country/sudan"]),)
    assert by_iri["actor/rapid-support-forces"].aliases == ("RSF",)
    assert "place/aleppo" in by_iri


def test_a_user_directory_or_explicit_path_is_merged_too(tmp_path: Path) -> None:
    (tmp_path / "sudan.ttl").write_text(USER_GAZETTEER, encoding="utf-8")
    from_dir = {_short(e.iri) for e in gazetteer_index([tmp_path], use_env=False)}
    from_file = {_short(e.iri) for e in gazetteer_index([tmp_path / "sudan.ttl"], use_env=False)}
    assert "place/el-fasher" in from_dir and from_dir == from_file


def test_bad_user_files_give_one_line_errors_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken_text = "@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .\n\n<a> ckg:x \n"
    broken.write_text(broken_text, encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl:\d+: invalid Turtle") as bad:
        load_gazetteer([broken], use_env=False)
    assert "\n" not in str(bad.value)

    unlabelled = tmp_path / "unlabelled.ttl"
    unlabelled.write_text(
        "@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .\n<https://example.org/x> a ckg:City .\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"unlabelled\.ttl: entry <https://example.org/x> has no rdfs:label"):
        load_gazetteer([unlabelled], use_env=False)

    with pytest.raises(InputError, match=r"missing\.ttl: gazetteer file not found"):
        load_gazetteer([tmp_path / "missing.ttl"], use_env=False)


def test_owl_rl_closure_of_ontology_and_gazetteer_runs() -> None:
    if not any(ONTOLOGY_DIR.glob("*.ttl")):
        pytest.skip("ontology/ has no Turtle files yet")
    import owlrl

    graph = load_gazetteer(use_env=False)
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    before = len(graph)
    closure = owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False)
    closure.expand(graph)
    assert len(graph) > before
    # containment is transitive in the ontology: a city reaches the country directly after reasoning
    assert (ID["place/saraqib"], CKG.containedIn, SYRIA) in graph
