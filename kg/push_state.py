"""The local side of ``kg push``: what the store holds, what was last sent, what to send, what was done.

- The store is read as N-Triples lines (pyoxigraph writes them; far faster than term objects), each graph
  summarised by a count and an order-independent digest, and cut into batches for requests.
- The state is a sidecar file ``<store>/push-state.json``. For every endpoint it records, per named graph,
  the digest the endpoint accepted. A graph whose local digest still matches is not sent again. The file is
  rewritten atomically every few seconds and at the end, so an interrupted push loses at most the notes of
  its last seconds (those graphs are then sent again, which is harmless). The store itself is only read.
- The plan says which graphs to send, which are unchanged, which to drop; the report what was done.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from kg.errors import InputError, StoreError
from kg.store import INFERRED_GRAPH_PREFIX, META_GRAPH, KgStore

STATE_FILE_NAME = "push-state.json"
STATE_VERSION = 1
_MODULUS = 1 << 128
SPOOL_BYTES = 64 * 1024 * 1024
SAVE_EVERY_SECONDS = 2.0


@dataclass(frozen=True)
class GraphDigest:
    """A named graph's content: triple count and an order-independent hash of its N-Triples lines."""

    triples: int
    digest: str


def graph_digest(lines: Iterable[bytes]) -> GraphDigest:
    """Count and digest of a graph's N-Triples lines (a sum of per-line BLAKE2b hashes: order does not
    matter; blank node labels count as written)."""
    count = total = 0
    for line in lines:
        total += int.from_bytes(hashlib.blake2b(line, digest_size=16).digest(), "big")
        count += 1
    return GraphDigest(count, f"{count}:{total % _MODULUS:032x}")


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
        self._saved_at = time.monotonic()
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
                f"{self.path}: malformed push state ({type(exc).__name__}: {exc}); "
                "delete it to push everything again"
            ) from None

    def unchanged(self, graph: str, local: GraphDigest) -> bool:
        return self.graphs.get(graph) == local

    def record(self, graph: str, local: GraphDigest) -> None:
        """Note that the server holds ``graph``; written out at most every few seconds (call :meth:`save`
        at the end): losing a note in a crash only means that graph is sent again."""
        self.graphs[graph] = local
        if time.monotonic() - self._saved_at > SAVE_EVERY_SECONDS:
            self.save()

    def forget(self, graphs: Iterable[str]) -> None:
        """Note that the server may not hold these graphs (written out at once)."""
        for graph in graphs:
            self.graphs.pop(graph, None)
        self.save()

    def discard(self) -> None:
        """Remove everything recorded for this endpoint (e.g. a throw-away benchmark server)."""
        self.graphs.clear()
        self.save()
        self._all.pop(self.key, None)
        self._write()

    def save(self) -> None:
        """Write the file atomically (temporary file, then rename)."""
        entries = sorted(self.graphs.items())
        self._all[self.key] = {g: {"triples": d.triples, "digest": d.digest} for g, d in entries}
        self._write()
        self._saved_at = time.monotonic()

    def _write(self) -> None:
        document = {"version": STATE_VERSION, "endpoints": self._all}
        temporary = self.path.with_suffix(".json.tmp")
        try:
            temporary.write_text(json.dumps(document, indent=0, sort_keys=True) + "\n", "utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write push state: {exc.strerror}") from None


@dataclass
class GraphPush:
    """One named graph: what was done with it and, after verification, the server's triple count."""

    graph: str
    triples: int
    action: Literal["sent", "unchanged", "dropped"]
    remote: int | None = None

    @property
    def expected(self) -> int:
        return 0 if self.action == "dropped" else self.triples

    @property
    def mismatch(self) -> bool:
        return self.remote is not None and self.remote != self.expected


@dataclass
class PushReport:
    """What one push did (or, with ``dry_run``, would do)."""

    endpoint: str
    protocol: str
    dry_run: bool = False
    verified: bool = False
    graphs: list[GraphPush] = field(default_factory=list)
    seconds: float = 0.0

    def _with(self, action: str) -> list[GraphPush]:
        return [g for g in self.graphs if g.action == action]

    @property
    def sent(self) -> list[GraphPush]:
        return self._with("sent")

    @property
    def unchanged(self) -> list[GraphPush]:
        return self._with("unchanged")

    @property
    def dropped(self) -> list[GraphPush]:
        return self._with("dropped")

    @property
    def triples_sent(self) -> int:
        return sum(g.triples for g in self.sent)

    @property
    def mismatches(self) -> list[GraphPush]:
        return [g for g in self.graphs if g.mismatch]

    @property
    def exit_code(self) -> int:
        """0 when the server holds what the store holds, 1 when a graph's count differs."""
        return 1 if self.mismatches else 0

    def as_text(self) -> str:
        verb = "would send" if self.dry_run else "sent"
        rate = self.triples_sent / self.seconds if self.seconds and not self.dry_run else 0.0
        lines = [
            f"{verb} {len(self.sent)} graph(s), {self.triples_sent} triples, "
            f"to {self.endpoint} ({self.protocol})"
            + ("" if self.dry_run else f" in {self.seconds:.2f} s ({rate:.0f} triples/s)"),
            f"  unchanged (not sent): {len(self.unchanged)}; "
            f"{'to drop' if self.dry_run else 'dropped'} remotely: {len(self.dropped)}",
        ]
        if self.dry_run:
            lines += [f"  {g.action:9} {g.graph} ({g.triples} triples)" for g in self.sent + self.dropped]
        elif self.verified:
            bad = self.mismatches
            lines.append(f"  verified {len(self.graphs)} graph(s): {len(bad) or 'no'} count mismatch(es)")
            lines += [f"  MISMATCH {g.graph}: local {g.expected}, server {g.remote}" for g in bad]
        return "\n".join(lines)


@dataclass(frozen=True)
class Batch:
    """One request's worth of triples, as N-Triples."""

    triples: int
    body: bytes


def ntriples_lines(store: KgStore, graph: str) -> Iterator[bytes]:
    """The N-Triples lines of one named graph, written by pyoxigraph through a temporary file that stays in
    memory up to ``SPOOL_BYTES`` and spills to disk beyond (bounded memory, much faster than term objects)."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        store.oxigraph.dump(spool, ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        spool.seek(0)
        for line in spool:
            line = line.rstrip(b"\r\n")
            if line:
                yield line


def ntriples_batches(lines: Iterable[bytes], *, size: int) -> Generator[Batch, None, None]:
    """Batches of at most ``size`` N-Triples lines. Triples with blank nodes all go in the last batch, so a
    blank node keeps one identity on the server (each request would otherwise mint new ones)."""
    batch: list[bytes] = []
    blank: list[bytes] = []
    for line in lines:
        if line.startswith(b"_:") or b" _:" in line:  # (a literal holding " _:" lands here too: harmless)
            blank.append(line)
            continue
        batch.append(line)
        if len(batch) >= size:
            yield Batch(len(batch), b"\n".join(batch) + b"\n")
            batch = []
    for rest in (batch, blank):
        if rest:
            yield Batch(len(rest), b"\n".join(rest) + b"\n")


def local_graphs(store: KgStore, *, include_inferred: bool) -> dict[str, GraphDigest]:
    """The graphs to publish (all named graphs but meta; inferred ones only if asked) and their digests."""
    return {
        graph: graph_digest(ntriples_lines(store, graph))
        for graph in store.named_graphs()
        if graph != META_GRAPH and (include_inferred or not graph.startswith(INFERRED_GRAPH_PREFIX))
    }


def plan_push(
    local: dict[str, GraphDigest], state: PushState, *, force_all: bool, in_store: set[str]
) -> list[GraphPush]:
    """Which graphs to send, which are unchanged, and which to drop remotely: those pushed earlier that are
    no longer in the store (graphs merely left out, like inferred ones without ``--inferred``, stay)."""
    plan = [
        GraphPush(g, d.triples, "unchanged" if not force_all and state.unchanged(g, d) else "sent")
        for g, d in local.items()
    ]
    plan += [GraphPush(g, d.triples, "dropped") for g, d in sorted(state.graphs.items()) if g not in in_store]
    return plan
