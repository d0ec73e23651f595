"""Parties named through an event: "Britain provided support for the operation" supports whoever carried
out the operation; "Moscow opposed the offensive" opposes its agent.

A definite noun phrase naming a military action ("the operation", "the strikes", "its offensive") stands,
for the relation kinds listed in ``event_references.kinds`` of data/lexicon/relations.yaml, for the agents
of the event it refers to: an event whose trigger (or a later mention of it) is that phrase, else the
latest hostile event with an agent named shortly before (``lookback_sentences``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.clauses import Arg
from kg.extract.lexicon import lexicon
from kg.extract.mentions import ArticleMentions, EventMention, Span


@dataclass(frozen=True)
class _EventReferences:
    pattern: re.Pattern[str]
    kinds: frozenset[str]
    lookback: int
    hostile_events: frozenset[str]


@lru_cache(maxsize=1)
def _references() -> _EventReferences:
    data = lexicon("relations")
    refs = data["event_references"]
    return _EventReferences(
        re.compile(rf"(?<![\w-])(?:{refs['pattern']})(?![\w-])", re.IGNORECASE),
        frozenset(refs["kinds"]),
        int(refs["lookback_sentences"]),
        frozenset(data["hostile_events"]),
    )


def event_reference_kinds() -> frozenset[str]:
    """Relation kinds whose party may be named through an event."""
    return _references().kinds


def event_reference_args(mentions: ArticleMentions) -> dict[int, list[Arg]]:
    """Per sentence index: one argument per agent of each event referred to by a noun phrase, spanning
    that phrase (the IRI is the agent's)."""
    refs = _references()
    kinds: dict[str, tuple[str, ...]] = {}
    labels: dict[str, str] = {}
    for entity in mentions.entities:
        kinds.setdefault(entity.iri, entity.kinds)
        labels.setdefault(entity.iri, entity.label)
    result: dict[int, list[Arg]] = {}
    for sentence in mentions.sentences:
        for match in refs.pattern.finditer(mentions.text, sentence.span.start, sentence.span.end):
            if any(_overlaps(e.span, match.start(), match.end()) for e in mentions.entities if e.is_actor):
                continue  # "the Houthi attacks": the actor is named
            event = _referent(mentions, sentence.index, match.start(), match.end(), refs)
            if event is None:
                continue
            span = Span(match.start(), match.end(), match.group(0))
            result.setdefault(sentence.index, []).extend(
                Arg(
                    span,
                    sentence.index,
                    agent,
                    labels.get(agent, agent),
                    kinds.get(agent, ()),
                    True,
                    False,
                    how="event",
                )
                for agent in event.agents
            )
    return result


def _referent(
    mentions: ArticleMentions, sentence: int, start: int, end: int, refs: _EventReferences
) -> EventMention | None:
    for event in mentions.events:
        spans = (event.span, *event.coreferences)
        if event.agents and any(_overlaps(s, start, end) for s in spans):
            return event
    earlier = [
        e
        for e in mentions.events
        if e.agents
        and e.event_class in refs.hostile_events
        and e.span.end <= start
        and sentence - refs.lookback <= e.sentence <= sentence
    ]
    return max(earlier, key=lambda e: e.span.start, default=None)


def _overlaps(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end
