"""The query worker: a child process that opens the store read-only and answers jobs from a pipe.

A job is a plain dict (picklable); the answer is a dict with ``ok`` and either ``body`` (bytes,
already serialized) or ``status`` + ``message``. Imports only pyoxigraph and the stdlib so a fresh
worker starts fast; the pool kills and replaces a worker whose query runs past the timeout.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from kg.formats import sparql_error_message
from kg.server.results import WRITERS, term_json, write_boolean


def serve_jobs(conn: Connection, store_path: str, stamp: Any = None) -> None:
    """Worker entry point: answer jobs until the pipe closes; re-open the store when a job's
    ``store_stamp`` says it changed since this worker opened it."""
    store = ox.Store.read_only(store_path)
    opened_at = stamp
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        wanted = job.get("store_stamp")
        if wanted is not None and wanted != opened_at:
            try:
                store, opened_at = ox.Store.read_only(store_path), wanted
            except OSError:  # mid-rewrite: answer from the store we have, try again next job
                pass
        conn.send(answer(store, job))


def answer(store: ox.Store, job: dict[str, Any]) -> dict[str, Any]:
    try:
        if job["kind"] == "dump":
            return _dump(store, job)
        return _query(store, job)
    except SyntaxError as exc:
        return {"ok": False, "status": 400, "message": sparql_error_message(exc)}
    except (OSError, ValueError, RuntimeError) as exc:
        return {"ok": False, "status": 500, "message": "query failed: " + _first_line(exc)}


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]


def _dataset_options(job: dict[str, Any]) -> dict[str, Any]:
    default, named = job.get("default_graphs"), job.get("named_graphs")
    if default is None and named is None:
        return {} if job.get("has_dataset_clause") else {"use_default_graph_as_union": True}
    options: dict[str, Any] = {"default_graph": [ox.NamedNode(g) for g in default or []]}
    options["named_graphs"] = [ox.NamedNode(g) for g in named or []]
    return options


def _query(store: ox.Store, job: dict[str, Any]) -> dict[str, Any]:
    result = store.query(
        job["query"], prefixes=job.get("prefixes"), base_iri=job.get("base_iri"), **_dataset_options(job)
    )
    max_rows = int(job["max_rows"])
    if isinstance(result, ox.QueryBoolean):
        return {
            "ok": True,
            "body": write_boolean(bool(result), job["result_format"]),
            "rows": 1,
            "truncated": False,
            "kind": "boolean",
        }
    if isinstance(result, ox.QueryTriples):
        triples = _take(result, max_rows + 1)
        return _graph_answer(triples[:max_rows], job, truncated=len(triples) > max_rows)
    variables = [v.value for v in result.variables]
    rows = []
    for solution in _take(result, max_rows + 1):
        rows.append({v: term_json(solution[v]) for v in variables if solution[v] is not None})
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    if job["result_format"] == "rows":
        return {"ok": True, "vars": variables, "rows": rows, "truncated": truncated, "kind": "rows"}
    body = WRITERS[job["result_format"]](variables, rows)
    return {"ok": True, "body": body, "rows": len(rows), "truncated": truncated, "kind": "rows"}


def _rdf_format(media_type: str) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"no RDF format for {media_type}")
    return fmt


def _take(iterator: Any, limit: int) -> list[Any]:
    items = []
    for item in iterator:
        items.append(item)
        if len(items) >= limit:
            break
    return items


def _graph_answer(triples: list[Any], job: dict[str, Any], *, truncated: bool) -> dict[str, Any]:
    fmt = _rdf_format(job["rdf_media_type"])
    items: list[Any] = triples
    if fmt.supports_datasets and fmt is not ox.RdfFormat.JSON_LD:
        items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    body = ox.serialize(items, format=fmt, prefixes=job.get("prefixes"))
    return {"ok": True, "body": body, "rows": len(triples), "truncated": truncated, "kind": "graph"}


def _dump(store: ox.Store, job: dict[str, Any]) -> dict[str, Any]:
    """The store, or only ``job["graphs"]``: dataset formats (N-Quads, TriG, JSON-LD) keep the graph
    names; triple formats (Turtle, N-Triples, …) get the merge of the graphs."""
    fmt = _rdf_format(job["rdf_media_type"])
    skip = {ox.NamedNode(g) for g in job.get("exclude_graphs", [])}
    only = job.get("graphs")
    if only is None:
        found = store.quads_for_pattern(None, None, None, None)
    else:
        found = (q for g in only for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
    quads = [q for q in found if q.graph_name not in skip]
    if fmt.supports_datasets:
        body = ox.serialize(quads, format=fmt, prefixes=job.get("prefixes"))
    else:
        merged = sorted({q.triple for q in quads}, key=str)
        body = ox.serialize(merged, format=fmt, prefixes=job.get("prefixes"))
    return {"ok": True, "body": body, "rows": len(quads), "truncated": False, "kind": "graph"}
