"""Dataset description and downloads: VoID + DCAT at ``/.well-known/void``, the SPARQL Service
Description, dumps at stable URLs (``/dumps/conflict-kg.{ttl,jsonld,nq}``), the ontology (``/ontology``)
and the JSON-LD ``@context`` (``/context.jsonld``).

The store is opened read-only, so descriptions are computed once per server and cached.
"""

from __future__ import annotations

from functools import cache

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from kg.errors import InputError
from kg.namespaces import PREFIXES
from kg.ontology import context_path, load_ontology
from kg.server import conneg
from kg.server.linked_data import not_acceptable
from kg.server.ontology_page import ontology_page
from kg.server.site import Site
from kg.store import META_GRAPH

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DUMP_FORMATS = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nq": "application/n-quads"}
DESCRIPTION_TYPES = tuple(
    m for m in conneg.RDF_TYPES if m.format_name in ("turtle", "jsonld", "ntriples", "rdfxml")
)
COUNTS = """SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects)
WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <%s>) }"""
CLASSES = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n)
WHERE { GRAPH ?g { ?s a ?class } FILTER(?g != <%s> && isIRI(?class)) } GROUP BY ?class ORDER BY ?class"""
PROPERTIES = """SELECT ?p (COUNT(*) AS ?n)
WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <%s>) } GROUP BY ?p ORDER BY ?p"""
GRAPHS = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <%s>) }
GROUP BY ?g ORDER BY ?g"""


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def public_base(site: Site, request: Request) -> str:
    return site.public_base or str(request.base_url)


def _bind(graph: Graph) -> Graph:
    for prefix, iri in {**PREFIXES, "void": str(VOID), "dcat": str(DCAT), "sd": str(SD)}.items():
        graph.bind(prefix, iri)
    return graph


def _count(row: dict[str, dict[str, str]], name: str) -> Literal:
    return Literal(int(row[name]["value"]), datatype=XSD.integer)


def describe_dataset(site: Site, base: str) -> Graph:
    """VoID (with class and property partitions and one subset per graph) and DCAT for the store."""
    g = _bind(Graph())
    ds = URIRef(base + ".well-known/void#conflict-kg")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("conflict-kg: knowledge graph of conflict news", lang="en")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    g.add((ds, VOID.uriSpace, Literal(site.data_base + "id/")))
    g.add((ds, VOID.vocabulary, URIRef(PREFIXES["ckg"])))
    totals = site.service.select_rows(COUNTS % META_GRAPH)[0]
    g.add((ds, VOID.triples, _count(totals, "triples")))
    g.add((ds, VOID.distinctSubjects, _count(totals, "subjects")))
    g.add((ds, VOID.distinctObjects, _count(totals, "objects")))
    for row in site.service.select_rows(CLASSES % META_GRAPH):
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(row["class"]["value"])))
        g.add((part, VOID.entities, _count(row, "n")))
    for row in site.service.select_rows(PROPERTIES % META_GRAPH):
        part = BNode()
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(row["p"]["value"])))
        g.add((part, VOID.triples, _count(row, "n")))
    for row in site.service.select_rows(GRAPHS % META_GRAPH):
        subset = URIRef(row["g"]["value"])
        g.add((ds, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, VOID.triples, _count(row, "n")))
    _add_distributions(g, ds, base)
    return g


def _add_distributions(g: Graph, ds: URIRef, base: str) -> None:
    for ext, media_type in DUMP_FORMATS.items():
        url = URIRef(f"{base}dumps/conflict-kg.{ext}")
        dist = URIRef(f"{base}.well-known/void#dump-{ext}")
        g.add((ds, VOID.dataDump, url))
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, Literal(media_type)))
    service = URIRef(base + "sparql")
    g.add((ds, DCAT.distribution, URIRef(base + ".well-known/void#sparql")))
    g.add((URIRef(base + ".well-known/void#sparql"), DCAT.accessService, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, service))


def service_description(site: Site, base: str) -> Graph:
    """SPARQL 1.1 Service Description of ``/sparql`` (union default graph, read-only, result formats)."""
    g = _bind(Graph())
    endpoint = URIRef(base + "sparql")
    svc = URIRef(base + "sparql#service")
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, endpoint))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    for fmt in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
        "N-Quads",
        "TriG",
    ):
        g.add((svc, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/" + fmt)))
    dataset = BNode()
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, URIRef(str(VOID) + "sparqlEndpoint"), endpoint))
    return g


def rdf_response(graph: Graph, request: Request) -> Response:
    chosen = conneg.negotiate(request.headers.get("accept"), DESCRIPTION_TYPES)
    if chosen is None:
        return not_acceptable(DESCRIPTION_TYPES)
    rdflib_name = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}[
        chosen.format_name
    ]
    body = graph.serialize(format=rdflib_name, encoding="utf-8")
    return Response(body, media_type=chosen.media_type, headers={"Vary": "Accept"})


async def void_description(request: Request) -> Response:
    site = _site(request)
    base = public_base(site, request)
    key = "void " + base
    if key not in site.cache:
        site.cache[key] = await run_in_threadpool(describe_dataset, site, base)
    return rdf_response(site.cache[key], request)


async def dump(request: Request) -> Response:
    """``/dumps/conflict-kg.{ttl,jsonld,nq}``: the whole store (Turtle merges the graphs)."""
    site = _site(request)
    name = request.path_params["name"]
    stem, _, ext = name.rpartition(".")
    if stem != "conflict-kg" or ext not in DUMP_FORMATS:
        return Response(
            f"no dump called {name}; try conflict-kg.ttl, .jsonld or .nq\n",
            status_code=404,
            media_type="text/plain; charset=utf-8",
        )
    body = await run_in_threadpool(
        site.service.dump, media_type=DUMP_FORMATS[ext], exclude_graphs=[META_GRAPH]
    )
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=DUMP_FORMATS[ext], headers=headers)


@cache
def ontology_graph() -> Graph:
    """All ``ontology/*.ttl`` files merged (the ontology and its alignments), rebased."""
    graph = _bind(Graph())
    try:
        graph += load_ontology()
    except InputError:
        pass  # no ontology files: /ontology answers 404
    return graph


async def ontology(request: Request) -> Response:
    """``/ontology`` (the ontology IRI without its ``#``) and ``/ontology.{html,ttl,jsonld,nt,rdf}``:
    an HTML page for browsers, RDF by Accept or extension."""
    ext = request.path_params.get("ext")
    graph = await run_in_threadpool(ontology_graph)
    if len(graph) == 0:
        return Response("the ontology files are missing\n", status_code=404, media_type="text/plain")
    offers = (*DESCRIPTION_TYPES, conneg.HTML, conneg.XHTML)  # */* alone gets Turtle
    if ext:
        chosen = conneg.by_extension(ext, offers)
        if chosen is None:
            return Response(f"no ontology format .{ext}\n", status_code=404, media_type="text/plain")
        request.scope["headers"] = [(b"accept", chosen.media_type.encode())]
    else:
        chosen = conneg.negotiate(request.headers.get("accept"), offers)
    if chosen is not None and chosen.format_name == "html":
        site = _site(request)
        if "ontology page" not in site.cache:
            site.cache["ontology page"] = await run_in_threadpool(ontology_page, site, graph)
        return HTMLResponse(site.cache["ontology page"], headers={"Vary": "Accept"})
    return rdf_response(graph, request)


async def context(request: Request) -> Response:
    path = context_path()
    if not path.is_file():
        return Response("the JSON-LD context file is missing\n", status_code=404, media_type="text/plain")
    return FileResponse(path, media_type="application/ld+json")
