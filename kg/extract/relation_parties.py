"""A collective party that stands for one named group: after "M23 rebels" or "rebels of the M23 movement",
"Rwanda sent troops to support the rebels" is support for the M23.

A collective actor (``CollectiveActor``, e.g. id:actor/rebels) whose noun is in ``group_nouns`` of
data/lexicon/relations.yaml is tied to a named group when the article writes them together: the group
right before the noun ("ELN guerrillas") or the noun right before "of"/"from" and the group ("fighters of
the Fano"). When the article ties the noun to exactly one group, relations of the collective are that
group's; a noun tied to two groups ("fighters of JNIM", "fighters of the Wagner Group") stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from kg.extract.lexicon import lexicon
from kg.extract.mentions import ArticleMentions, EntityMention, RelationMention

_NOUN_OF_GROUP = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?")


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    data = lexicon("relations")["collective_referents"]
    return frozenset(str(n).lower() for n in data["group_nouns"]), frozenset(data["group_kinds"])


def collective_groups(mentions: ArticleMentions) -> dict[str, str]:
    """IRI of a collective actor → IRI of the one named group the article ties it to."""
    tied: dict[str, set[str]] = {}
    entities = sorted(mentions.entities, key=lambda e: (e.span.start, e.span.end))
    for before, after in zip(entities, entities[1:], strict=False):
        gap = mentions.text[before.span.end : after.span.start]
        if _is_group(before) and _is_noun(after) and gap.isspace() and len(gap) == 1:
            tied.setdefault(after.iri, set()).add(before.iri)  # "M23 rebels"
        elif _is_noun(before) and _is_group(after) and _NOUN_OF_GROUP.fullmatch(gap):
            tied.setdefault(before.iri, set()).add(after.iri)  # "rebels of the M23 movement"
    return {noun: next(iter(groups)) for noun, groups in tied.items() if len(groups) == 1}


def with_groups(relations: Sequence[RelationMention], groups: dict[str, str]) -> list[RelationMention]:
    """The relations with each tied collective party replaced by its group."""
    return [
        replace(
            r,
            from_party=groups.get(r.from_party, r.from_party),
            to_party=groups.get(r.to_party, r.to_party),
        )
        for r in relations
    ]


def _is_noun(entity: EntityMention) -> bool:
    nouns, _ = _vocabulary()
    return "CollectiveActor" in entity.kinds and entity.span.text.lower() in nouns


def _is_group(entity: EntityMention) -> bool:
    _, kinds = _vocabulary()
    return entity.is_actor and bool(set(entity.kinds) & kinds) and entity.how != "coreference"
