"""The compiled SHACL engine reports exactly what pyshacl reports, and is the default.

Both engines run on every shape example, on the converter's graph of every sample article and of the seed
article, and on damaged copies of those graphs (every seventh triple dropped, so that many shapes fire).
A result is compared as (focus node, path, source shape, severity, message, value).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph

from kg.convert import convert, read_article
from kg.resources import SAMPLES_DIR, SEED_ARTICLE
from kg.validate import ValidationReport, load_shapes, validate, validate_many

EXAMPLES = Path(__file__).parent / "shapes_examples"
PRELUDE = (EXAMPLES / "_prelude.ttl").read_text(encoding="utf-8")
CLASSES = Graph().parse(EXAMPLES / "_classes.ttl", format="turtle")
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.ttl") if not p.name.startswith("_"))
ARTICLES = sorted((SAMPLES_DIR / "articles").glob("*.txt")) + [Path(SEED_ARTICLE)]


def results(report: ValidationReport) -> set[tuple[object, ...]]:
    return {(v.focus_node, v.path, v.shape, v.severity, v.message, v.value) for v in report.violations}


@cache
def article_graph(path: Path) -> Graph:
    text, meta = read_article(path)
    return convert(text, meta=meta).graph


def damaged(graph: Graph) -> Graph:
    """A copy without every seventh triple (in sorted order): many shapes fail on it."""
    copy = Graph()
    for i, triple in enumerate(sorted(graph)):
        if i % 7:
            copy.add(triple)
    return copy


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_engines_agree_on_every_shape_example(path: Path) -> None:
    graph = Graph().parse(data=PRELUDE + "\n" + path.read_text(encoding="utf-8"), format="turtle")
    compiled = validate(graph, reference=CLASSES, engine="compiled")
    reference = validate(graph, reference=CLASSES, engine="pyshacl")
    assert results(compiled) == results(reference)
    assert compiled.conforms == reference.conforms
    if path.name.startswith("bad-"):
        assert compiled.violations


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem[:24])
@pytest.mark.parametrize("damage", [False, True], ids=["as-converted", "damaged"])
def test_engines_agree_on_converted_articles(path: Path, damage: bool) -> None:
    graph = damaged(article_graph(path)) if damage else article_graph(path)
    compiled = validate(graph, engine="compiled")
    reference = validate(graph, engine="pyshacl")
    assert results(compiled) == results(reference)
    assert compiled.conforms == reference.conforms
    assert compiled.engine == "compiled" and reference.engine == "pyshacl"
    if damage:
        assert len(compiled.violations) > 20


def test_the_compiled_engine_is_the_default_for_the_project_shapes() -> None:
    report = validate(article_graph(ARTICLES[0]))
    assert report.engine == "compiled" and report.note is None


def test_validate_many_gives_each_graph_its_own_report() -> None:
    good = article_graph(ARTICLES[0])
    bad = damaged(article_graph(ARTICLES[1]))
    reports = validate_many([good, bad, good])
    assert [r.conforms for r in reports] == [True, False, True]
    assert results(reports[1]) == results(validate(bad, engine="pyshacl"))


def test_shapes_with_an_uncompiled_feature_fall_back_to_pyshacl_with_a_note() -> None:
    shapes = Graph()
    for triple in load_shapes():
        shapes.add(triple)
    shapes.parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:ClosedShape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:closed true .""",
        format="turtle",
    )
    report = validate(article_graph(ARTICLES[0]), shapes=shapes)
    assert report.engine == "pyshacl"
    assert report.note is not None and "closed" in report.note


def test_an_unknown_engine_is_refused() -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="unknown validation engine"):
        validate(Graph(), engine="magic")


def test_a_list_of_triples_validates_like_its_graph() -> None:
    bad = damaged(article_graph(ARTICLES[2]))
    assert results(validate(list(bad))) == results(validate(bad))
