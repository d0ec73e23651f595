"""Roles: persons described by a role title, with the organisation they hold it in.

"Kremlin spokesman Dmitry Peskov" (named), "Iran's foreign minister", "a Syrian government security
official", "the foreign minister of Iran" (unnamed), "Hakan Fidan, Turkey's foreign minister" (apposition).
Titles, role kinds and modifiers are in ``data/lexicon/roles.yaml``.

IRIs: a named person keeps the IRI of its entity mention (gazetteer or ``id:actor/{slug(name)}``). An unnamed
person is article-scoped, ``id:article/{key}/actor/{slug("<title> of <organisation>")}``, so repeated
mentions in one article are one node; when the article also names a holder of the same role kind in the
same organisation ("The Kremlin spokesman …" and "Kremlin spokesman Dmitry Peskov"), the unnamed mention
resolves to that named person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from kg.extract.grouping import by_sentence
from kg.extract.lexicon import lexicon
from kg.extract.mentions import EntityMention, RoleMention, Sentence, Span
from kg.namespaces import ID, slug

# ", Major General " before a name, after an unlinked "for the junta"
_APPOSED_NAME = re.compile(r"(?:\s+(?:of|for)\s+(?:the\s+)?[a-z][\w-]*)?,\s+(?:[A-Z][a-z]*\.?\s+){0,3}")
_ORG_KINDS_EXCLUDED = {"Person", "UnnamedPerson", "Materiel", "CollectiveActor"}


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern[str]:
    titles = sorted(lexicon("roles")["titles"], key=len, reverse=True)
    alternation = "|".join(re.escape(str(t)).replace(r"\ ", r"\s+") for t in titles)
    return re.compile(rf"(?<![\w-])(?P<title>{alternation})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _modifiers() -> re.Pattern[str]:
    words = sorted((str(m) for m in lexicon("roles")["modifiers"]), key=len, reverse=True)
    return re.compile(rf"(?:\b(?:{'|'.join(re.escape(w) for w in words)})\s+)+$", re.IGNORECASE)


def find_roles(
    text: str, sentences: Sequence[Sentence], entities: Sequence[EntityMention], *, article_key: str
) -> list[RoleMention]:
    """Every role phrase of the article, in text order (see the module docstring)."""
    roles: list[RoleMention] = []
    entities_of = by_sentence(entities)
    for sentence in sentences:
        local = entities_of.get(sentence.index, [])
        for match in _title_regex().finditer(sentence.span.text):
            role = _role(text, sentence, match, local, article_key)
            if role is not None:
                roles.append(role)
    return _resolve_unnamed(roles)


def _role(
    text: str, sentence: Sentence, match: re.Match[str], local: list[EntityMention], key: str
) -> RoleMention | None:
    base = sentence.span.start
    start, end = base + match.start(), base + match.end()
    if any(e.span.start <= start and end <= e.span.end for e in local):
        return None  # the title is part of a name ("Syrian Observatory …")
    title = " ".join(match.group("title").lower().split())
    kind = str(lexicon("roles")["titles"][title])
    modifiers = _modifiers().search(text, base, start)
    phrase_start = modifiers.start() if modifiers else start
    inside = next((e for e in local if e.span.start < phrase_start < e.span.end), None)
    if modifiers and inside is not None:  # "Syrian government security official": modifiers after the name
        phrase_start = (
            inside.span.end + len(text[inside.span.end : start]) - len(text[inside.span.end : start].lstrip())
        )
    title_start = phrase_start
    organization = _organization_before(text, phrase_start, local) or _organization_after(text, end, local)
    named = next((e for e in local if "Person" in e.kinds and _gap(text, end, e.span.start)), None)
    named = named or _apposition(text, phrase_start, organization, local)
    phrase_end = organization.span.end if organization is not None and organization.span.start > end else end
    named = (
        named or _apposition_after(text, phrase_end, local) or _apposed_new_name(text, sentence, phrase_end)
    )
    if organization is not None:
        phrase_start = min(phrase_start, organization.span.start)
    if named is None and organization is None and not modifiers:
        return None  # a bare "official" / "leader" says too little
    phrase_start = _skip_determiner(text, phrase_start, start)
    title_text = text[title_start:end]
    title_text = re.sub(r"^(?:a|an|the)\s+", "", title_text, flags=re.IGNORECASE)
    if named is not None:
        span_end = max(end, named.span.end) if named.span.start >= end else end
        span = Span(
            min(phrase_start, named.span.start),
            span_end,
            text[min(phrase_start, named.span.start) : span_end],
        )
        return RoleMention(span, sentence.index, named, kind, title_text, organization)
    end = max(end, organization.span.end) if organization is not None else end  # "… of Iran"
    span = Span(phrase_start, end, text[phrase_start:end])
    person = _unnamed_person(span, sentence, title_text, organization, key)
    return RoleMention(span, sentence.index, person, kind, title_text, organization)


def _gap(text: str, end: int, start: int) -> bool:
    return 0 < start - end <= 2 and text[end:start].isspace()


def _skip_determiner(text: str, phrase_start: int, title_start: int) -> int:
    determiner = re.match(r"(?:a|an|the)\s+", text[phrase_start:title_start], re.IGNORECASE)
    return phrase_start + determiner.end() if determiner else phrase_start


def _organization_before(text: str, start: int, local: list[EntityMention]) -> EntityMention | None:
    """An actor right before the title: "Iran's foreign minister", "Kremlin spokesman", "UN envoy"."""
    for entity in sorted(local, key=lambda e: -e.span.end):
        gap = text[entity.span.end : start]
        if entity.span.end <= start and re.fullmatch(r"(?:['’]s?)?\s*", gap) and _is_org(entity):
            return entity
    return None


def _organization_after(text: str, end: int, local: list[EntityMention]) -> EntityMention | None:
    """An actor after "of"/"for"/"to": "the foreign minister of Iran", "spokesman for the army"."""
    for entity in sorted(local, key=lambda e: e.span.start):
        gap = text[end : entity.span.start]
        if (
            entity.span.start >= end
            and re.fullmatch(r"\s+(?:of|for|to|at|in)\s+(?:the\s+)?", gap)
            and _is_org(entity)
        ):
            return entity
    return None


def _apposition(
    text: str, phrase_start: int, org: EntityMention | None, local: list[EntityMention]
) -> EntityMention | None:
    """A named person right before the phrase and a comma: "Hakan Fidan, Turkey's foreign minister"."""
    start = org.span.start if org is not None and org.span.start < phrase_start else phrase_start
    for entity in local:
        if "Person" in entity.kinds and re.fullmatch(r",\s+(?:the\s+)?", text[entity.span.end : start]):
            return entity
    return None


def _apposition_after(text: str, end: int, local: list[EntityMention]) -> EntityMention | None:
    """A named person after the phrase and a comma: "a senior Hamas official, Osama Hamdan, told …",
    "a spokesman for the junta, Major General Zaw Min Tun, said"."""
    for entity in local:
        gap = text[end : entity.span.start]
        if "Person" in entity.kinds and entity.span.start > end and _APPOSED_NAME.fullmatch(gap):
            return entity
    return None


_NEW_NAME = re.compile(
    r",\s+(?P<name>[A-Z][a-z]+(?:[-\s](?:(?:al|el|bin|ibn|abu|de|van|von)[-\s])?[A-Z][a-z]+){1,3}),"
)


def _apposed_new_name(text: str, sentence: Sentence, end: int) -> EntityMention | None:
    """A name no earlier stage found, set off by commas after the role: "a senior Hamas official, Osama
    Hamdan, told …" (a name with a `not_name_words` token of data/lexicon/roles.yaml is not a person)."""
    match = _NEW_NAME.match(text, end, sentence.span.end)
    if match is None:
        return None
    name = match.group("name")
    banned = {str(w) for w in lexicon("roles")["untitled_persons"]["not_name_words"]}
    if set(re.split(r"[-\s]", name)) & banned:
        return None
    start = match.start("name")
    iri = str(ID[f"actor/{slug(name)}"])
    return EntityMention(
        Span(start, start + len(name), name),
        sentence.index,
        iri,
        name,
        ("Person",),
        False,
        True,
        False,
        "pattern",
    )


def _is_org(entity: EntityMention) -> bool:
    return entity.is_actor and not (set(entity.kinds) & _ORG_KINDS_EXCLUDED)


def _unnamed_person(
    span: Span, sentence: Sentence, title: str, org: EntityMention | None, key: str
) -> EntityMention:
    name = f"{title} of {org.label}" if org is not None else title
    iri = str(ID[f"article/{key}/actor/{slug(name)}"])
    return EntityMention(span, sentence.index, iri, name, ("UnnamedPerson",), False, True, False, "role")


def _resolve_unnamed(roles: list[RoleMention]) -> list[RoleMention]:
    named = {
        (r.role_kind, r.organization.iri if r.organization else None): r.person
        for r in roles
        if r.person.how != "role"
    }
    result = []
    for role in roles:
        org = role.organization.iri if role.organization else None
        holder = named.get((role.role_kind, org))
        if role.person.how == "role" and org is not None and holder is not None:
            role = replace(role, person=replace(holder, span=role.span, sentence=role.sentence, how="role"))
        result.append(role)
    return result


def with_role_persons(entities: Sequence[EntityMention], roles: Sequence[RoleMention]) -> list[EntityMention]:
    """The entities plus the persons of role phrases not already among them, in text order.

    A role's person span covers its whole phrase ("Iran's foreign minister"), so it overlaps the organisation
    mention inside it; use this list when an actor is wanted wherever a role phrase stands.
    """
    present = {(e.span.start, e.span.end, e.iri) for e in entities}
    extra = [r.person for r in roles if (r.person.span.start, r.person.span.end, r.person.iri) not in present]
    return sorted([*entities, *extra], key=lambda e: (e.span.start, e.span.end))
