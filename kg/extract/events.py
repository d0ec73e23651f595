"""Events: trigger words (data/lexicon/events.yaml) → :class:`EventMention` with class and arguments.

Per sentence, in text order, every trigger either refers back to an earlier event (a definite form such
as "the offensive" or "this attack") or opens a new event whose agents, targets and places come from the
actors and places of its clause (subject before the trigger, object after it, "by X", "X-led"). New events
that repeat an earlier one (same class, no conflicting agent, place or date) are merged into it. The first
offensive of an article is its campaign; violent events sharing its agents or places become sub-events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.clauses import clause_bounds, sentence_args
from kg.extract.event_args import fill_arguments
from kg.extract.event_links import (
    EventState,
    event_asides,
    link_dates,
    link_statements,
    link_violations,
    sentence_subject_speaks,
    share_subject,
    speaker_as_agent,
)
from kg.extract.event_merge import attach_figures, link_campaign, merge_into, mergeable
from kg.extract.event_output import finish
from kg.extract.event_parts import (
    Draft,
    EventLexicon,
    Hit,
    complementizer,
    event_lexicon,
    is_speech_class,
    sentence_hits,
)
from kg.extract.event_quotes import quoted_speakers
from kg.extract.event_speakers import resolve_speakers
from kg.extract.event_when import link_when_clauses
from kg.extract.mentions import ArticleMentions, EntityMention, EventMention, Sentence, Span
from kg.namespaces import ID, slug


def find_materiel(mentions: ArticleMentions) -> list[EntityMention]:
    """Materiel named in the text ("heavy weapons"), as marked by the entity stage, one per span."""
    found = [e for e in mentions.entities if "Materiel" in e.kinds] + list(mentions.materiel)
    unique = {(m.span.start, m.span.end): m for m in found}
    return sorted(unique.values(), key=lambda m: (m.span.start, m.span.end))


def find_events(mentions: ArticleMentions, *, article_key: str) -> list[EventMention]:
    """Events of the article, in text order of their first trigger (needs sentences, entities, roles, dates,
    figures and materiel already filled in ``mentions``). Unnamed captured places ("over 50 towns and
    villages") are added to ``mentions.entities`` as article-scoped places."""
    lex = event_lexicon()
    state = EventState(mentions, lex, sentence_args(mentions, skip_modifiers=lex.not_agent_modifiers), [])
    for sentence in mentions.sentences:
        _read_sentence(state, sentence)
    mentions.entities += _unnamed_captured_places(state, article_key)
    _violent_protests(state.drafts, lex)
    _no_reporters_as_agents(state.drafts, mentions, lex)
    link_campaign(state.drafts, lex, sections=_sections(mentions.sentences))
    attach_figures(state.drafts, mentions, lex)
    return finish(state.drafts, mentions)


def _sections(sentences: Sequence[Sentence]) -> list[int]:
    """Section number per sentence: 0 before the first subheading, then one more at each subheading."""
    numbers, current = [], 0
    for sentence in sentences:
        current += sentence.kind == "heading"
        numbers.append(current)
    return numbers


def _violent_protests(drafts: list[Draft], lex: EventLexicon) -> None:
    """ "Protesters attacked the embassies": violence whose agents are all protesters is a Protest."""
    for draft in drafts:
        slugs = {a.rsplit("/", 1)[-1] for a in draft.agents}
        if draft.event_class in lex.inherit_agents and slugs and slugs <= lex.protesters:
            draft.event_class = "Protest"


def _no_reporters_as_agents(drafts: list[Draft], mentions: ArticleMentions, lex: EventLexicon) -> None:
    """News agencies, monitors and aid groups report or suffer violence: agents of statements only."""
    reporters = {e.iri for e in mentions.entities if lex.not_agent_kinds & set(e.kinds)}
    for draft in drafts:
        own_work = draft.event_class == "AidDisruption"  # "the WFP suspended its flights"
        if not is_speech_class(draft.event_class, lex) and not own_work and reporters & set(draft.agents):
            draft.agents = [a for a in draft.agents if a not in reporters]


def _read_sentence(state: EventState, sentence: Sentence) -> None:
    text = state.mentions.text
    local: list[tuple[Hit, int]] = []  # every trigger of the sentence with the draft it denotes
    followers: list[tuple[int, int]] = []  # (event, event of a participle clause after it)
    first_new = len(state.drafts)
    names = [a.span for a in state.args.get(sentence.index, [])]
    hits = sentence_hits(text, sentence, state.lex, names=names)
    for number, hit in enumerate(hits):
        left_bound = _left_bound(state, hits[:number], sentence, hit)
        index = _anaphor_target(state, hit) if _is_definite(text, hit, state.lex) else None
        if index is not None:
            _absorb(state, index, hit, left_bound)
        elif hit.event_class is not None:
            state.drafts.append(_new_draft(state, hit, left_bound))
            index = len(state.drafts) - 1
            if hit.intent and any(h.event_class is None and h.is_speech for h in hits[:number]):
                _speaker_threatens(state.drafts[index])
            followers += share_subject(state, local, hit, index)
        if index is not None:
            local.append((hit, index))
    link_dates(state, sentence, local)
    link_when_clauses(state, local)
    for leader, follower in followers:
        state.drafts[follower].date = state.drafts[follower].date or state.drafts[leader].date
    quoted_speakers(state, sentence, local)
    speaker_as_agent(state, sentence, hits, local)
    sentence_subject_speaks(state, sentence, local)
    resolve_speakers(state, sentence, hits, local)
    link_statements(state, sentence, local)
    link_violations(state, local)
    for index in range(first_new, len(state.drafts)):
        _merge_if_repeated(state, index)


def _left_bound(state: EventState, previous: Sequence[Hit], sentence: Sentence, hit: Hit) -> int:
    """Arguments left of a trigger are searched after the previous trigger or reporting verb of its clause
    (a reporting verb right before the trigger, "X said described …", or a claim of it, "X claimed the
    attack", or one inside a relative clause set off by commas, does not count)."""
    text, lex = state.mentions.text, state.lex
    all_asides = event_asides(state, sentence)
    start, _ = clause_bounds(sentence, hit.span.start, asides=all_asides)
    asides = [(s, e) for s, e in all_asides if not s <= hit.span.start < e]
    for other in (h for h in previous if not any(s <= h.span.start < e for s, e in asides)):
        gap = text[other.span.end : hit.span.start]
        claim = lex.claimed.search(text, other.span.start, hit.span.start)
        claims_it = (claim is not None and claim.start() == other.span.start) or _claims_new(other, gap)
        adjacent = other.event_class is None and (not gap.strip() or claims_it)
        if other.span.end > start and not adjacent:
            start = other.span.end
    return start


_CLAIM_VERB = re.compile(r"claim(?:s|ed|ing)?", re.IGNORECASE)
_CLAIMED_GAP = re.compile(r"\s+(?:an?|two|three|several|twin|multiple)\s+(?:[\w-]+\s+){0,2}")


def _claims_new(verb: Hit, gap: str) -> bool:
    """ "X claimed an ambush", "claimed twin bombings": the claimant is the subject of the claimed attack."""
    return bool(_CLAIM_VERB.fullmatch(verb.span.text)) and bool(_CLAIMED_GAP.fullmatch(gap))


def _is_definite(text: str, hit: Hit, lex: EventLexicon) -> bool:
    if not hit.anaphoric:
        return False
    before = text[max(0, hit.span.start - 60) : hit.span.start]
    if lex.claimed.search(before):  # "X claims attack", "claimed responsibility for the bombing"
        return True
    determiner = lex.definite.search(before)
    if not determiner or lex.new_event.search(determiner.group(0)) or complementizer(before, determiner, lex):
        return False
    return not re.match(r"\s+(?:of|by)\b", text[hit.span.end : hit.span.end + 5]) or hit.event_class is None


def _anaphor_target(state: EventState, hit: Hit) -> int | None:
    candidates = [
        i for i, d in enumerate(state.drafts) if d.merged_into is None and d.event_class in hit.refers
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (state.drafts[i].last_seen, i))


def _new_draft(state: EventState, hit: Hit, left_bound: int) -> Draft:
    draft = Draft(hit.event_class or "Event", hit.span, hit.sentence, passive=hit.passive)
    draft.responsibility = hit.responsibility
    draft.last_seen = hit.span.start
    fill_arguments(state, draft, hit, left_bound)
    protest = {a.rsplit("/", 1)[-1] for a in draft.agents} <= state.lex.protesters and bool(draft.agents)
    draft.dropped = (hit.requires == "place" and not draft.places) or (
        hit.requires == "protesters" and not protest
    )
    return draft


def _speaker_threatens(draft: Draft) -> None:
    """ "X said the army would retake …": the threat is the speaker's (filled in later), about the army."""
    draft.about += [a for a in draft.agents if a not in draft.about]
    draft.agents, draft.attributed_to = [], []


def _absorb(state: EventState, index: int, hit: Hit, left_bound: int) -> None:
    """A definite reference: its clause may add agents or places ("the attack, led by X") to the event."""
    target = state.drafts[index]
    probe = Draft(target.event_class, hit.span, hit.sentence)
    fill_arguments(state, probe, hit, left_bound)
    target.coref.append(hit.span)
    target.last_seen = hit.span.start
    target.agents += [v for v in probe.agents if v not in target.agents]
    if not target.places:  # a place only when the event lacks one: "the bombing came after a strike on Y"
        target.places += probe.places


def _merge_if_repeated(state: EventState, index: int) -> None:
    draft = state.drafts[index]
    if draft.merged_into is not None or draft.dropped:
        return
    if state.merge_context is None:  # fixed for the whole article: computed once, not per draft
        state.merge_context = (
            _lead_sentences(state),
            frozenset(s.index for s in state.mentions.sentences if s.kind in ("headline", "bullet")),
            frozenset(e.iri for e in state.mentions.entities if "CollectiveActor" in e.kinds),
        )
    lead, summary, collectives = state.merge_context
    for earlier_index, earlier in enumerate(state.drafts[:index]):
        if earlier.merged_into is None and mergeable(
            earlier, draft, state.lex, lead=lead, summary=summary, collectives=collectives
        ):
            specific = state.lex.specialisations.get(earlier.event_class, frozenset())
            merge_into(state.drafts, earlier_index, index, specific=specific)
            return


def _lead_sentences(state: EventState) -> frozenset[int]:
    """The headline, bullets and first body sentences of the article (``lead_sentences`` of events.yaml)."""
    sentences = state.mentions.sentences
    body = [s.index for s in sentences if s.kind == "body"][: state.lex.lead_sentences]
    return frozenset([*body, *(s.index for s in sentences if s.kind in ("headline", "bullet"))])


def _unnamed_captured_places(state: EventState, article_key: str) -> list[EntityMention]:
    """A territory capture without a named place takes the unnamed settlements after its trigger (a
    captured-settlements figure's noun, else a settlement noun), else its own places; else it is dropped."""
    minted: list[EntityMention] = []
    for draft in state.drafts:
        if draft.event_class != "TerritoryCapture" or draft.captured or draft.merged_into is not None:
            continue
        sentence = state.mentions.sentences[draft.sentence]
        start, end = clause_bounds(sentence, draft.span.start)
        side = (start, draft.span.start) if draft.passive else (draft.span.end, end)
        span = _settlements_within(state, *side)
        if span is not None:
            iri = f"{ID}article/{article_key}/place/{slug(span.text)}"
            minted.append(
                EntityMention(span, draft.sentence, iri, span.text, ("Place",), True, False, False, "pattern")
            )
            draft.captured.append(iri)
        elif draft.places:
            draft.captured += draft.places
        else:
            draft.dropped = True
    return minted


def _settlements_within(state: EventState, start: int, end: int) -> Span | None:
    text = state.mentions.text
    for figure in state.mentions.figures:
        if figure.measure == "CapturedSettlements" and start <= figure.span.start < end:
            offset = figure.span.text.find(figure.unit_text)
            if figure.unit_text and offset >= 0:
                begin = figure.span.start + offset
                return Span(begin, begin + len(figure.unit_text), figure.unit_text)
    match = state.lex.captured_places.search(text, start, end)
    return Span(match.start(), match.end(), match.group(0)) if match else None
