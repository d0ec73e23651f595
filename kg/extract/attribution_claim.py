"""The claim a reporting phrase makes: the events, figures, relations and quotation in its content."""

from __future__ import annotations

import re

from kg.extract.clauses import quotes_in
from kg.extract.event_parts import event_lexicon, is_anaphoric_reference
from kg.extract.mentions import ArticleMentions, AttributionMention, Sentence, Span

_MIN_QUOTE_WORDS = 2  # "neutralised", "terrorists": one-word quotations are scare quotes, no Quotation
_QUOTE_VERBS = re.compile(
    r"sa(?:y|ys|id|ying)|told|stat(?:e|es|ed)|add(?:s|ed)|wr(?:ote|ites)", re.IGNORECASE
)


def claim_of(
    mentions: ArticleMentions,
    sentence: Sentence,
    verb: Span,
    claim_class: str,
    source: str,
    content: tuple[int, int],
) -> AttributionMention | None:
    start, end = content
    lex, text = event_lexicon(), mentions.text
    named = [
        (i, [s for s in (e.span, *e.coreferences) if start <= s.start and s.end <= end])
        for i, e in enumerate(mentions.events)
        if e.attributed_to != (source,) and not (e.span.start <= verb.start < e.span.end)
    ]
    events = tuple(i for i, spans in named if any(not is_anaphoric_reference(text, s, lex) for s in spans))
    figures = tuple(i for i, f in enumerate(mentions.figures) if start <= f.span.start and f.span.end <= end)
    if not (events or figures):  # "the governor said the attack hit a high-rise": reports the attack
        events = tuple(i for i, spans in named if spans)
    relations = tuple(
        i for i, r in enumerate(mentions.relations) if start <= r.span.start and r.span.end <= end
    )
    quotes = (
        [
            q
            for q in quotes_in(text, min(start, verb.start), max(end, verb.end))
            if len(q.text.split()) >= _MIN_QUOTE_WORDS
        ]
        if _QUOTE_VERBS.fullmatch(verb.text)
        else []
    )
    if not (events or figures or relations or quotes):
        return None
    if quotes and claim_class == "Report":
        claim_class = "Quotation"
    return AttributionMention(
        verb,
        sentence.index,
        claim_class,
        source,
        verb.text,
        events,
        figures,
        relations,
        quotes[0].text if quotes else None,
    )
