"""Competency-question latency: on the store, and on a subset in pyoxigraph (memory) vs rdflib's Dataset.

A query can run for minutes on a large store, and pyoxigraph cannot interrupt one, so the timing runs in
a child process (``python -m kg.bench.queries``) that prints one JSON line per (question, engine); a line
that does not come within the time limit (or a child growing over ``MAX_CHILD_MB``) marks that figure
``None``, the child is killed and a new one carries on with the remaining questions.
"""

from __future__ import annotations

import functools
import json
import selectors
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ENGINES = ("store", "subset pyoxigraph", "subset rdflib")
MAX_CHILD_MB = 2048.0  # a question whose evaluation grows the child beyond this is given up (shared machine)


def _median_ms(job: Callable[[], Any], repeats: int, *, slow_seconds: float = 2.0) -> float:
    """Median wall time of ``repeats`` runs after a warm-up (one run only when the warm-up was slow)."""
    started = time.perf_counter()
    job()
    if time.perf_counter() - started > slow_seconds:
        repeats = 1
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        job()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def _subset_quads(store: Any, articles: int) -> list[Any]:
    """Reference graphs plus the first ``articles`` article graphs and their inferred graphs."""
    import pyoxigraph as ox

    from kg.store import ARTICLE_GRAPH_PREFIX, INFERRED_GRAPH_PREFIX

    names = store.named_graphs()
    article_graphs = [g for g in names if g.startswith(ARTICLE_GRAPH_PREFIX)][:articles]
    keys = {g[len(ARTICLE_GRAPH_PREFIX) :] for g in article_graphs}
    keep = [g for g in names if not g.startswith((ARTICLE_GRAPH_PREFIX, INFERRED_GRAPH_PREFIX))]
    keep += article_graphs
    keep += [g for g in names if g.startswith(INFERRED_GRAPH_PREFIX) and g.rsplit("/", 1)[-1] in keys]
    return [q for g in keep for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g))]


def _runners(engine: str, store_path: str, articles: int) -> Callable[[str], list[Any]]:
    """A function running one SPARQL query on the given engine (data loaded once)."""
    from kg.namespaces import PREFIXES
    from kg.store import KgStore, to_rdflib

    store = KgStore(store_path, read_only=True).__enter__()
    if engine == "store":
        return lambda sparql: list(store.query(sparql))
    quads = _subset_quads(store, articles)
    if engine == "subset pyoxigraph":
        import pyoxigraph as ox

        memory = ox.Store()
        memory.extend(quads)
        return lambda sparql: list(
            memory.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)  # type: ignore[arg-type]
        )
    from rdflib import Dataset, URIRef

    warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's Dataset warns on every quad
    dataset = Dataset(default_union=True)
    for q in quads:
        triple = (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
        dataset.graph(URIRef(q.graph_name.value)).add(triple)
    return lambda sparql: list(dataset.query(sparql))


def worker(engine: str, store_path: str, articles: int, repeats: int, names: list[str]) -> None:
    """Child process: time each named question on one engine, one JSON line each."""
    from kg.examples import get_example

    run = _runners(engine, store_path, articles)
    for name in names:
        job = functools.partial(run, get_example(name).sparql)
        print(json.dumps({"name": name, "ms": _median_ms(job, repeats)}), flush=True)


def _rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), 0 when unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _lines(process: subprocess.Popen[str], timeout: float, *, first: float) -> Iterator[str | None]:
    """Lines of the child's output; None when one does not arrive within ``timeout`` seconds (``first``
    for the first line, which includes loading the data) or the child grows over MAX_CHILD_MB."""
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + first
    while True:
        if time.monotonic() > deadline or _rss_mb(process.pid) > MAX_CHILD_MB:
            yield None
            return
        if not selector.select(1.0):
            continue
        line = process.stdout.readline()
        if not line:
            return
        yield line
        deadline = time.monotonic() + timeout


def time_engine(
    engine: str, store_path: Path, names: list[str], *, articles: int, repeats: int, timeout: float
) -> dict[str, float | None]:
    """Median ms of each question on one engine; None for a question that timed out (or crashed)."""
    results: dict[str, float | None] = {}
    remaining = list(names)
    while remaining:
        command = [sys.executable, "-m", "kg.bench.queries", engine, str(store_path), str(articles)]
        command += [str(repeats), *remaining]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            loading = 10.0 if engine == "store" else 300.0  # the subsets are loaded before the first line
            for line in _lines(process, timeout, first=timeout + loading):
                if line is None:
                    break
                found = json.loads(line)
                results[found["name"]] = found["ms"]
        finally:
            process.kill()
            process.wait()
        remaining = [n for n in remaining if n not in results]
        if remaining:  # the first one left timed out or crashed: give up on it, go on with the rest
            results[remaining.pop(0)] = None
    return results


if __name__ == "__main__":
    worker(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])
