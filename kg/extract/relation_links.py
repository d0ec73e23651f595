"""Relationships implied by other mentions rather than read from a relation phrase (kg.extract.relations).

- roles: "SDF commander Mazloum Abdi" leads the SDF; "a senior Hamas official, Osama Hamdan" is a member;
- events: an attack by one armed party on another puts them in conflict (Hostility);
- compound modifiers (``EntityMention.modifier_of``): "Iranian-backed Houthis" (Backing, Iran → Houthis),
  "al Qaeda-linked JNIM" (Membership, JNIM → al Qaeda), "Russia-aligned Wagner" (Alliance), "the
  Saudi-led coalition" (Leadership, Saudi Arabia → the coalition: the name states who leads it);
- state level: a state organ minted from the text ("the defence ministry of Russia") stands for its state
  in the relationship kinds that hold between states and armed parties (``state_level_kinds``).

Word lists: data/lexicon/relations.yaml (``modifier_relations``, ``state_level_kinds`` …).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.mentions import ArticleMentions, EntityMention, RelationMention

if TYPE_CHECKING:
    from kg.extract.relations import _RelationLexicon


def implied_relations(mentions: ArticleMentions, lex: _RelationLexicon) -> list[RelationMention]:
    """Relations from roles, hostile events and compound modifiers, in that order."""
    return [
        *_hostility_from_events(mentions, lex),
        *_leadership_from_roles(mentions, lex),
        *_from_modifiers(mentions, lex),
    ]


def state_level(
    mentions: ArticleMentions, relations: list[RelationMention], lex: _RelationLexicon
) -> list[RelationMention]:
    """Relations whose party is a minted state organ, with the organ replaced by its state where the kind
    holds between states (a Hostility of "the armed forces of Russia" is Russia's)."""
    organs = {
        e.iri: e.of_state
        for e in mentions.entities
        if e.of_state and not e.known and _written_with_state(mentions, e.iri, e.of_state)
    }
    result = []
    for relation in relations:
        if relation.kind in lex.state_level_kinds:
            relation = replace(relation, from_party=organs.get(relation.from_party) or relation.from_party)
            if relation.kind in lex.symmetric:
                relation = replace(relation, to_party=organs.get(relation.to_party) or relation.to_party)
        result.append(relation)
    return result


def _written_with_state(mentions: ArticleMentions, organ: str, state: str) -> bool:
    """Some mention of the organ comes with its state in the sentence ("Russia's army", "the Russian
    defence ministry", "Uganda sent troops"); "the army" alone, read as the local state's, stands for
    itself: "a militia that fights alongside the army" is allied with the army, not with the state."""
    states = [e.span for e in mentions.entities if e.iri == state]
    return any(
        e.iri == organ
        and (
            re.search(r"[A-Z]", e.span.text[1:])
            or any(0 <= e.span.start - s.end <= 25 or 0 <= s.start - e.span.end <= 8 for s in states)
        )
        for e in mentions.entities
    )


def without_friendly_hostility(
    stated: list[RelationMention], implied: list[RelationMention]
) -> list[RelationMention]:
    """Implied relations without a Hostility between parties the article states are friends ("FACa,
    fighting alongside Russian instructors": the events stage may read the fighting as between them)."""
    friends = {frozenset((r.from_party, r.to_party)) for r in stated if r.kind in _FRIENDLY}
    return [
        r for r in implied if r.kind != "Hostility" or frozenset((r.from_party, r.to_party)) not in friends
    ]


_FRIENDLY = {"Alliance", "Support", "Backing", "Membership", "Leadership"}


def _from_modifiers(mentions: ArticleMentions, lex: _RelationLexicon) -> list[RelationMention]:
    """ "X-backed Y" and the like, from the modifier's ``modifier_of`` (relation word, head IRI)."""
    heads = {e.iri: e for e in mentions.entities}
    found = []
    for modifier in mentions.entities:
        if modifier.modifier_of is None or modifier.modifier_of[0] not in lex.modifier_relations:
            continue
        word, head_iri = modifier.modifier_of
        head = heads.get(head_iri)
        kind, reversed_ = lex.modifier_relations[word]
        if head is None or _not_related(modifier, head, kind, lex):
            continue
        if kind == "Membership" and _STATE_LIKE & set(modifier.kinds):
            kind, reversed_ = "Alliance", False  # "Iran-linked militias" are not members of Iran
        source, target = (head.iri, modifier.iri) if reversed_ else (modifier.iri, head.iri)
        found.append(RelationMention(modifier.span, modifier.sentence, kind, source, target))
    return found


_STATE_LIKE = {"State", "Country"}


def _not_related(modifier: EntityMention, head: EntityMention, kind: str, lex: _RelationLexicon) -> bool:
    """Sources never relate; "Hamas-led gunmen": a loose collective is not led as an organisation."""
    if set(modifier.kinds) & lex.not_parties or set(head.kinds) & lex.not_parties:
        return True
    return kind == "Leadership" and bool(set(head.kinds) & lex.compound_excluded)


_INDEFINITE = re.compile(r"(?<![\w-])(?:an?|one|another|several|two|three|some)\s+$", re.IGNORECASE)


def _leadership_from_roles(mentions: ArticleMentions, lex: _RelationLexicon) -> list[RelationMention]:
    """ "HTS leader Abu Mohammed al-Jolani", "SDF commander Mazloum Abdi": the holder leads the group (a
    state's or the UN's "chief" is left alone: "Egyptian intelligence chief" does not lead Egypt); "a senior
    Hamas official, Osama Hamdan": a named official is a member of the group."""
    found = []
    for role in mentions.roles:
        org = role.organization
        if org is None or set(org.kinds) & lex.not_led_by_role:
            continue
        person = role.person.iri
        if role.person.how == "role" and _INDEFINITE.search(mentions.text, 0, role.span.start):
            continue  # "a commander of the group": one of its commanders, nobody in particular
        if role.role_kind in lex.leading_roles:
            found.append(RelationMention(role.span, role.sentence, "Leadership", person, org.iri))
        elif role.role_kind in lex.member_roles and role.person.how != "role" and person != org.iri:
            found.append(RelationMention(role.span, role.sentence, "Membership", person, org.iri))
    return found


def _hostility_from_events(mentions: ArticleMentions, lex: _RelationLexicon) -> list[RelationMention]:
    """An attack by one armed party or state on another ("Russia shelled Ukrainian positions") states
    that they are in conflict: a Hostility between each agent and each target."""
    kinds: dict[str, frozenset[str]] = {}
    named_in: dict[str, set[int]] = {}
    for entity in mentions.entities:
        kinds[entity.iri] = kinds.get(entity.iri, frozenset()) | frozenset(entity.kinds)
        named_in.setdefault(entity.iri, set()).add(entity.sentence)
    found = []
    for event in mentions.events:
        if event.event_class not in lex.hostile_events:
            continue
        if re.match(r"\s+(?:alongside|together with|side by side with)\b", mentions.text[event.span.end :]):
            continue  # "fighting alongside X": X is no target
        for agent, target in ((a, t) for a in event.agents for t in event.targets if a != t):
            armed = all(kinds.get(party, frozenset()) & lex.armed_parties for party in (agent, target))
            if armed and event.sentence in named_in[agent] & named_in[target]:
                found.append(RelationMention(event.span, event.sentence, "Hostility", agent, target))
    return found
