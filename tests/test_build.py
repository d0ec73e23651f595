"""kg build: read → convert → validate → reason → store, one transaction per article.

The orchestration tests use a tiny stand-in converter (one event per line, named by the line's first word)
so they run without the real converter; the end-to-end test at the bottom uses the real one.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.build import BuildSummary, build
from kg.cli import main
from kg.errors import InputError, KgError
from kg.formats import read_text
from kg.namespaces import CKG, ID, article_graph, inferred_graph, slug
from kg.resources import SAMPLES_DIR
from kg.store import ARTICLE_GRAPH_PREFIX, INFERRED_GRAPH_PREFIX, KgStore


@dataclass(frozen=True)
class StandInConversion:
    key: str
    graph_iri: str
    article_iri: URIRef
    graph: Graph


def stand_in_convert(text: str, *, meta: object = None) -> StandInConversion:
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    article = ID[f"article/{key}"]
    graph = Graph()
    graph.add((article, RDF.type, URIRef("http://schema.org/NewsArticle")))
    for i, line in enumerate(line for line in text.splitlines() if line.strip()):
        event, actor = ID[f"article/{key}/event/{i}-0"], ID[f"actor/{slug(line.split()[0])}"]
        graph.add((event, RDF.type, CKG.Offensive))
        graph.add((event, RDFS.label, Literal(line.strip())))
        graph.add((event, CKG.agent, actor))
        graph.add((actor, RDF.type, CKG.RebelGroup))
    return StandInConversion(key, article_graph(key), article, graph)


def stand_in_read_article(path: Path, **overrides: object) -> tuple[str, dict[str, object]]:
    text = read_text(str(path))
    if not text.strip():
        raise InputError(f"{path}: empty article")
    return text, dict(overrides)


@pytest.fixture
def stand_in_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("kg.convert")
    module.convert = stand_in_convert  # type: ignore[attr-defined]
    module.read_article = stand_in_read_article  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.convert", module)


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    texts = ["Rebels advanced on the city.\nMilitia forces withdrew.\n", "Insurgents took the airport.\n"]
    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"a{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def store_content(store_path: Path) -> list[str]:
    with KgStore(store_path, read_only=True) as store:
        return sorted(str(q) for q in store.oxigraph)


@pytest.mark.usefixtures("stand_in_converter")
def test_build_stores_each_article_with_its_inferred_graph(articles: list[Path], tmp_path: Path) -> None:
    summary = build(articles, store_path=tmp_path / "s", validate=False)
    assert summary.articles == 2 and summary.exit_code == 0
    assert summary.events == 3 and summary.actors == 3
    assert summary.inferred > 0  # the ontology makes every ckg:Offensive a ckg:Campaign, an Event...
    with KgStore(tmp_path / "s", read_only=True) as store:
        graphs = store.named_graphs()
        assert sum(g.startswith(ARTICLE_GRAPH_PREFIX) for g in graphs) == 2
        key = stand_in_convert(articles[0].read_text()).key
        assert inferred_graph(key) in graphs
        assert store.query(f"ASK {{ GRAPH <{inferred_graph(key)}> {{ ?e a ckg:Campaign }} }}")


@pytest.mark.usefixtures("stand_in_converter")
def test_rebuilding_replaces_and_never_duplicates(articles: list[Path], tmp_path: Path) -> None:
    build(articles, store_path=tmp_path / "s", validate=False)
    first = store_content(tmp_path / "s")
    build(articles, store_path=tmp_path / "s", validate=False)
    assert store_content(tmp_path / "s") == first


@pytest.mark.usefixtures("stand_in_converter")
def test_an_article_with_violations_is_not_stored_but_the_others_are(
    articles: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    @dataclass
    class Report:
        conforms: bool
        violations: list[str]

        def as_text(self) -> str:
            return "Conforms: no (1 violation)"

    def militia_is_invalid(triples: list[tuple[object, object, object]]) -> Report:
        bad = any(p == RDFS.label and "Militia" in str(o) for _, p, o in triples)
        return Report(conforms=not bad, violations=["x"] if bad else [])

    monkeypatch.setattr("kg.validate.validate", militia_is_invalid)
    summary = build(articles, store_path=tmp_path / "s", reason=False)
    assert summary.articles == 1 and summary.exit_code == 1
    assert [v.path for v in summary.violations] == [str(articles[0])]
    with KgStore(tmp_path / "s", read_only=True) as store:
        stored = [g for g in store.named_graphs() if g.startswith(ARTICLE_GRAPH_PREFIX)]
    assert stored == [article_graph(stand_in_convert(articles[1].read_text()).key)]


@pytest.mark.usefixtures("stand_in_converter")
def test_unreadable_input_stops_before_the_store_is_touched(articles: list[Path], tmp_path: Path) -> None:
    build(articles[:1], store_path=tmp_path / "s", validate=False, reason=False)
    before = store_content(tmp_path / "s")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(InputError, match="empty article"):
        build([articles[1], empty], store_path=tmp_path / "s", validate=False, reason=False)
    assert store_content(tmp_path / "s") == before


@pytest.mark.usefixtures("stand_in_converter")
def test_a_crash_while_storing_leaves_earlier_articles_and_the_failed_one_as_before(
    articles: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(articles, store_path=tmp_path / "s", validate=False, reason=False)
    before = store_content(tmp_path / "s")
    changed = tmp_path / "changed.txt"
    changed.write_text("Army units shelled the town.\n")

    def crash(triples: list[tuple[object, object, object]]) -> list[tuple[object, object, object]]:
        raise RuntimeError("reasoner crashed")

    monkeypatch.setattr("kg.reason.reason_triples", crash)
    with pytest.raises(KgError, match=r"changed.txt: internal error while building: RuntimeError: reasoner"):
        build([changed], store_path=tmp_path / "s", validate=False)
    after = store_content(tmp_path / "s")
    assert [q for q in after if INFERRED_GRAPH_PREFIX + "reference" not in q] == before


def article_graphs(store_path: Path) -> list[str]:
    with KgStore(store_path, read_only=True) as store:
        prefixes = (ARTICLE_GRAPH_PREFIX, INFERRED_GRAPH_PREFIX)
        return [g for g in store.named_graphs() if g.startswith(prefixes)]


def key_of(text: str) -> str:
    return stand_in_convert(text).key


@pytest.mark.usefixtures("stand_in_converter")
def test_an_edited_file_replaces_its_earlier_version_although_its_key_changed(tmp_path: Path) -> None:
    # Without a URL the key is a hash of the text, so an edit gives a new key; the file is the same article.
    article = tmp_path / "report.txt"
    article.write_text("Rebels advanced on the city.\n")
    build([article], store_path=tmp_path / "s", validate=False)
    article.write_text("Rebels advanced on the old city.\n")
    summary = build([article], store_path=tmp_path / "s", validate=False)
    assert (summary.articles, summary.replaced, summary.removed) == (1, 0, 1)
    new = key_of(article.read_text())
    graphs = [g for g in article_graphs(tmp_path / "s") if not g.endswith("/reference")]
    assert graphs == [article_graph(new), inferred_graph(new)]


@pytest.mark.usefixtures("stand_in_converter")
def test_an_article_two_files_share_stays_until_neither_holds_it(tmp_path: Path) -> None:
    first, copy = tmp_path / "first.txt", tmp_path / "copy.txt"
    for path in (first, copy):
        path.write_text("Militia forces withdrew.\n")
    summary = build([first, copy], store_path=tmp_path / "s", validate=False, reason=False)
    assert (summary.articles, summary.files) == (1, 2) and "from 2 file(s)" in summary.as_text()
    shared = article_graph(key_of(first.read_text()))
    first.write_text("Militia forces withdrew again.\n")
    build([first], store_path=tmp_path / "s", validate=False, reason=False)
    assert shared in article_graphs(tmp_path / "s")  # copy.txt still says it
    copy.write_text("Militia forces advanced.\n")
    build([copy], store_path=tmp_path / "s", validate=False, reason=False)
    assert shared not in article_graphs(tmp_path / "s")
    assert len([g for g in article_graphs(tmp_path / "s") if g.startswith(ARTICLE_GRAPH_PREFIX)]) == 2


@pytest.mark.usefixtures("stand_in_converter")
def test_the_summary_tells_new_from_replaced_and_always_counts_violations(
    articles: list[Path], tmp_path: Path
) -> None:
    build(articles[:1], store_path=tmp_path / "s", validate=False, reason=False)
    summary = build(articles, store_path=tmp_path / "s", validate=False, reason=False)
    assert (summary.articles, summary.replaced) == (2, 1)
    text = summary.as_text()
    assert "(1 new, 1 replaced;" in text and "violations: 0" in text


@pytest.mark.usefixtures("stand_in_converter")
def test_the_summary_counts_only_the_articles_of_this_build(articles: list[Path], tmp_path: Path) -> None:
    everything = build(articles, store_path=tmp_path / "s", validate=False, reason=False)
    second_only = build(articles[1:], store_path=tmp_path / "s", validate=False, reason=False)
    assert (everything.events, everything.actors) == (3, 3)
    assert (second_only.events, second_only.actors) == (1, 1)


@pytest.mark.usefixtures("stand_in_converter")
def test_a_build_that_fails_on_a_new_store_leaves_no_store_behind(
    articles: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(text: str, *, meta: object = None) -> None:
        raise InputError("a.txt: cannot convert")

    monkeypatch.setattr(sys.modules["kg.convert"], "convert", crash)
    with pytest.raises(InputError):
        build(articles, store_path=tmp_path / "new", validate=False, reason=False)
    assert not (tmp_path / "new").exists()


@pytest.mark.usefixtures("stand_in_converter")
def test_cli_build_url_names_one_article_only(articles: list[Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--store", str(tmp_path / "s"), "--url", "https://example.org/1", *map(str, articles)]
    )
    assert result.exit_code == 2 and "give one ARTICLE" in result.stderr
    assert not (tmp_path / "s").exists()


@pytest.mark.usefixtures("stand_in_converter")
def test_progress_is_reported_per_article(articles: list[Path], tmp_path: Path) -> None:
    seen: list[str] = []
    build(articles, store_path=tmp_path / "s", validate=False, reason=False, progress=seen.append)
    assert seen == [str(p) for p in articles]


@pytest.mark.usefixtures("stand_in_converter")
def test_cli_build_prints_the_summary(articles: list[Path], tmp_path: Path) -> None:
    store = tmp_path / "s"
    result = CliRunner().invoke(main, ["build", "--no-validate", "--store", str(store), *map(str, articles)])
    assert result.exit_code == 0, result.output
    assert "stored 2 article(s)" in result.output
    assert "events: 3" in result.output
    stats = CliRunner().invoke(main, ["stats", "--store", str(store)])
    assert "articles:   2" in stats.output and "ckg:Offensive" in stats.output


@pytest.mark.usefixtures("stand_in_converter")
def test_cli_reason_recomputes_the_inferred_graphs_of_the_store(articles: list[Path], tmp_path: Path) -> None:
    build(articles, store_path=tmp_path / "s", validate=False, reason=False)
    result = CliRunner().invoke(main, ["reason", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "for 2 article(s)" in result.output
    with KgStore(tmp_path / "s", read_only=True) as store:
        in_inferred = f'FILTER(STRSTARTS(STR(?g), "{INFERRED_GRAPH_PREFIX}"))'
        assert store.query(f"ASK {{ GRAPH ?g {{ ?e a ckg:Campaign }} {in_inferred} }}")


@pytest.mark.usefixtures("stand_in_converter")
def test_cli_reason_of_a_file_prints_only_inferred_triples(tmp_path: Path) -> None:
    data = tmp_path / "one.ttl"
    stand_in_convert("Rebels advanced.\n").graph.serialize(data, format="turtle")
    result = CliRunner().invoke(main, ["reason", str(data), "--format", "nt"])
    assert result.exit_code == 0, result.output
    inferred = Graph().parse(data=result.stdout, format="nt")
    asserted = Graph().parse(data, format="turtle")
    assert len(inferred) > 0 and not set(inferred) & set(asserted)
    assert any(o == CKG.Campaign for o in inferred.objects(None, RDF.type))


@pytest.mark.usefixtures("stand_in_converter")
def test_parallel_build_stores_exactly_what_a_sequential_build_stores(tmp_path: Path) -> None:
    paths = []
    for i in range(10):
        path = tmp_path / f"many{i}.txt"
        path.write_text(f"Group{i} forces advanced on village {i}.\nMilitia{i % 3} fighters withdrew.\n")
        paths.append(path)
    one = build(paths, store_path=tmp_path / "one", validate=False, workers=1)
    two = build(paths, store_path=tmp_path / "two", validate=False, workers=2)
    assert (one.articles, one.triples, one.inferred) == (two.articles, two.triples, two.inferred)
    assert one.articles == 10 and one.triples == 10 * 9  # article node + 2 events of 4 triples each
    assert store_content(tmp_path / "one") == store_content(tmp_path / "two")


@pytest.mark.usefixtures("stand_in_converter")
def test_a_crash_in_a_parallel_build_keeps_the_articles_before_it_and_stores_nothing_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [f"Group{i} forces advanced on village {i}.\n" for i in range(20)]
    texts[9] = "Crash forces advanced.\n"  # workers get two articles per task: many08 shares this one's
    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"many{i:02}.txt"
        path.write_text(text)
        paths.append(path)

    def crash_on_crash(text: str, *, meta: object = None) -> StandInConversion:
        if text.startswith("Crash"):
            raise RuntimeError("converter crashed")
        return stand_in_convert(text)

    monkeypatch.setattr(sys.modules["kg.convert"], "convert", crash_on_crash)
    with pytest.raises(KgError, match=r"many09.txt: internal error while building: RuntimeError"):
        build(paths, store_path=tmp_path / "s", validate=False, workers=2)
    stored = {g for g in article_graphs(tmp_path / "s") if g.startswith(ARTICLE_GRAPH_PREFIX)}
    assert stored == {article_graph(key_of(text)) for text in texts[:9]}


# --- end to end, with the real converter, validator and reasoner --------------------------------------------


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    if importlib.util.find_spec("kg.convert") is None:
        pytest.skip("the converter (kg.convert) is not there yet")
    samples = sorted((SAMPLES_DIR / "articles").glob("*.txt"))[:2]
    if len(samples) < 2:
        pytest.skip("fewer than two sample articles")
    path = tmp_path_factory.mktemp("e2e") / "store"
    return path, build(samples, store_path=path)


def test_sample_articles_build_into_one_store_with_shared_nodes(
    real_store: tuple[Path, BuildSummary],
) -> None:
    path, summary = real_store
    assert summary.exit_code == 0, summary.as_text()
    assert summary.articles == 2 and summary.events > 0 and summary.actors > 0
    with KgStore(path, read_only=True) as store:
        graphs = store.named_graphs()
        assert sum(g.startswith(ARTICLE_GRAPH_PREFIX) for g in graphs) == 2
        assert f"{INFERRED_GRAPH_PREFIX}reference" in graphs
        rows = list(
            store.query(
                "SELECT ?g WHERE { GRAPH ?g { ?a a schema:NewsArticle } } ORDER BY ?g",
                union_default_graph=False,
            )
        )
        assert len(rows) == 2
        role = "ckg:agent|ckg:place|ckg:target"
        prefix = ARTICLE_GRAPH_PREFIX
        in_articles = f'STRSTARTS(STR(?g1), "{prefix}") && STRSTARTS(STR(?g2), "{prefix}")'
        shared = f"""SELECT DISTINCT ?x WHERE {{
            GRAPH ?g1 {{ ?e1 {role} ?x }} GRAPH ?g2 {{ ?e2 {role} ?x }} FILTER(?g1 != ?g2 && {in_articles})
        }}"""
        assert list(store.query(shared)), "no actor or place is one node across the two articles"
