"""Coreference of definite descriptions: "the group", "the militia", "the Lebanese group".

A description (data/lexicon/coreference.yaml) denotes the most recent earlier actor of a compatible kind
named within a few sentences. A demonym inside it ("the Lebanese group") describes the group, not the
country: the antecedent must be based in that country when the gazetteer says where it is based, and the
demonym's own country mention is replaced by the description's mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.lexicon import lexicon
from kg.extract.mentions import ArticleMentions, EntityMention, Span
from kg.namespaces import CKG

_ADJECTIVE_ENDINGS = ("-based", "-led", "-backed", "-aligned", "-linked", "-affiliated")


@dataclass(frozen=True)
class _CorefLexicon:
    pattern: re.Pattern[str]
    kinds: tuple[tuple[re.Pattern[str], frozenset[str]], ...]
    window: int


@lru_cache(maxsize=1)
def _coref_lexicon() -> _CorefLexicon:
    data = lexicon("coreference")
    nouns = "|".join(f"(?:{noun})" for noun in data["descriptors"])
    determiners = "|".join(data["determiners"])
    pattern = re.compile(
        rf"(?<![\w-])(?i:{determiners})\s+(?P<descr>(?:(?P<modifier>[\w-]+)\s+)?(?P<noun>{nouns}))(?![\w-])"
    )
    kinds = tuple((re.compile(noun), frozenset(k)) for noun, k in data["descriptors"].items())
    return _CorefLexicon(pattern, kinds, int(data["max_sentences_back"]))


@lru_cache(maxsize=1)
def _based_in() -> dict[str, frozenset[str]]:
    """ckg:basedIn of gazetteer actors (loaded only when a demonym description needs it)."""
    from kg.gazetteer import load_gazetteer

    found: dict[str, set[str]] = {}
    for subject, place in load_gazetteer().subject_objects(CKG.basedIn):
        found.setdefault(str(subject), set()).add(str(place))
    return {k: frozenset(v) for k, v in found.items()}


def find_descriptions(mentions: ArticleMentions) -> list[EntityMention]:
    """Mentions of earlier actors by a definite description, in text order (see module doc)."""
    lex, text = _coref_lexicon(), mentions.text
    actors = [e for e in mentions.entities if e.is_actor]
    found = []
    for sentence in mentions.sentences:
        for match in lex.pattern.finditer(text, sentence.span.start, sentence.span.end):
            start, end = match.span("descr")
            if _named(actors, match.start("noun"), end):
                continue
            modifier = _modifier_entity(mentions.entities, match)
            written = match.group("modifier") or ""
            if modifier is None and written[:1].isupper() and not written.endswith(_ADJECTIVE_ENDINGS):
                continue  # "the Wagner group": a name, not a description
            antecedent = _antecedent(actors, match, sentence.index, modifier, lex)
            if antecedent is not None:
                mention = EntityMention(
                    Span(start, end, text[start:end]),
                    sentence.index,
                    antecedent.iri,
                    antecedent.label,
                    antecedent.kinds,
                    antecedent.is_place,
                    antecedent.is_actor,
                    antecedent.known,
                    "coreference",
                )
                found.append(mention)
                actors.append(mention)
    return found


def _names_modifier(candidate: EntityMention, modifier: EntityMention) -> bool:
    """With no recorded base, the antecedent's name must carry the demonym or its country ("the Malian
    army" is not an earlier "Russian Africa Corps")."""
    label = f" {candidate.label.lower()} "
    return any(f" {word.lower()}" in label for word in (modifier.span.text, modifier.label))


def _named(actors: list[EntityMention], start: int, end: int) -> bool:
    return any(not (a.span.end <= start or a.span.start >= end) for a in actors)


def _modifier_entity(entities: list[EntityMention], match: re.Match[str]) -> EntityMention | None:
    if not match.group("modifier"):
        return None
    start, end = match.span("modifier")
    return next(
        (e for e in entities if e.span.start == start and e.span.end <= end and e.how == "demonym"), None
    )


def _antecedent(
    actors: list[EntityMention],
    match: re.Match[str],
    sentence: int,
    modifier: EntityMention | None,
    lex: _CorefLexicon,
) -> EntityMention | None:
    noun = match.group("noun").lower()
    kinds = next(k for pattern, k in lex.kinds if pattern.fullmatch(noun))
    earlier = [
        a
        for a in actors
        if a.span.end <= match.start() and sentence - a.sentence <= lex.window and set(a.kinds) & kinds
    ]
    for candidate in reversed(earlier):
        if modifier is None:
            return candidate
        based = _based_in().get(candidate.iri) if candidate.known else None
        if based and modifier.iri in based:
            return candidate
        if not based and _names_modifier(candidate, modifier):
            return candidate
    return None
