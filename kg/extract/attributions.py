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
from dataclasses import replace

from kg.extract.attribution_claim import claim_of
from kg.extract.attribution_clauses import (
    after_addressee,
    before_head_noun,
    only_circumstances,
    past_locative,
    quote_opening,
    quoted_continuation,
    shared_subject,
    without_aside,
)
from kg.extract.attribution_lexicon import attribution_lexicon
from kg.extract.clauses import (
    Arg,
    coordinated,
    parentheticals,
    reporting_subject,
    sentence_args,
)
from kg.extract.mentions import (
    ArticleMentions,
    AttributionMention,
    PostMention,
    RelationMention,
    Sentence,
    Span,
)
from kg.namespaces import slug

_CUT = re.compile(r";|,\s*(?:while|but|whereas)\b|\b(?:while|whereas)\b|\s[—–]\s")
_NO_COMPLEMENT = re.compile(r"\s*(?:(?:on|in|at|late|early)\s+(?!that\b)[\w ]{1,25}?)?,(?!\d)\s*(?![“\"])")
# after an inverted source ("…, said the ministry"), the clause ends
_INVERTED_END = re.compile(
    r"\s*(?:[.,;:!?”\"(]|$|(?:on|in|at|of|from|who|late|early|last|this|during|after|before|via|through)\b)"
)
# between an inverted verb and its source: "said the ministry", "said Dr X", "said Brigadier General X"
_INVERTED_GAP = re.compile(r"\s*(?:the\s+|an?\s+|by\s+)?(?:(?:[A-Z][a-z]{1,11}\.?)\s+){0,3}")
_PRONOUN_BEFORE = re.compile(
    r"(?:^|(?<=[,”\";:])\s*|(?<=\band)\s+|(?<=\bbut)\s+)(?P<pronoun>[Hh]e|[Ss]he|[Ii]t|[Tt]hey)"
    r"\s+(?:also\s+|later\s+|(?:has|have|had)\s+)?$"
)
_PRONOUN_AFTER = re.compile(r"\s+(?P<pronoun>he|she)\b")
_PRONOUN_WINDOW = 3


def find_attributions(mentions: ArticleMentions) -> list[AttributionMention]:
    """Claims of the article in text order: reporting verbs, "according to", and embedded posts."""
    args = sentence_args(mentions)
    found: list[AttributionMention] = []
    for sentence in mentions.sentences:
        actors = _speakers(mentions, sentence, args.get(sentence.index, []))
        history = [
            a
            for i in range(max(0, sentence.index - _PRONOUN_WINDOW), sentence.index)
            for a in args.get(i, [])
            if a.is_actor
        ]
        found += _verb_claims(mentions, sentence, actors, history)
        found += _according_to_claims(mentions, sentence, actors)
    found += [claim for post in mentions.posts if (claim := _post_claim(mentions, post)) is not None]
    ordered = sorted(
        _without_bare_quotes(found), key=lambda a: (a.sentence, a.span.start, a.span.end, a.source)
    )
    return _without_repeats(ordered)


def _without_repeats(claims: list[AttributionMention]) -> list[AttributionMention]:
    """One claim per source and content in a sentence ("The attack, claimed by X, …" is read both as an
    inverted verb and as a passive "claimed by")."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for claim in claims:
        key = (claim.sentence, claim.source, claim.events, claim.figures, claim.relations, claim.quote)
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept


def _without_bare_quotes(claims: list[AttributionMention]) -> list[AttributionMention]:
    """ "X claimed the attack, saying it had targeted \"…\"": a quotation asserting nothing, beside a claim
    of the same source in the same sentence that does, is part of that claim, not a claim of its own."""
    asserting = {(c.sentence, c.source) for c in claims if c.events or c.figures or c.relations}
    return [
        c for c in claims if c.events or c.figures or c.relations or (c.sentence, c.source) not in asserting
    ]


def _speakers(mentions: ArticleMentions, sentence: Sentence, args: list[Arg]) -> list[Arg]:
    """Actors that may be sources: not victims ("civilians"), not inside a relative clause
    ("The ministry, which is run by Hamas, said": Hamas does not speak)."""
    never = attribution_lexicon().never_sources
    asides = parentheticals(sentence)
    return [
        a
        for a in args
        if a.is_actor
        and slug(a.label) not in never
        and not any(s < a.span.start and a.span.end <= e for s, e in asides)
    ]


def _verb_claims(
    mentions: ArticleMentions, sentence: Sentence, actors: list[Arg], history: list[Arg]
) -> list[AttributionMention]:
    text, result = mentions.text, []
    for claim_class, pattern in attribution_lexicon().verbs:
        for match in pattern.finditer(text, sentence.span.start, sentence.span.end):
            shared = shared_subject(text, sentence, actors, match.start())
            if shared is not None and match.group(0).lower().endswith("ing"):  # "…, saying": the clause's
                sources, content = [shared], _forward(text, sentence, match.end())  # subject, not the nearest
            else:
                sources, content = _source_and_content(text, sentence, actors, match.start(), match.end())
            if not sources and shared is not None:
                sources, content = [shared], _forward(text, sentence, match.end())
            if not sources:
                sources, content = _pronoun_source(
                    text, sentence, history + actors, match.start(), match.end()
                )
            if not sources:
                continue
            verb = Span(match.start(), match.end(), match.group(0))
            content = quoted_continuation(text, mentions.sentences, sentence, match.end()) or content
            if content[0] == sentence.span.start:  # "…” said X" closing a quotation of several sentences
                opening = quote_opening(text, mentions.sentences, sentence, content[1])
                content = (opening, content[1]) if opening is not None else content
            for source in sources:
                claim = claim_of(mentions, sentence, verb, claim_class, source.iri, content)
                if claim is not None:
                    result.append(claim)
    return result


def _source_and_content(
    text: str, sentence: Sentence, actors: list[Arg], start: int, end: int
) -> tuple[list[Arg], tuple[int, int]]:
    subject_end = without_aside(text, sentence, start)
    subject = reporting_subject(text, actors, subject_end)
    if subject is None and (head := before_head_noun(text, sentence, subject_end)) is not None:
        subject = reporting_subject(text, actors, head)
    subject = past_locative(text, actors, subject) if subject is not None else None
    begin = after_addressee(text, text[start:end], end, sentence.span.end)
    forward = _forward(text, sentence, begin)
    if subject is not None:
        sources = _source_list(
            text, coordinated(actors[: actors.index(subject) + 1], text, nearest_last=True)
        )
        rest = text[begin : sentence.span.end]
        trailing = (
            not re.search(r"\w", text[forward[0] : forward[1]])
            or _NO_COMPLEMENT.match(rest)
            or only_circumstances(text, begin, sentence.span.end)
        )
        return sources, ((sentence.span.start, sources[0].span.start) if trailing else forward)
    after = [
        a
        for a in actors
        if a.span.start >= end and _INVERTED_GAP.fullmatch(text, end, a.span.start)
    ]
    if (
        after
        and re.search(r"[”\"],?\s*$|,\s*$", text[max(sentence.span.start, start - 3) : start])
        and _INVERTED_END.match(text, after[0].span.end, sentence.span.end)
    ):
        return [after[0]], (sentence.span.start, start)
    return [], (0, 0)


def _forward(text: str, sentence: Sentence, begin: int) -> tuple[int, int]:
    """The content after a verb: the rest of its clause."""
    cut = _CUT.search(text[begin : sentence.span.end])
    return (begin, begin + cut.start()) if cut else (begin, sentence.span.end)


def _source_list(text: str, sources: list[Arg]) -> list[Arg]:
    """ "A, B and C said" is a list of sources; "…, killing seven civilians, the monitor said" is not: a list
    joined by commas only keeps its last member."""
    gaps = [text[a.span.end : b.span.start] for a, b in zip(sources, sources[1:], strict=False)]
    if len(sources) > 1 and not any(re.search(r"\band\b|&|as well as", gap) for gap in gaps):
        return sources[-1:]
    return sources


def _pronoun_source(
    text: str, sentence: Sentence, earlier: list[Arg], start: int, end: int
) -> tuple[list[Arg], tuple[int, int]]:
    """ "he said", "…,” she said", "It said": the pronoun stands for the most recent person (he, she) or
    organisation (it, they) named before it in the last few sentences."""
    before = _PRONOUN_BEFORE.search(text[sentence.span.start : start])
    after = _PRONOUN_AFTER.match(text, end, sentence.span.end)
    if before is not None:
        pronoun, position = before.group("pronoun").lower(), sentence.span.start + before.start("pronoun")
    elif after is not None and re.search(r"[,”\"]\s*$", text[sentence.span.start : start]):
        pronoun, position = after.group("pronoun").lower(), start
    else:
        return [], (0, 0)
    person = pronoun in ("he", "she")
    candidates = [a for a in earlier if a.span.end <= position and _is_person(a) == person and not a.is_place]
    if not candidates:
        return [], (0, 0)
    rest = text[end : sentence.span.end]
    cut = _CUT.search(rest)
    forward = (end, end + cut.start()) if cut else (end, sentence.span.end)
    complement = re.search(r"\w", text[forward[0] : forward[1]]) and not _NO_COMPLEMENT.match(rest)
    return [candidates[-1]], (forward if complement and before else (sentence.span.start, position))


def _is_person(arg: Arg) -> bool:
    return arg.role_kind is not None or bool({"Person", "UnnamedPerson"} & set(arg.kinds))


def _according_to_claims(
    mentions: ArticleMentions, sentence: Sentence, actors: list[Arg]
) -> list[AttributionMention]:
    """ "…, according to the ministry", "according to figures released by X", "an attack later claimed by
    X": the source follows the phrase; the content is the clause before it (else the rest after X)."""
    text, result, lex = mentions.text, [], attribution_lexicon()
    for claim_class, pattern in lex.introducers:
        for match in pattern.finditer(text, sentence.span.start, sentence.span.end):
            after = [
                a
                for a in actors
                if a.span.start >= match.end() and lex.document.fullmatch(text, match.end(), a.span.start)
            ]
            if not after:
                continue
            following = [a for a in actors if a.span.start >= after[0].span.start]
            heads = after + [a for a in following[len(after) :] if lex.sub_unit.search(a.span.text)]
            source = _bracketed_acronym(
                text, actors, _phrase_head(text, sorted(heads, key=lambda a: a.span.start))
            )
            verb = Span(match.start(), match.end(), match.group(0))
            before = (sentence.span.start, match.start())
            claim = claim_of(mentions, sentence, verb, claim_class, source.iri, before)
            if claim is None or not (claim.events or claim.figures):
                after_source = (source.span.end, sentence.span.end)
                claim = claim_of(mentions, sentence, verb, claim_class, source.iri, after_source)
            if claim is not None:
                result.append(claim)
    return result


def _phrase_head(text: str, actors: list[Arg]) -> Arg:
    """The last of actors written as one phrase: "the UK Maritime Trade Operations agency" → the agency,
    not its owner "UK"; "Russia's defence ministry" → the ministry."""
    head = actors[0]
    for arg in actors[1:]:
        if not re.fullmatch(r"(?:['’]s?|[-–][a-z]+)?\s*", text[head.span.end : arg.span.start]):
            break
        head = arg
    return head


def _bracketed_acronym(text: str, actors: list[Arg], source: Arg) -> Arg:
    """ "Islamic State Khorasan (ISKP)" when only "Islamic State" was recognised: the acronym in brackets
    after the rest of the name names the whole."""
    for arg in actors:
        gap = text[source.span.end : arg.span.start]
        if arg.span.start >= source.span.end and re.fullmatch(r"\s+(?:[A-Z][\w’'-]*\s+){1,3}\(\s*", gap):
            return arg if text.startswith(")", arg.span.end) else source
    return source


def _post_claim(mentions: ArticleMentions, post: PostMention) -> AttributionMention | None:
    if post.author is None:
        return None
    body = [
        mentions.sentences[i] for i in post.sentence_indexes if mentions.sentences[i].kind != "post-byline"
    ]
    if not body:
        return None
    span = Span(body[0].span.start, body[-1].span.end, mentions.text[body[0].span.start : body[-1].span.end])
    claim = claim_of(
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
