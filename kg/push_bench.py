"""Push throughput: how many triples per second ``kg push`` sends into an Oxigraph server.

``benchmark_push(store_path)`` starts a throw-away ``oxigraph serve`` (the binary of the ``oxigraph`` PyPI
package, next to this Python) on a free loopback port, pushes every graph, checks the counts and stops it;
give ``endpoint`` to measure a server of your own instead (it is then pushed with ``force_all``).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from kg.push import Protocol, PushError, push
from kg.push_state import PushState

OXIGRAPH_BIN = Path(sys.executable).parent / "oxigraph"


@contextlib.contextmanager
def oxigraph_server(*, startup_seconds: float = 30.0) -> Iterator[str]:
    """A temporary Oxigraph server on 127.0.0.1; yields its base URL (GSP at /store, query at /query)."""
    binary = OXIGRAPH_BIN if OXIGRAPH_BIN.exists() else shutil.which("oxigraph")
    if binary is None:
        raise PushError(f"oxigraph server binary not found (looked for {OXIGRAPH_BIN}; pip install oxigraph)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="kg-push-bench-") as directory:
        command = [str(binary), "serve", "--location", directory, "--bind", f"127.0.0.1:{port}"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(f"{base}/query", process, time.monotonic() + startup_seconds)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_until_up(query_url: str, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise PushError(f"oxigraph server exited with code {process.returncode} while starting")
        try:
            httpx.get(query_url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise PushError("oxigraph server did not start in time")


def benchmark_push(
    store_path: str | Path,
    endpoint: str | None = None,
    *,
    protocol: Protocol = "gsp",
    include_inferred: bool = True,
    batch_triples: int | None = None,
) -> dict[str, Any]:
    """Push the whole store once and time it.

    Returns protocol, graphs, triples, seconds, triples_per_second and verified (counts equal after).
    """
    with contextlib.ExitStack() as stack:
        throw_away = endpoint is None
        if endpoint is None:
            base = stack.enter_context(oxigraph_server())
            endpoint = f"{base}/store" if protocol == "gsp" else f"{base}/update"
        started = time.perf_counter()
        report = push(
            store_path=store_path, endpoint=endpoint, protocol=protocol, include_inferred=include_inferred,
            force_all=True, batch_triples=batch_triples, verify=False,
        )
        seconds = time.perf_counter() - started
        verify = push(store_path=store_path, endpoint=endpoint, protocol=protocol,
                      include_inferred=include_inferred, verify=True)
        if throw_away:
            PushState(store_path, endpoint).discard()
    return {
        "protocol": protocol,
        "graphs": len(report.sent),
        "triples": report.triples_sent,
        "seconds": round(seconds, 3),
        "triples_per_second": round(report.triples_sent / seconds) if seconds else 0,
        "verified": verify.exit_code == 0 and not verify.sent,
    }
