"""Sources named by a generic noun the entity stage did not link ("Syrian state media", "a monitoring
group"; data/lexicon/attributions.yaml ``generic_sources``), plus the noun-phrase sources of
kg.extract.sources ("two security sources", "Russia's defence ministry"). A generic noun that only
describes a named actor ("state television MRTV", "X, a monitoring group, says") is no source of its own.
"""

from __future__ import annotations

import re

from kg.extract.attribution_lexicon import attribution_lexicon
from kg.extract.grouping import by_sentence
from kg.extract.mentions import ArticleMentions, EntityMention, Sentence, Span
from kg.extract.sources import find_noun_sources
from kg.namespaces import ID, slug


def find_generic_sources(mentions: ArticleMentions) -> list[EntityMention]:
    """Sources named by a common noun ("Syrian state media") that the entity stage did not link."""
    found: list[EntityMention] = []
    actors_by_sentence = by_sentence(e for e in mentions.entities if e.is_actor)
    all_covered: list[tuple[int, int]] = []  # long names and coreferences: no generic source inside them
    for sentence in mentions.sentences:
        actors = actors_by_sentence.get(sentence.index, [])
        covered = [
            (e.span.start, e.span.end) for e in actors if len(e.span.text) > 12 or e.how == "coreference"
        ]
        all_covered += covered
        found += _generic_in_sentence(mentions.text, sentence, actors, covered)
    from kg.extract.pipeline import article_key  # the pipeline imports this module

    taken = all_covered + [(f.span.start, f.span.end) for f in found]
    key = article_key(mentions.text, url=mentions.meta.url)
    return found + find_noun_sources(mentions, taken=taken, article_key=key)


def _generic_in_sentence(
    text: str, sentence: Sentence, actors: list[EntityMention], covered: list[tuple[int, int]]
) -> list[EntityMention]:
    found: list[EntityMention] = []
    for kind, pattern in attribution_lexicon().generic_sources:
        for match in pattern.finditer(text, sentence.span.start, sentence.span.end):
            start, end = match.span()
            if kind.endswith("_national") and match.group("nation") is None:
                continue  # "media" alone: too vague a source
            spans = covered + [(f.span.start, f.span.end) for f in found]
            if any(s <= start and end <= e for s, e in spans) or _describes_a_name(text, actors, start, end):
                continue
            name = match.group(0)
            found.append(
                EntityMention(
                    Span(start, end, name),
                    sentence.index,
                    f"{ID}actor/{slug(name)}",
                    name[0].upper() + name[1:],
                    (kind.split("_")[0],),
                    False,
                    True,
                    False,
                    "pattern",
                )
            )
    return found


def _describes_a_name(text: str, actors: list[EntityMention], start: int, end: int) -> bool:
    """ "state television MRTV", "X, a monitoring group, says": the common noun describes a named actor
    (one of ACTORS, the actor mentions of the noun's sentence)."""
    for entity in actors:
        after = text[end : entity.span.start]
        if entity.span.start >= end and re.fullmatch(r"\s+(?:\(\s*)?", after):
            return True
        gap = text[entity.span.end : start]
        if entity.span.end <= start and re.fullmatch(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}", gap):
            return True
    return False
