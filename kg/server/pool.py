"""A small pool of query worker processes with a hard per-query timeout.

pyoxigraph cannot interrupt a running query from another thread, so each query runs in a child
process (``spawn`` start method; each opens the store read-only). A query that passes the timeout gets
its worker killed and replaced; a worker that dies (e.g. a crash inside the query engine) is replaced
too, so one bad query never takes the server down.

Freshness: a worker sees the store as it was when it opened it. Every job carries the store's
*stamp* (:func:`store_stamp`: name, size and modification time of the store directory's files, which
any write changes); a worker whose store was opened at another stamp re-opens it read-only before
answering, so a ``kg build`` into the served store is picked up without a restart.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from kg.errors import KgError, StoreError
from kg.server.worker import serve_jobs


class QueryFailed(KgError):
    """A query that could not be answered; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


IGNORED_FILES = ("LOG", "LOCK")  # RocksDB's info log and lock file change without any data change

Stamp = tuple[tuple[str, int, int], ...]


def store_stamp(store_path: str) -> Stamp:
    """A cheap fingerprint of the store's data files (one directory listing); changes on every write."""
    try:
        entries = list(os.scandir(store_path))
    except OSError:
        return ()
    stamp = []
    for entry in entries:
        if entry.name.startswith(IGNORED_FILES) or not entry.is_file():
            continue
        try:
            info = entry.stat()
        except OSError:  # removed while we looked (a compaction): the next stamp will differ anyway
            continue
        stamp.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(stamp))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


@dataclass
class WorkerPool:
    """``run(job, timeout=…)`` sends a job to an idle worker and waits at most ``timeout`` seconds."""

    store_path: str
    size: int = 2
    _idle: queue.Queue[_Worker] = field(default_factory=queue.Queue, init=False)
    _all: list[_Worker] = field(default_factory=list, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _started: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        if not Path(self.store_path).is_dir():
            raise StoreError(f"{self.store_path}: no store here (build one with `kg build`)")

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            for _ in range(self.size):
                self._idle.put(self._spawn())
            self._started = True

    def _spawn(self) -> _Worker:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        process = ctx.Process(
            target=serve_jobs,
            args=(child, self.store_path, self.stamp()),
            daemon=True,
            name="kg-query-worker",
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._all.append(worker)
        return worker

    def stamp(self) -> Stamp:
        """The store's current stamp (see :func:`store_stamp`)."""
        return store_stamp(self.store_path)

    def _retire(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        with self._lock:
            self._all.remove(worker)
            self._idle.put(self._spawn())

    def run(self, job: dict[str, Any], *, timeout: float) -> dict[str, Any]:
        """Answer ``job`` in a worker; raise :class:`QueryFailed` on timeout, crash or busy pool."""
        self.start()
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryFailed(f"server busy: no query worker free within {timeout:g} s", status=503) from None
        try:
            worker.conn.send({**job, "store_stamp": self.stamp()})
            if not worker.conn.poll(timeout):
                self._retire(worker)
                raise QueryFailed(f"query timed out after {timeout:g} s", status=503)
            answer: dict[str, Any] = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(worker)
            raise QueryFailed("the query crashed its worker process (it was replaced)", status=500) from None
        self._idle.put(worker)
        return answer

    def close(self) -> None:
        with self._lock:
            for worker in self._all:
                worker.process.kill()
                worker.process.join(timeout=5)
                worker.conn.close()
            self._all.clear()
            self._idle = queue.Queue()
            self._started = False
