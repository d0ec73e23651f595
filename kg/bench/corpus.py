"""A synthetic benchmark corpus: sample articles re-told with other actors, places, numbers and dates.

Each generated article takes a sample article and, with a seeded random generator, swaps every gazetteer
name it finds for another entry of the same kind (a city for a city, an armed group for an armed group),
every figure for another of similar size, and every full date for another date. The output is
deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.gazetteer import GazetteerEntry, gazetteer_index
from kg.resources import SAMPLES_DIR

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.,]\d)")


@dataclass(frozen=True)
class GeneratedArticle:
    name: str
    text: str
    source: str


def _swap_groups(entries: Sequence[GazetteerEntry]) -> dict[str, list[GazetteerEntry]]:
    """Entries grouped by their most specific kind, only groups with alternatives to swap in."""
    groups: dict[str, list[GazetteerEntry]] = defaultdict(list)
    for entry in entries:
        if entry.kinds:
            groups["+".join(entry.kinds)].append(entry)
    return {k: sorted(v, key=lambda e: e.iri) for k, v in groups.items() if len(v) > 1}


def _name_pattern(entries: Sequence[GazetteerEntry]) -> tuple[re.Pattern[str], dict[str, GazetteerEntry]]:
    by_name: dict[str, GazetteerEntry] = {}
    for entry in entries:
        for name in (entry.label, *entry.aliases):
            if len(name) > 3 and name[0].isupper():
                by_name.setdefault(name, entry)
    names = sorted(by_name, key=len, reverse=True)
    if not names:
        return re.compile("$^"), by_name
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
    return pattern, by_name


def _scale(number: str, rng: random.Random) -> str:
    value = int(number.replace(",", ""))
    if 1900 <= value <= 2100 and "," not in number:
        return number  # a year: keep it, dates are varied separately
    new = max(1, int(value * rng.uniform(0.4, 2.5)))
    return f"{new:,}" if "," in number else str(new)


class CorpusGenerator:
    """Generates varied articles from the samples, with a fixed seed."""

    def __init__(self, samples: Sequence[Path] | None = None, *, seed: int = 1) -> None:
        paths = samples if samples is not None else sorted((SAMPLES_DIR / "articles").glob("*.txt"))
        self.sources = [(p.stem, p.read_text(encoding="utf-8")) for p in paths]
        if not self.sources:
            raise ValueError(f"no sample articles found in {SAMPLES_DIR / 'articles'}")
        entries = gazetteer_index()
        self.groups = _swap_groups(entries)
        self.pattern, self.by_name = _name_pattern(entries)
        self.seed = seed

    def _swap_name(self, match: re.Match[str], rng: random.Random, chosen: dict[str, str]) -> str:
        entry = self.by_name[match.group(1)]
        group = self.groups.get("+".join(entry.kinds))
        if not group:
            return match.group(1)
        if entry.iri not in chosen:
            chosen[entry.iri] = rng.choice(group).label
        return chosen[entry.iri]

    def _swap_date(self, match: re.Match[str], rng: random.Random) -> str:
        year = int(match.group(3)) + rng.randint(-3, 1)
        return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}"

    def generate(self, index: int) -> GeneratedArticle:
        rng = random.Random(self.seed * 1_000_003 + index)
        name, text = self.sources[index % len(self.sources)]
        chosen: dict[str, str] = {}
        text = self.pattern.sub(lambda m: self._swap_name(m, rng, chosen), text)
        text = _DATE.sub(lambda m: self._swap_date(m, rng), text)
        text = _NUMBER.sub(lambda m: _scale(m.group(1), rng), text)
        return GeneratedArticle(name=f"bench-{index:05d}", text=text, source=name)

    def write(self, directory: Path, count: int) -> list[Path]:
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(count):
            article = self.generate(i)
            path = directory / f"{article.name}.txt"
            path.write_text(article.text, encoding="utf-8")
            paths.append(path)
        return paths
