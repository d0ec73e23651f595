"""Real triple stores for the push tests: Oxigraph server and Virtuoso Open Source on loopback ports.

Each server runs from its own temporary data directory on a free 127.0.0.1 port; ``kill()`` stops it with
SIGKILL (as a crash would) and ``start()`` brings it back on the same directory and port.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from kg.query import QueryResult
from kg.resources import SAMPLES_DIR
from kg.store import INFERRED_GRAPH_PREFIX, META_GRAPH, KgStore

OXIGRAPH_BIN = Path(sys.executable).parent / "oxigraph"
VIRTUOSO_BIN = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
VIRTUOSO_DB = "/var/lib/virtuoso-opensource-7/db"
FORM = "application/x-www-form-urlencoded"
GRAPH_BASE = "https://w3id.org/conflict-kg/graph/"
SCHEMA_VALUE = ox.NamedNode("http://schema.org/value")
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def oxigraph_missing() -> str | None:
    """Why Oxigraph server cannot run here, or None."""
    return None if OXIGRAPH_BIN.exists() else f"oxigraph server binary not found at {OXIGRAPH_BIN}"


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot run here, or None."""
    if not Path(VIRTUOSO_BIN).exists():
        return "virtuoso-t not installed (Debian package virtuoso-opensource; make system-deps)"
    if not VIRTUOSO_INI.exists():
        return f"Virtuoso default configuration {VIRTUOSO_INI} not found"
    return None


@dataclass
class Server:
    """A server process on a fixed data directory and port."""

    data_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        raise NotImplementedError

    def wait_ready(self, deadline: float) -> None:
        raise NotImplementedError

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = (self.data_dir / "server.log").open("ab")
        command = self.command()
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=self.data_dir)
        self.wait_ready(time.monotonic() + 60)

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    def _check_alive(self) -> None:
        if self.process is None or self.process.poll() is not None:
            log = (self.data_dir / "server.log").read_text("utf-8", "replace")[-2000:]
            raise RuntimeError(f"{type(self).__name__} exited while starting:\n{log}")


@dataclass
class OxigraphServer(Server):
    """``oxigraph serve``: GSP at /store, SPARQL query at /query, update at /update (no authentication)."""

    @property
    def gsp(self) -> str:
        return f"{self.base}/store"

    @property
    def query_endpoint(self) -> str:
        return f"{self.base}/query"

    @property
    def update_endpoint(self) -> str:
        return f"{self.base}/update"

    def command(self) -> list[str]:
        location, bind = str(self.data_dir / "db"), f"127.0.0.1:{self.port}"
        return [str(OXIGRAPH_BIN), "serve", "--location", location, "--bind", bind]

    def wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            self._check_alive()
            try:
                httpx.get(f"{self.query_endpoint}?query=ASK%7B%7D", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("oxigraph server did not start within 60 s")


@dataclass
class VirtuosoServer(Server):
    """Virtuoso Open Source: GSP with Digest authentication (dba:dba) at /sparql-graph-crud-auth,
    anonymous SPARQL query at /sparql, authenticated SPARQL Update at /sparql-auth."""

    sql_port: int = field(default_factory=free_port)
    user: str = "dba"
    password: str = "dba"

    @property
    def gsp(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def query_endpoint(self) -> str:
        return f"{self.base}/sparql"

    @property
    def update_endpoint(self) -> str:
        return f"{self.base}/sparql-auth"

    def write_config(self) -> Path:
        text = VIRTUOSO_INI.read_text("utf-8").replace(VIRTUOSO_DB, str(self.data_dir))
        text = re.sub(r"(?m)^ServerPort(\s*)=\s*1111\s*$", f"ServerPort = 127.0.0.1:{self.sql_port}", text)
        text = re.sub(r"(?m)^ServerPort(\s*)=\s*8890\s*$", f"ServerPort = 127.0.0.1:{self.port}", text)
        text = text.replace("DirsAllowed              = .,", f"DirsAllowed = ., {self.data_dir},")
        path = self.data_dir / "virtuoso.ini"
        path.write_text(text, "utf-8")
        return path

    def command(self) -> list[str]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return [VIRTUOSO_BIN, "+foreground", "+configfile", str(self.write_config())]

    def wait_ready(self, deadline: float) -> None:
        log = self.data_dir / "server.log"
        while time.monotonic() < deadline:
            self._check_alive()
            if "Server online" in log.read_text("utf-8", "replace").split("Server shutdown")[-1]:
                return
            time.sleep(0.2)
        raise RuntimeError("virtuoso did not start within 60 s")

    def stop(self) -> None:
        super().stop()
        (self.data_dir / "virtuoso.lck").unlink(missing_ok=True)

    def kill(self) -> None:
        super().kill()
        (self.data_dir / "virtuoso.lck").unlink(missing_ok=True)


def remote_select(
    endpoint: str, sparql: str, *, default_graphs: Iterable[str] = (), auth: Any = None
) -> list[dict[str, Any]]:
    """Bindings of a SELECT asked of a remote SPARQL endpoint (SPARQL 1.1 Protocol, POST form).

    Each ``default_graphs`` IRI is sent as ``default-graph-uri``: the query's default graph is their merge.
    """
    form = [("query", sparql)] + [("default-graph-uri", g) for g in default_graphs]
    response = httpx.post(
        endpoint,
        content=urlencode(form).encode("ascii"),
        headers={"Accept": "application/sparql-results+json", "Content-Type": FORM},
        auth=auth,
        timeout=120,
    )
    response.raise_for_status()
    bindings: list[dict[str, Any]] = response.json()["results"]["bindings"]
    return bindings


# local stores -----------------------------------------------------------------------------------------------


@functools.cache
def sample_store_template() -> Path:
    """The sample corpus built once per test session (kg.build: convert, validate, reason), kept read-only.

    Falls back to the hand-written graphs of tests/server_fixture.py if the converter cannot build it.
    """
    directory = Path(tempfile.mkdtemp(prefix="kg-push-samples-")) / "store"
    atexit.register(shutil.rmtree, directory.parent, True)
    articles = sorted((SAMPLES_DIR / "articles").glob("*.txt"))
    try:
        from kg.build import build

        summary = build(articles, store_path=directory, workers=1)
        if summary.articles == 0:
            raise RuntimeError("no sample article was stored")
    except Exception as exc:  # the converter is another team's work in progress
        print(f"push tests: kg.build failed ({exc}); using hand-written graphs", file=sys.stderr)
        shutil.rmtree(directory, ignore_errors=True)
        from server_fixture import TRIG

        with KgStore(directory) as store:
            store.add_quads(ox.parse(TRIG.encode("utf-8"), ox.RdfFormat.TRIG))
    return directory


def copy_store(template: Path, destination: Path) -> Path:
    """A private copy of a store (so a test can change it and keep its own push state)."""
    shutil.copytree(template, destination)
    (destination / "push-state.json").unlink(missing_ok=True)
    return destination


def synthetic_store(path: Path, *, graphs: int, triples_per_graph: int) -> Path:
    """A store of ``graphs`` made-up article graphs of ``triples_per_graph`` triples each."""
    with KgStore(path) as store:
        for g in range(graphs):
            key = f"{g:016x}"
            store.replace_graph(f"{GRAPH_BASE}article/{key}", _figures(key, triples_per_graph))
    return path


def _figures(key: str, count: int) -> list[ox.Triple]:
    article = f"https://w3id.org/conflict-kg/id/article/{key}"
    return [
        ox.Triple(ox.NamedNode(f"{article}/figure/{i}-0"), SCHEMA_VALUE, ox.Literal(str(i), datatype=XSD_INT))
        for i in range(count)
    ]


def local_counts(store_path: Path, *, include_inferred: bool = True) -> dict[str, int]:
    """Triples per published graph of a local store (what the server should hold after a push)."""
    with KgStore(store_path, read_only=True) as store:
        return {
            g: sum(1 for _ in store.graph_triples(g))
            for g in store.named_graphs()
            if g != META_GRAPH and (include_inferred or not g.startswith(INFERRED_GRAPH_PREFIX))
        }


def remote_counts(query_endpoint: str, *, auth: Any = None) -> dict[str, int]:
    """Triples per named graph of the project on the server (asked independently of kg.push)."""
    rows = remote_select(
        query_endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", auth=auth
    )
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows if r["g"]["value"].startswith(GRAPH_BASE)}


def remote_counts_of(query_endpoint: str, graphs: Iterable[str], *, auth: Any = None) -> dict[str, int]:
    """Triples of each of ``graphs`` on the server (0 when absent)."""
    found = remote_counts(query_endpoint, auth=auth)
    return {g: found.get(g, 0) for g in graphs}


def remote_triples(query_endpoint: str, graph: str) -> set[tuple[str, str, str]]:
    """The triples of one remote graph, as (s, p, o) value strings."""
    rows = remote_select(query_endpoint, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return {(r["s"]["value"], r["p"]["value"], r["o"]["value"]) for r in rows}


def remote_update(endpoint: str, update: str, *, auth: Any = None) -> None:
    """Change the server behind kg.push's back (SPARQL 1.1 Update, POST form)."""
    httpx.post(endpoint, data={"update": update}, auth=auth, timeout=60).raise_for_status()


# comparing answers ------------------------------------------------------------------------------------------

Row = tuple[tuple[str, ...] | None, ...]


def binding_set(bindings: list[dict[str, Any]], variables: list[str]) -> set[Row]:
    """SPARQL JSON bindings as a set of rows (type, value, datatype, language per variable)."""
    return {tuple(_term(row.get(v)) for v in variables) for row in bindings}


def local_binding_set(result: QueryResult) -> set[Row]:
    document = json.loads(result.serialize("json"))
    return binding_set(document["results"]["bindings"], result.variables)


def _term(binding: dict[str, str] | None) -> tuple[str, ...] | None:
    if binding is None:
        return None
    kind = "literal" if binding["type"] == "typed-literal" else binding["type"]
    datatype = binding.get("datatype", "")
    datatype = "" if datatype == "http://www.w3.org/2001/XMLSchema#string" else datatype
    return (kind, binding["value"], datatype, binding.get("xml:lang", ""))


def push_killed_mid_way(server: Server, *, kill_at_batch: int, timeout: float, **push_options: Any) -> str:
    """Run ``kg.push.push`` in a thread and SIGKILL the server once KILL_AT_BATCH batches were sent (a
    crash in the middle of a graph); the server is started again before returning. Returns the error the
    interrupted push raised (the test asserts what it says)."""
    from kg.push import PushError, push

    reached, errors, batches = threading.Event(), [], [0]

    def progress(triples: int, total: int) -> None:
        batches[0] += 1
        if batches[0] == kill_at_batch:
            reached.set()

    def run() -> None:
        try:
            push(**push_options, progress=progress, retries=1, backoff=0.05)
        except PushError as exc:
            errors.append(str(exc))

    thread = threading.Thread(target=run)
    thread.start()
    assert reached.wait(timeout), f"the push never sent {kill_at_batch} batches"
    server.kill()
    thread.join(timeout)
    server.start()
    assert errors, "the interrupted push did not fail"
    return errors[0]
