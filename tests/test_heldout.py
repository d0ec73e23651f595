"""Held-out development set: how the converter does on conflict reports it was not built around.

`samples/heldout/*.txt` are eight reports on other wars (Sudan, Ukraine, Gaza, Mali, Myanmar, Yemen,
DR Congo, Somalia) with gold in `samples/heldout/gold/` (docs/heldout.md). These tests only check
sanity - every article converts, the graph conforms to the shapes, and at least one gold fact is found.
They deliberately assert no quality bar: the scores are *measured*, printed (`pytest -s`) and written
to `test-artifacts/heldout-scores.txt`, so that converter work can be judged by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph

from kg.convert import convert, read_article
from kg.evaluate import CATEGORIES, Evaluation, Score, evaluate, format_table, load_gold
from kg.resources import ROOT, SAMPLES_DIR
from kg.validate import ValidationReport, validate

HELDOUT_DIR = SAMPLES_DIR / "heldout"
SCORES_FILE = ROOT / "test-artifacts" / "heldout-scores.txt"


def heldout_pairs() -> list[tuple[Path, Path]]:
    """(article, gold) for every gold file of the held-out set, the article named by its `article:`."""
    pairs = []
    for gold_path in sorted((HELDOUT_DIR / "gold").glob("*.yaml")):
        article = load_gold(gold_path).article or HELDOUT_DIR / f"{gold_path.stem}.txt"
        pairs.append((article, gold_path))
    return pairs


@dataclass(frozen=True)
class HeldoutResult:
    name: str
    graph: Graph
    report: ValidationReport
    evaluation: Evaluation


@pytest.fixture(scope="module")
def results() -> list[HeldoutResult]:
    """Convert, validate and score every held-out article once for the whole file."""
    from kg.reason import reference_graph

    reference = reference_graph()
    done = []
    for article, gold_path in heldout_pairs():
        text, meta = read_article(article)
        graph = convert(text, meta=meta).graph
        evaluation = evaluate(graph, load_gold(gold_path), reference=reference, name=article.stem)
        done.append(HeldoutResult(article.stem, graph, validate(graph), evaluation))
    return done


def micro_table(evaluations: list[Evaluation]) -> str:
    """Counts summed over all articles, per category and overall (the micro-average)."""
    header = f"{'category':<14}{'tp':>5}{'fp':>5}{'found':>7}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"
    lines = ["micro-average over the held-out set", "  " + header]
    for category in (*CATEGORIES, "micro"):
        s = Score(category, *(sum(getattr(ev.score(category), f) for ev in evaluations) for f in
                              ("true_positives", "false_positives", "gold_found", "false_negatives")))
        lines.append(f"  {category:<14}{s.true_positives:>5}{s.false_positives:>5}{s.gold_found:>7}"
                     f"{s.false_negatives:>5}{s.precision:>8.2f}{s.recall:>8.2f}{s.f1:>8.2f}")
    return "\n".join(lines)


def test_the_set_has_eight_articles_each_with_a_sidecar_and_gold() -> None:
    pairs = heldout_pairs()
    assert len(pairs) == 8
    for article, gold_path in pairs:
        assert article.exists(), f"{gold_path}: article {article} is missing"
        assert article.with_name(article.name + ".meta.json").exists()


def test_every_article_converts_and_conforms_to_the_shapes(results: list[HeldoutResult]) -> None:
    for result in results:
        assert len(result.graph) > 0, result.name
        assert result.report.conforms, f"{result.name}:\n{result.report.as_text()}"


def test_every_article_yields_at_least_one_gold_fact(results: list[HeldoutResult]) -> None:
    for result in results:
        assert result.evaluation.micro.gold_found >= 1, f"{result.name}: no gold fact found"


def test_scores_are_printed_and_written_to_test_artifacts(results: list[HeldoutResult]) -> None:
    evaluations = [r.evaluation for r in results]
    text = f"{format_table(evaluations)}\n\n{micro_table(evaluations)}\n"
    print("\n" + text)
    SCORES_FILE.parent.mkdir(parents=True, exist_ok=True)
    SCORES_FILE.write_text(text, encoding="utf-8")
    assert SCORES_FILE.read_text(encoding="utf-8").count("micro") == len(results) + 2
