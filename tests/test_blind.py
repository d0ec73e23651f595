"""Blind measurement set: how the converter does on reports nobody has tuned it against.

`samples/blind/*.txt` are five reports on wars the converter has never been shown (Mozambique, Pakistan,
Lebanon, Libya, South Sudan), with gold in `samples/blind/gold/` written from the text alone, before and
without running the converter (docs/blind.md). Nobody may change lexicons, patterns or the gazetteer
because of these texts; they exist to give an honest score for unseen text. These tests only check
sanity - every article converts, the graph conforms to the shapes, and at least one gold fact is found.
The scores are *measured*, printed (`pytest -s`) and written to `test-artifacts/blind-scores.txt`.
"""

from __future__ import annotations

import pytest
from measurement_sets import (
    MeasuredArticle,
    check_converts_and_conforms,
    check_set_files,
    check_some_gold_found,
    measure,
    set_pairs,
    write_scores,
)

from kg.resources import SAMPLES_DIR

BLIND_DIR = SAMPLES_DIR / "blind"


@pytest.fixture(scope="module")
def results() -> list[MeasuredArticle]:
    """Convert, validate and score every article of the set once for the whole file."""
    return measure(BLIND_DIR)


def test_the_set_has_five_articles_each_with_a_sidecar_and_gold() -> None:
    check_set_files(BLIND_DIR, articles=5)


def test_no_blind_article_is_also_a_sample_or_heldout_article() -> None:
    blind_texts = {article.read_text(encoding="utf-8") for article, _ in set_pairs(BLIND_DIR)}
    others = [*(SAMPLES_DIR / "articles").glob("*.txt"), *(SAMPLES_DIR / "heldout").glob("*.txt")]
    assert not blind_texts & {path.read_text(encoding="utf-8") for path in others}


def test_every_article_converts_and_conforms_to_the_shapes(results: list[MeasuredArticle]) -> None:
    check_converts_and_conforms(results)


def test_every_article_yields_at_least_one_gold_fact(results: list[MeasuredArticle]) -> None:
    check_some_gold_found(results)


def test_scores_are_printed_and_written_to_test_artifacts(results: list[MeasuredArticle]) -> None:
    path = write_scores(results, title="blind set", file_name="blind-scores.txt")
    assert path.read_text(encoding="utf-8").count("micro") == len(results) + 2
