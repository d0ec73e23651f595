"""When a relationship holds (ckg:validFrom / ckg:validUntil, docs/model.md): "Iran has backed the Houthis
since 2015", "the war between the army and the RSF erupted in April 2023", "Wagner fought alongside the
army until June 2023".

A date in the clause of the relation's phrase whose ``DateMention.relation`` is "since" or "began" gives the
start; "until" gives the end. Dates written "at" a time ("in 2022") say when something happened, not how
long the relationship lasts, and are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.clauses import clause_bounds
from kg.extract.grouping import by_sentence
from kg.extract.mentions import ArticleMentions, DateMention, RelationMention, Sentence

_STARTS = ("since", "began")
_ENDS = ("until",)


@dataclass(frozen=True)
class ValidTime:
    valid_from: str | None = None  # lexical xsd:date / gYearMonth / gYear
    valid_until: str | None = None


def relation_valid_times(mentions: ArticleMentions) -> list[ValidTime]:
    """One :class:`ValidTime` per relation of ``mentions.relations``, in the same order."""
    sentences = {s.index: s for s in mentions.sentences}
    dates_of = by_sentence(mentions.dates)
    return [_valid_time(relation, dates_of, sentences) for relation in mentions.relations]


def _valid_time(
    relation: RelationMention, dates_of: dict[int, list[DateMention]], sentences: dict[int, Sentence]
) -> ValidTime:
    sentence = sentences.get(relation.sentence)
    if sentence is None:
        return ValidTime()
    low, high = clause_bounds(sentence, relation.span.start)
    dates = [d for d in dates_of.get(relation.sentence, []) if low <= d.span.start < high]
    return ValidTime(_first(dates, _STARTS), _first(dates, _ENDS))


def _first(dates: list[DateMention], relations: tuple[str, ...]) -> str | None:
    return next((d.value for d in dates if d.relation in relations), None)
