"""The benchmark: a generated corpus through every stage of the build, the store's query latency, memory.

Stages are timed one article at a time in this process (articles/s of one core); the whole
:func:`kg.build.build` then runs with its worker processes. Slow reference engines (pyshacl, owlrl) run on
a small sample only, to give the speed-up ratio. Figures land in :class:`BenchReport` (a JSON file too).
"""

from __future__ import annotations

import functools
import json
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg.bench.corpus import CorpusGenerator

TARGET_BUILD_RATE = 100.0  # articles/s, whole build on this machine
TARGET_QUERY_MS = 20.0  # median latency of each competency question
TARGET_PEAK_MB = 1024.0
BATCHED = "validate (compiled, batches of 32)"


@dataclass(frozen=True)
class BenchOptions:
    articles: int = 1000
    out: Path = Path("bench-out")
    quick: bool = False
    skip_server: bool = False
    skip_push: bool = False
    workers: int | None = None
    reference_sample: int = 10  # articles validated with pyshacl
    owlrl_sample: int = 1  # articles reasoned with owlrl
    rdflib_articles: int = 50  # articles loaded into rdflib's Dataset for the query baseline
    repeats: int = 7  # runs per competency question (median)


@dataclass
class BenchReport:
    articles: int
    rates: dict[str, float] = field(default_factory=dict)  # stage -> articles/s
    seconds: dict[str, float] = field(default_factory=dict)
    triples: dict[str, int] = field(default_factory=dict)
    store_bytes: int = 0
    queries_ms: dict[str, dict[str, float]] = field(default_factory=dict)  # name -> engine -> median ms
    peak_mb: dict[str, float] = field(default_factory=dict)
    server: dict[str, Any] | None = None
    push: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)


class _Clock:
    """Seconds spent per stage, summed over articles."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    def run(self, stage: str, job: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        result = job(*args, **kwargs)
        self.spent[stage] = self.spent.get(stage, 0.0) + time.perf_counter() - started
        self.counts[stage] = self.counts.get(stage, 0) + 1
        return result

    def rate(self, stage: str) -> float:
        return self.counts.get(stage, 0) / self.spent[stage] if self.spent.get(stage) else 0.0


def peak_memory_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child process, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(own, 1), "children": round(children, 1)}


def _median_ms(job: Callable[[], Any], repeats: int, *, slow_seconds: float = 2.0) -> float:
    """Median wall time of ``repeats`` runs after a warm-up; a query slower than ``slow_seconds`` in the
    warm-up is run only once more (its figure is then that run)."""
    started = time.perf_counter()
    job()  # warm-up
    if time.perf_counter() - started > slow_seconds:
        repeats = 1
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        job()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


# --- stages ------------------------------------------------------------------------------------------


def _article_texts(paths: list[Path]) -> Iterator[tuple[Path, str, Any]]:
    from kg.convert import read_article

    for path in paths:
        text, meta = read_article(path)
        yield path, text, meta


def time_stages(paths: list[Path], store_path: Path, options: BenchOptions, report: BenchReport) -> None:
    """convert → validate (compiled; pyshacl on a sample) → reason (fast; owlrl on a sample) → store."""
    from kg.convert import convert
    from kg.namespaces import inferred_graph
    from kg.reason import reason_triples
    from kg.store import KgStore
    from kg.validate import validate, validate_many

    clock = _Clock()
    by_size = sorted(range(len(paths)), key=lambda i: paths[i].stat().st_size)
    owlrl_sample = set(by_size[: options.owlrl_sample])  # the shortest articles: owlrl takes seconds each
    batch: list[Any] = []
    asserted = inferred = 0
    with KgStore(store_path) as store:
        for index, (_, text, meta) in enumerate(_article_texts(paths)):
            done = clock.run("convert", convert, text, meta=meta)
            triples = list(done.graph)
            clock.run("validate (compiled)", validate, done.graph, engine="compiled")
            if index < options.reference_sample:
                clock.run("validate (pyshacl)", validate, done.graph, engine="pyshacl")
            batch.append(done.graph)
            if len(batch) == 32 or index == len(paths) - 1:
                clock.run(BATCHED, validate_many, batch, engine="compiled")
                clock.counts[BATCHED] += len(batch) - 1
                batch = []
            found = clock.run("reason (fast)", reason_triples, triples)
            if index in owlrl_sample:
                clock.run("reason (owlrl)", reason_triples, triples, engine="owlrl")
            graphs = {str(done.graph_iri): triples, inferred_graph(done.key): found}
            clock.run("store", _store, store, graphs)
            asserted += len(triples)
            inferred += len(found)
    report.rates.update({stage: round(clock.rate(stage), 2) for stage in clock.spent})
    report.seconds.update({stage: round(s, 3) for stage, s in clock.spent.items()})
    report.triples.update({"asserted": asserted, "inferred": inferred})


def _store(store: Any, graphs: dict[str, list[Any]]) -> None:
    from kg.store import ox_triple

    store.replace_graphs({g: [ox_triple(t) for t in triples] for g, triples in graphs.items()})


_BUILD_SCRIPT = """
import json, resource, sys, time
from kg.build import build
paths = json.loads(sys.argv[1]); workers = json.loads(sys.argv[3])
started = time.perf_counter()
summary = build(paths, store_path=sys.argv[2], workers=workers)
seconds = time.perf_counter() - started
peak = [resource.getrusage(w).ru_maxrss / 1024 for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
print(json.dumps({"seconds": seconds, "articles": summary.articles, "refused": len(summary.violations),
                  "peak_self": peak[0], "peak_workers": peak[1]}))
"""


def time_build(paths: list[Path], store_path: Path, options: BenchOptions, report: BenchReport) -> None:
    """The whole build (convert + SHACL + OWL RL + store) with its worker processes, in a fresh process
    (so its peak memory is its own, not this process's)."""
    import subprocess
    import sys

    args = [json.dumps([str(p) for p in paths]), str(store_path), json.dumps(options.workers)]
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_SCRIPT, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"build failed: {done.stderr.strip().splitlines()[-1:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    report.seconds["build"] = round(figures["seconds"], 3)
    report.rates["build"] = round(len(paths) / figures["seconds"], 2)
    report.triples["build stored articles"] = figures["articles"]
    if figures["refused"]:
        report.notes.append(f"build refused {figures['refused']} article(s) with shape violations")
    report.store_bytes = sum(f.stat().st_size for f in store_path.rglob("*") if f.is_file())
    report.peak_mb["build (main process)"] = round(figures["peak_self"], 1)
    report.peak_mb["build (largest worker)"] = round(figures["peak_workers"], 1)


def time_queries(store_path: Path, options: BenchOptions, report: BenchReport) -> None:
    """Median latency of each competency question: on the whole store, and on a subset of the data in
    pyoxigraph (in memory) and in rdflib's in-memory Dataset (the baseline ratio)."""
    from kg.examples import list_examples
    from kg.store import KgStore

    examples = list_examples()
    with KgStore(store_path, read_only=True) as store:
        for example in examples:
            ms = _median_ms(functools.partial(_rows, store.query, example.sparql), options.repeats)
            report.queries_ms.setdefault(example.name, {})["store"] = ms
        subset = _subset_quads(store, options.rdflib_articles)
    oxi, dataset = _in_memory_copies(subset)
    report.triples["query baseline quads"] = len(subset)
    for example in examples:
        ox_ms = _median_ms(functools.partial(_rows, _ox_query, oxi, example.sparql), options.repeats)
        rd_query = functools.partial(_quietly, functools.partial(_rows, dataset.query, example.sparql))
        rd_ms = _median_ms(rd_query, max(1, options.repeats // 3))
        report.queries_ms[example.name].update({"subset pyoxigraph": ox_ms, "subset rdflib": rd_ms})
    report.peak_mb.update({f"after queries ({k})": v for k, v in peak_memory_mb().items()})


def _rows(run: Callable[..., Any], *args: Any) -> list[Any]:
    return list(run(*args))


def _subset_quads(store: Any, articles: int) -> list[Any]:
    from kg.store import ARTICLE_GRAPH_PREFIX, INFERRED_GRAPH_PREFIX

    names = store.named_graphs()
    article_graphs = [g for g in names if g.startswith(ARTICLE_GRAPH_PREFIX)][:articles]
    keys = {g[len(ARTICLE_GRAPH_PREFIX) :] for g in article_graphs}
    keep = [g for g in names if not g.startswith((ARTICLE_GRAPH_PREFIX, INFERRED_GRAPH_PREFIX))]
    inferred = [g for g in names if g.startswith(INFERRED_GRAPH_PREFIX) and g.rsplit("/", 1)[-1] in keys]
    keep += article_graphs + inferred
    import pyoxigraph as ox

    return [q for g in keep for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g))]


def _quietly(job: Callable[[], Any]) -> Any:
    """Run ``job`` without rdflib's deprecation warnings (Dataset warns on every quad)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return job()


def _in_memory_copies(quads: list[Any]) -> tuple[Any, Any]:
    return _quietly(lambda: _copies(quads))


def _copies(quads: list[Any]) -> tuple[Any, Any]:
    import pyoxigraph as ox
    from rdflib import Dataset, URIRef

    from kg.store import to_rdflib

    oxi = ox.Store()
    oxi.extend(quads)
    dataset = Dataset(default_union=True)
    for q in quads:
        dataset.graph(URIRef(q.graph_name.value)).add(
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
        )
    return oxi, dataset


def _ox_query(store: Any, sparql: str) -> Any:
    from kg.namespaces import PREFIXES

    return store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)


def generate_corpus(options: BenchOptions) -> list[Path]:
    directory = options.out / "corpus"
    for old in directory.glob("bench-*.txt"):
        old.unlink()
    return CorpusGenerator().write(directory, options.articles)


# --- the whole run and its table ---------------------------------------------------------------------


def run_bench(options: BenchOptions, *, say: Callable[[str], None] = print) -> BenchReport:
    """Generate the corpus, time every stage, the build, the queries and the services; write bench.json."""
    from kg.bench.services import push_throughput, server_load

    options.out.mkdir(parents=True, exist_ok=True)
    paths = generate_corpus(options)
    report = BenchReport(articles=len(paths))
    say(f"corpus: {len(paths)} articles in {options.out / 'corpus'}")
    for name in ("stage-store", "build-store"):
        _remove_tree(options.out / name)
    say("timing each stage ...")
    time_stages(paths, options.out / "stage-store", options, report)
    report.peak_mb.update({f"after stages ({k})": v for k, v in peak_memory_mb().items()})
    say("timing the whole build ...")
    time_build(paths, options.out / "build-store", options, report)
    say("timing the competency questions ...")
    time_queries(options.out / "build-store", options, report)
    if not options.skip_server:
        say("load-testing kg serve ...")
        clients, seconds = (4, 3.0) if options.quick else (32, 20.0)
        report.server, note = server_load(options.out / "build-store", clients=clients, seconds=seconds)
        report.notes += [note] if note else []
    if not options.skip_push:
        say("timing kg push ...")
        report.push, note = push_throughput(options.out / "build-store")
        report.notes += [note] if note else []
    report.peak_mb.update({f"end ({k})": v for k, v in peak_memory_mb().items()})
    (options.out / "bench.json").write_text(report.as_json(), encoding="utf-8")
    return report


def _remove_tree(path: Path) -> None:
    import shutil

    if path.exists():
        shutil.rmtree(path)


def _ratio(value: float, target: float, *, lower_is_better: bool = False) -> str:
    if not value or not target:
        return ""
    ratio = target / value if lower_is_better else value / target
    return f"{ratio:.2f}× of target"


def format_report(report: BenchReport) -> str:
    """The report as a table people read: figure, value, target and how far from it."""
    lines = [f"conflict-kg benchmark: {report.articles} generated articles", ""]
    lines.append(f"{'stage (one core unless noted)':<44}{'articles/s':>12}   target / ratio")
    for stage, rate in report.rates.items():
        note = f"   target {TARGET_BUILD_RATE:.0f}: {_ratio(rate, TARGET_BUILD_RATE)}" * (stage == "build")
        label = f"{stage} (all cores)" if stage == "build" else stage
        lines.append(f"{label:<44}{rate:>12.1f}{note}")
    for slow, fast in (("validate (pyshacl)", "validate (compiled)"), ("reason (owlrl)", "reason (fast)")):
        if report.rates.get(slow) and report.rates.get(fast):
            lines.append(f"  {fast} is {report.rates[fast] / report.rates[slow]:.1f}× {slow}")
    lines += ["", f"triples: {report.triples}", f"store size on disk: {report.store_bytes / 1e6:.1f} MB", ""]
    header = f"{'competency question (median ms)':<44}{'store':>9}{'subset ox':>11}{'rdflib':>10}{'ratio':>9}"
    lines.append(header)
    for name, ms in report.queries_ms.items():
        ratio = ms["subset rdflib"] / ms["subset pyoxigraph"] if ms.get("subset pyoxigraph") else 0.0
        flag = "" if ms["store"] <= TARGET_QUERY_MS else f"  over {TARGET_QUERY_MS:.0f} ms target"
        lines.append(
            f"{name[:43]:<44}{ms['store']:>9.1f}{ms['subset pyoxigraph']:>11.1f}{ms['subset rdflib']:>10.1f}"
            f"{ratio:>8.0f}×{flag}"
        )
    build_peak = max((v for k, v in report.peak_mb.items() if k.startswith("build")), default=0.0)
    verdict = "ok" if build_peak < TARGET_PEAK_MB else "OVER"
    target = f"target < {TARGET_PEAK_MB:.0f} MB: {verdict}"
    lines += ["", f"peak memory of the build: {build_peak:.0f} MB ({target})"]
    lines.append("peak memory (MB): " + ", ".join(f"{k} {v:.0f}" for k, v in report.peak_mb.items()))
    if report.server:
        lines.append(f"kg serve load test: {report.server}")
    if report.push:
        lines.append(f"kg push: {report.push}")
    lines += [f"note: {n}" for n in report.notes]
    return "\n".join(lines) + "\n"
