"""Speakers of statements that do not name them in their own clause (used by :mod:`kg.extract.events`).

- "He accused the rebels of …", "They blamed the army": a pronoun subject is the last speaker of the
  sentences before (the subject of "said", "told" or of an earlier statement);
- "Iran's foreign ministry condemned …": the state owning the speaking body speaks too;
- "X said its units returned fire …, and it denied …": the pronoun is the speaker of the sentence;
- "The ministry denied …": a bare noun that names the last speaker ("ministry" in "ministry of defence").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.clauses import clause_bounds, coordinated, reporting_subject
from kg.extract.event_links import EventState
from kg.extract.event_parts import Hit
from kg.extract.mentions import Sentence

_PRONOUN = re.compile(
    r"\s*(?:(?:On|In|At|Later|Earlier|Meanwhile|Separately)\b[^,]{0,30},\s*)?(?:He|She|They|It)\s+"
    r"(?:(?:has|have|had|also|later|then|again|[a-z]+ly)\s+){0,3}$"
)
_STATE_KINDS = frozenset({"Country", "State"})
_AND_PRONOUN = re.compile(
    r"(?<![\w-])(?:and|but|while)\s+(?:it|they|he|she)\s+(?:(?:also|later|then|again|[a-z]+ly)\s+){0,2}$"
)
_BARE_NOUN = re.compile(
    r"\s*(?:(?:On|In|At|Later|Earlier|Meanwhile|Separately)\b[^,]{0,30},\s*)?[Tt]he\s+(?P<noun>[A-Za-z]+)\s+"
    r"(?:(?:has|have|had|also|later|then|again|[a-z]+ly)\s+){0,3}$"
)


def resolve_speakers(
    state: EventState, sentence: Sentence, hits: Sequence[Hit], local: list[tuple[Hit, int]]
) -> None:
    """Fill in speakers of this sentence's statements, then remember who spoke last."""
    _pronoun_speaks(state, sentence, local)
    _sentence_speaker_continues(state, sentence, hits, local)
    _owner_speaks(state, sentence, local)
    _remember_speaker(state, sentence, hits, local)


def _pronoun_speaks(state: EventState, sentence: Sentence, local: list[tuple[Hit, int]]) -> None:
    text = state.mentions.text
    for hit, index in local:
        draft = state.drafts[index]
        if not hit.is_speech or draft.agents or draft.span != hit.span or not state.speakers:
            continue
        opening = text[sentence.span.start : hit.span.start]
        noun = _BARE_NOUN.fullmatch(opening)
        named = noun is not None and all(
            noun.group("noun").lower() in s.rsplit("/", 1)[-1] for s in state.speakers
        )
        if _PRONOUN.fullmatch(opening) or named:
            draft.agents = list(state.speakers)
            draft.attributed_to = list(state.speakers)


def _sentence_speaker_continues(
    state: EventState, sentence: Sentence, hits: Sequence[Hit], local: list[tuple[Hit, int]]
) -> None:
    """ "X said its units had only returned fire …, and it denied …": "it" is X, whoever stands nearer."""
    text = state.mentions.text
    actors = state.actors(sentence)
    for hit, index in local:
        draft = state.drafts[index]
        if not hit.is_speech or draft.span != hit.span:
            continue
        if not _AND_PRONOUN.search(text[max(sentence.span.start, hit.span.start - 40) : hit.span.start]):
            continue
        verbs = [h for h in hits if h.is_speech and h.span.end <= hit.span.start and h.span != hit.span]
        if not verbs:
            continue
        subject = reporting_subject(text, actors, verbs[0].span.start)
        if subject is not None:
            chosen = coordinated(actors[: actors.index(subject) + 1], text, nearest_last=True)
            draft.agents = [a.iri for a in chosen]
            draft.attributed_to = list(draft.agents)


def _owner_speaks(state: EventState, sentence: Sentence, local: list[tuple[Hit, int]]) -> None:
    """ "Iran's foreign ministry condemned": Iran speaks too (only when the owner is a state)."""
    text = state.mentions.text
    args = state.args.get(sentence.index, [])
    for hit, index in local:
        draft = state.drafts[index]
        if not hit.is_speech or draft.span != hit.span:
            continue
        for agent in [a for a in args if a.iri in draft.agents and a.span.end <= hit.span.start]:
            owner = [a for a in args if a.span.end <= agent.span.start and _STATE_KINDS & set(a.kinds)]
            if owner and re.fullmatch(r"[’']s?\s+", text[owner[-1].span.end : agent.span.start]):
                draft.add("agents", owner[-1].iri)
                draft.add("attributed_to", owner[-1].iri)


def _remember_speaker(
    state: EventState, sentence: Sentence, hits: Sequence[Hit], local: list[tuple[Hit, int]]
) -> None:
    text = state.mentions.text
    actors = state.actors(sentence)
    drafts = dict((h.span, i) for h, i in local)
    for hit in reversed([h for h in hits if h.is_speech]):
        index = drafts.get(hit.span)
        if index is not None and state.drafts[index].agents:
            state.speakers = list(state.drafts[index].agents)
            return
        start, _ = clause_bounds(sentence, hit.span.start)
        subject = reporting_subject(text, [a for a in actors if a.span.start >= start], hit.span.start)
        if index is None and subject is not None:
            chosen = coordinated(actors[: actors.index(subject) + 1], text, nearest_last=True)
            state.speakers = [a.iri for a in chosen]
            return
