"""HTML pages people read: the home page, resource pages, the query page and 404s.

A resource page shows the labels, the types, every property with linked values, the incoming links,
what an actor took part in (events, relationships, roles) and, for every fact, the sentence of the
article it came from and who reported it.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from kg.server.examples import Example, load_examples
from kg.server.html import compact, link, page, table, template, term_html, value
from kg.server.site import Site, safe_iri

OUTGOING = "SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }} ORDER BY ?p ?o"
INCOMING = "SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }} ORDER BY ?p ?s LIMIT 500"
LABELS = """SELECT ?x (SAMPLE(?l) AS ?label)
WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label|skos:prefLabel|schema:headline ?l }} GROUP BY ?x"""
TOOK_PART = """SELECT DISTINCT ?fact ?role ?kind ?date WHERE {{
  VALUES ?role {{ ckg:agent ckg:target ckg:party ckg:fromParty ckg:toParty ckg:holder ckg:inOrganization }}
  ?fact ?role <{iri}> .
  OPTIONAL {{ ?fact ckg:eventType ?kind }}
  OPTIONAL {{ ?fact a ?kind . ?kind rdfs:subClassOf ckg:Relationship
             FILTER(?kind != ckg:Relationship && !EXISTS {{ ?fact ckg:eventType ?any }}) }}
  OPTIONAL {{ ?fact ckg:date|ckg:startDate ?date }}
}} ORDER BY ?date ?fact LIMIT 300"""
PROVENANCE = """SELECT DISTINCT ?fact ?text ?article ?publisher ?who ?verb WHERE {{
  VALUES ?fact {{ {values} }}
  ?fact prov:wasDerivedFrom ?sentence .
  OPTIONAL {{ ?sentence oa:hasSelector ?sel . ?sel oa:exact ?text }}
  OPTIONAL {{ ?sentence oa:hasSource ?article . OPTIONAL {{ ?article schema:publisher ?publisher }} }}
  OPTIONAL {{ {{ ?fact prov:wasAttributedTo ?who }} UNION
             {{ ?claim ckg:claims ?fact ; prov:wasAttributedTo ?who .
               OPTIONAL {{ ?claim ckg:reportingVerb ?verb }} }} }}
}}"""
OTHER_PARTIES = """SELECT DISTINCT ?fact ?other WHERE {{
  VALUES ?fact {{ {values} }}
  ?fact ckg:party|ckg:fromParty|ckg:toParty|ckg:holder|ckg:inOrganization ?other
  FILTER(?other != <{iri}> && STRSTARTS(STR(?other), "{base}"))
}} ORDER BY ?fact ?other"""
MENTIONS = """SELECT DISTINCT ?text ?article WHERE {{
  ?m ckg:denotes <{iri}> ; ckg:inSentence ?sentence .
  ?sentence oa:hasSelector ?sel . ?sel oa:exact ?text .
  OPTIONAL {{ ?sentence oa:hasSource ?article }}
}} LIMIT 50"""


def labels_for(site: Site, iris: set[str]) -> dict[str, str]:
    """rdfs:label / skos:prefLabel of each IRI (one query)."""
    usable = sorted(i for i in iris if safe_iri(i))[:400]
    if not usable:
        return {}
    rows = site.service.select_rows(LABELS.format(values=" ".join(f"<{i}>" for i in usable)))
    return {str(value(r, "x")): str(value(r, "label")) for r in rows if value(r, "label")}


def resource_page(site: Site, iri: str) -> str:
    """The HTML page about one resource (the caller checked that it exists)."""
    out = site.service.select_rows(OUTGOING.format(iri=iri))
    incoming = site.service.select_rows(INCOMING.format(iri=iri))
    took_part = site.service.select_rows(TOOK_PART.format(iri=iri))
    mentions = site.service.select_rows(MENTIONS.format(iri=iri))
    facts = {iri} | {str(value(r, "fact")) for r in took_part}
    provenance = _provenance(site, facts)
    iris = {iri} | {t["value"] for r in out + incoming + took_part for t in r.values() if t["type"] == "uri"}
    iris |= {
        t["value"] for rows in provenance.values() for r in rows for t in r.values() if t["type"] == "uri"
    }
    others = _other_parties(site, iri, took_part)
    iris |= {o for names in others.values() for o in names}
    labels = labels_for(site, iris)
    _name_relationships(labels, took_part, others)
    title = labels.get(iri) or compact(iri)
    types = [r["o"] for r in out if value(r, "p") == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted"><code>{escape(iri)}</code> · ',
        _alternate_links(site, iri),
        "</p>",
        '<p class="types">' + "".join(f"<span>{term_html(site, t, labels)}</span>" for t in types) + "</p>",
    ]
    body += _sources_section(site, provenance.get(iri, []), labels, heading="Where this comes from")
    body += _properties_section(site, out, labels)
    body += _took_part_section(site, took_part, provenance, labels)
    body += _mentions_section(site, mentions, labels)
    body += _incoming_section(site, incoming, labels)
    return page(site, title=title, body="\n".join(body))


def _other_parties(site: Site, iri: str, took_part: list[dict[str, Any]]) -> dict[str, list[str]]:
    """For relationships and roles (facts without an event type): the other parties, by fact."""
    facts = sorted({str(value(r, "fact")) for r in took_part})
    usable = [f for f in facts if safe_iri(f)][:200]
    if not usable:
        return {}
    query = OTHER_PARTIES.format(values=" ".join(f"<{f}>" for f in usable), iri=iri, base=site.data_base)
    others: dict[str, list[str]] = {}
    for row in site.service.select_rows(query):
        others.setdefault(str(value(row, "fact")), []).append(str(value(row, "other")))
    return others


def _name_relationships(
    labels: dict[str, str], took_part: list[dict[str, Any]], others: dict[str, list[str]]
) -> None:
    """Give unlabelled facts (relationships, roles) a readable name: "leadership · insurgents"."""
    for row in took_part:
        fact = str(value(row, "fact"))
        if fact in labels or not row.get("kind"):
            continue
        kind = labels.get(str(value(row, "kind"))) or compact(str(value(row, "kind"))).split(":")[-1]
        names = [labels.get(o) or compact(o) for o in others.get(fact, [])]
        labels[fact] = kind + (" · " + ", ".join(names) if names else "")


def _alternate_links(site: Site, iri: str) -> str:
    doc = site.href(iri)
    return " ".join(
        f'<a href="{escape(doc)}.{ext}">{name}</a>'
        for ext, name in (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"))
    )


def _provenance(site: Site, facts: set[str]) -> dict[str, list[dict[str, Any]]]:
    usable = sorted(f for f in facts if safe_iri(f))[:300]
    rows = site.service.select_rows(PROVENANCE.format(values=" ".join(f"<{f}>" for f in usable)))
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(str(value(row, "fact")), []).append(row)
    return grouped


def _reporter(site: Site, row: dict[str, Any], labels: dict[str, str]) -> str:
    if row.get("who"):
        verb = f" ({escape(str(value(row, 'verb')))})" if row.get("verb") else ""
        return "reported by " + term_html(site, row["who"], labels) + verb
    if row.get("publisher"):
        return "reported by " + term_html(site, row["publisher"], labels) + " (publisher of the article)"
    return "reporter not stated"


def _source_item(site: Site, row: dict[str, Any], labels: dict[str, str]) -> str:
    quote = f'<div class="quote">{escape(str(value(row, "text") or ""))}</div>'
    article = (" · in " + term_html(site, row["article"], labels)) if row.get("article") else ""
    return f"<li>{quote}{_reporter(site, row, labels)}{article}</li>"


def _sources_section(
    site: Site, rows: list[dict[str, Any]], labels: dict[str, str], *, heading: str
) -> list[str]:
    if not rows:
        return []
    items = "".join(_source_item(site, r, labels) for r in rows)
    return [f"<h2>{escape(heading)}</h2>", f'<ul class="sources">{items}</ul>']


def _properties_section(site: Site, out: list[dict[str, Any]], labels: dict[str, str]) -> list[str]:
    grouped: dict[str, list[str]] = {}
    for row in out:
        grouped.setdefault(str(value(row, "p")), []).append(term_html(site, row["o"], labels))
    rows = [[link(site, p), "<br>".join(vals)] for p, vals in grouped.items()]
    return ["<h2>Properties</h2>", table(["property", "value"], rows, css_id="properties")]


def _took_part_section(
    site: Site,
    took_part: list[dict[str, Any]],
    provenance: dict[str, list[dict[str, Any]]],
    labels: dict[str, str],
) -> list[str]:
    """One row per event / relationship / role, with every part the resource played in it."""
    if not took_part:
        return []
    facts: dict[str, dict[str, Any]] = {}
    for row in took_part:
        fact = facts.setdefault(str(value(row, "fact")), {"row": row, "roles": [], "kinds": []})
        for key, name in (("roles", "role"), ("kinds", "kind")):
            if row.get(name) and row[name] not in fact[key]:
                fact[key].append(row[name])
    rows = []
    for iri, fact in facts.items():
        sources = "".join(_source_item(site, r, labels) for r in provenance.get(iri, []))
        rows.append(
            [
                term_html(site, fact["row"]["fact"], labels),
                escape(", ".join(compact(str(r["value"])) for r in fact["roles"])),
                ", ".join(term_html(site, k, labels) for k in fact["kinds"]),
                term_html(site, fact["row"].get("date"), labels),
                f"<ul>{sources}</ul>" if sources else "",
            ]
        )
    headers = ["event / relationship / role", "as", "type", "date", "source sentence and reporter"]
    return ["<h2>Took part in</h2>", table(headers, rows, css_id="took-part")]


def _mentions_section(site: Site, mentions: list[dict[str, Any]], labels: dict[str, str]) -> list[str]:
    if not mentions:
        return []
    items = "".join(
        f'<li><div class="quote">{escape(str(value(r, "text")))}</div>'
        + (term_html(site, r.get("article"), labels))
        + "</li>"
        for r in mentions
    )
    return ["<h2>Mentioned in</h2>", f"<ul>{items}</ul>"]


def _incoming_section(site: Site, incoming: list[dict[str, Any]], labels: dict[str, str]) -> list[str]:
    if not incoming:
        return []
    rows = [[term_html(site, r["s"], labels), link(site, str(value(r, "p")))] for r in incoming]
    return ["<h2>Incoming links</h2>", table(["from", "property"], rows, css_id="incoming")]


def not_found_page(site: Site, iri: str) -> str:
    body = f"<h1>Not found</h1><p>Nothing in this knowledge graph is called <code>{escape(iri)}</code>.</p>"
    return page(site, title="Not found", body=body)


GRAPH_SUBJECTS = """SELECT ?s (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} FILTER(isIRI(?s)) }}
GROUP BY ?s ORDER BY ?s LIMIT 500"""


def graph_page(site: Site, iri: str) -> str:
    """A named graph for people: its article (if any) and the resources it describes, linked."""
    rows = site.service.select_rows(GRAPH_SUBJECTS.format(iri=iri))
    subjects = [str(value(r, "s")) for r in rows]
    labels = labels_for(site, set(subjects))
    key = iri.rsplit("/", 1)[-1]
    article = f"{site.data_base}id/article/{key}" if "/graph/article/" in iri else None
    body = [f"<h1>Graph {escape(compact(iri))}</h1>", f'<p class="muted"><code>{escape(iri)}</code></p>']
    if article:
        body.append(
            f"<p>The statements extracted from the article {link(site, article, labels.get(article))}.</p>"
        )
    body.append(
        "<p>Download it with an Accept header: <code>curl -H 'Accept: application/trig' "
        f"{escape(site.url(site.local_path(iri) or ''))}</code>"
        " (TriG, N-Quads, Turtle, N-Triples, JSON-LD).</p>"
    )
    items = [
        [link(site, s, labels.get(s)), escape(str(value(r, "n")))]
        for s, r in zip(subjects, rows, strict=True)
    ]
    body.append(table(["resource described", "statements"], items))
    return page(site, title=compact(iri), body="\n".join(body))


def query_page(site: Site, *, query: str = "") -> str:
    """The query editor with the competency questions as examples."""
    examples = load_examples()
    options = "".join(f'<option value="{escape(e.name)}">{escape(e.title)}</option>' for e in examples)
    first = query or (examples[0].sparql if examples else "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 25")
    body = template("query.html").substitute(
        options=options,
        query=escape(first),
        examples_json=_examples_json(examples),
        first_json=json.dumps(first).replace("</", "<\\/"),
        max_rows=site.service.max_rows,
        timeout=f"{site.service.timeout:g}",
        data_base=escape(site.data_base),
        root=site.url("").rstrip("/"),
    )
    head = f'<link rel="stylesheet" href="{site.url("/static/vendor/yasgui/yasgui.min.css")}">'
    return page(site, title="Query", body=body, head=head)


def _examples_json(examples: list[Example]) -> str:
    data = {e.name: {"title": e.title, "sparql": e.sparql} for e in examples}
    return json.dumps(data).replace("</", "<\\/")


HOME_COUNTS = """SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?e) AS ?events)
  (COUNT(DISTINCT ?actor) AS ?actors) WHERE {
  { ?a a schema:NewsArticle } UNION { ?e ckg:eventType ?t }
  UNION { ?x ckg:agent|ckg:target|ckg:party ?actor FILTER(STRSTARTS(STR(?actor), "%s")) } }"""
ARTICLES = """SELECT ?a (SAMPLE(?h) AS ?headline) (SAMPLE(?d) AS ?published) WHERE {
  ?a a schema:NewsArticle . OPTIONAL { ?a schema:headline ?h } OPTIONAL { ?a schema:datePublished ?d } }
GROUP BY ?a ORDER BY DESC(?published) ?a LIMIT 200"""
ACTORS = """SELECT ?actor (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x ckg:agent|ckg:target|ckg:party ?actor . OPTIONAL { ?actor rdfs:label|skos:prefLabel ?l }
  FILTER(STRSTARTS(STR(?actor), "%s")) }
GROUP BY ?actor ORDER BY DESC(?n) ?actor LIMIT 40"""  # our own actors (not their owl:sameAs twins)


def home_page(site: Site) -> str:
    """Front page: what is in the graph, the articles, the most active actors and where to go next."""
    counts = site.service.select_rows(HOME_COUNTS % site.data_base)[0]
    articles = site.service.select_rows(ARTICLES)
    actors = site.service.select_rows(ACTORS % site.data_base)
    summary = ", ".join(f"{value(counts, k) or 0} {k}" for k in ("articles", "events", "actors"))
    body = [
        "<h1>Conflict news knowledge graph</h1>",
        f'<p id="summary">{escape(summary)}. Ask questions in the '
        f'<a href="{site.url("/sparql")}">query page</a>, '
        f'look at the <a href="{site.url("/viz/network")}">actor network</a> and the '
        f'<a href="{site.url("/viz/timeline")}">event timeline</a>, or download the data '
        f'(<a href="{site.url("/dumps/conflict-kg.ttl")}">Turtle</a>, '
        f'<a href="{site.url("/dumps/conflict-kg.jsonld")}">JSON-LD</a>, '
        f'<a href="{site.url("/dumps/conflict-kg.nq")}">N-Quads</a>).</p>',
        "<h2>Articles</h2>",
        table(
            ["article", "published"],
            [
                [
                    term_html(site, r["a"], {r["a"]["value"]: value(r, "headline") or ""}),
                    escape(value(r, "published") or ""),
                ]
                for r in articles
            ],
            css_id="articles",
        ),
        "<h2>Actors</h2>",
        table(
            ["actor", "events and relationships"],
            [
                [link(site, str(value(r, "actor")), value(r, "label")), escape(str(value(r, "n")))]
                for r in actors
            ],
            css_id="actors",
        ),
    ]
    return page(site, title="Home", body="\n".join(body))


def viz_page(site: Site, *, kind: str, svg: str, filters: list[tuple[str, str]]) -> str:
    """An interactive picture: filters (token, label) above the inline SVG; viz.js adds zoom/pan/tips."""
    boxes = "".join(
        f'<label><input type="checkbox" checked data-filter="{escape(token)}">{escape(label)}</label>'
        for token, label in filters
    )
    title = "Actor network" if kind == "network" else "Event timeline"
    legend = (
        " Filled dots: dated in the article; rings: no date in the text, placed at the article's "
        "publication date."
        if kind == "timeline"
        else ""
    )
    body = (
        f'<h1>{title}</h1><p class="note">Scroll to zoom, drag to pan, hover for details, click to open.'
        f"{legend} "
        f'<a href="{site.url(f"/viz/{kind}.svg")}">Download SVG</a> · '
        '<button id="reset-view">Reset view</button></p>'
        f'<div class="filters">{boxes}</div><div class="viz-wrap" id="viz-{kind}">{svg}</div>'
        f'<script src="{site.url("/static/viz.js")}"></script>'
    )
    return page(site, title=title, body=body)
