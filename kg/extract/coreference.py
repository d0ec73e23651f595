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

from kg.extract.grouping import by_sentence
from kg.extract.lexicon import lexicon
from kg.extract.mentions import ArticleMentions, EntityMention, Span
from kg.namespaces import CKG

_ADJECTIVE_ENDINGS = ("-based", "-led", "-backed", "-aligned", "-linked", "-affiliated")


@dataclass(frozen=True)
class _CorefLexicon:
    pattern: re.Pattern[str]
    kinds: tuple[tuple[re.Pattern[str], frozenset[str]], ...]
    modifiers: dict[str, frozenset[str]]  # "extremist" → armed kinds, "rights" → NGO kinds
    window: int
    compounds: re.Pattern[str]  # "-affiliated", "-backed" right after a mention: not a referent
    bodies: frozenset[str]  # nouns that, after a descriptive word, name a body of their own ("committee")


@lru_cache(maxsize=1)
def _coref_lexicon() -> _CorefLexicon:
    data = lexicon("coreference")
    nouns = "|".join(f"(?:{noun})" for noun in data["descriptors"])
    determiners = "|".join(data["determiners"])
    pattern = re.compile(
        rf"(?<![\w-])(?i:{determiners})\s+(?P<descr>(?:(?P<modifier>[\w-]+)\s+)?(?P<noun>{nouns}))(?![\w-])"
    )
    kinds = tuple((re.compile(noun), frozenset(k)) for noun, k in data["descriptors"].items())
    modifiers = {
        str(word).lower(): frozenset(data["modifier_kinds"][name])
        for name, words in data["modifiers"].items()
        for word in words
    }
    compounds = re.compile(rf"-(?:{'|'.join(data['compound_suffixes'])})\b", re.IGNORECASE)
    bodies = frozenset(str(w) for w in data.get("modified_bodies", ()))
    return _CorefLexicon(pattern, kinds, modifiers, int(data["max_sentences_back"]), compounds, bodies)


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
    kinds_of: dict[str, set[str]] = {}  # every kind any mention gives an actor ("JNIM" and its full name)
    for actor in actors:
        kinds_of.setdefault(actor.iri, set()).update(actor.kinds)
    found = []
    entities_of = by_sentence(mentions.entities)
    for sentence in mentions.sentences:
        local = entities_of.get(sentence.index, [])
        window = sorted(  # the actors of the sentences a description may reach back to, in text order
            (
                a
                for k in range(sentence.index - lex.window, sentence.index + 1)
                for a in entities_of.get(k, [])
                if a.is_actor
            ),
            key=lambda a: (a.span.start, a.span.end),
        )
        for match in lex.pattern.finditer(text, sentence.span.start, sentence.span.end):
            start, end = match.span("descr")
            if _named(window, match.start("noun"), end):
                continue
            modifier = _modifier_entity(local, match)
            written = match.group("modifier") or ""
            if _named_after(text, end, sentence.span.end, local):
                continue  # "the volunteer militia VDP": an apposition naming it
            if (
                modifier is None
                and (written[:1].isupper() or any(c.isdigit() for c in written))
                and not written.endswith(_ADJECTIVE_ENDINGS)
                and written.lower() not in lex.modifiers
            ):
                continue  # "the Wagner group", "the 3R group": a name, not a description
            if written and match.group("noun").lower() in lex.bodies and written.lower() not in lex.modifiers:
                continue  # "the ceasefire committee", "the electoral commission": a body of its own
            antecedent = _antecedent(window, match, sentence.index, modifier, lex, kinds_of)
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


def _named_after(text: str, end: int, limit: int, entities: list[EntityMention]) -> bool:
    """A name or acronym follows the description at once ("the volunteer militia VDP")."""
    following = text[end:limit]
    if re.match(r"\s+[A-Z]{2,}\b", following):
        return True
    start = end + len(following) - len(following.lstrip(" "))
    return start > end and any(e.span.start == start and e.is_actor for e in entities)


def _antecedent(
    actors: list[EntityMention],
    match: re.Match[str],
    sentence: int,
    modifier: EntityMention | None,
    lex: _CorefLexicon,
    kinds_of: dict[str, set[str]],
) -> EntityMention | None:
    kinds = _wanted_kinds(match, lex)
    text = match.string
    earlier = [
        a
        for a in actors
        if a.span.end <= match.start()
        and sentence - a.sentence <= lex.window
        and kinds_of.get(a.iri, set(a.kinds)) & kinds
        and not lex.compounds.match(text, a.span.end)
        and not (a.sentence == sentence and _not_antecedent_in_sentence(text, a, match.start()))
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


def _wanted_kinds(match: re.Match[str], lex: _CorefLexicon) -> frozenset[str]:
    """Kinds the description may denote: its noun's, narrowed by a known modifier ("the extremist group")."""
    noun = match.group("noun").lower()
    kinds = next(k for pattern, k in lex.kinds if pattern.fullmatch(noun))
    narrowed = lex.modifiers.get((match.group("modifier") or "").lower())
    return narrowed if narrowed is not None and "NonStateArmedGroup" in kinds else kinds


_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:said|says|say|told|tells|saying|claimed|claiming|accused|accusing|blamed|after|before|because|"
    r"when|while|as|since|although|though|but|whereas|that|which|who|where)\b",
    re.IGNORECASE,
)


def _not_antecedent_in_sentence(text: str, candidate: EntityMention, start: int) -> bool:
    """In its own sentence an actor is not what "the group" refers to when both stand in one simple clause
    ("the coalition continued raids against the group") or the actor sits in a relative clause that ended
    before the description ("the coalition, which backs the SDF, continued raids against the group")."""
    between = text[candidate.span.end : start]
    relative = re.search(r",\s*(?:which|who|whose)\b[^,.;]*$", text[: candidate.span.start])
    if relative is not None and "," in between:
        return True
    between = re.sub(r",\s*(?:which|who|whose)\b[^,]*,", " ", between)
    return _CLAUSE_BREAK.search(between) is None
