"""Small HTML helpers shared by the pages: the base template, escaping, term and IRI rendering."""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path
from string import Template
from typing import Any

from kg.namespaces import PREFIXES
from kg.server.site import Site

TEMPLATES = Path(__file__).parent / "templates"


@cache
def template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def page(site: Site, *, title: str, body: str, head: str = "") -> str:
    """A whole HTML page in the site layout."""
    root = site.url("").rstrip("/")
    return template("base.html").substitute(title=escape(title), body=body, head=head, root=root)


def compact(iri: str) -> str:
    """``ckg:Offensive`` for a known namespace (longest match), else the IRI."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


def link(site: Site, iri: str, label: str | None = None) -> str:
    """A link to ``iri`` showing its label; a Wikidata item also shows its id (it often shares its
    label with our own resource through owl:sameAs)."""
    text = label or compact(iri)
    hint = ""
    if label and iri.startswith(WIKIDATA_ENTITY):
        hint = f' <span class="dtype">wikidata {escape(iri[len(WIKIDATA_ENTITY) :])}</span>'
    return f'<a href="{escape(site.href(iri))}" title="{escape(iri)}">{escape(text)}</a>{hint}'


def term_html(site: Site, term: dict[str, Any] | None, labels: dict[str, str]) -> str:
    """A SPARQL-JSON term as HTML: IRIs linked (with labels), literals escaped with language/datatype."""
    if term is None:
        return ""
    if term["type"] == "uri":
        return link(site, term["value"], labels.get(term["value"]))
    if term["type"] == "bnode":
        return escape("_:" + term["value"])
    if term["type"] == "triple":
        return escape(str(term["value"]))
    text = escape(term["value"])
    if "xml:lang" in term:
        return f'{text} <span class="dtype">@{escape(term["xml:lang"])}</span>'
    if "datatype" in term:
        return f'{text} <span class="dtype">{escape(compact(term["datatype"]))}</span>'
    return text


def table(headers: list[str], rows: list[list[str]], *, css_id: str = "") -> str:
    """An HTML table; cells are already HTML."""
    attr = f' id="{css_id}"' if css_id else ""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def value(row: dict[str, Any], name: str) -> str | None:
    term = row.get(name)
    return None if term is None else str(term["value"])
