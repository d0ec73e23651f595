"""Benchmarks of the services around the store: ``kg serve`` under load, ``kg push`` into Oxigraph.

Each is optional: it runs only when its module exists (``kg.server.loadtest``, ``kg.push_bench``) and, for
push, when the ``oxigraph`` server binary is installed; otherwise a note says why it was skipped.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited with code {process.returncode} while starting")
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("kg serve did not start in time")


Figures = dict[str, Any]


def server_load(store_path: Path, *, clients: int, seconds: float) -> tuple[Figures | None, str | None]:
    """Start ``kg serve`` on loopback, run the load test, stop it. Returns (figures, note)."""
    if importlib.util.find_spec("kg.server.loadtest") is None:
        return None, "server load test skipped: kg.server.loadtest not found"
    from kg.server.loadtest import load_test

    port = _free_port()
    kg = Path(sys.executable).parent / "kg"
    command = [str(kg), "serve", "--store", str(store_path), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{base}/sparql", process, time.monotonic() + 60)
        result = load_test(base, clients=clients, seconds=seconds)
    except RuntimeError as exc:
        return None, f"server load test failed: {exc}"
    finally:
        process.terminate()
        process.wait(timeout=30)
    figures = {
        "clients": clients,
        "seconds": round(result.seconds, 1),
        "requests": result.requests,
        "errors": result.errors,
        "requests_per_second": round(result.per_second, 1),
        "p50_ms": round(result.percentile(50), 1),
        "p99_ms": round(result.percentile(99), 1),
    }
    return figures, None


def push_throughput(store_path: Path) -> tuple[Figures | None, str | None]:
    """``kg push`` of the whole store into a throw-away Oxigraph server. Returns (figures, note)."""
    if importlib.util.find_spec("kg.push_bench") is None:
        return None, "push benchmark skipped: kg.push_bench not found"
    from kg.push_bench import OXIGRAPH_BIN, benchmark_push

    if not OXIGRAPH_BIN.exists():
        return None, f"push benchmark skipped: no oxigraph server binary at {OXIGRAPH_BIN}"
    try:
        return benchmark_push(store_path), None
    except Exception as exc:  # a failing optional benchmark must not lose the other figures
        return None, f"push benchmark failed: {' '.join(str(exc).split())[:200]}"
