"""The ASGI app: ``create_app(store_path=…)`` wires the SPARQL endpoint, Linked Data, dataset
description, pictures and static files over one read-only store.

URL map: ``/`` home · ``/sparql`` SPARQL 1.1 Protocol (GET without query: query page for browsers,
Service Description otherwise) · ``/id/…`` 303 → ``/doc/…`` · ``/graph/…`` named graphs ·
``/.well-known/void`` VoID + DCAT · ``/dumps/conflict-kg.{ttl,jsonld,nq}`` · ``/ontology[.ext]`` ·
``/context.jsonld`` · ``/viz/network``, ``/viz/timeline`` (``.svg`` for the bare picture) · ``/static/…``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html import escape
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import KgError
from kg.namespaces import PREFIXES
from kg.server import conneg, linked_data, pages, void
from kg.server.pool import QueryFailed, WorkerPool
from kg.server.safety import Limits, PolicyError
from kg.server.site import Site
from kg.server.sparql import (
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_ROWS,
    SparqlService,
    answer_query,
    error_response,
    read_query_request,
)
from kg.server.svg import KIND_GROUPS
from kg.server.viz import network_data, render, timeline_data

STATIC_DIR = Path(__file__).parent / "static"


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


async def sparql_endpoint(request: Request) -> Response:
    site = _site(request)
    params = await read_query_request(request, max_body=site.service.max_body)
    if params.query is None:
        if request.method == "POST":
            raise PolicyError("no query given (form field 'query' or an application/sparql-query body)")
        return _no_query(site, request)
    return await answer_query(site.service, request, params)


def _no_query(site: Site, request: Request) -> Response:
    """GET /sparql without a query: the query page for browsers (they name text/html), the Service
    Description otherwise (``*/*`` or no Accept, as curl and SPARQL clients send, gets Turtle)."""
    offers = (*void.DESCRIPTION_TYPES, conneg.HTML, conneg.XHTML)
    chosen = conneg.negotiate(request.headers.get("accept"), offers)
    if chosen is not None and chosen.format_name == "html":
        return HTMLResponse(pages.query_page(site))
    return void.rdf_response(void.service_description(site, void.public_base(site, request)), request)


async def home(request: Request) -> Response:
    return HTMLResponse(await run_in_threadpool(pages.home_page, _site(request)))


def _picture(site: Site, kind: str) -> str:
    key = "svg " + kind
    if key not in site.cache:
        site.cache[key] = render(kind, site.service.select_rows, href=site.href)
    svg: str = site.cache[key]
    return svg


PICTURES = ("network", "timeline")


def _no_picture(kind: str) -> Response:
    return Response(
        f"no picture called {kind}; try network or timeline\n",
        status_code=404,
        media_type="text/plain; charset=utf-8",
    )


async def viz_svg(request: Request) -> Response:
    if request.path_params["kind"] not in PICTURES:
        return _no_picture(request.path_params["kind"])
    svg = await run_in_threadpool(_picture, _site(request), request.path_params["kind"])
    return Response(svg, media_type="image/svg+xml")


def _filters(site: Site, kind: str) -> list[tuple[str, str]]:
    if kind == "network":
        data = network_data(site.service.select_rows, href=site.href)
        kinds = [g for g, _, _ in KIND_GROUPS if any(n.kind == g for n in data.nodes)]
        rels = sorted({e.relation for e in data.edges})
        return [(f"kind:{k}", k) for k in kinds] + [(f"rel:{r}", r) for r in rels]
    events = timeline_data(site.service.select_rows, href=site.href)
    return [(f"type:{t}", t) for t in sorted({e.kind for e in events})]


async def viz_page(request: Request) -> Response:
    site, kind = _site(request), request.path_params["kind"]
    if kind not in PICTURES:
        return _no_picture(kind)
    svg = await run_in_threadpool(_picture, site, kind)
    filters = await run_in_threadpool(_filters, site, kind)
    return HTMLResponse(pages.viz_page(site, kind=kind, svg=svg, filters=filters))


async def policy_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PolicyError | QueryFailed)
    return error_response(exc)


async def kg_error(request: Request, exc: Exception) -> Response:
    return Response(f"{escape(str(exc))}\n", status_code=500, media_type="text/plain; charset=utf-8")


def _routes() -> list[Route | Mount]:
    sparql_methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]  # writes get the endpoint's own 405
    return [
        Route("/", home),
        Route("/sparql", sparql_endpoint, methods=sparql_methods),
        Route("/sparql/", sparql_endpoint, methods=sparql_methods),
        Route("/id/{path:path}", linked_data.resource),
        Route("/doc/{path:path}", linked_data.document),
        Route("/graph/{path:path}", linked_data.graph),
        Route("/.well-known/void", void.void_description),
        Route("/dumps/{name}", void.dump),
        Route("/ontology", void.ontology),
        Route("/ontology.{ext}", void.ontology),
        Route("/context.jsonld", void.context),
        Route("/viz/{kind:str}.svg", viz_svg),
        Route("/viz/{kind:str}", viz_page),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]


_CORS = Middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_methods=["GET", "POST"],
    allow_headers=["*"],
    expose_headers=["KG-Result-Truncated", "KG-Row-Limit"],
)


def create_app(
    *,
    store_path: str | os.PathLike[str],
    base_iri: str | None = None,
    cors: bool = False,
    timeout: float = 30.0,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_body: int = DEFAULT_MAX_BODY,
    workers: int = 2,
    limits: Limits | None = None,
) -> Starlette:
    """The read-only server over the store at ``store_path`` (workers start on first query).

    ``base_iri`` is where the site is published (e.g. ``http://127.0.0.1:8000/``); links use it.
    """
    pool = WorkerPool(str(store_path), size=workers)
    service = SparqlService(
        pool,
        prefixes=dict(PREFIXES),
        timeout=timeout,
        max_rows=max_rows,
        max_body=max_body,
        limits=limits or Limits(),
    )
    public = None if base_iri is None else (base_iri if base_iri.endswith("/") else base_iri + "/")
    site = Site(service, public_base=public, cors=cors)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(pool.start)
        yield
        pool.close()

    app = Starlette(
        routes=_routes(),
        middleware=[_CORS] if cors else [],
        lifespan=lifespan,
        exception_handlers={PolicyError: policy_error, QueryFailed: policy_error, KgError: kg_error},
    )
    app.state.site = site
    return app


def serve(
    *,
    store_path: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    base_iri: str | None = None,
    cors: bool = False,
    timeout: float = 30.0,
    workers: int = 2,
    get_path: str | None = None,
) -> tuple[int, str]:
    """Run the server with uvicorn until stopped; with ``get_path``, answer that one request in-process
    (no port opened) and return (status, body)."""
    from kg.store import store_exists

    if not store_exists(store_path):
        raise KgError(f"no store at {store_path}; run kg build first")
    app = create_app(store_path=store_path, base_iri=base_iri, cors=cors, timeout=timeout, workers=workers)
    if get_path is not None:
        return _get_once(app, get_path)
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="info")
    return 0, ""


def _get_once(app: Starlette, path: str) -> tuple[int, str]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        with TestClient(app) as client:
            response = client.get(path, follow_redirects=False)
    if response.status_code in (301, 302, 303, 307, 308):
        return response.status_code, f"{response.status_code} → {response.headers['location']}\n"
    return response.status_code, response.text
