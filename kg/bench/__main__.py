"""``python -m kg.bench [--articles 1000] [--out bench-out] [--quick] [--skip-server] [--skip-push]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.bench.run import BenchOptions, format_report, run_bench


def options_from_args(argv: list[str] | None = None) -> BenchOptions:
    parser = argparse.ArgumentParser(prog="python -m kg.bench", description="Benchmark the build.")
    parser.add_argument("--articles", type=int, default=None, help="corpus size (1000; 50 with --quick)")
    parser.add_argument("--out", type=Path, default=Path("bench-out"), help="working directory")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small samples, short load test")
    parser.add_argument("--skip-server", action="store_true", help="no kg serve load test")
    parser.add_argument("--skip-push", action="store_true", help="no kg push throughput")
    parser.add_argument("--workers", type=int, default=None, help="build worker processes (CPUs)")
    args = parser.parse_args(argv)
    articles = args.articles if args.articles is not None else (50 if args.quick else 1000)
    if articles < 1:
        parser.error("--articles must be at least 1")
    quick = dict(reference_sample=2, owlrl_sample=1, rdflib_articles=5, repeats=3, query_timeout=30.0)
    quick = quick if args.quick else {}
    return BenchOptions(
        articles=articles, out=args.out, quick=args.quick, skip_server=args.skip_server,
        skip_push=args.skip_push, workers=args.workers, **quick,  # type: ignore[arg-type]
    )  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    options = options_from_args(argv)
    report = run_bench(options)
    print()
    print(format_report(report), end="")
    print(f"(figures also in {options.out / 'bench.json'})")


if __name__ == "__main__":
    main()
