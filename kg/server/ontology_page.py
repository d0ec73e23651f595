"""The ontology as a page people read (``/ontology`` for browsers; RDF by Accept stays in void.py).

Every term of the ``ckg:`` namespace gets an anchor named after its local name, so the term IRIs
(``…/ontology#Offensive``) land on their entry: classes as a subclass tree, properties as a table with
domain, range and super-properties, and the SKOS concept schemes as concept trees. Labels and
definitions come from ``rdfs:label`` / ``skos:prefLabel`` and ``skos:definition`` / ``rdfs:comment``.
"""

from __future__ import annotations

from html import escape

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.namespaces import PREFIXES
from kg.server.html import compact, page
from kg.server.site import Site

CKG = PREFIXES["ckg"]
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
CHARACTERISTICS = (OWL.SymmetricProperty, OWL.TransitiveProperty, OWL.FunctionalProperty)
DOWNLOADS = (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"), ("rdf", "RDF/XML"))


def _text(graph: Graph, term: Node, *predicates: URIRef) -> str:
    """The first English (or untagged) value of the first predicate that has one."""
    for predicate in predicates:
        values = list(graph.objects(term, predicate))
        english = [v for v in values if getattr(v, "language", None) in ("en", None)]
        if english or values:
            return str(sorted(english or values, key=str)[0])
    return ""


def label(graph: Graph, term: Node) -> str:
    return _text(graph, term, RDFS.label, SKOS.prefLabel) or compact(str(term))


def definition(graph: Graph, term: Node) -> str:
    return _text(graph, term, SKOS.definition, RDFS.comment, DCTERMS.description)


def _anchor(iri: str) -> str:
    return iri[len(CKG) :] if iri.startswith(CKG) else ""


def _term_link(site: Site, graph: Graph, term: Node) -> str:
    iri = str(term)
    target = f"#{_anchor(iri)}" if _anchor(iri) else site.href(iri)
    return f'<a href="{escape(target)}" title="{escape(iri)}">{escape(label(graph, term))}</a>'


def _links(site: Site, graph: Graph, terms: list[Node]) -> str:
    return ", ".join(_term_link(site, graph, t) for t in sorted(terms, key=str))


def _entry(site: Site, graph: Graph, term: URIRef, extra: str = "", *, anchor: bool = True) -> str:
    """One term: anchor, label, compact name, definition and any extra (already HTML) details."""
    name = escape(_anchor(str(term)) or compact(str(term)))
    text = escape(definition(graph, term))
    id_attr = f' id="{name}"' if anchor else ""
    return (
        f'<span class="term"{id_attr}><b>{escape(label(graph, term))}</b> '
        f"<code>{escape(compact(str(term)))}</code></span>"
        + (f' <span class="definition">— {text}</span>' if text else "")
        + extra
    )


def _tree(
    site: Site,
    graph: Graph,
    roots: list[URIRef],
    children: dict[URIRef, list[URIRef]],
    *,
    anchored_elsewhere: frozenset[Node] = frozenset(),
) -> str:
    def render(term: URIRef, seen: frozenset[URIRef]) -> str:
        below = [c for c in children.get(term, []) if c not in seen]
        nested = "".join(render(c, seen | {c}) for c in below)
        outside = [p for p in graph.objects(term, RDFS.subClassOf) if isinstance(p, URIRef)]
        outside = [p for p in outside if not str(p).startswith(CKG)]
        also = f' <span class="muted">(also {_links(site, graph, list(outside))})</span>' if outside else ""
        entry = _entry(site, graph, term, also, anchor=term not in anchored_elsewhere)
        return f"<li>{entry}" + (f"<ul>{nested}</ul>" if nested else "") + "</li>"

    return '<ul class="tree">' + "".join(render(r, frozenset({r})) for r in roots) + "</ul>"


def _by_label(graph: Graph, terms: set[URIRef]) -> list[URIRef]:
    return sorted(terms, key=lambda t: (label(graph, t).lower(), str(t)))


def class_tree(site: Site, graph: Graph) -> str:
    classes = {
        c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and str(c).startswith(CKG)
    }
    children: dict[URIRef, list[URIRef]] = {}
    has_parent: set[URIRef] = set()
    for cls in _by_label(graph, classes):
        for parent in graph.objects(cls, RDFS.subClassOf):
            if parent in classes and parent != cls:
                children.setdefault(parent, []).append(cls)  # type: ignore[arg-type]
                has_parent.add(cls)
    roots = [c for c in _by_label(graph, classes) if c not in has_parent]
    return _tree(site, graph, roots, children)


def property_table(site: Site, graph: Graph) -> str:
    terms = {p for t in PROPERTY_TYPES for p in graph.subjects(RDF.type, t) if str(p).startswith(CKG)}
    rows = []
    for prop in _by_label(graph, {p for p in terms if isinstance(p, URIRef)}):
        kinds = [
            compact(str(t)) for t in graph.objects(prop, RDF.type) if t in PROPERTY_TYPES + CHARACTERISTICS
        ]
        cells = [
            _entry(site, graph, prop),
            escape(", ".join(sorted(kinds))),
            _links(site, graph, list(graph.objects(prop, RDFS.domain))),
            _links(site, graph, list(graph.objects(prop, RDFS.range))),
            _links(site, graph, list(graph.objects(prop, RDFS.subPropertyOf))),
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("property", "kind", "domain", "range", "sub-property of"))
    return f'<table id="properties"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def concept_schemes(site: Site, graph: Graph) -> str:
    classes = frozenset(graph.subjects(RDF.type, OWL.Class))  # their anchor is in the class tree
    parts = []
    for scheme in _by_label(
        graph, {s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)}
    ):
        concepts = {c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)}
        children: dict[URIRef, list[URIRef]] = {}
        for concept in _by_label(graph, concepts):
            for parent in graph.objects(concept, SKOS.broader):
                if parent in concepts:
                    children.setdefault(parent, []).append(concept)  # type: ignore[arg-type]
        narrower = {c for kids in children.values() for c in kids}
        roots = [c for c in _by_label(graph, concepts) if c not in narrower]
        parts.append(
            f"<h3>{_entry(site, graph, scheme)}</h3>"
            + _tree(site, graph, roots, children, anchored_elsewhere=classes)
        )
    return "".join(parts)


def ontology_page(site: Site, graph: Graph) -> str:
    """The whole ontology (``graph``: all ontology/*.ttl merged) as one HTML page."""
    ontology = next((o for o in graph.subjects(RDF.type, OWL.Ontology) if isinstance(o, URIRef)), URIRef(CKG))
    title = _text(graph, ontology, DCTERMS.title, RDFS.label) or "conflict-kg ontology"
    downloads = " · ".join(
        f'<a href="{escape(site.url(f"/ontology.{ext}"))}">{name}</a>' for ext, name in DOWNLOADS
    )
    facts = [
        (name, _text(graph, ontology, predicate))
        for name, predicate in (
            ("version", OWL.versionInfo),
            ("licence", DCTERMS.license),
            ("created", DCTERMS.created),
        )
    ]
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted"><code>{escape(str(ontology))}</code> · {downloads} · '
        f'<a href="{escape(site.url("/context.jsonld"))}">JSON-LD context</a></p>',
        f"<p>{escape(definition(graph, ontology))}</p>",
        "<p>" + " · ".join(f"{n}: {escape(v)}" for n, v in facts if v) + "</p>",
        '<p><a href="#classes">Classes</a> · <a href="#properties-heading">Properties</a> · '
        '<a href="#vocabularies">Controlled vocabularies</a></p>',
        '<h2 id="classes">Classes</h2>',
        class_tree(site, graph),
        '<h2 id="properties-heading">Properties</h2>',
        property_table(site, graph),
        '<h2 id="vocabularies">Controlled vocabularies (SKOS)</h2>',
        concept_schemes(site, graph),
    ]
    return page(site, title="Ontology", body="\n".join(body))
