"""The extraction pipeline: article text → :class:`ArticleMentions`, every stage in order.

1. sentences (kg.extract.text)          5. dates, resolved against the report / post date (kg.extract.dates)
2. actors and places (kg.extract.entities) plus generic sources ("state media") and descriptions
   of earlier actors ("the group", kg.extract.coreference)
3. roles (kg.extract.roles)             6. figures (kg.extract.figures), materiel, embedded posts
4. report date (given, else inferred)   7. events → relations → attributions
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import replace

from kg.extract.attributions import attribute_relations, find_attributions
from kg.extract.coreference import find_descriptions
from kg.extract.dates import find_dates, infer_report_date
from kg.extract.entities import find_entities
from kg.extract.events import find_events, find_materiel
from kg.extract.figures import find_figures
from kg.extract.generic_sources import find_generic_sources
from kg.extract.mentions import ArticleMentions, ArticleMeta, EntityMention
from kg.extract.posts import find_posts
from kg.extract.relations import find_relations
from kg.extract.roles import find_roles
from kg.extract.text import split_sentences


def article_key(text: str, *, url: str | None = None) -> str:
    """First 16 hex chars of the sha256 of the URL if given, else of the UTF-8 text (docs/model.md)."""
    return hashlib.sha256((url or text).encode("utf-8")).hexdigest()[:16]


def extract(text: str, *, meta: ArticleMeta | None = None) -> ArticleMentions:
    """All mentions of an article. ``text`` must already be normalised (kg.extract.text.normalise_text)."""
    meta = meta or ArticleMeta()
    key = article_key(text, url=meta.url)
    sentences = split_sentences(text)
    if meta.date is None:
        inferred = infer_report_date(text, sentences)
        meta = replace(meta, date=inferred, date_inferred=inferred is not None)
    mentions = ArticleMentions(text=text, meta=meta, sentences=sentences)
    entities = find_entities(text, sentences, article_key=key)
    entities = _with_extra(entities, find_descriptions(replace(mentions, entities=entities)))
    mentions.entities = _with_extra(entities, find_generic_sources(replace(mentions, entities=entities)))
    mentions.roles = find_roles(text, sentences, mentions.entities, article_key=key)
    mentions.dates = find_dates(text, sentences, report_date=meta.date)
    mentions.figures = find_figures(text, sentences, mentions.entities)
    mentions.materiel = find_materiel(mentions)
    mentions.entities = [e for e in mentions.entities if "Materiel" not in e.kinds]
    mentions.posts, authors = find_posts(mentions)
    mentions.entities = _with_extra(mentions.entities, authors)
    mentions.events = find_events(mentions, article_key=key)
    mentions.relations = find_relations(mentions)
    mentions.attributions = find_attributions(mentions)
    mentions.relations = attribute_relations(mentions.relations, mentions.attributions)
    return mentions


def _with_extra(entities: list[EntityMention], extra: list[EntityMention]) -> list[EntityMention]:
    """Add mentions, dropping existing ones they overlap (the longer, added phrase wins)."""
    starts, furthest_ends = _span_index(extra)
    kept = [e for e in entities if not _overlaps_any(e, starts, furthest_ends)]
    return sorted(kept + extra, key=lambda e: (e.span.start, e.span.end))


def _span_index(mentions: list[EntityMention]) -> tuple[list[int], list[int]]:
    """Span starts in order, and for each prefix of that order the furthest end reached (a sweep index:
    overlap tests in O(log n) instead of a scan of every mention)."""
    spans = sorted((m.span.start, m.span.end) for m in mentions)
    starts, furthest_ends, furthest = [], [], -1
    for start, end in spans:
        furthest = max(furthest, end)
        starts.append(start)
        furthest_ends.append(furthest)
    return starts, furthest_ends


def _overlaps_any(mention: EntityMention, starts: list[int], furthest_ends: list[int]) -> bool:
    """Some indexed span starts before MENTION ends and ends after it starts."""
    before_end = bisect_left(starts, mention.span.end)
    return before_end > 0 and furthest_ends[before_end - 1] > mention.span.start
