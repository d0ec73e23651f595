"""Blind measurement set: how the converter does on reports nobody has tuned it against.

`samples/blind/*.txt` are four reports on wars the converter has never been shown (Ethiopia, Haiti,
Nigeria, Colombia), with gold in `samples/blind/gold/` written before the converter was run on them
(docs/blind.md). Nobody may change lexicons, patterns or the gazetteer because of these texts; they exist
to give an honest score once the held-out set has become a development set. These tests only check
sanity - every article converts, the graph conforms to the shapes, and at least one gold fact is found.
The scores are *measured*, printed (`pytest -s`) and written to `test-artifacts/blind-scores.txt`.
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

BLIND_DIR = SAMPLES_DIR / "blind"
SCORES_FILE = ROOT / "test-artifacts" / "blind-scores.txt"


def blind_pairs() -> list[tuple[Path, Path]]:
    """(article, gold) for every gold file of the blind set, the article named by its `article:`."""
    pairs = []
    for gold_path in sorted((BLIND_DIR / "gold").glob("*.yaml")):
        article = load_gold(gold_path).article or BLIND_DIR / f"{gold_path.stem}.txt"
        pairs.append((article, gold_path))
    return pairs


@dataclass(frozen=True)
class BlindResult:
    name: str
    graph: Graph
    report: ValidationReport
    evaluation: Evaluation


@pytest.fixture(scope="module")
def results() -> list[BlindResult]:
    """Convert, validate and score every blind article once for the whole file."""
    from kg.reason import reference_graph

    reference = reference_graph()
    done = []
    for article, gold_path in blind_pairs():
        text, meta = read_article(article)
        graph = convert(text, meta=meta).graph
        evaluation = evaluate(graph, load_gold(gold_path), reference=reference, name=article.stem)
        done.append(BlindResult(article.stem, graph, validate(graph), evaluation))
    return done


def micro_table(evaluations: list[Evaluation]) -> str:
    """Counts summed over all articles, per category and overall (the micro-average)."""
    header = f"{'category':<14}{'tp':>5}{'fp':>5}{'found':>7}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"
    lines = ["micro-average over the blind set", "  " + header]
    for category in (*CATEGORIES, "micro"):
        s = Score(category, *(sum(getattr(ev.score(category), f) for ev in evaluations) for f in
                              ("true_positives", "false_positives", "gold_found", "false_negatives")))
        lines.append(f"  {category:<14}{s.true_positives:>5}{s.false_positives:>5}{s.gold_found:>7}"
                     f"{s.false_negatives:>5}{s.precision:>8.2f}{s.recall:>8.2f}{s.f1:>8.2f}")
    return "\n".join(lines)


def test_the_set_has_four_articles_each_with_a_sidecar_and_gold() -> None:
    pairs = blind_pairs()
    assert len(pairs) == 4
    for article, gold_path in pairs:
        assert article.exists(), f"{gold_path}: article {article} is missing"
        assert article.with_name(article.name + ".meta.json").exists()


def test_no_blind_article_is_also_a_sample_or_heldout_article() -> None:
    blind_texts = {article.read_text(encoding="utf-8") for article, _ in blind_pairs()}
    others = [*(SAMPLES_DIR / "articles").glob("*.txt"), *(SAMPLES_DIR / "heldout").glob("*.txt")]
    assert not blind_texts & {path.read_text(encoding="utf-8") for path in others}


def test_every_article_converts_and_conforms_to_the_shapes(results: list[BlindResult]) -> None:
    for result in results:
        assert len(result.graph) > 0, result.name
        assert result.report.conforms, f"{result.name}:\n{result.report.as_text()}"


def test_every_article_yields_at_least_one_gold_fact(results: list[BlindResult]) -> None:
    for result in results:
        assert result.evaluation.micro.gold_found >= 1, f"{result.name}: no gold fact found"


def test_scores_are_printed_and_written_to_test_artifacts(results: list[BlindResult]) -> None:
    evaluations = [r.evaluation for r in results]
    text = f"{format_table(evaluations)}\n\n{micro_table(evaluations)}\n"
    print("\n" + text)
    SCORES_FILE.parent.mkdir(parents=True, exist_ok=True)
    SCORES_FILE.write_text(text, encoding="utf-8")
    assert SCORES_FILE.read_text(encoding="utf-8").count("micro") == len(results) + 2
