"""Build the store from articles: read → convert → validate → reason → store, one transaction per article.

Every input is read before the store is opened for writing, so a missing or unreadable file leaves the store
untouched. An article whose graph violates the shapes is not stored (its violations are in the summary); the
others still are. Re-building an article replaces its graph and its inferred graph; nothing is duplicated.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import KgError
from kg.formats import read_quads
from kg.namespaces import inferred_graph
from kg.stats import count_entities
from kg.store import ARTICLE_GRAPH_PREFIX, KgStore, store_exists, to_ox, to_rdflib

Progress = Callable[[str], None]
PARALLEL_FROM = 8  # articles; below this a process pool costs more than it saves
CHUNK = 4  # articles per task sent to a worker process
IN_FLIGHT = 3  # tasks per worker submitted ahead of the one being stored
FLUSH_EVERY = 40  # articles; flushing RocksDB's memtables keeps the writer's memory flat on long builds


@dataclass(frozen=True)
class ArticleViolations:
    """The shape violations of one article that was therefore not stored."""

    path: str
    count: int
    report: str


@dataclass
class BuildSummary:
    """What one build did. ``articles`` counts distinct article graphs stored (files with the same key are
    one article); ``replaced`` of them were already in the store; ``removed`` are earlier versions of
    edited files, dropped because their file now gives another article key."""

    store: str
    articles: int = 0
    files: int = 0
    replaced: int = 0
    removed: int = 0
    triples: int = 0
    inferred: int = 0
    actors: int = 0
    events: int = 0
    figures: int = 0
    violations: list[ArticleViolations] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every article was stored, 1 when some violated the shapes."""
        return 1 if self.violations else 0

    def as_text(self) -> str:
        rate = self.files / self.seconds if self.seconds else 0.0
        origin = f" from {self.files} file(s)" if self.files != self.articles else ""
        new = self.articles - self.replaced
        lines = [
            f"stored {self.articles} article(s){origin} in {self.store} "
            f"({new} new, {self.replaced} replaced; {self.seconds:.2f} s, {rate:.1f} files/s)",
            f"  triples: {self.triples} asserted, {self.inferred} inferred",
            f"  actors: {self.actors}  events: {self.events}  figures: {self.figures}",
        ]
        if self.removed:
            lines.append(f"  removed {self.removed} earlier version(s) of edited file(s)")
        total = sum(v.count for v in self.violations)
        lines.append(f"  violations: {total}")
        if self.violations:
            lines.append(f"  NOT stored, {len(self.violations)} article(s) with violations:")
            lines += [f"    {v.path}: {v.count} violation(s)" for v in self.violations]
        return "\n".join(lines)


@dataclass(frozen=True)
class _Article:
    path: str
    text: str
    meta: Any
    source: str | None  # file IRI of the resolved path; None for stdin


def _read_all(paths: Sequence[str | Path], meta: Mapping[str, Any] | None) -> list[_Article]:
    from kg.convert import read_article

    articles = []
    for path in paths:
        text, article_meta = read_article(Path(path), **dict(meta or {}))
        source = None if str(path) == "-" else Path(path).resolve().as_uri()
        articles.append(_Article(str(path), text, article_meta, source))
    return articles


@dataclass(frozen=True)
class _Processed:
    """One article after convert → validate → reason: the N-Quads to store (its article graph and its
    inferred graph, serialized in the worker so the writing process only loads them), or its violations."""

    path: str
    source: str | None = None
    graph_iri: str = ""
    key: str = ""
    nquads: bytes = b""
    asserted: int = 0
    inferred: int = 0
    violations: ArticleViolations | None = None


def _process(article: _Article, *, validate: bool, reason: bool) -> _Processed:
    """Convert, validate and reason one article (runs in a worker process when building in parallel).

    An unexpected failure (a bug, not bad input) becomes a one-line :class:`KgError` naming the file."""
    try:
        return _process_article(article, validate=validate, reason=reason)
    except KgError:
        raise
    except Exception as exc:
        raise KgError(f"{article.path}: internal error while building: {type(exc).__name__}: {exc}") from exc


def _process_article(article: _Article, *, validate: bool, reason: bool) -> _Processed:
    from kg.convert import convert

    conversion = convert(article.text, meta=article.meta)
    triples = list(conversion.graph)
    if validate:
        from kg.validate import validate as check

        report = check(triples)
        if not report.conforms:
            refused = ArticleViolations(article.path, len(report.violations), report.as_text())
            return _Processed(article.path, violations=refused)
    inferred: list[Any] = []
    if reason:
        from kg.reason import reason_triples

        inferred = reason_triples(triples)
    graph_iri, key = str(conversion.graph_iri), str(conversion.key)
    graphs = {graph_iri: triples, inferred_graph(key): inferred}
    nquads = _nquads(graphs)
    return _Processed(article.path, article.source, graph_iri, key, nquads, len(triples), len(inferred))


def _nquads(graphs: Mapping[str, Iterable[Any]]) -> bytes:
    """The N-Quads of ``graphs`` (rdflib triples), each term converted once."""
    terms: dict[Any, Any] = {}

    def term(node: Any) -> Any:
        converted = terms.get(node)
        if converted is None:
            converted = terms[node] = to_ox(node)
        return converted

    quads = [
        ox.Quad(term(s), term(p), term(o), ox.NamedNode(graph))
        for graph, triples in graphs.items()
        for s, p, o in triples
    ]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def _processed(
    articles: list[_Article], *, validate: bool, reason: bool, workers: int
) -> Iterator[_Processed]:
    """Processed articles in input order; in ``workers`` processes when more than one, with a bounded number
    of articles in flight so results never pile up in this process faster than it stores them."""
    job = functools.partial(_process_chunk, validate=validate, reason=reason)
    if workers <= 1 or len(articles) < PARALLEL_FROM:
        for article in articles:
            yield from _raising(job([article]))
        return
    _warm_caches(validate=validate, reason=reason)  # forked workers inherit them
    size = max(1, min(CHUNK, len(articles) // (workers * 4)))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pending: deque[Future[list[_Processed | KgError]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(job, chunk))
            if len(pending) >= workers * IN_FLIGHT:
                yield from _raising(pending.popleft().result())
        while pending:
            yield from _raising(pending.popleft().result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # after a failure, articles not yet started never start


def _process_chunk(articles: list[_Article], *, validate: bool, reason: bool) -> list[_Processed | KgError]:
    """The processed articles of a chunk, up to and including the error of the first that fails (so the
    articles before it in the chunk are still stored)."""
    done: list[_Processed | KgError] = []
    for article in articles:
        try:
            done.append(_process(article, validate=validate, reason=reason))
        except KgError as exc:
            done.append(exc)
            break
    return done


def _raising(done: list[_Processed | KgError]) -> Iterator[_Processed]:
    for item in done:
        if isinstance(item, KgError):
            raise item
        yield item


def _warm_caches(*, validate: bool, reason: bool) -> None:
    """Load shapes, type index and reasoning tables once, before forking."""
    if validate:
        from kg.validate import load_shapes, reference_index

        load_shapes()
        reference_index()
    if reason:
        from kg.reason import entailments, reference_closure

        reference_closure()
        entailments()


def _reference_inferred(enabled: bool) -> Callable[[], Graph] | None:
    if not enabled:
        return None
    from kg.reason import reference_inferred

    return reference_inferred


def build(
    paths: Sequence[str | Path],
    *,
    store_path: str | Path,
    meta: Mapping[str, Any] | None = None,
    validate: bool = True,
    reason: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
) -> BuildSummary:
    """Convert, validate, reason and store each article; returns what was stored and what was refused.

    ``workers`` processes convert, validate and reason (default: one per CPU for many articles); this process
    only writes the store, one transaction per article (its graph, its inferred graph and its source).
    """
    started = time.perf_counter()
    articles = _read_all(paths, meta)
    summary = BuildSummary(store=str(store_path))
    new_store = not Path(store_path).exists()
    try:
        with KgStore(store_path) as store:
            _store_all(
                store, articles, summary, validate=validate, reason=reason, workers=workers, progress=progress
            )
    except BaseException:
        if new_store:  # a build that fails before storing anything leaves no store behind
            _remove_if_empty(Path(store_path))
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def _store_all(
    store: KgStore,
    articles: list[_Article],
    summary: BuildSummary,
    *,
    validate: bool,
    reason: bool,
    workers: int | None,
    progress: Progress | None,
) -> None:
    existing = set(store.named_graphs())
    store.ensure_reference_graphs(inferred=_reference_inferred(reason))
    stored: dict[str, tuple[int, int]] = {}  # article graph → (asserted, inferred) triples
    count = workers if workers is not None else (os.cpu_count() or 1)
    for done in _processed(articles, validate=validate, reason=reason, workers=count):
        if done.violations is not None:
            summary.violations.append(done.violations)
        else:
            graphs = [done.graph_iri, inferred_graph(done.key)]
            for gone in store.store_article(done.nquads, graphs=graphs, source=done.source):
                stored.pop(gone, None)
                summary.removed += 1
            stored[done.graph_iri] = (done.asserted, done.inferred)
            summary.files += 1
            if summary.files % FLUSH_EVERY == 0:
                store.flush()
        if progress:
            progress(done.path)
    summary.articles = len(stored)
    summary.replaced = len(stored.keys() & existing)
    summary.triples = sum(asserted for asserted, _ in stored.values())
    summary.inferred = sum(inferred for _, inferred in stored.values())
    _count(store, list(stored), summary)


def _remove_if_empty(path: Path) -> None:
    """Delete a store this build created when it holds no article graph (only reference graphs)."""
    if not store_exists(path):
        return
    with KgStore(path, read_only=True) as store:
        has_articles = any(g.startswith(ARTICLE_GRAPH_PREFIX) for g in store.named_graphs())
    if not has_articles:
        shutil.rmtree(path, ignore_errors=True)


def _count(store: KgStore, graphs: list[str], summary: BuildSummary) -> None:
    every = {g for g in store.named_graphs() if g.startswith(ARTICLE_GRAPH_PREFIX)}
    # the same counts; over every article graph, counting without a list of graphs is ~25× faster
    counts = count_entities(store, graphs=None if every == set(graphs) else graphs)
    summary.actors, summary.events, summary.figures = counts.actors, counts.events, counts.figures


@dataclass(frozen=True)
class ReasonSummary:
    """What ``kg reason --store`` recomputed."""

    store: str
    articles: int
    inferred: int

    def as_text(self) -> str:
        return f"recomputed {self.inferred} inferred triple(s) for {self.articles} article(s) in {self.store}"


def reason_store(*, store_path: str | Path, progress: Progress | None = None) -> ReasonSummary:
    """Recompute the inferred graph of every article in the store (each in its own transaction)."""
    from kg.reason import reason, reference_inferred

    articles = inferred_total = 0
    with KgStore(store_path, create=False) as store:
        store.ensure_reference_graphs(inferred=reference_inferred)
        for graph_iri in [g for g in store.named_graphs() if g.startswith(ARTICLE_GRAPH_PREFIX)]:
            data = _rdflib_graph(store.graph_triples(graph_iri))
            inferred = reason(data)
            store.replace_graph(inferred_graph(graph_iri[len(ARTICLE_GRAPH_PREFIX) :]), inferred)
            articles += 1
            inferred_total += len(inferred)
            if progress:
                progress(graph_iri)
    return ReasonSummary(str(store_path), articles, inferred_total)


def _rdflib_graph(triples: Iterable[Any]) -> Graph:
    graph = Graph()
    for t in triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def reason_files(paths: Sequence[str], *, fmt: str | None = None) -> Graph:
    """The OWL RL triples inferred from RDF files with the ontology and gazetteer (asserted ones left out)."""
    from kg.reason import reason

    data = _rdflib_graph(q for path in paths for q in read_quads(path, fmt=fmt))
    return reason(data)
