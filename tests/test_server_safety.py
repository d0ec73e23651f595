"""The query policy, checked before any parsing: updates, SERVICE, graph names, size and nesting caps."""

from __future__ import annotations

import pytest

from kg.server.safety import Limits, PolicyError, check_query, nesting_depth, tokens


def refused(query: str, **limits: int) -> PolicyError:
    with pytest.raises(PolicyError) as info:
        check_query(query, limits=Limits(**limits))
    return info.value


def test_plain_queries_pass_and_report_their_form() -> None:
    assert check_query("PREFIX ex: <http://ex/> SELECT * { ?s ex:p ?o }").form == "SELECT"
    assert check_query("BASE <http://b/> ASK {}").form == "ASK"
    assert check_query("construct where { ?s ?p ?o }").form == "CONSTRUCT"


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <a> <b> <c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "DROP GRAPH <http://g>",
        "PREFIX x: <http://x/> WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_get_the_read_only_refusal(update: str) -> None:
    error = refused(update)
    assert error.status == 403 and "read-only" in str(error)


def test_service_is_refused_but_the_word_in_strings_names_or_comments_is_not() -> None:
    assert refused("SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }").status == 400
    assert refused("SELECT * { service silent <http://x/> { ?s ?p ?o } }").status == 400
    check_query('SELECT ?service { ?s <http://x/service> "SERVICE" } # SERVICE <http://x/>')


def test_graph_names_must_be_web_or_urn_names() -> None:
    assert "file:///etc/passwd" in str(refused("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"))
    refused("PREFIX f: <file:///etc/> SELECT * FROM NAMED f:passwd { GRAPH ?g { ?s ?p ?o } }")
    check_query("SELECT * FROM <https://w3id.org/conflict-kg/graph/ontology> { ?s ?p ?o }")


def test_nesting_is_capped_before_the_parser_sees_it() -> None:
    deep = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    assert "nests" in str(refused(deep))
    assert "nests" in str(refused("SELECT * { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }"))
    check_query("SELECT * WHERE " + "{" * 20 + "}" * 20)


def test_braces_inside_strings_and_iris_do_not_count() -> None:
    assert nesting_depth(tokens('SELECT * { ?s ?p "{{{{{{" . ?s ?p """(((((""" }')) == 1


def test_query_size_is_capped() -> None:
    error = refused("SELECT * { ?s ?p ?o }" + " " * 200, max_query_chars=100)
    assert error.status == 413
