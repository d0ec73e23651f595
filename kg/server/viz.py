"""The two pictures: an actor network and an event timeline, from the store to SVG.

Data comes from SPARQL over the union of graphs (a ``select`` callable returning SPARQL-JSON rows), so
the same code serves the web pages (through the worker pool) and ``kg viz`` (straight from the store).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.namespaces import BASE, PREFIXES
from kg.server.svg import Edge, Network, Node, TimelineEvent, kind_group, network_svg, timeline_svg

Rows = list[dict[str, Any]]
Select = Callable[[str], Rows]
CKG = PREFIXES["ckg"]
DIRECTED = {"supports", "backs", "opposes", "leads", "memberOf"}
SYMMETRIC = {"alliedWith", "inConflictWith"}
NARROWER = {"supports": "backs", "opposes": "inConflictWith"}  # drop the broader edge when both hold
MAX_NODES = 300

EDGES = """SELECT DISTINCT ?a ?rel ?b WHERE {
  VALUES ?rel { ckg:alliedWith ckg:supports ckg:backs ckg:opposes ckg:inConflictWith ckg:leads ckg:memberOf }
  ?a ?rel ?b . FILTER(isIRI(?a) && isIRI(?b) && ?a != ?b)
  FILTER(STRSTARTS(STR(?a), "%(base)s") && STRSTARTS(STR(?b), "%(base)s"))
}"""  # our own actors only: their owl:sameAs twins (Wikidata items) would double every node
NODE_INFO = """SELECT ?x (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?c); separator=" ") AS ?classes)
WHERE { VALUES ?x { %s } OPTIONAL { ?x rdfs:label|skos:prefLabel ?l } OPTIONAL { ?x a ?c } } GROUP BY ?x"""
EVENTS = """SELECT ?e (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?k); separator=" ") AS ?kinds)
  (MIN(STR(?d)) AS ?when) (SAMPLE(?pl) AS ?place) (MIN(STR(?pub)) AS ?published)
WHERE { ?e ckg:eventType ?k . OPTIONAL { ?e rdfs:label ?l } OPTIONAL { ?e ckg:date|ckg:startDate ?d }
  OPTIONAL { ?e ckg:place ?p . ?p rdfs:label|skos:prefLabel ?pl }
  OPTIONAL { ?e prov:wasDerivedFrom/oa:hasSource/schema:datePublished ?pub } } GROUP BY ?e LIMIT 2000"""
BROADER = """SELECT DISTINCT ?sub ?sup WHERE { ?sub rdfs:subClassOf+ ?sup .
  FILTER(STRSTARTS(STR(?sub), STR(ckg:)) && STRSTARTS(STR(?sup), STR(ckg:))) }"""
FIGURES = """SELECT ?e ?f (SAMPLE(?v) AS ?value) (SAMPLE(?lo) AS ?min) (SAMPLE(?hi) AS ?max)
  (SAMPLE(?m) AS ?measure) (SAMPLE(?u) AS ?unit)
WHERE { ?f ckg:figureOf ?e . OPTIONAL { ?f schema:value ?v } OPTIONAL { ?f schema:minValue ?lo }
  OPTIONAL { ?f schema:maxValue ?hi } OPTIONAL { ?f ckg:measure ?m } OPTIONAL { ?f schema:unitText ?u } }
GROUP BY ?e ?f ORDER BY ?e ?f"""


def _v(row: dict[str, Any], name: str) -> str:
    term = row.get(name)
    return "" if term is None else str(term["value"])


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def network_data(select: Select, *, href: Callable[[str], str]) -> Network:
    """Actors linked by alliance, support, opposition, leadership or membership (shortcut properties)."""
    seen: set[tuple[str, str, str]] = set()
    for row in select(EDGES % {"base": BASE}):
        a, rel, b = _v(row, "a"), _local(_v(row, "rel")), _v(row, "b")
        if rel in SYMMETRIC:
            a, b = sorted((a, b))
        seen.add((a, rel, b))
    edges = [
        Edge(a, b, rel, rel in DIRECTED)
        for a, rel, b in sorted(seen)
        if not (rel in NARROWER and (a, NARROWER[rel], b) in seen)
    ]
    degree: dict[str, int] = {}
    for e in edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    keep = sorted(degree, key=lambda i: (-degree[i], i))[:MAX_NODES]
    nodes = []
    if keep:
        for row in select(NODE_INFO % " ".join(f"<{i}>" for i in keep)):
            iri = _v(row, "x")
            classes = {_local(c) for c in _v(row, "classes").split() if c.startswith(CKG)}
            nodes.append(Node(iri, _v(row, "label") or _local(iri), kind_group(classes), href(iri)))
    kept = set(keep)
    return Network(nodes, [e for e in edges if e.source in kept and e.target in kept])


def parse_when(text: str) -> date | None:
    """The first day an xsd:date / gYearMonth / gYear / dateTime literal can mean; None if unreadable."""
    parts = text[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and parts[1][:2].isdigit() else 1
        day = int(parts[2][:2]) if len(parts) > 2 and parts[2][:2].isdigit() else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def timeline_data(select: Select, *, href: Callable[[str], str]) -> list[TimelineEvent]:
    """Every event with its most specific type, date, place and figures."""
    broader: dict[str, set[str]] = {}
    for row in select(BROADER):
        broader.setdefault(_v(row, "sub"), set()).add(_v(row, "sup"))
    figures: dict[str, list[str]] = {}
    for row in select(FIGURES):
        amount = (
            _v(row, "value")
            or (f"at least {_v(row, 'min')}" if _v(row, "min") else "")
            or (f"at most {_v(row, 'max')}" if _v(row, "max") else "")
        )
        text = " ".join(t for t in (amount, _v(row, "unit") or _local(_v(row, "measure"))) if t)
        figures.setdefault(_v(row, "e"), []).append(text)
    events = []
    for row in select(EVENTS):
        kinds = set(_v(row, "kinds").split())
        specific = sorted(k for k in kinds if not any(k in broader.get(o, set()) for o in kinds if o != k))
        iri, when, published = _v(row, "e"), _v(row, "when"), _v(row, "published")
        approximate = not when and bool(published)
        shown = f"date not stated; article published {published}" if approximate else when
        events.append(
            TimelineEvent(
                iri,
                _v(row, "label") or _local(iri),
                _local(specific[0] if specific else ""),
                parse_when(when or published) if (when or published) else None,
                shown,
                _v(row, "place"),
                tuple(figures.get(iri, [])),
                href(iri),
                approximate,
            )
        )
    return events


def render(kind: str, select: Select, *, href: Callable[[str], str]) -> str:
    """The SVG for ``kind`` (network or timeline)."""
    if kind == "network":
        return network_svg(network_data(select, href=href))
    if kind == "timeline":
        return timeline_svg(timeline_data(select, href=href))
    raise KgError(f"unknown picture {kind!r}: choose network or timeline")


def store_select(store_path: str) -> Select:
    """A ``select`` over a store directory opened read-only (for ``kg viz``)."""
    from kg.server.results import term_json
    from kg.store import KgStore

    store = KgStore(store_path, read_only=True)

    def select(sparql: str) -> Rows:
        result = store.query(sparql)
        names = [v.value for v in result.variables]
        return [{n: term_json(s[n]) for n in names if s[n] is not None} for s in result]

    return select


def viz(kind: str, *, store_path: str, output: str) -> str:
    """The picture ``kind`` of the store at ``store_path`` as SVG, written to ``output`` unless it is ``-``.

    Links in the SVG point at the IRIs themselves (they dereference on a server publishing the data).
    """
    svg = render(kind, store_select(store_path), href=lambda iri: iri)
    if output != "-":
        try:
            Path(output).write_text(svg, encoding="utf-8")
        except OSError as exc:
            raise KgError(f"{output}: cannot write: {exc.strerror}") from None
    return svg
