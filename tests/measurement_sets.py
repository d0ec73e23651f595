"""Shared machinery of the measurement sets (held-out, blind): pair articles with gold, convert, validate,
score, and print a micro-average table. The test files assert sanity only; scores are measured, not bars."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.convert import convert, read_article
from kg.evaluate import CATEGORIES, Evaluation, Score, evaluate, format_table, load_gold
from kg.resources import ROOT
from kg.validate import ValidationReport, validate

ARTIFACTS = ROOT / "test-artifacts"


@dataclass(frozen=True)
class MeasuredArticle:
    name: str
    graph: Graph
    report: ValidationReport
    evaluation: Evaluation


def set_pairs(directory: Path) -> list[tuple[Path, Path]]:
    """(article, gold) for every gold file in ``directory/gold``, the article named by its `article:`."""
    pairs = []
    for gold_path in sorted((directory / "gold").glob("*.yaml")):
        article = load_gold(gold_path).article or directory / f"{gold_path.stem}.txt"
        pairs.append((article, gold_path))
    return pairs


def measure(directory: Path) -> list[MeasuredArticle]:
    """Convert, validate and score every article of a measurement set."""
    from kg.reason import reference_graph

    reference = reference_graph()
    done = []
    for article, gold_path in set_pairs(directory):
        text, meta = read_article(article)
        graph = convert(text, meta=meta).graph
        evaluation = evaluate(graph, load_gold(gold_path), reference=reference, name=article.stem)
        done.append(MeasuredArticle(article.stem, graph, validate(graph), evaluation))
    return done


def micro_table(evaluations: list[Evaluation], *, title: str) -> str:
    """Counts summed over all articles, per category and overall (the micro-average)."""
    header = f"{'category':<14}{'tp':>5}{'fp':>5}{'found':>7}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"
    lines = [f"micro-average over the {title}", "  " + header]
    fields = ("true_positives", "false_positives", "gold_found", "false_negatives")
    for category in (*CATEGORIES, "micro"):
        s = Score(category, *(sum(getattr(ev.score(category), f) for ev in evaluations) for f in fields))
        lines.append(
            f"  {category:<14}{s.true_positives:>5}{s.false_positives:>5}{s.gold_found:>7}"
            f"{s.false_negatives:>5}{s.precision:>8.2f}{s.recall:>8.2f}{s.f1:>8.2f}"
        )
    return "\n".join(lines)


def write_scores(results: list[MeasuredArticle], *, title: str, file_name: str) -> Path:
    """Print the per-article and micro tables and write them to test-artifacts/FILE_NAME."""
    evaluations = [r.evaluation for r in results]
    text = f"{format_table(evaluations)}\n\n{micro_table(evaluations, title=title)}\n"
    print("\n" + text)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / file_name
    path.write_text(text, encoding="utf-8")
    return path


def check_set_files(directory: Path, *, articles: int) -> None:
    """The set has ARTICLES articles, each with its `.meta.json` sidecar and a gold file."""
    pairs = set_pairs(directory)
    assert len(pairs) == articles, f"{directory}: {len(pairs)} gold files, expected {articles}"
    for article, gold_path in pairs:
        assert article.exists(), f"{gold_path}: article {article} is missing"
        assert article.with_name(article.name + ".meta.json").exists(), f"{article}: no sidecar"


def check_converts_and_conforms(results: list[MeasuredArticle]) -> None:
    """Every article gives a non-empty graph that conforms to the shapes."""
    assert results, "no article was measured"
    for result in results:
        assert len(result.graph) > 0, result.name
        assert result.report.conforms, f"{result.name}:\n{result.report.as_text()}"


def check_some_gold_found(results: list[MeasuredArticle]) -> None:
    """Every article yields at least one gold fact (the converter is wired up, not a score bar)."""
    assert results, "no article was measured"
    for result in results:
        assert result.evaluation.micro.gold_found >= 1, f"{result.name}: no gold fact found"
