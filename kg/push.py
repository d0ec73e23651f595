"""Publish the store's named graphs into an external triple store (``kg push``).

Two transports, both standard so any conformant store works:

- ``gsp``: SPARQL 1.1 Graph Store HTTP Protocol. A graph that fits one batch is sent with one ``PUT``, which
  replaces it atomically. A bigger graph is sent as ``PUT`` (first batch) then ``POST`` (the others): while
  that runs the remote graph is incomplete, and the graph is only recorded as pushed after its last batch.
- ``update``: SPARQL 1.1 Update. One batch: ``DROP SILENT GRAPH <g> ; INSERT DATA {…}`` in one request.
  More: batches go into a staging graph, then one ``MOVE SILENT <staging> TO <g>`` swaps it in, so readers
  never see a half-loaded graph (where the store runs each request as a transaction).

Only graphs whose content changed since the last push to the same endpoint are sent (``force_all`` sends all);
graphs pushed earlier but gone from the store are dropped remotely. Afterwards the triple count of every graph
is compared with the server's. Requests are retried with exponential backoff on 5xx and connection errors;
a 4xx stops the push with the server's answer. Credentials never appear in messages.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from kg.errors import KgError
from kg.formats import one_line
from kg.namespaces import GRAPH
from kg.push_defaults import DEFAULT_BATCH_TRIPLES
from kg.push_state import (
    Batch,
    GraphDigest,
    PushReport,
    PushState,
    endpoint_key,
    local_graphs,
    ntriples_batches,
    ntriples_lines,
    plan_push,
)
from kg.store import KgStore

Protocol = Literal["gsp", "update"]
AuthKind = Literal["auto", "basic", "digest", "bearer"]
Progress = Callable[[int, int], None]  # (triples just sent, total triples to send)
STAGING_PREFIX = f"{GRAPH}push-staging/"
NTRIPLES = "application/n-triples"
RETRY_STATUS = (429, 500, 502, 503, 504)  # worth trying again; any other error status stops the push
_QUERY_ENDPOINT_OF = (  # how stores lay out their endpoints: (GSP/update path suffix, query path suffix)
    ("/sparql-graph-crud-auth", "/sparql"), ("/sparql-graph-crud", "/sparql"), ("/sparql-auth", "/sparql"),
    ("/rdf-graphs/service", ""), ("/statements", ""), ("/store", "/query"), ("/update", "/query"),
    ("/data", "/query"),
)


class PushError(KgError):
    """The remote store refused or could not be reached."""


@dataclass(frozen=True)
class PushAuth:
    """Credentials for the remote store. ``auto`` answers the server's Basic or Digest challenge."""

    kind: AuthKind = "auto"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def secrets(self) -> list[str]:
        return [s for s in (self.password, self.token) if s]

    def httpx_auth(self) -> httpx.Auth | None:
        if self.kind == "bearer" or (self.kind == "auto" and self.token and not self.user):
            if not self.token:
                raise PushError("bearer authentication needs a token (--token or KG_PUSH_TOKEN)")
            return _HeaderAuth(f"Bearer {self.token}")
        if self.user is None:
            if self.kind in ("basic", "digest"):
                raise PushError(f"{self.kind} authentication needs --user and --password")
            return None
        if self.kind == "digest":
            return httpx.DigestAuth(self.user, self.password or "")
        basic = "Basic " + base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode("ascii")
        if self.kind == "basic":
            return _HeaderAuth(basic)
        return _ChallengeAuth(basic, self.user, self.password or "")


class _HeaderAuth(httpx.Auth):
    def __init__(self, header: str) -> None:
        self._header = header

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class _ChallengeAuth(httpx.Auth):
    """Sends credentials only when challenged, in the scheme the server asks for (Basic or Digest)."""

    def __init__(self, basic: str, user: str, password: str) -> None:
        self._basic = basic
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        if self._scheme == "basic":
            request.headers["Authorization"] = self._basic
        response = yield request
        if response.status_code != 401 or self._scheme is not None:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        if challenge.startswith("digest"):
            self._scheme = "digest"
            yield from self._digest.auth_flow(request)
        elif challenge.startswith("basic"):
            self._scheme = "basic"
            request.headers["Authorization"] = self._basic
            yield request


def safe_url(url: str) -> str:
    """A URL fit for messages: no user name or password."""
    return endpoint_key(url)


def _server_answer(response: httpx.Response, secrets: list[str], limit: int = 200) -> str:
    """The server's answer on one line, trimmed, markup removed, any secret masked."""
    text = response.text
    if re.search(r"html|xml", response.headers.get("content-type", "")):
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    for secret in secrets:
        text = text.replace(secret, "***")
    return text if len(text) <= limit else text[: limit - 1] + "…"


_HINTS = {
    401: "authentication failed (check --user/--password or --token, and --auth)",
    403: "permission denied (the account may not write here)",
    404: "not found (wrong endpoint path?)",
    405: "method not allowed (is this a Graph Store endpoint? try --protocol update)",
    406: "format not acceptable",
    413: "request too large (lower --batch)",
    415: "unsupported format (the server does not accept N-Triples here)",
    501: "not implemented (wrong endpoint path or protocol?)",
}


def check_target(endpoint: str, protocol: str) -> None:
    """PushError unless ``protocol`` is gsp or update and ``endpoint`` an http(s) URL."""
    if protocol not in ("gsp", "update"):
        raise PushError(f"unknown protocol {protocol!r}; use gsp or update")
    if urlsplit(endpoint).scheme not in ("http", "https") or not urlsplit(endpoint).hostname:
        raise PushError(f"endpoint {safe_url(endpoint)!r} is not an http(s) URL")


class Remote:
    """HTTP client for one store: retries, error messages, GSP and SPARQL Update transports."""

    def __init__(
        self, endpoint: str, *, protocol: Protocol, query_endpoint: str, auth: PushAuth,
        tls_verify: bool, retries: int, backoff: float, timeout: float,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        check_target(endpoint, protocol)
        self.endpoint, self.protocol, self.query_endpoint = endpoint, protocol, query_endpoint
        self.secrets = auth.secrets()
        self.retries, self.backoff = retries, backoff
        self.client = httpx.Client(
            auth=auth.httpx_auth(), verify=tls_verify, timeout=httpx.Timeout(timeout, connect=10.0),
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def request(self, method: str, url: str, *, ok: tuple[int, ...] = (), **options: Any) -> httpx.Response:
        """Send with retries on 5xx and connection errors; a 4xx (unless in ``ok``) raises at once."""
        failure = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(self.backoff * 2 ** (attempt - 1), 30.0))
            try:
                response = self.client.request(method, url, **options)
            except httpx.UnsupportedProtocol:
                raise PushError(f"{safe_url(url)}: not an http(s) URL") from None
            except httpx.TransportError as exc:
                failure = f"cannot reach {safe_url(url)}: {type(exc).__name__}: {one_line(exc, limit=120)}"
                continue
            if response.status_code < 400 or response.status_code in ok:
                return response
            answer = _server_answer(response, self.secrets)
            failure = f"{method} {safe_url(url)}: HTTP {response.status_code}"
            if response.status_code not in RETRY_STATUS:
                hint = _HINTS.get(response.status_code, response.reason_phrase)
                raise PushError(f"{failure} {hint}; server says: {answer or '(nothing)'}")
            failure += f"; server says: {answer or '(nothing)'}"
        raise PushError(f"{failure} (gave up after {self.retries + 1} attempts)")

    # transports ------------------------------------------------------------------------------------------

    def replace(self, graph: str, batches: Iterator[Batch], *, sent: Callable[[int], None]) -> None:
        """Replace ``graph`` by the triples of ``batches``; ``sent`` is told each batch's triple count."""
        first = next(batches, None)
        if first is None:
            self.drop(graph)
            return
        second = next(batches, None)
        if self.protocol == "gsp":
            self._gsp_send("PUT", graph, first.body)
        else:  # the staging graph may be left over from an interrupted push
            target = graph if second is None else staging_graph(graph)
            drops = f"DROP SILENT GRAPH <{staging_graph(graph)}> ;\nDROP SILENT GRAPH <{graph}> ;\n"
            self._update(drops + _insert_data(target, first.body))
        sent(first.triples)
        pending = second
        while pending is not None:
            if self.protocol == "gsp":
                self._gsp_send("POST", graph, pending.body)
            else:
                self._update(_insert_data(staging_graph(graph), pending.body))
            sent(pending.triples)
            pending = next(batches, None)
        if self.protocol == "update" and second is not None:
            self._update(f"MOVE SILENT <{staging_graph(graph)}> TO <{graph}>")

    def drop(self, graph: str) -> None:
        if self.protocol == "gsp":
            self.request("DELETE", self.endpoint, params={"graph": graph}, ok=(404,))
        else:
            self._update(f"DROP SILENT GRAPH <{graph}>")

    def _gsp_send(self, method: str, graph: str, body: bytes) -> None:
        headers = {"Content-Type": NTRIPLES}
        self.request(method, self.endpoint, params={"graph": graph}, content=body, headers=headers)

    def _update(self, update: str) -> None:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        self.request("POST", self.endpoint, data={"update": update}, headers=headers)

    def counts(self, graphs: list[str], *, chunk: int = 100) -> dict[str, int]:
        """Triples per graph on the server (graphs it does not hold count 0)."""
        found: dict[str, int] = {g: 0 for g in graphs}
        for start in range(0, len(graphs), chunk):
            values = " ".join(f"<{g}>" for g in graphs[start : start + chunk])
            query = (
                f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                "GROUP BY ?g"
            )
            response = self.request(
                "POST", self.query_endpoint, data={"query": query},
                headers={"Accept": "application/sparql-results+json"},
            )
            try:
                for row in response.json()["results"]["bindings"]:
                    found[row["g"]["value"]] = int(row["n"]["value"])
            except (ValueError, KeyError, TypeError):
                answer = _server_answer(response, self.secrets)
                where = safe_url(self.query_endpoint)
                raise PushError(f"{where}: not SPARQL JSON results: {answer}") from None
        return found


def staging_graph(graph: str) -> str:
    """Where the update transport loads a multi-batch graph before moving it into place."""
    return STAGING_PREFIX + hashlib.sha256(graph.encode("utf-8")).hexdigest()[:16]


def _insert_data(graph: str, ntriples: bytes) -> str:
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples.decode('utf-8')}}} }}"


def guess_query_endpoint(endpoint: str) -> str:
    """The SPARQL query endpoint next to a GSP or update endpoint, from the usual layouts of known stores."""
    parts = urlsplit(endpoint)
    for suffix, replacement in _QUERY_ENDPOINT_OF:
        if parts.path.endswith(suffix):
            return parts._replace(path=parts.path[: -len(suffix)] + replacement, query="").geturl()
    return endpoint


def push(
    *,
    store_path: str | Path,
    endpoint: str,
    protocol: Protocol = "gsp",
    auth: PushAuth | None = None,
    include_inferred: bool = False,
    force_all: bool = False,
    dry_run: bool = False,
    batch_triples: int | None = None,
    verify: bool = True,
    progress: Progress | None = None,
    query_endpoint: str | None = None,
    tls_verify: bool = True,
    retries: int = 5,
    backoff: float = 0.5,
    timeout: float = 300.0,
) -> PushReport:
    """Send the store's changed named graphs to ``endpoint``; then compare counts (unless ``verify=False``).

    ``progress`` is called with the number of triples of each batch sent. Raises :class:`PushError`.
    """
    check_target(endpoint, protocol)
    batch_triples = batch_triples or DEFAULT_BATCH_TRIPLES[protocol]
    if batch_triples < 1:
        raise PushError(f"batch size must be at least 1 triple, not {batch_triples}")
    started = time.perf_counter()
    report = PushReport(safe_url(endpoint), protocol, dry_run=dry_run)
    with KgStore(store_path, read_only=True) as store:
        local = local_graphs(store, include_inferred=include_inferred)
        state = PushState(store_path, endpoint)
        report.graphs = plan_push(local, state, force_all=force_all, in_store=set(store.named_graphs()))
        if dry_run:
            return report
        remote = Remote(
            endpoint, protocol=protocol, query_endpoint=query_endpoint or guess_query_endpoint(endpoint),
            auth=auth or PushAuth(), tls_verify=tls_verify, retries=retries, backoff=backoff, timeout=timeout,
        )
        try:
            _send(store, remote, report, state, local, batch_triples=batch_triples, progress=progress)
            if verify:
                _verify(remote, report, state)
        finally:
            remote.close()
    report.seconds = time.perf_counter() - started
    return report


def _send(
    store: KgStore, remote: Remote, report: PushReport, state: PushState, local: dict[str, GraphDigest],
    *, batch_triples: int, progress: Progress | None,
) -> None:
    total = report.triples_sent

    def sent(triples: int) -> None:
        if progress is not None:
            progress(triples, total)

    state.forget([g.graph for g in report.sent])  # not "pushed" until the server has all of it again
    try:
        for item in report.sent:
            _send_graph(store, remote, item.graph, batch_triples=batch_triples, sent=sent)
            state.record(item.graph, local[item.graph])
        for item in report.dropped:
            remote.drop(item.graph)
            state.graphs.pop(item.graph, None)
    finally:
        state.save()


def _send_graph(
    store: KgStore, remote: Remote, graph: str, *, batch_triples: int, sent: Callable[[int], None]
) -> None:
    lines = ntriples_lines(store, graph)
    batches = ntriples_batches(lines, size=batch_triples)
    try:
        remote.replace(graph, batches, sent=sent)
    finally:  # close the store reader in the thread that opened it
        batches.close()
        if isinstance(lines, Generator):
            lines.close()


def _verify(remote: Remote, report: PushReport, state: PushState) -> None:
    counts = remote.counts([g.graph for g in report.graphs])
    for item in report.graphs:
        item.remote = counts.get(item.graph, 0)
    report.verified = True
    state.forget([g.graph for g in report.mismatches if g.action != "dropped"])  # send them again next time
