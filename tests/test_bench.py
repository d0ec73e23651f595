"""``python -m kg.bench``: a quick run on a handful of generated articles reports every figure.

Speeds are not asserted (they depend on the machine); that each figure is measured and shown is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.bench.__main__ import options_from_args
from kg.bench.corpus import CorpusGenerator
from kg.bench.run import BenchReport, format_report, run_bench
from kg.examples import list_examples

STAGES = [
    "convert", "validate (compiled)", "validate (pyshacl)", "validate (compiled, batches of 32)",
    "reason (fast)", "reason (owlrl)", "store", "build",
]  # fmt: skip


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[BenchReport, Path]:
    out = tmp_path_factory.mktemp("bench")
    options = options_from_args(["--articles", "3", "--quick", "--out", str(out)])
    return run_bench(options, say=lambda _: None), out


def test_quick_run_measures_every_stage(quick_report: tuple[BenchReport, Path]) -> None:
    report, _ = quick_report
    assert report.articles == 3
    assert set(STAGES) <= set(report.rates)
    assert all(report.rates[stage] > 0 for stage in STAGES)
    assert report.triples["asserted"] > 0 and report.triples["inferred"] > 0
    assert report.triples["build stored articles"] == 3
    assert report.store_bytes > 0


def test_quick_run_times_every_competency_question_on_store_and_rdflib(
    quick_report: tuple[BenchReport, Path],
) -> None:
    report, _ = quick_report
    assert set(report.queries_ms) == {e.name for e in list_examples()}
    for timings in report.queries_ms.values():
        assert set(timings) == {"store", "subset pyoxigraph", "subset rdflib"}
        assert all(ms > 0 for ms in timings.values())


def test_quick_run_reports_memory_server_and_push_or_says_why_not(
    quick_report: tuple[BenchReport, Path],
) -> None:
    report, _ = quick_report
    assert report.peak_mb["end (self)"] > 0
    assert report.peak_mb["build (main process)"] > 0
    assert report.server is not None or any("server" in n for n in report.notes)
    assert report.push is not None or any("push" in n for n in report.notes)
    if report.server is not None:
        assert report.server["requests"] > 0


def test_the_table_shows_rates_targets_queries_and_memory(quick_report: tuple[BenchReport, Path]) -> None:
    report, out = quick_report
    table = format_report(report)
    assert "build (all cores)" in table and "target 100" in table
    assert "validate (compiled) is" in table and "reason (fast) is" in table
    assert all(e.name[:43] in table for e in list_examples())
    assert "peak memory of the build" in table and "store size on disk" in table
    assert (out / "bench.json").read_text(encoding="utf-8") == report.as_json()


def test_quick_run_times_one_long_text_per_sentence(quick_report: tuple[BenchReport, Path]) -> None:
    report, _ = quick_report
    timings = report.long_text_ms_per_sentence
    assert [label.split(" articles")[0] for label in timings] == ["1", "4"]
    assert all(ms > 0 for ms in timings.values())
    assert "per-sentence cost, longest / shortest" in format_report(report)


def test_the_corpus_is_varied_and_deterministic(tmp_path: Path) -> None:
    first = [CorpusGenerator(seed=7).generate(i).text for i in range(10)]
    assert first == [CorpusGenerator(seed=7).generate(i).text for i in range(10)]
    assert len(set(first)) == 10


def test_bad_options_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        options_from_args(["--articles", "0"])
    assert exc.value.code == 2
    assert "--articles must be at least 1" in capsys.readouterr().err
