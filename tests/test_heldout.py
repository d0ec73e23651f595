"""Held-out development set: how the converter does on conflict reports it was not built around.

`samples/heldout/*.txt` are twenty-eight reports (Sudan, Ukraine, Gaza, Mali, Myanmar, Yemen, DR Congo,
Somalia; the former blind set: Ethiopia, Haiti, Nigeria, Colombia; Burkina Faso, Cameroon, Iraq, the
Philippines, Afghanistan, the Central African Republic, India, Ecuador; and, in unusual formats - flash
update, live blog, analysis, brief, state-media dispatch, NGO release, round-up - Niger, Chad,
Armenia-Azerbaijan, Kenya, post-2024 Syria, Sudan's Kordofan, Iran-Israel, Somalia) with gold in
`samples/heldout/gold/` (docs/heldout.md). These tests only check
sanity - every article converts, the graph conforms to the shapes, and at least one gold fact is found.
They deliberately assert no quality bar: the scores are *measured*, printed (`pytest -s`) and written
to `test-artifacts/heldout-scores.txt`, so that converter work can be judged by them.
"""

from __future__ import annotations

import pytest
from measurement_sets import (
    MeasuredArticle,
    check_converts_and_conforms,
    check_set_files,
    check_some_gold_found,
    measure,
    write_scores,
)

from kg.resources import SAMPLES_DIR

HELDOUT_DIR = SAMPLES_DIR / "heldout"


@pytest.fixture(scope="module")
def results() -> list[MeasuredArticle]:
    """Convert, validate and score every article of the set once for the whole file."""
    return measure(HELDOUT_DIR)


def test_the_set_has_twenty_eight_articles_each_with_a_sidecar_and_gold() -> None:
    check_set_files(HELDOUT_DIR, articles=28)


def test_every_article_converts_and_conforms_to_the_shapes(results: list[MeasuredArticle]) -> None:
    check_converts_and_conforms(results)


def test_every_article_yields_at_least_one_gold_fact(results: list[MeasuredArticle]) -> None:
    check_some_gold_found(results)


def test_scores_are_printed_and_written_to_test_artifacts(results: list[MeasuredArticle]) -> None:
    path = write_scores(results, title="held-out set", file_name="heldout-scores.txt")
    assert path.read_text(encoding="utf-8").count("micro") == len(results) + 2
