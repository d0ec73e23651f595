"""What ``kg push`` last sent to each endpoint: a sidecar file ``<store>/push-state.json``.

For every endpoint it records, per named graph, the content digest and triple count that the endpoint
accepted. A graph whose local digest still matches is not sent again. The file is rewritten atomically
after every graph, so an interrupted push loses at most the graph in flight (which is then sent again).
The store itself is only read.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from kg.errors import InputError, StoreError

STATE_FILE_NAME = "push-state.json"
STATE_VERSION = 1
_MODULUS = 1 << 128


@dataclass(frozen=True)
class GraphDigest:
    """A named graph's content: triple count and an order-independent hash of its N-Triples lines."""

    triples: int
    digest: str


def graph_digest(triples: Iterable[ox.Triple]) -> GraphDigest:
    """Count and digest of a set of triples (the sum of per-triple BLAKE2b hashes, so order does not matter)."""
    count = total = 0
    for triple in triples:
        h = hashlib.blake2b(str(triple).encode("utf-8"), digest_size=16).digest()
        total = (total + int.from_bytes(h, "big")) % _MODULUS
        count += 1
    return GraphDigest(count, f"{count}:{total:032x}")


def endpoint_key(endpoint: str) -> str:
    """The endpoint URL without credentials: the key the state is recorded under."""
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


class PushState:
    """The graphs one endpoint holds according to earlier pushes from this store."""

    def __init__(self, store_path: str | Path, endpoint: str) -> None:
        self.path = Path(store_path) / STATE_FILE_NAME
        self.key = endpoint_key(endpoint)
        self._all = self._read()
        self.graphs: dict[str, GraphDigest] = {
            graph: GraphDigest(int(entry["triples"]), str(entry["digest"]))
            for graph, entry in self._all.get(self.key, {}).items()
        }

    def _read(self) -> dict[str, dict[str, dict[str, Any]]]:
        if not self.path.exists():
            return {}
        try:
            document = json.loads(self.path.read_text("utf-8"))
            endpoints: dict[str, dict[str, dict[str, Any]]] = document["endpoints"]
            for graphs in endpoints.values():
                for entry in graphs.values():
                    int(entry["triples"]), str(entry["digest"])
            return endpoints
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{self.path}: malformed push state ({type(exc).__name__}: {exc}); delete it to push everything again"
            ) from None

    def unchanged(self, graph: str, local: GraphDigest) -> bool:
        return self.graphs.get(graph) == local

    def record(self, graph: str, local: GraphDigest) -> None:
        self.graphs[graph] = local
        self.save()

    def forget(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            self.graphs.pop(graph, None)
        self.save()

    def save(self) -> None:
        """Write the file atomically (temporary file, then rename)."""
        self._all[self.key] = {g: {"triples": d.triples, "digest": d.digest} for g, d in sorted(self.graphs.items())}
        document = {"version": STATE_VERSION, "endpoints": self._all}
        temporary = self.path.with_suffix(".json.tmp")
        try:
            temporary.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", "utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write push state: {exc.strerror}") from None
