"""Speakers of statements made inside quotation marks (used by :mod:`kg.extract.events`).

- ""Any attack will be met with force," army spokesman X said.": the speaker follows the quote;
- ""They will pay for this," said X.": the same, with the reporting verb first;
- a sentence that is nothing but a quote continues the last speaker of the sentences before.
"""

from __future__ import annotations

import re

from kg.extract.clauses import quotes_in
from kg.extract.event_links import EventState
from kg.extract.event_parts import Hit
from kg.extract.mentions import Sentence, Span

_VERBS = r"(?:said|says|told|added|warned|declared|stated|wrote|posted|insisted|vowed)"
# after the closing quote: "…," the group's spokesman X said / "…," said X, …
_TRAILER = re.compile(
    rf"[,.!?]?[”\"]\s*,?\s*(?:(?P<who>[^“”\"]{{1,120}}?)\s+{_VERBS}\b|{_VERBS}\s+(?P<after>[^“”\";]{{1,120}}))"
)
_WHOLE_QUOTE = re.compile(r"\s*[“\"][^“”\"]+[”\"]\s*")


def quoted_speakers(state: EventState, sentence: Sentence, local: list[tuple[Hit, int]]) -> None:
    """Give a statement inside a quote, still without a speaker, the actors named as its speaker."""
    text = state.mentions.text
    actors = state.actors(sentence)
    quotes = quotes_in(text, sentence.span.start, sentence.span.end)
    for hit, index in local:
        draft = state.drafts[index]
        if not hit.is_speech or draft.span != hit.span:
            continue
        quote = next((q for q in quotes if q.start <= hit.span.start < q.end), None)
        if quote is None:
            continue
        if (
            draft.agents
            and draft.event_class == "Threat"
            and _all_inside(state, sentence, draft.agents, quote)
        ):
            draft.about += [a for a in draft.agents if a not in draft.about]  # ""X will pay": X is threatened
            draft.agents, draft.attributed_to = [], []
        if draft.agents:
            continue
        speakers = _named_after(text, quote.end, sentence.span.end, actors)
        if not speakers and _WHOLE_QUOTE.fullmatch(text[sentence.span.start : sentence.span.end]):
            speakers = list(state.speakers)
        if not speakers:
            continue
        draft.agents = speakers
        draft.attributed_to = list(speakers)
        draft.quote = draft.quote or quote.text


def _named_after(text: str, start: int, end: int, actors: list) -> list[str]:
    match = _TRAILER.match(text, start, end)
    if match is None:
        return []
    group = "who" if match.group("who") is not None else "after"
    lo, hi = match.span(group)
    return [a.iri for a in actors if lo <= a.span.start and a.span.end <= hi]


def _all_inside(state: EventState, sentence: Sentence, iris: list[str], quote: Span) -> bool:
    spans = [a.span for a in state.args.get(sentence.index, []) if a.iri in iris]
    return bool(spans) and all(quote.start <= s.start and s.end <= quote.end for s in spans)
