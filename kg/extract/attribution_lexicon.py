"""The attribution lexicon (data/lexicon/attributions.yaml) compiled into patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.clauses import word_pattern
from kg.extract.lexicon import lexicon


@dataclass(frozen=True)
class AttributionLexicon:
    verbs: tuple[tuple[str, re.Pattern[str]], ...]
    introducers: tuple[tuple[str, re.Pattern[str]], ...]  # claim class, "according to" / "claimed by"
    document: re.Pattern[str]  # "a statement from", "figures released by": between "according to" and X
    sub_unit: re.Pattern[str]  # "office" in "the UN humanitarian office": a body of its own
    generic_sources: tuple[tuple[str, re.Pattern[str]], ...]
    never_sources: frozenset[str]


@lru_cache(maxsize=1)
def attribution_lexicon() -> AttributionLexicon:
    data = lexicon("attributions")
    verbs = tuple((cls, word_pattern(tuple(patterns))) for cls, patterns in data["verbs"].items())
    demonym = r"(?:(?P<nation>[A-Z][a-z]+(?:ian|ish|ese|i|an|ch))\s+)?"
    sources = tuple(
        (kind, re.compile(demonym + r"(?P<noun>" + "|".join(patterns) + r")(?![\w-])"))
        for kind, patterns in data["generic_sources"].items()
    )
    never = frozenset(str(word) for word in data["never_sources"])
    introducers = (("Report", word_pattern(tuple(data["according_to"]))),) + tuple(
        (cls, word_pattern(tuple(patterns))) for cls, patterns in data["passive_by"].items()
    )
    document = re.compile(
        r"\s*(?:(?:the|an?|two|three|several|its|their)\s+)?(?:(?:[\w-]+\s+){0,2}?(?:"
        + "|".join(data["according_to_documents"])
        + r")\s+(?:(?:issued|released|published|provided|compiled|read|posted)\s+)?(?:from|by|of)\s+"
        r"(?:(?:the|an?)\s+)?)?"
    )
    sub_unit = re.compile(r"(?:" + "|".join(data["sub_units"]) + r")$", re.IGNORECASE)
    return AttributionLexicon(verbs, introducers, document, sub_unit, sources, never)
