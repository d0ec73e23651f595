"""Linked Data: every minted IRI dereferences here.

Choice (documented): slash IRIs with **303 See Other**. ``GET /id/{path}`` (the thing) answers 303 to
``/doc/{path}.{ext}`` (a document about it), the extension picked by Accept: HTML for browsers, Turtle,
JSON-LD or N-Triples for machines. ``/doc/{path}`` without extension negotiates and serves directly
(``Content-Location`` names the variant). Every document carries ``Link: rel="alternate"`` headers to
the other formats. ``/graph/{path}`` serves a named graph of the store: TriG, N-Quads and JSON-LD
keep its graph name (``GRAPH <…/graph/…> { … }``); Turtle and N-Triples carry its triples.
(A SPARQL CONSTRUCT/DESCRIBE answer is a graph, not a dataset: as TriG/N-Quads it is in the
default graph, as the SPARQL spec says.)
The RDF keeps the store's IRIs; only links and headers use this server's URLs (see :class:`Site`).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kg.server import conneg, pages
from kg.server.site import Site, safe_iri
from kg.server.sparql import canonical_media_type

DESCRIBE = """CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }}
WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"""
EXISTS = "ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"
GRAPH_EXISTS = "ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
DOC_EXTENSIONS = ("html", "ttl", "jsonld", "nt")


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def not_acceptable(offers: tuple[conneg.MediaType, ...]) -> Response:
    names = ", ".join(sorted({m.media_type for m in offers}))
    return Response(
        f"406 Not Acceptable: this resource is available as {names}\n",
        status_code=406,
        media_type="text/plain; charset=utf-8",
    )


async def resource(request: Request) -> Response:
    """``/id/{path}``: 303 See Other to the document in the negotiated format."""
    site = _site(request)
    path = request.path_params["path"]
    chosen = conneg.negotiate(request.headers.get("accept"), conneg.DOCUMENT_TYPES)
    if chosen is None:
        return not_acceptable(conneg.DOCUMENT_TYPES)
    location = site.url(f"/doc/{path}.{chosen.extension}")
    return RedirectResponse(location, status_code=303, headers={"Vary": "Accept"})


def _split_extension(path: str) -> tuple[str, str | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in DOC_EXTENSIONS and "/" not in ext:
        return stem, ext
    return path, None


def alternates(site: Site, stem: str, *, prefix: str = "/doc/") -> str:
    first_per_format = {
        m.extension: m for m in reversed(conneg.DOCUMENT_TYPES[2:])
    }  # text/turtle, not x-turtle
    formats = [("html", conneg.HTML), *((m.extension, m) for m in conneg.DOCUMENT_TYPES[2:])]
    links = [
        f'<{site.url(prefix + stem)}.{ext}>; rel="alternate"; type="{m.media_type}"'
        for ext, m in formats
        if ext == "html" or first_per_format[ext] is m
    ]
    return ", ".join(links)


async def document(request: Request) -> Response:
    """``/doc/{path}[.ext]``: the description of ``id:{path}`` as HTML or RDF."""
    site = _site(request)
    stem, ext = _split_extension(request.path_params["path"])
    iri = site.iri_of_id_path(stem)
    if ext is None:
        chosen = conneg.negotiate(request.headers.get("accept"), conneg.DOCUMENT_TYPES)
    else:
        chosen = conneg.by_extension(ext, conneg.DOCUMENT_TYPES)
    if chosen is None:
        return not_acceptable(conneg.DOCUMENT_TYPES)
    if not safe_iri(iri) or not await _exists(site, EXISTS.format(iri=iri)):
        return HTMLResponse(pages.not_found_page(site, iri), status_code=404)
    headers = {"Link": alternates(site, stem) + f', <{iri}>; rel="describes"'}
    if ext is None:
        headers["Vary"] = "Accept"
        headers["Content-Location"] = site.url(f"/doc/{stem}.{chosen.extension}")
    if chosen.format_name == "html":
        html = await run_in_threadpool(pages.resource_page, site, iri)
        return HTMLResponse(html, headers=headers)
    body, _ = await run_in_threadpool(
        site.service.graph, DESCRIBE.format(iri=iri), media_type=chosen.media_type
    )
    return Response(body, media_type=chosen.media_type, headers=headers)


async def _exists(site: Site, ask: str) -> bool:
    answer = await run_in_threadpool(
        site.service.run, {"kind": "query", "query": ask, "result_format": "json"}
    )
    return b"true" in answer["body"]


async def graph(request: Request) -> Response:
    """``/graph/{path}``: the content of one named graph of the store (graph names are data IRIs)."""
    site = _site(request)
    iri = f"{site.data_base}graph/{request.path_params['path']}"
    offers = tuple(
        m for m in conneg.RDF_TYPES if m.format_name in ("trig", "nquads", "turtle", "ntriples", "jsonld")
    )
    chosen = conneg.negotiate(request.headers.get("accept"), (*offers, conneg.HTML, conneg.XHTML))
    if chosen is None:
        return not_acceptable((*offers, conneg.HTML))
    if not safe_iri(iri) or not await _exists(site, GRAPH_EXISTS.format(iri=iri)):
        return HTMLResponse(pages.not_found_page(site, iri), status_code=404)
    if chosen.format_name == "html":  # a person following a graph link: what it holds, and its article
        html = await run_in_threadpool(pages.graph_page, site, iri)
        return HTMLResponse(html, headers={"Vary": "Accept"})
    body = await run_in_threadpool(
        lambda: site.service.dump(media_type=canonical_media_type(chosen), graphs=[iri])
    )
    return Response(body, media_type=chosen.media_type, headers={"Vary": "Accept"})
