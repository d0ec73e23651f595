"""Hostile queries against a real server on loopback: none opens a file or a connection, none takes the
server down, and a runaway query stops at about the timeout while other queries are still answered."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_fixture import RunningServer, build_store

from kg.server.app import create_app
from kg.server.safety import Limits

TIMEOUT = 2.0
# Enough triples that a five-way cross product runs for minutes.
BULK = "<urn:bulk> {" + " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(400)) + "}"
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


class Listener:
    """A loopback TCP listener that records every connection it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join()
        self.sock.close()


class FifoTrap:
    """A named pipe: if anything opens it for reading, the blocked writer thread wakes up and says so."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "trap.fifo"
        os.mkfifo(self.path)
        self.opened = threading.Event()
        self.thread = threading.Thread(target=self._wait, daemon=True)
        self.thread.start()

    def _wait(self) -> None:
        with open(self.path, "w"):  # blocks until a reader opens the pipe
            self.opened.set()

    def close(self) -> bool:
        """Release the writer; True when someone other than us had opened the pipe."""
        was_opened = self.opened.is_set()
        if not was_opened:
            with open(self.path):
                pass
        self.thread.join(timeout=5)
        return was_opened


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = build_store(tmp_path_factory.mktemp("hostile") / "store", extra_trig=BULK)
    app = create_app(
        store_path=store, timeout=TIMEOUT, max_body=200_000, limits=Limits(max_query_chars=50_000)
    )
    with RunningServer(app) as running:
        yield running.url


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def ask(server: str, query: str, **kwargs: object) -> httpx.Response:
    return httpx.post(f"{server}/sparql", data={"query": query}, timeout=30, **kwargs)  # type: ignore[arg-type]


def still_answers(server: str) -> bool:
    return ask(server, "ASK { ?s ?p ?o }").json() == {"head": {}, "boolean": True}


def test_service_to_a_loopback_port_makes_no_connection(server: str, listener: Listener) -> None:
    response = ask(server, f"SELECT * {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}")
    assert response.status_code == 400 and "SERVICE" in response.text
    time.sleep(0.3)
    assert listener.connections == 0 and still_answers(server)


def test_load_is_refused_and_makes_no_connection(server: str, listener: Listener) -> None:
    response = ask(server, f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>")
    direct = httpx.post(
        f"{server}/sparql",
        content=f"LOAD <http://127.0.0.1:{listener.port}/x>",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert response.status_code == direct.status_code == 403
    time.sleep(0.3)
    assert listener.connections == 0 and still_answers(server)


def test_from_a_url_is_a_name_never_fetched(server: str, listener: Listener) -> None:
    response = ask(server, f"ASK FROM <http://127.0.0.1:{listener.port}/g> {{ ?s ?p ?o }}")
    assert response.json()["boolean"] is False  # an unknown graph is empty, not dereferenced
    time.sleep(0.3)
    assert listener.connections == 0


def test_from_a_file_is_refused_and_the_file_is_never_opened(server: str, tmp_path: Path) -> None:
    trap = FifoTrap(tmp_path)
    by_query = ask(server, f"SELECT * FROM <file://{trap.path}> {{ ?s ?p ?o }}")
    by_param = httpx.get(
        f"{server}/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"file://{trap.path}"}
    )
    passwd = ask(server, "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }")
    assert by_query.status_code == by_param.status_code == passwd.status_code == 400
    time.sleep(0.3)
    assert trap.close() is False


def test_deeply_nested_groups_do_not_take_the_server_down(server: str) -> None:
    response = ask(server, "SELECT * WHERE " + "{" * 20000 + "}" * 20000)
    assert response.status_code in (400, 413)
    assert still_answers(server)


def test_a_long_chain_of_negations_is_refused_before_it_reaches_the_parser(server: str) -> None:
    # pyoxigraph recurses once per "!" and overflowed its stack on ~15,000 of them (worker crash)
    response = ask(server, "ASK { FILTER(" + "!" * 15000 + "true) }")
    assert response.status_code == 400 and "deeper than" in response.text
    assert ask(server, "ASK { FILTER(!!true && 1 != 2) }").status_code == 200
    assert still_answers(server)


def test_huge_query_and_huge_body_are_refused(server: str) -> None:
    long_query = "SELECT * { ?s ?p ?o }" + "#" * 60_000
    assert ask(server, long_query).status_code == 413
    body = b"query=" + b"A" * 300_000
    response = httpx.post(
        f"{server}/sparql", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413 and still_answers(server)


def test_runaway_query_times_out_and_others_are_answered_meanwhile(server: str) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["response"] = ask(server, RUNAWAY)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    during = time.monotonic()
    assert still_answers(server)  # the second worker answers while the first is stuck
    assert time.monotonic() - during < TIMEOUT
    thread.join(timeout=30)
    response = outcome["response"]
    assert isinstance(response, httpx.Response) and response.status_code == 503
    assert "timed out" in response.text
    assert TIMEOUT - 0.1 <= float(outcome["seconds"]) < TIMEOUT + 3  # type: ignore[arg-type]
    assert still_answers(server)
