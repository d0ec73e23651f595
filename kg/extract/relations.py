"""Relationships between actors: alliance, support, backing, opposition, hostility, leadership, membership.

Phrases come from data/lexicon/relations.yaml. The party before a phrase is its subject (skipping an
appositive: "Hezbollah, a key ally of the government, is fighting Israel" → Hezbollah fights Israel);
the party after it is its object; "X-backed Y" and "Y, led by X" are read in their own order. A person
speaking for an organisation ("the Kremlin spokesman") stands for that organisation. Each relationship is
reported once per article (first mention wins).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.clauses import Arg, coordinated, parentheticals, sentence_args, word_pattern
from kg.extract.lexicon import lexicon
from kg.extract.mentions import ArticleMentions, RelationMention, Sentence, Span
from kg.extract.relation_events import event_reference_args, event_reference_kinds
from kg.extract.relation_links import implied_relations, state_level, without_friendly_hostility
from kg.extract.relation_orders import (
    MODIFIER_ORDERS,
    apposed_possessor,
    between_parties,
    coordinated_parties,
    joined_list,
    modifier_noun_parties,
    negated,
    objects_as_written,
    of_person_parties,
    prefix_parties,
)
from kg.extract.relation_parties import collective_groups, with_groups
from kg.extract.relation_subjects import phrase_subject
from kg.namespaces import slug

_HARD_BOUNDARY = re.compile(
    r"[;:“”\"]|\s[—–-]\s|,\s*(?:while|but|whereas)\b|\b(?:while|whereas|but)\b"
)  # " - " too: plain-text wires write a dash (and end a dateline) with a spaced hyphen
# orders whose right party is the fromParty
_REVERSED = (
    "right-left",
    "right-left-far",
    "possessive",
    "compound-reversed",
    "modifier-noun-reversed",
    "prefix-reversed",
    "inner-left-reversed",
    "of-person",
)
_RAW_ORDERS = (
    "compound",
    "of-person",
    "compound-reversed",
    "possessive",
    "possessive-forward",
    "possessive-leader",
    "prefix",
    "prefix-reversed",
)
_MAX_OBJECT_GAP = 30
_STATES = {"State", "Country"}
_TAIL = ("(?![\\w-])", "")  # a prefix ("pro-") runs on into the next word
_QUANTIFIER = re.compile(
    r"(?<![\w-])(?:some|many|several|most|all|both|each|one|two|three|parts?|members?) of\s", re.I
)
_PREPOSITION = re.compile(
    r"(?<![\w-])(?:against|on|in|at|for|from|over|to|by|of|into)\s", re.IGNORECASE
)  # characters between a phrase and its object
_POSSESSIVE_GAP = re.compile(r"[\s,:]*(?:(?:such as|including|namely|the)\s+)*", re.IGNORECASE)


@dataclass(frozen=True)
class _Entry:
    kind: str
    order: str
    pattern: re.Pattern[str]
    state_objects: bool = True  # False: no relationship when the object is a state ("troops serving in Mali")


@dataclass(frozen=True)
class _RelationLexicon:
    entries: tuple[_Entry, ...]
    symmetric: frozenset[str]
    speaks_for: frozenset[str]
    not_parties: frozenset[str]
    hostile_events: frozenset[str]
    armed_parties: frozenset[str]
    leading_roles: frozenset[str]
    states: frozenset[str]
    state_organs: frozenset[str]
    apposed_heads: re.Pattern[str]
    not_led_by_role: frozenset[str]
    member_roles: frozenset[str]
    compound_excluded: frozenset[str]
    object_pronoun: re.Pattern[str]
    modifier_relations: dict[str, tuple[str, bool]]
    state_level_kinds: frozenset[str]
    part_head: re.Pattern[str]
    loyalty: re.Pattern[str]


@lru_cache(maxsize=1)
def relation_lexicon() -> _RelationLexicon:
    data = lexicon("relations")
    entries = tuple(
        _Entry(
            item["kind"],
            item["order"],
            word_pattern(tuple(item["patterns"]))
            if item["order"] not in _RAW_ORDERS
            else _raw_pattern(item["patterns"], prefix=item["order"].startswith("prefix")),
            bool(item.get("state_objects", True)),
        )
        for item in data["relations"]
    )
    return _RelationLexicon(
        entries,
        frozenset(data["symmetric"]),
        frozenset(data["speaks_for"]),
        frozenset(data["not_parties"]),
        frozenset(data["hostile_events"]),
        frozenset(data["armed_parties"]),
        frozenset(data["leading_roles"]),
        frozenset(data["state_kinds"]),
        frozenset(data["state_organs"]),
        re.compile(rf"\s+(?:{'|'.join(data['apposed_heads'])})(?![\w-])", re.IGNORECASE),
        frozenset(data["not_led_by_role"]),
        frozenset(data["member_roles"]),
        frozenset(data["compound_excluded"]),
        re.compile(rf"\s+(?:{'|'.join(data['object_pronouns'])})\b"),
        {
            str(word): (str(item["kind"]), bool(item.get("reversed")))
            for word, item in data["modifier_relations"].items()
        },
        frozenset(data["state_level_kinds"]),
        re.compile("|".join(data["part_heads"]), re.IGNORECASE),
        re.compile("|".join(data["loyalty"]), re.IGNORECASE),
    )


def _raw_pattern(patterns: list[str], *, prefix: bool) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p}){_TAIL[prefix]}" for p in patterns), re.IGNORECASE)


def find_relations(mentions: ArticleMentions) -> list[RelationMention]:
    """Relationships stated in the article, in text order, one per (kind, from, to)."""
    lex = relation_lexicon()
    args = sentence_args(mentions)
    through_events = event_reference_args(mentions)
    found: dict[tuple[str, str, str], RelationMention] = {}
    for sentence in mentions.sentences:
        own, extra = args.get(sentence.index, []), through_events.get(sentence.index, [])
        for relation in _sentence_relations(mentions.text, sentence, own, extra, lex):
            key = (relation.kind, *_ordered(relation, lex))
            found.setdefault(key, relation)
    for relation in without_friendly_hostility(list(found.values()), implied_relations(mentions, lex)):
        found.setdefault((relation.kind, *_ordered(relation, lex)), relation)
    relations = with_groups(list(found.values()), collective_groups(mentions))
    relations = _dedup(state_level(mentions, relations, lex), lex)
    return sorted(relations, key=lambda r: (r.span.start, r.span.end, r.kind, r.from_party, r.to_party))


def _dedup(relations: list[RelationMention], lex: _RelationLexicon) -> list[RelationMention]:
    found: dict[tuple[str, str, str], RelationMention] = {}
    for relation in sorted(relations, key=lambda r: (r.span.start, r.span.end)):
        if relation.from_party != relation.to_party:
            found.setdefault((relation.kind, *_ordered(relation, lex)), relation)
    return list(found.values())


def _ordered(relation: RelationMention, lex: _RelationLexicon) -> tuple[str, str]:
    pair = (relation.from_party, relation.to_party)
    return tuple(sorted(pair)) if relation.kind in lex.symmetric else pair  # type: ignore[return-value]


def _sentence_relations(
    text: str, sentence: Sentence, args: list[Arg], through_events: list[Arg], lex: _RelationLexicon
) -> list[RelationMention]:
    """Relations read from phrases; ``through_events`` are parties named by an event ("support for the
    operation"), used only for the kinds of kg.extract.relation_events."""
    actors = _owned_by_states(
        [a for a in args if a.is_actor and not set(a.kinds) & lex.not_parties], text, lex
    )
    with_events = sorted([*actors, *through_events], key=lambda a: (a.span.start, a.span.end))
    taken: list[tuple[int, int]] = []
    result = []
    for entry in lex.entries:
        parties = with_events if entry.kind in event_reference_kinds() else actors
        for match in entry.pattern.finditer(text, sentence.span.start, sentence.span.end):
            if any(not (match.end() <= s or match.start() >= e) for s, e in taken):
                continue
            pairs = _parties(text, sentence, parties, entry, match.start(), match.end())
            if not pairs:
                continue
            taken.append(match.span())
            if negated(text, _hard_limits(sentence, *match.span())[0], *match.span()):
                continue  # "Rwanda denied backing the M23", "a former ally of"
            span = Span(match.start(), match.end(), match.group(0))
            if _unnamed_loyalists(text, lex, match):
                continue  # "forces loyal to X": the loyal party is not named
            for left, right in pairs:
                source, target = (right, left) if entry.order in _REVERSED else (left, right)
                source_iri, target_iri = _speaker(source, lex), _speaker(target, lex)
                # nobody is a member of a state: "linked to Russia" is an alliance
                kind = "Alliance" if entry.kind == "Membership" and _STATES & {*target.kinds} else entry.kind
                if lex.loyalty.fullmatch(match.group(0)) and "Person" in right.kinds:
                    kind, source_iri, target_iri = "Leadership", target_iri, source_iri  # X leads them
                if kind == "Alliance" and entry.kind == "Membership" and entry.order == "right-left":
                    continue  # "the Resistance in Iraq, an umbrella group of …": a state gathers no members
                if not entry.state_objects and (
                    _STATES & {*target.kinds} or re.match(r"\s+[A-Z][a-z]", text[target.span.end :])
                ):
                    continue  # "troops serving in Mali": no group to join; or only part of a longer name
                if source_iri != target_iri:
                    result.append(RelationMention(span, sentence.index, kind, source_iri, target_iri))
    return result


def _unnamed_loyalists(text: str, lex: _RelationLexicon, match: re.Match[str]) -> bool:
    """ "forces loyal to X", "gunmen loyal to Y": a bare collective noun is the loyal party."""
    return bool(lex.loyalty.fullmatch(match.group(0))) and bool(
        _BARE_COLLECTIVE.search(text, max(0, match.start() - 40), match.start())
    )


_BARE_COLLECTIVE = re.compile(
    r"(?<![\w-])(?:forces|fighters|troops|militias?|men|gunmen|units|soldiers|militiamen)\s+$"
)


def _owned_by_states(actors: list[Arg], text: str, lex: _RelationLexicon) -> list[Arg]:
    """Parties as written: a name with its acronym in brackets is one party; a state organ minted from
    the text right after its state ("the Russian defence ministry said its aircraft were supporting the
    army") stands for the state (Russia supports the army)."""
    result: list[Arg] = []
    for arg in actors:
        owner = result[-1] if result else None
        if owner is not None and owner.iri == arg.iri:  # "the Arakan Liberation Army (ALA)": one party
            bracket = (
                re.match(r"\s*\(\s*", text[owner.span.end : arg.span.start]) and text[arg.span.end] == ")"
            )
            if bracket or owner.span.end > arg.span.start:
                end = arg.span.end + 1 if bracket else max(owner.span.end, arg.span.end)
                result[-1] = replace(owner, span=Span(owner.span.start, end, text[owner.span.start : end]))
                continue
        organ = not arg.how.startswith(("label", "alias")) and set(arg.kinds) & lex.state_organs
        if owner is not None and organ and set(owner.kinds) & lex.states:
            if re.fullmatch(r"(?:['’]s?|[-–][a-z]+)?\s*", text[owner.span.end : arg.span.start]):
                result[-1] = replace(
                    owner, span=Span(owner.span.start, arg.span.end, text[owner.span.start : arg.span.end])
                )
                continue
        result.append(arg)
    return _without_modifying_demonyms(result, text)


def _without_modifying_demonyms(actors: list[Arg], text: str) -> list[Arg]:
    """ "allied with the Afghan Taliban", "fought Indian security forces": a demonym right before another
    party's name describes it and is no party of its own."""
    return [
        arg
        for arg, following in zip(actors, [*actors[1:], None], strict=False)
        if not (
            arg.how == "demonym"
            and following is not None
            and following.iri != arg.iri
            and text[arg.span.end : following.span.start] == " "
        )
    ]


def _speaker(arg: Arg, lex: _RelationLexicon) -> str:
    """A spokesperson or minister stands for their organisation."""
    if arg.organization and arg.role_kind in lex.speaks_for:
        return arg.organization
    return arg.iri


def _parties(
    text: str, sentence: Sentence, actors: Sequence[Arg], entry: _Entry, start: int, end: int
) -> list[tuple[Arg, Arg]]:
    low, high = _hard_limits(sentence, start, end)
    before = [a for a in actors if low <= a.span.start and a.span.end <= start]
    after = [a for a in actors if end <= a.span.start and a.span.end <= high]
    if entry.order in MODIFIER_ORDERS:  # "JNIM, an al Qaeda affiliate"
        return modifier_noun_parties(text, before, after, start, end)
    if entry.order == "coordinated":  # "Russia and Ukraine, at war since 2022"
        return coordinated_parties(text, before, start, end, high)
    if entry.order.startswith("prefix"):  # "pro-Iran militias", "an anti-Taliban group"
        return prefix_parties(text, before, after, start, end)
    if entry.order.startswith("compound"):
        lefts = [a for a in before if a.span.end == start]
        rights = [a for a in after if a.span.start - end <= 12 or _part_of(text, end, a)]
        rights = rights or _apposed(text, before, lefts, end)
        if not lefts or not rights or _names_compound(text, entry, lefts[-1], rights[0], end):
            return []
        return [(lefts[-1], rights[0])]
    if entry.order == "possessive-leader":  # "President X's government": only a person leads that way
        lefts = [a for a in before if a.span.end == start and "Person" in a.kinds]
        rights = [a for a in after if a.span.start - end <= 30]
        return [(lefts[-1], rights[0])] if lefts and rights else []
    if entry.order == "of-person":  # "the RSF of Mohamed Hamdan Dagalo": the person leads the group
        return of_person_parties(before, after, start, end, excluded=relation_lexicon().compound_excluded)
    if entry.order.startswith("possessive"):  # "the government's key ally Hezbollah"
        lefts = [a for a in before if a.span.end == start]
        rights = coordinated(after, text, nearest_last=False)
        fits = lefts and rights and _POSSESSIVE_GAP.fullmatch(text, end, rights[0].span.start)
        return [(lefts[-1], right) for right in rights] if fits else apposed_possessor(text, before, start)
    if entry.order == "between":  # "the war between the army, led by X, and the RSF"
        return between_parties(text, after, end, part_head=relation_lexicon().part_head)
    asides = [(s, e) for s, e in parentheticals(sentence) if not s <= start < e]
    if entry.order.startswith("inner-left"):  # "X relied on Y as an ally": Y inside the phrase
        inner = [a for a in actors if start <= a.span.start and a.span.end <= end]
        lefts = phrase_subject(text, before, start, tight=False, asides=asides)
        inner = coordinated(inner, text, nearest_last=False) if inner else []
        return [(left, right) for left in lefts for right in inner]  # "Turkish and Israeli drones"
    lefts = phrase_subject(text, before, start, tight=entry.order == "right-left", asides=asides)
    rights = joined_list(coordinated(objects_as_written(text, after), text, nearest_last=False), text)
    if not rights or rights[0].span.start - end > _MAX_OBJECT_GAP:
        rights = _pronoun_object(text, before, lefts, end)
    elif _PREPOSITION.search(_QUANTIFIER.sub(" ", text[end : rights[0].span.start])):
        return []  # "allies of abuses against civilians": the object is another phrase's
    if re.match(r"\s+(?:which|whom)\b", text[end:high]):
        return []  # "the KCP, a faction of which is allied with X": the object is a relative pronoun
    return [(left, right) for left in lefts for right in rights]


def _part_of(text: str, end: int, arg: Arg) -> bool:
    """ "Turkish-backed factions of the SNA": the words between a phrase and a party name a part of it."""
    gap = re.match(r"\s+", text[end : arg.span.start])
    start = end + gap.end() if gap else end
    return bool(relation_lexicon().part_head.fullmatch(text, start, arg.span.start))


def _names_compound(text: str, entry: _Entry, left: Arg, right: Arg, end: int) -> bool:
    """ "the Saudi-led coalition" is a name, "Hamas-led gunmen" a loose collective that nobody leads as an
    organisation: neither states a relationship."""
    excluded = entry.kind == "Leadership" and set(right.kinds) & relation_lexicon().compound_excluded
    return bool(excluded) or slug(text[left.span.start : end]) in slug(right.label)


def _pronoun_object(text: str, before: Sequence[Arg], lefts: Sequence[Arg], end: int) -> list[Arg]:
    """ "… urged the UAE to stop supporting it": "it" / "them" stands for the nearest organisation named
    before the subject in the clause."""
    if not lefts or not relation_lexicon().object_pronoun.match(text, end):
        return []
    earlier = [
        a
        for a in before
        if a.span.end <= lefts[0].span.start
        and not a.is_place
        and a.iri not in {x.iri for x in lefts}
        and not {"Person", "UnnamedPerson"} & set(a.kinds)
    ]
    return earlier[-1:]


def _apposed(text: str, before: Sequence[Arg], lefts: Sequence[Arg], end: int) -> list[Arg]:
    """ "Al-Shabaab, the al Qaeda-affiliated group, …": the compound describes the actor before the
    appositive (a description head from data/lexicon/relations.yaml follows the compound)."""
    if not lefts or not relation_lexicon().apposed_heads.match(text, end):
        return []
    named = [a for a in before if a.span.end < lefts[-1].span.start]
    gap = text[named[-1].span.end : lefts[-1].span.start] if named else ""
    return named[-1:] if re.fullmatch(r",\s+(?:the|an?)\s+", gap) else []


def _hard_limits(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The stretch around a phrase (start-end) not cut by a quote, dash or contrast (a quote inside the
    phrase itself, "stood \u201cfirmly with", does not cut it)."""
    low, high = sentence.span.start, sentence.span.end
    for match in _HARD_BOUNDARY.finditer(sentence.span.text):
        cut_start, cut_end = sentence.span.start + match.start(), sentence.span.start + match.end()
        if cut_end <= start:
            low = cut_end
        elif cut_start >= end:
            high = cut_start
            break
    return low, high
