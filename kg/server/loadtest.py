"""Load test: N client threads × T seconds of mixed SELECT / CONSTRUCT against a running server.

``python -m kg.server.loadtest http://127.0.0.1:8000 --clients 32 --seconds 20`` prints requests/s,
p50/p99 latency and the error count. Bounded: each client sends one request at a time.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from dataclasses import dataclass, field

import httpx

QUERIES = (
    ("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 50", "application/sparql-results+json"),
    ("SELECT ?e ?t WHERE { ?e ckg:eventType ?t } LIMIT 100", "application/sparql-results+json"),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv"),
    ("CONSTRUCT { ?a rdfs:label ?l } WHERE { ?x ckg:agent ?a . ?a rdfs:label ?l } LIMIT 200", "text/turtle"),
    ("CONSTRUCT WHERE { ?s a ?c } LIMIT 100", "application/ld+json"),
)


@dataclass
class LoadReport:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float] = field(repr=False)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def summary(self) -> str:
        median = statistics.median(self.latencies_ms) if self.latencies_ms else 0.0
        return (
            f"{self.requests} requests in {self.seconds:.1f} s: {self.per_second:.1f} req/s, "
            f"p50 {median:.1f} ms, p99 {self.percentile(99):.1f} ms, errors {self.errors}"
        )


def load_test(url: str, *, clients: int = 32, seconds: float = 20.0) -> LoadReport:
    """Hammer ``url`` (the server root) with ``clients`` threads for ``seconds``; return the figures."""
    endpoint = url.rstrip("/") + "/sparql"
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client(index: int) -> None:
        with httpx.Client(timeout=60) as http:
            i = index
            while time.monotonic() < deadline:
                query, accept = QUERIES[i % len(QUERIES)]
                i += 1
                started = time.perf_counter()
                try:
                    ok = (
                        http.post(endpoint, data={"query": query}, headers={"Accept": accept}).status_code
                        == 200
                    )
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors[0] += not ok

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadReport(len(latencies), errors[0], time.monotonic() - started, latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="server root, e.g. http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    print(load_test(args.url, clients=args.clients, seconds=args.seconds).summary())


if __name__ == "__main__":
    main()
