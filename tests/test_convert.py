"""``convert``, ``read_article``, ``kg convert``: an article in, a deterministic, valid graph out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.cli import main
from kg.convert import convert, read_article
from kg.errors import InputError
from kg.extract.mentions import ArticleMeta
from kg.namespaces import CKG, ID, PROV, SCHEMA

SHORT = (
    "Rebels seize Saraqib\nRebel fighters captured the town of Saraqib on Tuesday, "
    "the Syrian Observatory for Human Rights reported.\n"
)


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Graph:
    return convert(seed_text).graph


def ask(graph: Graph, query: str) -> list[tuple]:
    """Run SPARQL; ``id:actor/x`` stands for the full IRI (SPARQL prefixed names cannot hold "/")."""
    prefixes = f"PREFIX ckg: <{CKG}> PREFIX prov: <{PROV}> PREFIX schema: <{SCHEMA}>\n"
    query = re.sub(r"\bid:([\w/-]+)", lambda m: f"<{ID}{m.group(1)}>", query)
    return [tuple(row) for row in graph.query(prefixes + query)]


def actor(slug: str) -> URIRef:
    return URIRef(f"{ID}actor/{slug}")


def test_seed_hts_leads_the_offensive_on_aleppo(seed: Graph):
    rows = ask(
        seed,
        "SELECT ?o WHERE { ?o a ckg:Offensive ; ckg:agent id:actor/hayat-tahrir-al-sham ;"
        " ckg:place id:place/aleppo }",
    )
    assert rows


def test_seed_car_bombs_reported_by_the_observatory_and_entry_confirmed_by_anadolu(seed: Graph):
    assert ask(
        seed,
        "SELECT ?c WHERE { ?c a ckg:Report ; prov:wasAttributedTo "
        "id:actor/syrian-observatory-for-human-rights ; ckg:claims [ a ckg:CarBombing ] }",
    )
    assert ask(
        seed,
        "SELECT ?c WHERE { ?c a ckg:Confirmation ; prov:wasAttributedTo id:actor/anadolu-agency ;"
        " ckg:claims [ a ckg:Incursion ; ckg:place id:place/aleppo ] }",
    )


def test_seed_projectiles_killed_four_including_two_students_reported_by_state_media(seed: Graph):
    rows = ask(
        seed,
        """SELECT ?all ?part ?who WHERE {
        ?k a ckg:Killing . ?f ckg:figureOf ?k ; ckg:value ?all ; prov:wasAttributedTo ?who .
        ?s ckg:subsetOf ?f ; ckg:countedGroup ckg:Students ; schema:value ?part .
        ?f schema:value ?all }""".replace("ckg:value", "schema:value"),
    )
    assert {(int(a), int(p)) for a, p, _ in rows} == {(4, 2)}
    assert all((who, RDF.type, CKG.StateMedia) in seed for _, _, who in rows)


def test_seed_support_alliance_and_hostility(seed: Graph):
    government = actor("syrian-government")
    assert {s for s in seed.subjects(CKG.supports, government)} >= {
        URIRef(f"{ID}country/russia"),
        URIRef(f"{ID}country/iran"),
    }
    assert (actor("hezbollah"), CKG.alliedWith, government) in seed
    assert (actor("hezbollah"), CKG.inConflictWith, URIRef(f"{ID}country/israel")) in seed


def test_seed_framing_blame_and_agreement_violation(seed: Graph):
    assert ask(
        seed,
        "SELECT ?s WHERE { ?s ckg:agent id:actor/dmitry-peskov ; ckg:framing ?f "
        'FILTER(CONTAINS(?f, "sovereignty")) }',
    )
    assert ask(seed, 'SELECT ?s WHERE { ?s a ckg:Accusation ; ckg:framing "US-Zionist plan" }')
    rows = ask(
        seed,
        """SELECT ?year WHERE { ?v a ckg:AgreementViolation ; ckg:violatedAgreement ?a .
        ?a a ckg:DeEscalationAgreement ; ckg:date ?year .
        ?acc a ckg:Accusation ; ckg:agent id:actor/syrian-government ; ckg:about ?v }""",
    )
    assert [str(r[0]) for r in rows] == ["2019"]


def test_seed_post_is_dated_and_dates_the_entry_into_aleppo(seed: Graph):
    assert ask(
        seed,
        'SELECT ?p WHERE { ?p a ckg:SocialMediaPost ; schema:datePublished ?d ; ckg:handle "@clashreport" '
        'FILTER(STR(?d) = "2024-11-29") }',
    )
    assert ask(seed, 'SELECT ?e WHERE { ?e a ckg:Incursion ; ckg:date ?d FILTER(STR(?d) = "2024-11-29") }')


def test_seed_graph_is_valid_against_the_shapes(seed: Graph):
    validate = pytest.importorskip("kg.validate").validate
    report = validate(seed)
    assert report.conforms, report.as_text()


def test_a_capital_in_its_country_and_a_ministry_of_its_state_reach_a_valid_graph():
    text = (
        "Protests in Kinshasa\nPolice fired tear gas in Kinshasa on Monday. "
        "Rwanda's foreign ministry denied that its army had crossed the border.\n"
    )
    graph = convert(text, meta=ArticleMeta(date="2025-01-27")).graph
    assert ask(graph, "SELECT ?c { id:place/kinshasa ckg:containedIn ?c }") == [
        (URIRef(f"{ID}country/democratic-republic-of-the-congo"),)
    ]
    assert ask(graph, "SELECT ?s { id:actor/foreign-ministry-of-rwanda ckg:governmentOf ?s }") == [
        (URIRef(f"{ID}country/rwanda"),)
    ]
    validate = pytest.importorskip("kg.validate").validate
    report = validate(graph)
    assert report.conforms, report.as_text()


def test_converting_twice_gives_identical_triples(seed_text: str):
    first, second = convert(seed_text), convert(seed_text)
    assert first.graph_iri == second.graph_iri
    assert sorted(first.graph.serialize(format="nt").splitlines()) == sorted(
        second.graph.serialize(format="nt").splitlines()
    )


def test_the_url_fixes_the_key_and_the_metadata_is_kept():
    meta = ArticleMeta(url="https://example.org/news/1", publisher="Example News", date="2025-02-03")
    conversion = convert(SHORT, meta=meta)
    assert str(conversion.graph_iri).endswith(f"/graph/article/{conversion.key}")
    assert conversion.graph.value(conversion.article_iri, SCHEMA.headline) == Literal("Rebels seize Saraqib")
    assert (conversion.article_iri, SCHEMA.publisher, actor("example-news")) in conversion.graph


def test_a_missing_date_is_inferred_and_flagged():
    text = "Clashes in Idlib\nFighting broke out in Idlib on March 3, 2025, monitors said.\n"
    conversion = convert(text)
    assert conversion.mentions.meta.date == "2025-03-03"
    assert conversion.graph.value(conversion.article_iri, CKG.datePublishedInferred) == Literal(True)


def test_read_article_uses_a_sidecar_and_options_override_it(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(SHORT, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"url": "https://x.org/1", "date": "2025-01-01"}))
    text, meta = read_article(path, date="2025-01-05")
    assert text == SHORT and meta.url == "https://x.org/1" and meta.date == "2025-01-05"


def test_read_article_extracts_the_body_of_a_saved_web_page(tmp_path: Path):
    page = tmp_path / "page.html"
    body = " ".join(["Rebel fighters captured the town of Saraqib on Tuesday after heavy clashes."] * 3)
    page.write_text(
        f"<html><head><title>Rebels seize Saraqib</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Rebels seize Saraqib</h1><p>{body}</p></article></body></html>"
    )
    text, _ = read_article(page)
    assert "captured the town of Saraqib" in text and "<p>" not in text


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty article"), (b"ok \xff\xfe bad", "not UTF-8 text (byte 3)")],
)
def test_bad_input_is_a_one_line_error_naming_the_file(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        read_article(path)
    assert str(path) in str(caught.value)


def test_a_malformed_sidecar_names_its_line(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(SHORT)
    (tmp_path / "a.txt.meta.json").write_text('{"url": }')
    with pytest.raises(InputError, match=r"a\.txt\.meta\.json:1:\d+: invalid JSON"):
        read_article(path)


def test_cli_writes_turtle_for_one_article_and_nquads_with_named_graphs_for_several(tmp_path: Path):
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text(SHORT)
    second.write_text("Clashes in Idlib\nFighting broke out in Idlib on March 3, 2025.\n")
    runner = CliRunner()
    single = runner.invoke(main, ["convert", str(first), "--date", "2025-01-07"])
    assert single.exit_code == 0, single.output
    assert Graph().parse(data=single.stdout, format="turtle")
    out = tmp_path / "all.nq"
    many = runner.invoke(main, ["convert", str(first), str(second), "-o", str(out)])
    assert many.exit_code == 0, many.output
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    assert len([g for g in dataset.graphs() if "/graph/article/" in str(g.identifier)]) == 2


def test_cli_reports_bad_input_with_exit_code_2(tmp_path: Path):
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "missing.txt" in result.output
