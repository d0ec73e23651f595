"""Attribution: who reported, confirmed, alleged or said what; embedded social-media posts.

Reporting verbs come from data/lexicon/attributions.yaml. A verb's *source* is the actor just before it
("The Observatory reports …", "…,” an official said.") or just after it ("said the ministry",
"according to the agency"). Its *content* is the rest of its clause after the verb, or — when the verb
ends the sentence — everything before the source. The claim asserts the events, figures and
relationships whose mentions lie in the content (events only referred back to, "the offensive", are not
asserted again). An embedded post ("— Name (@handle) date") becomes a :class:`PostMention` whose author
reports the events and figures of the post's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.clauses import Arg, coordinated, quotes_in, reporting_subject, sentence_args, word_pattern
from kg.extract.event_parts import event_lexicon, is_anaphoric_reference
from kg.extract.lexicon import lexicon
from kg.extract.mentions import (
    ArticleMentions,
    AttributionMention,
    EntityMention,
    PostMention,
    RelationMention,
    Sentence,
    Span,
)
from kg.extract.text import POST_BYLINE
from kg.namespaces import ID, slug

_CUT = re.compile(r";|,\s*(?:while|but|whereas)\b|\b(?:while|whereas)\b|\s[—–]\s")
_QUOTE_VERBS = re.compile(r"sa(?:y|ys|id)|told|stat(?:e|es|ed)|add(?:s|ed)|wr(?:ote|ites)", re.IGNORECASE)


@dataclass(frozen=True)
class _AttributionLexicon:
    verbs: tuple[tuple[str, re.Pattern[str]], ...]
    according_to: re.Pattern[str]
    generic_sources: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def attribution_lexicon() -> _AttributionLexicon:
    data = lexicon("attributions")
    verbs = tuple((cls, word_pattern(tuple(patterns))) for cls, patterns in data["verbs"].items())
    demonym = r"(?:(?P<nation>[A-Z][a-z]+(?:ian|ish|ese|i|an|ch))\s+)?"
    sources = tuple(
        (kind, re.compile(demonym + r"(?P<noun>" + "|".join(patterns) + r")(?![\w-])"))
        for kind, patterns in data["generic_sources"].items()
    )
    return _AttributionLexicon(verbs, word_pattern(tuple(data["according_to"])), sources)


def find_generic_sources(mentions: ArticleMentions) -> list[EntityMention]:
    """Sources named by a common noun ("Syrian state media") that the entity stage did not link."""
    found = []
    covered = [
        (e.span.start, e.span.end)
        for e in mentions.entities
        if e.is_actor and (len(e.span.text) > 12 or e.how == "coreference")
    ]
    for sentence in mentions.sentences:
        for kind, pattern in attribution_lexicon().generic_sources:
            for match in pattern.finditer(mentions.text, sentence.span.start, sentence.span.end):
                start, end = match.span()
                if any(s <= start and end <= e for s, e in covered):
                    continue
                name = match.group(0)
                found.append(
                    EntityMention(
                        Span(start, end, name),
                        sentence.index,
                        f"{ID}actor/{slug(name)}",
                        name[0].upper() + name[1:],
                        (kind,),
                        False,
                        True,
                        False,
                        "pattern",
                    )
                )
    return found


def find_posts(mentions: ArticleMentions) -> tuple[list[PostMention], list[EntityMention]]:
    """Embedded posts (from their byline sentences) and the author accounts not already known as entities."""
    posts, authors = [], []
    for sentence in mentions.sentences:
        match = POST_BYLINE.search(sentence.span.text) if sentence.kind == "post-byline" else None
        if match is None:
            continue
        indexes = _post_sentences(mentions.sentences, sentence.index)
        author = _author(mentions, sentence, match)
        if author not in mentions.entities:
            authors.append(author)
        date = next(
            (d for d in mentions.dates if d.sentence == sentence.index and d.precision == "day"), None
        )
        url = _status_url(mentions.text, mentions.sentences, indexes)
        posts.append(PostMention(indexes, author, match.group("handle"), date, url))
    return posts, authors


def _post_sentences(sentences: Sequence[Sentence], byline: int) -> tuple[int, ...]:
    first = byline
    while first > 0 and sentences[first - 1].kind == "post":
        first -= 1
    return tuple(range(first, byline + 1))


def _author(mentions: ArticleMentions, byline: Sentence, match: re.Match[str]) -> EntityMention:
    start, end = byline.span.start + match.start("author"), byline.span.start + match.end("author")
    for entity in mentions.entities:
        if entity.is_actor and entity.span.start >= start and entity.span.end <= end:
            return entity
    name = match.group("author")
    return EntityMention(
        Span(start, end, name),
        byline.index,
        f"{ID}actor/{slug(name)}",
        name,
        ("SocialMediaAccount",),
        False,
        True,
        False,
        "pattern",
    )


def _status_url(text: str, sentences: Sequence[Sentence], indexes: Sequence[int]) -> str | None:
    for index in indexes:
        found = re.search(r"https?://(?:www\.)?(?:twitter|x)\.com/\w+/status/\d+", sentences[index].span.text)
        if found:
            return found.group(0)
    return None


def find_attributions(mentions: ArticleMentions) -> list[AttributionMention]:
    """Claims of the article in text order: reporting verbs, "according to", and embedded posts."""
    args = sentence_args(mentions)
    found: list[AttributionMention] = []
    for sentence in mentions.sentences:
        actors = [a for a in args.get(sentence.index, []) if a.is_actor]
        found += _verb_claims(mentions, sentence, actors)
        found += _according_to_claims(mentions, sentence, actors)
    found += [claim for post in mentions.posts if (claim := _post_claim(mentions, post)) is not None]
    return sorted(found, key=lambda a: (a.sentence, a.span.start, a.span.end, a.source))


def _verb_claims(
    mentions: ArticleMentions, sentence: Sentence, actors: list[Arg]
) -> list[AttributionMention]:
    text, result = mentions.text, []
    for claim_class, pattern in attribution_lexicon().verbs:
        for match in pattern.finditer(text, sentence.span.start, sentence.span.end):
            sources, content = _source_and_content(text, sentence, actors, match.start(), match.end())
            if not sources:
                continue
            verb = Span(match.start(), match.end(), match.group(0))
            for source in sources:
                claim = _claim(mentions, sentence, verb, claim_class, source.iri, content)
                if claim is not None:
                    result.append(claim)
    return result


def _source_and_content(
    text: str, sentence: Sentence, actors: list[Arg], start: int, end: int
) -> tuple[list[Arg], tuple[int, int]]:
    subject = reporting_subject(text, actors, start)
    rest = text[end : sentence.span.end]
    cut = _CUT.search(rest)
    forward = (end, end + cut.start()) if cut else (end, sentence.span.end)
    if subject is not None:
        sources = coordinated(actors[: actors.index(subject) + 1], text, nearest_last=True)
        trailing = not re.search(r"\w", text[forward[0] : forward[1]])
        return sources, ((sentence.span.start, sources[0].span.start) if trailing else forward)
    after = [
        a
        for a in actors
        if a.span.start >= end and re.fullmatch(r"\s*(?:the\s+|by\s+)?", text[end : a.span.start])
    ]
    if after and re.search(r"[”\"],?\s*$|,\s*$", text[max(sentence.span.start, start - 3) : start]):
        return [after[0]], (sentence.span.start, start)
    return [], (0, 0)


def _according_to_claims(
    mentions: ArticleMentions, sentence: Sentence, actors: list[Arg]
) -> list[AttributionMention]:
    text, result = mentions.text, []
    for match in attribution_lexicon().according_to.finditer(text, sentence.span.start, sentence.span.end):
        after = [
            a
            for a in actors
            if a.span.start >= match.end()
            and re.fullmatch(r"\s*(?:the\s+)?", text[match.end() : a.span.start])
        ]
        if not after:
            continue
        source, verb = after[0], Span(match.start(), match.end(), match.group(0))
        before = (sentence.span.start, match.start())
        claim = _claim(mentions, sentence, verb, "Report", source.iri, before)
        if claim is None or not (claim.events or claim.figures):
            claim = _claim(
                mentions, sentence, verb, "Report", source.iri, (source.span.end, sentence.span.end)
            )
        if claim is not None:
            result.append(claim)
    return result


def _claim(
    mentions: ArticleMentions,
    sentence: Sentence,
    verb: Span,
    claim_class: str,
    source: str,
    content: tuple[int, int],
) -> AttributionMention | None:
    start, end = content
    lex, text = event_lexicon(), mentions.text
    named = [
        (i, [s for s in (e.span, *e.coreferences) if start <= s.start and s.end <= end])
        for i, e in enumerate(mentions.events)
        if e.attributed_to != (source,) and not (e.span.start <= verb.start < e.span.end)
    ]
    events = tuple(i for i, spans in named if any(not is_anaphoric_reference(text, s, lex) for s in spans))
    figures = tuple(i for i, f in enumerate(mentions.figures) if start <= f.span.start and f.span.end <= end)
    if not (events or figures):  # "the governor said the attack hit a high-rise": reports the attack
        events = tuple(i for i, spans in named if spans)
    relations = tuple(
        i for i, r in enumerate(mentions.relations) if start <= r.span.start and r.span.end <= end
    )
    quotes = (
        quotes_in(text, min(start, verb.start), max(end, verb.end))
        if _QUOTE_VERBS.fullmatch(verb.text)
        else []
    )
    if not (events or figures or relations or quotes):
        return None
    if quotes and claim_class == "Report":
        claim_class = "Quotation"
    return AttributionMention(
        verb,
        sentence.index,
        claim_class,
        source,
        verb.text,
        events,
        figures,
        relations,
        quotes[0].text if quotes else None,
    )


def _post_claim(mentions: ArticleMentions, post: PostMention) -> AttributionMention | None:
    if post.author is None:
        return None
    body = [
        mentions.sentences[i] for i in post.sentence_indexes if mentions.sentences[i].kind != "post-byline"
    ]
    if not body:
        return None
    span = Span(body[0].span.start, body[-1].span.end, mentions.text[body[0].span.start : body[-1].span.end])
    claim = _claim(
        mentions, body[0], Span(span.start, span.start, ""), "Report", post.author.iri, (span.start, span.end)
    )
    return replace(claim, span=span, verb="posted") if claim is not None else None


def attribute_relations(
    relations: Sequence[RelationMention], attributions: Sequence[AttributionMention]
) -> list[RelationMention]:
    """Relations with ``attributed_to`` set to the sources of the claims that assert them."""
    sources: dict[int, list[str]] = {}
    for claim in attributions:
        for index in claim.relations:
            sources.setdefault(index, []).append(claim.source)
    return [
        replace(r, attributed_to=tuple(dict.fromkeys(sources.get(i, [])))) if i in sources else r
        for i, r in enumerate(relations)
    ]
