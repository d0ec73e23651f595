"""Held-out development set: how the converter does on conflict reports it was not built around.

`samples/heldout/*.txt` are twelve reports on other wars (Sudan, Ukraine, Gaza, Mali, Myanmar, Yemen,
DR Congo, Somalia, and the former blind set: Ethiopia, Haiti, Nigeria, Colombia) with gold in
`samples/heldout/gold/` (docs/heldout.md). These tests only check
sanity - every article converts, the graph conforms to the shapes, and at least one gold fact is found.
They deliberately assert no quality bar: the scores are *measured*, printed (`pytest -s`) and written
to `test-artifacts/heldout-scores.txt`, so that converter work can be judged by them.
"""

from __future__ import annotations

import pytest
from measurement_sets import MeasuredArticle, measure, set_pairs, write_scores

from kg.resources import SAMPLES_DIR

HELDOUT_DIR = SAMPLES_DIR / "heldout"


@pytest.fixture(scope="module")
def results() -> list[MeasuredArticle]:
    """Convert, validate and score every article of the set once for the whole file."""
    return measure(HELDOUT_DIR)


def test_the_set_has_twelve_articles_each_with_a_sidecar_and_gold() -> None:
    pairs = set_pairs(HELDOUT_DIR)
    assert len(pairs) == 12
    for article, gold_path in pairs:
        assert article.exists(), f"{gold_path}: article {article} is missing"
        assert article.with_name(article.name + ".meta.json").exists()


def test_every_article_converts_and_conforms_to_the_shapes(results: list[MeasuredArticle]) -> None:
    for result in results:
        assert len(result.graph) > 0, result.name
        assert result.report.conforms, f"{result.name}:\n{result.report.as_text()}"


def test_every_article_yields_at_least_one_gold_fact(results: list[MeasuredArticle]) -> None:
    for result in results:
        assert result.evaluation.micro.gold_found >= 1, f"{result.name}: no gold fact found"


def test_scores_are_printed_and_written_to_test_artifacts(results: list[MeasuredArticle]) -> None:
    path = write_scores(results, title="held-out set", file_name="heldout-scores.txt")
    assert path.read_text(encoding="utf-8").count("micro") == len(results) + 2
