"""The benchmark: a generated corpus through every stage of the build, the store's query latency, memory.

Stages are timed one article at a time in this process (articles/s of one core); the whole
:func:`kg.build.build` then runs with its worker processes. Slow reference engines (pyshacl, owlrl) run on
a small sample only, to give the speed-up ratio. Figures land in :class:`BenchReport` (a JSON file too).
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg.bench.corpus import CorpusGenerator
from kg.bench.long_articles import JOINED, JOINED_QUICK, scaling_lines, time_long_articles

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
    query_timeout: float = 30.0  # seconds one question may take before it is reported as timed out


@dataclass
class BenchReport:
    articles: int
    rates: dict[str, float] = field(default_factory=dict)  # stage -> articles/s
    seconds: dict[str, float] = field(default_factory=dict)
    triples: dict[str, int] = field(default_factory=dict)
    store_bytes: int = 0
    queries_ms: dict[str, dict[str, float | None]] = field(default_factory=dict)  # name→engine→ms
    peak_mb: dict[str, float] = field(default_factory=dict)
    server: dict[str, Any] | None = None
    push: dict[str, Any] | None = None
    long_text_ms_per_sentence: dict[str, float] = field(default_factory=dict)
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
    report.peak_mb.update({f"after stages ({k})": v for k, v in peak_memory_mb().items()})


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
    pyoxigraph (in memory) and in rdflib's in-memory Dataset (the baseline ratio). None: timed out."""
    from kg.bench.queries import ENGINES, MAX_CHILD_MB, time_engine
    from kg.examples import list_examples

    names = [e.name for e in list_examples()]
    for engine in ENGINES:
        timings = time_engine(
            engine, store_path, names, articles=options.rdflib_articles, repeats=options.repeats,
            timeout=options.query_timeout,
        )  # fmt: skip
        for name, ms in timings.items():
            report.queries_ms.setdefault(name, {})[engine] = ms
        timed_out = ", ".join(n for n, ms in timings.items() if ms is None)
        if timed_out:
            limit = f"{options.query_timeout:.0f} s / {MAX_CHILD_MB:.0f} MB"
            report.notes.append(f"{engine}: no answer within {limit}: {timed_out}")
    report.peak_mb.update({f"after queries ({k})": v for k, v in peak_memory_mb().items()})


def generate_corpus(options: BenchOptions) -> list[Path]:
    directory = options.out / "corpus"
    for old in directory.glob("bench-*.txt"):
        old.unlink()
    return CorpusGenerator().write(directory, options.articles)


# --- the whole run and its table ---------------------------------------------------------------------


def run_bench(options: BenchOptions, *, say: Callable[[str], None] = print) -> BenchReport:
    """Generate the corpus, time every stage, the build, the queries and the services; write bench.json."""
    options.out.mkdir(parents=True, exist_ok=True)
    paths = generate_corpus(options)
    report = BenchReport(articles=len(paths))
    say(f"corpus: {len(paths)} articles in {options.out / 'corpus'}")
    for name in ("stage-store", "build-store"):
        _remove_tree(options.out / name)
    report.notes.append(f"build workers: {options.workers or 'one per CPU'}")
    stage_store, build_store = options.out / "stage-store", options.out / "build-store"
    phases: list[tuple[str, Callable[[], Any]]] = [
        ("timing each stage", lambda: time_stages(paths, stage_store, options, report)),
        ("removing the stage store", lambda: _remove_tree(stage_store)),  # only timed; 2 GB per 1000
        ("timing the whole build", lambda: time_build(paths, build_store, options, report)),
        ("timing the competency questions", lambda: time_queries(build_store, options, report)),
        ("timing one long text", lambda: _long_text(paths, options, report)),
    ]
    if not options.skip_server:
        phases.append(("load-testing kg serve", lambda: _server(options, report)))
    if not options.skip_push:
        phases.append(("timing kg push", lambda: _push(options, report)))
    for title, phase in phases:
        say(f"{title} ...")
        phase()
        (options.out / "bench.json").write_text(report.as_json(), encoding="utf-8")  # partial figures
    report.peak_mb.update({f"end ({k})": v for k, v in peak_memory_mb().items()})
    (options.out / "bench.json").write_text(report.as_json(), encoding="utf-8")
    return report


def _long_text(paths: list[Path], options: BenchOptions, report: BenchReport) -> None:
    joined = JOINED_QUICK if options.quick else JOINED
    report.long_text_ms_per_sentence.update(time_long_articles(paths, joined=joined))


def _server(options: BenchOptions, report: BenchReport) -> None:
    from kg.bench.services import server_load

    clients, seconds = (4, 3.0) if options.quick else (32, 20.0)
    report.server, note = server_load(options.out / "build-store", clients=clients, seconds=seconds)
    report.notes += [note] if note else []


def _push(options: BenchOptions, report: BenchReport) -> None:
    from kg.bench.services import push_throughput

    report.push, note = push_throughput(options.out / "build-store")
    report.notes += [note] if note else []


def _remove_tree(path: Path) -> None:
    import shutil

    if path.exists():
        shutil.rmtree(path)


def _ratio(value: float, target: float, *, lower_is_better: bool = False) -> str:
    if not value or not target:
        return ""
    ratio = target / value if lower_is_better else value / target
    return f"{ratio:.2f}× of target"


def _ms(value: float | None) -> str:
    return "timeout" if value is None else f"{value:.1f}"


def _query_table(report: BenchReport) -> list[str]:
    header = f"{'competency question (median ms)':<44}{'store':>9}{'subset ox':>11}{'rdflib':>10}{'ratio':>9}"
    lines = [header]
    for name, ms in report.queries_ms.items():
        store, ox_ms, rd_ms = ms.get("store"), ms.get("subset pyoxigraph"), ms.get("subset rdflib")
        ratio = f"{rd_ms / ox_ms:>8.0f}×" if rd_ms and ox_ms else f"{'':>9}"
        over = store is None or store > TARGET_QUERY_MS
        flag = f"  over {TARGET_QUERY_MS:.0f} ms target" if over else ""
        lines.append(f"{name[:43]:<44}{_ms(store):>9}{_ms(ox_ms):>11}{_ms(rd_ms):>10}{ratio}{flag}")
    within = sum(1 for ms in report.queries_ms.values() if (ms.get("store") or 1e9) <= TARGET_QUERY_MS)
    lines.append(f"{within} of {len(report.queries_ms)} questions within the {TARGET_QUERY_MS:.0f} ms target")
    return lines


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
    lines += _query_table(report)
    lines += scaling_lines(report.long_text_ms_per_sentence)
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
