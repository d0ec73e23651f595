"""Real triple stores for the push tests: Oxigraph server and Virtuoso Open Source on loopback ports.

Each server runs from its own temporary data directory on a free 127.0.0.1 port; ``kill()`` stops it with
SIGKILL (as a crash would) and ``start()`` brings it back on the same directory and port.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

OXIGRAPH_BIN = Path(sys.executable).parent / "oxigraph"
VIRTUOSO_BIN = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
VIRTUOSO_DB = "/var/lib/virtuoso-opensource-7/db"


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
        self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT, cwd=self.data_dir)
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
        return [str(OXIGRAPH_BIN), "serve", "--location", str(self.data_dir / "db"), "--bind", f"127.0.0.1:{self.port}"]

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
    """Virtuoso Open Source: authenticated GSP at /sparql-graph-crud-auth (Digest, dba:dba), query at /sparql."""

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
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
        auth=auth,
        timeout=120,
    )
    response.raise_for_status()
    bindings: list[dict[str, Any]] = response.json()["results"]["bindings"]
    return bindings
