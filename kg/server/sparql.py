"""SPARQL 1.1 Protocol handling: read a query request, apply the policy, answer from the worker pool.

GET ``?query=``, POST form-urlencoded and POST ``application/sparql-query``; ``default-graph-uri`` and
``named-graph-uri`` set the dataset; results are negotiated by Accept (or ``format=``). Updates are
refused with 403 (read-only endpoint). Errors are one-line ``text/plain`` messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from kg.formats import FORMATS
from kg.server import conneg
from kg.server.pool import QueryFailed, WorkerPool
from kg.server.safety import CheckedQuery, Limits, PolicyError, check_graph_iri, check_query

DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_BODY = 1_000_000
ROW_LIMIT_HEADER = "KG-Row-Limit"
TRUNCATED_HEADER = "KG-Result-Truncated"
FORM = "application/x-www-form-urlencoded"


class ProtocolError(PolicyError):
    """A request that breaks the SPARQL Protocol (status 400, 405, 406, 413 or 415)."""


@dataclass
class QueryRequest:
    """A protocol request after reading: the query text (None if absent) and the dataset parameters."""

    query: str | None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format_param: str | None = None


@dataclass
class SparqlService:
    """Everything that runs a query: the worker pool, the policy limits, the timeout and the row cap."""

    pool: WorkerPool
    prefixes: dict[str, str]
    timeout: float = 30.0
    max_rows: int = DEFAULT_MAX_ROWS
    max_body: int = DEFAULT_MAX_BODY
    limits: Limits = field(default_factory=Limits)

    def run(self, job: dict[str, Any]) -> dict[str, Any]:
        """Run one job (blocking); raise QueryFailed / PolicyError with the HTTP status."""
        answer = self.pool.run(
            {"prefixes": self.prefixes, "max_rows": self.max_rows, **job}, timeout=self.timeout
        )
        if not answer["ok"]:
            raise QueryFailed(answer["message"], status=answer["status"])
        return answer

    def select_rows(self, query: str, *, max_rows: int | None = None) -> list[dict[str, Any]]:
        """Internal SELECT (pages, VoID, pictures): rows as SPARQL-JSON terms keyed by variable."""
        job = {
            "kind": "query",
            "query": query,
            "result_format": "rows",
            "max_rows": max_rows or self.max_rows,
        }
        rows: list[dict[str, Any]] = self.run(job)["rows"]
        return rows

    def graph(self, query: str, *, media_type: str) -> tuple[bytes, int]:
        """Internal CONSTRUCT serialized as ``media_type``; returns (body, triple count)."""
        answer = self.run({"kind": "query", "query": query, "rdf_media_type": media_type})
        return answer["body"], answer["rows"]

    def dump(
        self, *, media_type: str, exclude_graphs: Sequence[str] = (), graphs: list[str] | None = None
    ) -> bytes:
        """The whole store (or only ``graphs``) in an RDF format: dataset formats keep graph names,
        triple formats merge the graphs."""
        job = {
            "kind": "dump",
            "rdf_media_type": media_type,
            "exclude_graphs": list(exclude_graphs),
            "graphs": graphs,
        }
        body: bytes = self.run(job)["body"]
        return body


async def read_query_request(request: Request, *, max_body: int) -> QueryRequest:
    """Parse GET / POST into a QueryRequest; refuse updates, bad media types and duplicate queries."""
    if request.method in ("GET", "HEAD"):
        return _from_params(request.query_params, [])
    if request.method != "POST":
        raise ProtocolError(f"method {request.method} not allowed: use GET or POST", status=405)
    media_type, charset = _content_type(request.headers.get("content-type"))
    body = await _read_body(request, max_body=max_body)
    if media_type == FORM:
        text = _decode(body, "utf-8")
        form = parse_qs(text, keep_blank_values=True, errors="strict")
        return _from_params(request.query_params, [(k, v) for k, vs in form.items() for v in vs])
    if media_type == "application/sparql-update":
        raise PolicyError("this endpoint is read-only; SPARQL Update is disabled", status=403)
    if media_type != "application/sparql-query":
        shown = media_type or "no Content-Type"
        raise ProtocolError(
            f"unsupported media type {shown}: POST {FORM} or application/sparql-query", status=415
        )
    if charset not in (None, "utf-8", "utf8"):
        raise ProtocolError(f"charset {charset} not supported: queries must be UTF-8", status=415)
    params = _from_params(request.query_params, [])
    if params.query is not None:
        raise ProtocolError("query given both in the URL and in the body", status=400)
    params.query = _decode(body, "utf-8")
    return params


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media, *params = (p.strip() for p in header.split(";"))
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


async def _read_body(request: Request, *, max_body: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_body:
        raise ProtocolError(f"request body over {max_body} bytes", status=413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body:
            raise ProtocolError(f"request body over {max_body} bytes", status=413)
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes, encoding: str) -> str:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError:
        raise ProtocolError("request body is not valid UTF-8", status=400) from None


def _from_params(url: QueryParams, form: list[tuple[str, str]]) -> QueryRequest:
    items = list(url.multi_items()) + form
    if any(k in ("update", "using-graph-uri", "using-named-graph-uri") for k, _ in items):
        raise PolicyError("this endpoint is read-only; SPARQL Update is disabled", status=403)
    queries = [v for k, v in items if k == "query"]
    if len(queries) > 1:
        raise ProtocolError("more than one query parameter", status=400)
    default = [v for k, v in items if k == "default-graph-uri"]
    named = [v for k, v in items if k == "named-graph-uri"]
    for iri in default + named:
        check_graph_iri(iri)
    formats = [v for k, v in items if k == "format"]
    return QueryRequest(queries[0] if queries else None, default, named, formats[0] if formats else None)


def choose_format(checked: CheckedQuery, *, accept: str | None, format_param: str | None) -> conneg.MediaType:
    """The response media type for a query form; ProtocolError 406 when nothing offered is acceptable."""
    if checked.form in ("CONSTRUCT", "DESCRIBE"):
        offers = conneg.RDF_TYPES
    elif checked.form == "ASK":
        offers = conneg.BOOLEAN_TYPES
    else:
        offers = conneg.RESULT_TYPES
    chosen = (
        conneg.by_format_param(format_param, offers) if format_param else conneg.negotiate(accept, offers)
    )
    if chosen is None:
        wanted = format_param or accept
        names = ", ".join(sorted({m.media_type for m in offers}))
        raise ProtocolError(
            f"cannot answer a {checked.form or 'query'} as {wanted}; offered: {names}", status=406
        )
    return chosen


async def answer_query(service: SparqlService, request: Request, params: QueryRequest) -> Response:
    """Check, run and serialize one query; the caller turns PolicyError / QueryFailed into a response."""
    checked = check_query(params.query or "", limits=service.limits)
    chosen = choose_format(checked, accept=request.headers.get("accept"), format_param=params.format_param)
    job = {
        "kind": "query",
        "query": checked.text,
        "has_dataset_clause": checked.has_dataset_clause,
        "result_format": chosen.format_name,
        "rdf_media_type": canonical_media_type(chosen),
        "base_iri": str(request.url.replace(query="", fragment="")),  # relative IRIs resolve against /sparql
        **_dataset(params),
    }
    answer = await run_in_threadpool(service.run, job)
    headers = {"Vary": "Accept", ROW_LIMIT_HEADER: str(service.max_rows)}
    if answer["truncated"]:
        headers[TRUNCATED_HEADER] = "true"
    return Response(answer["body"], media_type=_with_charset(chosen.media_type), headers=headers)


def _dataset(params: QueryRequest) -> dict[str, list[str] | None]:
    """Protocol dataset: none given → the query's own (or the union of all graphs); else as given."""
    if not params.default_graphs and not params.named_graphs:
        return {"default_graphs": None, "named_graphs": None}
    return {"default_graphs": params.default_graphs, "named_graphs": params.named_graphs}


def canonical_media_type(chosen: conneg.MediaType) -> str:
    fmt = next((f for f in FORMATS if f.name == chosen.format_name), None)
    return fmt.media_type if fmt else chosen.media_type


def _with_charset(media_type: str) -> str:
    textual = media_type.startswith("text/") or media_type.endswith(
        ("json", "xml", "trig", "triples", "quads")
    )
    return f"{media_type}; charset=utf-8" if textual else media_type


def error_response(exc: PolicyError | QueryFailed) -> Response:
    headers = {"Allow": "GET, POST"} if exc.status == 405 else None
    return Response(
        str(exc) + "\n", status_code=exc.status, media_type="text/plain; charset=utf-8", headers=headers
    )
