"""Evaluation: compare the graph the converter built for an article with hand-written gold facts.

The gold format and the matching rules are documented in ``docs/gold-format.md``. In short: facts are
read from the RDF per ``docs/model.md`` and de-duplicated; a gold item is *found* when one fact carries
everything it states (recall); a fact is *correct* when it agrees with some gold item, required or
optional, on everything both state (precision). Event, relationship and claim types match up the
``rdfs:subClassOf`` hierarchy of the ontology; places match their containers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.evaluate.facts import Facts, Knowledge, agrees, extract_facts
from kg.evaluate.gold import CATEGORIES, Gold, GoldItem, load_gold, show

__all__ = ["CATEGORIES", "Evaluation", "Gold", "GoldItem", "Score", "evaluate", "evaluate_article",
           "evaluate_samples", "format_json", "format_table", "load_gold"]


def _ratio(num: int, den: int, *, empty: float) -> float:
    return num / den if den else empty


@dataclass(frozen=True)
class Score:
    """Counts of one category. Precision counts the converter's distinct facts, recall the gold items."""

    category: str
    true_positives: int  # facts that agree with a gold item
    false_positives: int  # facts no gold item (required or optional) accounts for
    gold_found: int  # required gold items some fact states
    false_negatives: int  # required gold items no fact states
    missed: tuple[str, ...] = field(default=(), compare=False)
    spurious: tuple[str, ...] = field(default=(), compare=False)

    @property
    def precision(self) -> float:
        extracted = self.true_positives + self.false_positives
        return _ratio(self.true_positives, extracted, empty=0.0 if self.false_negatives else 1.0)

    @property
    def recall(self) -> float:
        return _ratio(self.gold_found, self.gold_found + self.false_negatives, empty=1.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "category": self.category, "tp": self.true_positives, "fp": self.false_positives,
            "gold_found": self.gold_found, "fn": self.false_negatives, "precision": round(self.precision, 3),
            "recall": round(self.recall, 3), "f1": round(self.f1, 3), "missed": list(self.missed),
            "spurious": list(self.spurious),
        }


@dataclass(frozen=True)
class Evaluation:
    name: str
    scores: tuple[Score, ...]

    def score(self, category: str) -> Score:
        if category == "micro":
            return self.micro
        return next(s for s in self.scores if s.category == category)

    @property
    def micro(self) -> Score:
        return Score("micro", *(sum(getattr(s, f) for s in self.scores) for f in
                                ("true_positives", "false_positives", "gold_found", "false_negatives")))

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "scores": [s.as_dict() for s in (*self.scores, self.micro)]}


def _describe_fact(fact: Facts) -> str:
    return ", ".join(f"{k}={show(tuple(sorted(map(str, v))))}" for k, v in fact.items() if v)


def score_category(kb: Knowledge, gold: Gold, category: str) -> Score:
    facts = extract_facts(kb, category)
    required, optional = gold.required[category], gold.optional[category]
    found = [g for g in required if any(agrees(kb, g, f, strict=True) for f in facts)]
    wrong = [f for f in facts if not any(agrees(kb, g, f, strict=True) or agrees(kb, g, f, strict=False)
                                         for g in (*required, *optional))]
    return Score(
        category, len(facts) - len(wrong), len(wrong), len(found), len(required) - len(found),
        missed=tuple(f"{g.where}: {g.describe()}" for g in required if g not in found),
        spurious=tuple(_describe_fact(f) for f in wrong),
    )


def evaluate(
    graph: Graph, gold: Gold, *, reference: Graph | None = None, name: str | None = None
) -> Evaluation:
    """Score the converter's ``graph`` of one article against ``gold``, per category.

    ``reference`` is the background knowledge (ontology + gazetteer; default: the project's files)."""
    if reference is None:
        from kg.reason import reference_graph

        reference = reference_graph()
    kb = Knowledge(graph, reference)
    return Evaluation(name or gold.path.stem, tuple(score_category(kb, gold, c) for c in CATEGORIES))


# ------------------------------------------------------------------------------ articles, samples


def convert_article(article_path: Path) -> Graph:
    """The converter's graph of one article file (with its ``.meta.json`` sidecar, see kg.convert)."""
    from kg.convert import convert, read_article

    text, meta = read_article(article_path)
    return convert(text, meta=meta).graph


def evaluate_article(article_path: str | Path, gold_path: str | Path, *,
                     reference: Graph | None = None, name: str | None = None) -> Evaluation:
    """Convert the article with :func:`kg.convert.convert` and score it against the gold file."""
    gold = load_gold(gold_path)
    graph = convert_article(Path(article_path))
    return evaluate(graph, gold, reference=reference, name=name or Path(article_path).stem)


def sample_pairs(*, samples_dir: Path | None = None) -> list[tuple[Path, Path]]:
    """(article, gold) for every gold file under ``samples/gold`` whose article exists (the seed's
    gold names the shared seed file, which a fresh clone may lack)."""
    from kg.resources import SAMPLES_DIR

    gold_dir = (samples_dir or SAMPLES_DIR) / "gold"
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        gold = load_gold(gold_path)
        article = gold.article or gold_dir.parent / "articles" / f"{gold_path.stem}.txt"
        if article.exists():
            pairs.append((article, gold_path))
    return pairs


def evaluate_samples(*, samples_dir: Path | None = None) -> list[Evaluation]:
    """Evaluate every sample article that has gold (plus the seed when present)."""
    from kg.reason import reference_graph

    reference = reference_graph()
    pairs = sample_pairs(samples_dir=samples_dir)
    return [evaluate_article(a, g, reference=reference, name=g.stem) for a, g in pairs]


def format_table(evaluations: list[Evaluation]) -> str:
    """A plain-text table: one block per article, one row per category plus the micro-average."""
    lines = []
    for ev in evaluations:
        lines.append(f"{ev.name}")
        lines.append(f"  {'category':<14}{'tp':>5}{'fp':>5}{'found':>7}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
        for s in (*ev.scores, ev.micro):
            lines.append(f"  {s.category:<14}{s.true_positives:>5}{s.false_positives:>5}{s.gold_found:>7}"
                         f"{s.false_negatives:>5}{s.precision:>8.2f}{s.recall:>8.2f}{s.f1:>8.2f}")
    return "\n".join(lines)


def format_json(evaluations: list[Evaluation]) -> str:
    return json.dumps([ev.as_dict() for ev in evaluations], indent=2)
