"""The SHACL shapes, shown by examples: what conforms, what is caught, and the message a user reads.

Every file in ``tests/shapes_examples/`` is ``_prelude.ttl`` (a small invented article with its sentences,
actors and places) followed by one example. ``ok-*.ttl`` files conform; each ``bad-*.ttl`` file lists
with ``# expect: FOCUS | MESSAGE`` exactly the violations it must produce, no more, no fewer.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from kg.namespaces import CKG, SH
from kg.resources import ONTOLOGY_DIR
from kg.validate import (
    ValidationReport,
    index_graph,
    load_shapes,
    reference_index,
    short_name,
    validate,
    with_types,
)

EXAMPLES = Path(__file__).parent / "shapes_examples"
PRELUDE = (EXAMPLES / "_prelude.ttl").read_text(encoding="utf-8")
CLASSES = Graph().parse(EXAMPLES / "_classes.ttl", format="turtle")
CONFORMING = sorted(EXAMPLES.glob("ok-*.ttl"))
NON_CONFORMING = sorted(EXAMPLES.glob("bad-*.ttl"))
EXPECT = re.compile(r"^# expect: (.+?) \| (.+)$", re.MULTILINE)


def example_graph(path: Path) -> Graph:
    return Graph().parse(data=PRELUDE + "\n" + path.read_text(encoding="utf-8"), format="turtle")


def check(path: Path) -> ValidationReport:
    return validate(example_graph(path), reference=CLASSES)


def expected_violations(path: Path) -> set[tuple[str, str]]:
    return {(focus, message) for focus, message in EXPECT.findall(path.read_text(encoding="utf-8"))}


# --- the examples ------------------------------------------------------------------------------------


def test_the_prelude_alone_conforms() -> None:
    report = validate(Graph().parse(data=PRELUDE, format="turtle"), reference=CLASSES)
    assert report.conforms, report.as_text()


@pytest.mark.parametrize("path", CONFORMING, ids=lambda p: p.stem)
def test_conforming_example_has_no_violations(path: Path) -> None:
    report = check(path)
    assert report.conforms, report.as_text()
    assert report.violations == []


@pytest.mark.parametrize("path", NON_CONFORMING, ids=lambda p: p.stem)
def test_non_conforming_example_reports_exactly_the_expected_messages(path: Path) -> None:
    expected = expected_violations(path)
    assert expected, f"{path.name} declares no '# expect:' lines"
    report = check(path)
    assert not report.conforms
    found = {(short_name(v.focus_node), v.message) for v in report.violations}
    assert found == expected, report.as_text()


def test_every_shape_message_is_caught_by_some_non_conforming_example() -> None:
    shapes = load_shapes()
    with_message = set(shapes.subjects(SH.message, None))
    caught: set[object] = set()
    for path in NON_CONFORMING:
        report = check(path).report_graph
        caught |= set(report.objects(None, SH.sourceShape)) | set(report.objects(None, SH.sourceConstraint))
    missing = sorted(str(shapes.value(node, SH.message)) for node in with_message - caught)
    assert missing == []


def test_every_targeted_shape_has_a_focus_node_in_some_conforming_example() -> None:
    shapes = load_shapes()
    index = reference_index().merged(index_graph(CLASSES))
    relevant = frozenset(shapes.objects(None, SH.targetClass))
    graphs = [with_types(example_graph(p), index, relevant=relevant) for p in CONFORMING]
    unexercised = []
    for shape in set(shapes.subjects(SH.targetClass, None)) | set(shapes.subjects(SH.targetSubjectsOf, None)):
        classes = list(shapes.objects(shape, SH.targetClass))
        predicates = list(shapes.objects(shape, SH.targetSubjectsOf))
        if not any(
            any((None, RDF.type, c) in g for c in classes) or any((None, p, None) in g for p in predicates)
            for g in graphs
        ):
            unexercised.append(short_name(shape))
    assert unexercised == []


# --- the report a person reads -----------------------------------------------------------------------


def test_text_report_shows_focus_path_message_value_and_sentence() -> None:
    report = check(EXAMPLES / "bad-figure-numbers.ttl")
    text = report.as_text()
    assert text.startswith("Conforms: no (8 violations)")
    block = text.split("Violation: id:article/ex1/figure/1-11\n", 1)[1].split("\n\n", 1)[0]
    assert "path:     schema:minValue" in block
    assert "message:  Figure schema:minValue is larger than its schema:maxValue" in block
    assert 'value:    "20"^^xsd:integer' in block
    assert 'sentence: "At least 12 people were killed, including three children' in block


def test_sentence_of_a_mention_or_selector_is_its_sentence() -> None:
    report = check(EXAMPLES / "bad-selectors.ttl")
    sentences = {v.sentence_text for v in report.violations}
    assert sentences == {"Rebel forces seized the town of Kafr Talal on Monday, a monitoring group said."}


def test_alternative_paths_are_shown_as_alternatives() -> None:
    report = check(EXAMPLES / "bad-relationship-parties.ttl")
    paths = {v.path for v in report.violations if v.message.startswith("Relationship parties")}
    assert paths == {"ckg:party|ckg:fromParty|ckg:toParty"}


def test_sequence_paths_are_shown_as_sequences() -> None:
    report = check(EXAMPLES / "bad-selectors.ttl")
    quote = "Needs exactly one oa:TextQuoteSelector"
    assert {v.path for v in report.violations if v.message.startswith(quote)} == {"oa:hasSelector/oa:exact"}


def test_rdf_report_is_a_shacl_validation_report() -> None:
    report = check(EXAMPLES / "bad-grounding.ttl")
    graph = Graph().parse(data=report.as_rdf(), format="turtle")
    assert len(list(graph.subjects(RDF.type, SH.ValidationResult))) == 2
    assert "sh:ValidationReport" in report.as_rdf()


def test_a_conforming_report_says_so() -> None:
    assert check(CONFORMING[0]).as_text() == "Conforms: yes (0 violations)\n"


# --- the type index: types and superclasses come from reference knowledge, not the data --------------


def test_types_of_reference_iris_reach_the_shapes() -> None:
    data = Graph().parse(data=PRELUDE + "\n" + (EXAMPLES / "ok-events.ttl").read_text(), format="turtle")
    data.remove((URIRef("https://w3id.org/conflict-kg/id/actor/rebels"), RDF.type, None))
    without = validate(data, reference=CLASSES)
    assert any(v.message == "ckg:agent must be an actor (ckg:Actor)" for v in without.violations)
    reference = CLASSES + Graph().parse(
        data=f"<https://w3id.org/conflict-kg/id/actor/rebels> a <{CKG}CollectiveActor> .", format="turtle"
    )
    assert validate(data, reference=reference).conforms


def test_validation_does_not_change_the_data_graph() -> None:
    data = example_graph(EXAMPLES / "ok-figures.ttl")
    before = len(data)
    validate(data, reference=CLASSES)
    assert len(data) == before


# --- shapes agree with the ontology ------------------------------------------------------------------


def ontology_graph() -> Graph:
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    if len(graph) == 0:
        pytest.skip("ontology/*.ttl not written yet")
    return graph


def concepts_of(graph: Graph, scheme: str) -> set[URIRef]:
    return {c for c in graph.subjects(SKOS.inScheme, CKG[scheme]) if isinstance(c, URIRef)}


def shape_value_set(path: str) -> set[URIRef]:
    """The value set a shape allows on ckg:PATH: the widest sh:in on that path (the others are the
    narrower lists inside sh:or/sh:not conditions, e.g. which qualifiers go with schema:value)."""
    shapes = load_shapes()
    value_sets = [
        set(shapes.items(values))  # type: ignore[arg-type]
        for prop in shapes.subjects(SH.path, CKG[path])
        if (values := shapes.value(prop, SH["in"])) is not None
    ]
    assert value_sets, f"no sh:in on ckg:{path}"
    return max(value_sets, key=len)


@pytest.mark.parametrize(
    ("path", "scheme"),
    [
        ("eventType", "EventTypeScheme"),
        ("qualifier", "QualifierScheme"),
        ("measure", "MeasureScheme"),
        ("countedGroup", "PopulationGroupScheme"),
        ("roleKind", "RoleScheme"),
    ],
)
def test_value_sets_equal_the_ontology_concept_schemes(path: str, scheme: str) -> None:
    in_ontology = concepts_of(ontology_graph(), scheme)
    assert in_ontology, f"ontology defines no concepts in ckg:{scheme}"
    assert shape_value_set(path) == in_ontology


def test_the_ontology_entails_the_class_hierarchy_the_examples_assume() -> None:
    ontology = index_graph(ontology_graph())
    missing = [
        f"{short_name(c)} ⊑ {short_name(p)}"
        for c, p in CLASSES.subject_objects(URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"))
        if p not in ontology.superclasses.get(c, frozenset())
    ]
    assert missing == []


def test_every_ckg_term_in_the_shapes_is_in_the_data_model() -> None:
    model = (ONTOLOGY_DIR.parent / "docs" / "model.md").read_text(encoding="utf-8")
    ckg = str(CKG)
    terms = {str(t)[len(ckg) :] for triple in load_shapes() for t in triple if str(t).startswith(ckg)}
    assert sorted(t for t in terms if f"ckg:{t}" not in model) == []


# --- speed ---------------------------------------------------------------------------------------------


def article_sized_graph(copies: int) -> Graph:
    """The conforming examples, repeated under different article keys (~170 triples per copy)."""
    examples = [(EXAMPLES / name).read_text() for name in ("ok-events.ttl", "ok-figures.ttl")]
    text = "\n".join([PRELUDE, *examples])
    graph = Graph()
    for key in range(copies):
        renamed = text.replace("article\\/ex1", f"article\\/ex{key}")  # the article IRI
        renamed = renamed.replace("article/ex1/", f"article/ex{key}/")  # the ex: prefix
        graph.parse(data=renamed, format="turtle")
    return graph


def test_an_article_sized_graph_validates_quickly() -> None:
    graph = article_sized_graph(2)
    assert 300 <= len(graph) <= 600
    validate(graph, reference=CLASSES)  # warm the caches
    start = time.perf_counter()
    report = validate(graph, reference=CLASSES)
    elapsed = time.perf_counter() - start
    assert report.conforms, report.as_text()
    print(f"validated {len(graph)} triples in {elapsed * 1000:.0f} ms")
    assert elapsed < 2.0

