"""Embedded social-media posts: a byline sentence ("— Name (@handle) date") and the post sentences before
it become a :class:`PostMention`; its author is the entity named in the byline, else a minted
``SocialMediaAccount``. (The claim a post makes is read in kg.extract.attributions.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.mentions import ArticleMentions, EntityMention, PostMention, Sentence, Span
from kg.extract.text import POST_BYLINE
from kg.namespaces import ID, slug


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
