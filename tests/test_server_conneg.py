"""Content negotiation: q-values, wildcards, server preference on ties, odd and malformed Accept headers."""

from __future__ import annotations

import pytest

from kg.server.conneg import DOCUMENT_TYPES, RDF_TYPES, RESULT_TYPES, by_format_param, negotiate, parse_accept


def chosen(accept: str | None, offers: tuple = RESULT_TYPES) -> str | None:
    found = negotiate(accept, offers)
    return None if found is None else found.media_type


def test_sparql_json_is_the_default_for_results() -> None:
    assert chosen(None) == "application/sparql-results+json"
    assert chosen("*/*") == "application/sparql-results+json"
    assert chosen("") == "application/sparql-results+json"


def test_q_values_decide() -> None:
    assert chosen("application/sparql-results+json;q=0.5, text/csv") == "text/csv"
    assert chosen("text/tab-separated-values;q=0.9, application/sparql-results+xml;q=0.95") == (
        "application/sparql-results+xml"
    )


def test_most_specific_range_wins_over_wildcards() -> None:
    # text/* likes text types, but text/csv is explicitly refused: TSV is the best text type left.
    assert chosen("text/*, text/csv;q=0") == "text/tab-separated-values"
    assert chosen("application/*;q=0.1, text/csv;q=0.05") == "application/sparql-results+json"


def test_nothing_acceptable_gives_none() -> None:
    assert chosen("image/png") is None
    assert chosen("*/*;q=0") is None


@pytest.mark.parametrize("header", ["garbage", "text", ";;;", "*/json", "text/turtle;q=abc", ",,,"])
def test_malformed_parts_are_ignored_not_fatal(header: str) -> None:
    negotiate(header, RDF_TYPES)  # never raises
    assert all(r.type and r.subtype for r in parse_accept(header))


def test_bad_q_value_counts_as_zero() -> None:
    assert chosen("text/turtle;q=abc, application/ld+json;q=0.5", RDF_TYPES) == "application/ld+json"


def test_browsers_get_html_documents_and_machines_get_rdf() -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert chosen(browser, DOCUMENT_TYPES) == "text/html"
    assert chosen("text/turtle", DOCUMENT_TYPES) == "text/turtle"
    assert chosen("application/ld+json", DOCUMENT_TYPES) == "application/ld+json"
    assert chosen("application/n-triples", DOCUMENT_TYPES) == "application/n-triples"


def test_format_parameter_names() -> None:
    found = by_format_param("csv", RESULT_TYPES)
    assert found is not None and found.media_type == "text/csv"
    found = by_format_param("json-ld", RDF_TYPES)
    assert found is not None and found.media_type == "application/ld+json"
    assert by_format_param("png", RESULT_TYPES) is None
