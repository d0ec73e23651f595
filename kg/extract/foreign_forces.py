"""Troops of a foreign state named by a demonym: "French troops" in an article about Burkina Faso.

A collective "<Demonym> forces / troops / soldiers" is minted as ``id:actor/<demonym>-forces`` by
:mod:`kg.extract.entities`. When the state it names is not the state the article is about (and the
gazetteer has no armed force of its own for it), the phrase stands for that state acting abroad — "Paris
withdrew its troops" and "French troops withdrew" say the same thing — so the mention denotes the country.
The article's own state keeps its collective ("Malian troops" in a report on Mali): its forces are an actor
of their own there, opposed to or allied with the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.discovery import alternation
from kg.extract.institutions import article_state
from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import EntityMention, Sentence
from kg.gazetteer import GazetteerEntry
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher


def foreign_forces_as_states(
    sentences: Sequence[Sentence], mentions: list[EntityMention], matcher: GazetteerMatcher
) -> list[EntityMention]:
    """MENTIONS with "<Demonym> troops" of a foreign state re-pointed at that state."""
    home = article_state(sentences, mentions)
    built = re.compile(
        rf"\b(?:{alternation(lexicon_section('collectives', 'forces_built_by'))})\s+$", re.IGNORECASE
    )
    canonical = _forces_canonical()
    result = []
    for mention in mentions:
        state = _foreign_state(mention, canonical, matcher)
        if (
            state is not None
            and state.iri != home
            and home is not None
            and not _built_up(mention, sentences, built)
        ):
            mention = replace(
                mention,
                iri=state.iri,
                label=state.label,
                kinds=state.kinds,
                is_place=state.is_place,
                is_actor=True,
                known=state.iri not in matcher.minted,
                how="demonym",
            )
        result.append(mention)
    return result


def _built_up(mention: EntityMention, sentences: Sequence[Sentence], built: re.Pattern[str]) -> bool:
    """ "Canada trains Ukrainian troops": the troops are the object of a verb building them up."""
    sentence = next(s.span for s in sentences if s.index == mention.sentence)
    before = sentence.text[: mention.span.start - sentence.start]
    return built.search(before) is not None


def _forces_canonical() -> str:
    """The collective whose forms are the bare force nouns ("forces", "troops", "soldiers")."""
    table = lexicon_section("collectives", "collectives")
    return next(
        (str(c) for c, e in table.items() if "troops" in e["forms"] and e.get("needs_qualifier")), "forces"
    )


def _foreign_state(
    mention: EntityMention, canonical: str, matcher: GazetteerMatcher
) -> GazetteerEntry | None:
    """The state of a minted "<Demonym> forces" collective, if its demonym names one."""
    if mention.known or mention.how != "pattern" or "CollectiveActor" not in mention.kinds:
        return None
    words = mention.label.split()
    if len(words) != 2 or words[1].lower() != canonical:
        return None
    state = matcher.demonyms.get(words[0])
    if state is None or "State" not in state.kinds:
        return None
    if mention.iri != str(ID[f"actor/{slug(mention.label)}"]):
        return None
    return state
