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

from kg.extract.clauses import (
    Arg,
    args_between,
    clause_bounds,
    coordinated,
    parentheticals,
    sentence_args,
)
from kg.extract.event_links import (
    EventState,
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
    sentence_hits,
)
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
    state = EventState(mentions, lex, sentence_args(mentions), [])
    for sentence in mentions.sentences:
        _read_sentence(state, sentence)
    mentions.entities += _unnamed_captured_places(state, article_key)
    _violent_protests(state.drafts, lex)
    link_campaign(state.drafts, lex)
    attach_figures(state.drafts, mentions, lex)
    return finish(state.drafts, mentions)


def _violent_protests(drafts: list[Draft], lex: EventLexicon) -> None:
    """ "Protesters attacked the embassies": violence whose agents are all protesters is a Protest."""
    for draft in drafts:
        slugs = {a.rsplit("/", 1)[-1] for a in draft.agents}
        if draft.event_class in lex.inherit_agents and slugs and slugs <= lex.protesters:
            draft.event_class = "Protest"


def _read_sentence(state: EventState, sentence: Sentence) -> None:
    text = state.mentions.text
    local: list[tuple[Hit, int]] = []  # every trigger of the sentence with the draft it denotes
    followers: list[tuple[int, int]] = []  # (event, event of a participle clause after it)
    first_new = len(state.drafts)
    names = [a.span for a in state.args.get(sentence.index, [])]
    hits = sentence_hits(text, sentence, state.lex, names=names)
    for number, hit in enumerate(hits):
        left_bound = _left_bound(text, hits[:number], sentence, hit)
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
    for leader, follower in followers:
        state.drafts[follower].date = state.drafts[follower].date or state.drafts[leader].date
    speaker_as_agent(state, sentence, hits, local)
    sentence_subject_speaks(state, sentence, local)
    link_statements(state, sentence, local)
    link_violations(state, local)
    for index in range(first_new, len(state.drafts)):
        _merge_if_repeated(state, index)


def _left_bound(text: str, previous: Sequence[Hit], sentence: Sentence, hit: Hit) -> int:
    """Arguments left of a trigger are searched after the previous trigger or reporting verb of its clause
    (a reporting verb right before the trigger, "X said described …", or one inside a relative clause
    set off by commas, does not count)."""
    start, _ = clause_bounds(sentence, hit.span.start)
    asides = [(s, e) for s, e in parentheticals(sentence) if not s <= hit.span.start < e]
    for other in (h for h in previous if not any(s <= h.span.start < e for s, e in asides)):
        adjacent = other.event_class is None and not text[other.span.end : hit.span.start].strip()
        if other.span.end > start and not adjacent:
            start = other.span.end
    return start


def _is_definite(text: str, hit: Hit, lex: EventLexicon) -> bool:
    if not hit.anaphoric:
        return False
    before = text[max(0, hit.span.start - 60) : hit.span.start]
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
    draft.last_seen = hit.span.start
    _fill_arguments(state, draft, hit, left_bound)
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
    _fill_arguments(state, probe, hit, left_bound)
    target.coref.append(hit.span)
    target.last_seen = hit.span.start
    target.agents += [v for v in probe.agents if v not in target.agents]
    if not target.places:  # a place only when the event lacks one: "the bombing came after a strike on Y"
        target.places += probe.places


def _fill_arguments(state: EventState, draft: Draft, hit: Hit, left_bound: int) -> None:
    text, lex = state.mentions.text, state.lex
    sentence = state.mentions.sentences[hit.sentence]
    start, end = clause_bounds(sentence, hit.span.start)
    asides = [(s, e) for s, e in parentheticals(sentence) if not s <= hit.span.start < e]
    clause = [
        arg
        for arg in args_between(state.args.get(hit.sentence, []), max(start, left_bound), end)
        if not any(s <= arg.span.start < e for s, e in asides) and not _trailing_speaker(text, arg, hit, lex)
    ]
    left_actors: list[Arg] = []
    previous: tuple[Arg, str | None] | None = None
    for arg in clause:
        before = arg.span.start < hit.span.start
        role = _role_of(text, arg, hit, clause, lex, before)
        if previous is not None and previous[0].is_actor == arg.is_actor and _joined(text, previous[0], arg):
            role = previous[1] if before == (previous[0].span.start < hit.span.start) else role
        previous = (arg, role)
        if role == "left":
            left_actors.append(arg)
        elif role == "captured+places":
            draft.add("captured", arg.iri)
            draft.add("places", arg.iri)
        elif role is not None:
            draft.add(role, arg.iri)
    if not hit.is_speech:  # "52 civilians killed": victims are never the agents of violence
        victims = [a for a in left_actors if a.iri.rsplit("/", 1)[-1] in lex.victims]
        left_actors = [a for a in left_actors if a not in victims]
        for arg in victims:
            draft.add("targets", arg.iri)
    subjects = _subjects(left_actors, text) or _antecedent(state, sentence, hit)
    for arg in subjects:
        draft.add("agents", arg.iri)
    if draft.event_class in lex.families["Agreement"]:
        _agreement_parties(state, draft, hit, end)
    if hit.is_speech:
        draft.attributed_to = list(draft.agents)
    if draft.event_class in ("TerritoryCapture", "MaterielCapture"):
        _split_materiel(
            state,
            draft,
            hit,
            (max(start, left_bound), hit.span.start) if hit.passive else (hit.span.end, end),
        )


def _trailing_speaker(text: str, arg: Arg, hit: Hit, lex: EventLexicon) -> bool:
    """ "… killed in Hama, officials say": the subject of a reporting clause after the trigger is the
    source, no argument of the event."""
    if arg.span.start < hit.span.end or not arg.is_actor:
        return False
    verb = re.match(
        r"\s+(?:(?:has|have|had)\s+)?(?:[a-z]+ly\s+)?([a-z]+)", text[arg.span.end : arg.span.end + 40]
    )
    if verb is None or not lex.reporting.fullmatch(verb.group(1)):
        return False
    return bool(re.search(r",\s*(?:[\w’'-]+\s+){0,4}$", text[max(0, arg.span.start - 40) : arg.span.start]))


def _agreement_parties(state: EventState, draft: Draft, hit: Hit, clause_end: int) -> None:
    """ "China brokered a truce between the alliance and the military": the parties are the agents."""
    text = state.mentions.text
    between = re.match(r"\s+(?:\w+\s+)?between\s+", text[hit.span.end : hit.span.end + 40])
    if between is None:
        return
    start = hit.span.end + between.end()
    after = [a for a in state.args.get(hit.sentence, []) if a.is_actor and start <= a.span.start < clause_end]
    parties = coordinated(after, text, nearest_last=False)
    if len(parties) >= 2:
        draft.agents = [a.iri for a in parties]
        draft.targets = [t for t in draft.targets if t not in draft.agents]


def _role_of(text: str, arg: Arg, hit: Hit, clause: list[Arg], lex: EventLexicon, before: bool) -> str | None:
    """The part an actor or place plays for a trigger: agents, targets, places, about, "left" (subject
    candidate), "captured+places", or None."""
    prev = _prev_word(text, arg.span.start)
    after_text = text[arg.span.end : arg.span.end + 8]
    if re.match(r"[-–](?:led|backed)\b", after_text) and arg.is_actor:
        return "agents"
    if re.match(r"[-–][a-z]", after_text):  # "a Greek-owned ship": a modifier, not a party
        return None
    if prev in lex.ally_preps:  # "fought alongside X": X fights on the same side
        return "agents" if arg.is_actor else None
    if re.match(r"[’']s?(?!\w)", after_text):
        return _possessive_role(text, arg, hit, clause, before)
    locative = prev in lex.place_preps
    demonym = arg.how == "demonym"  # "Iranian suppliers", "Russian missiles": a party, never a place
    if demonym and (
        locative or re.search(r"(?:pro|anti)[-–]$", text[max(0, arg.span.start - 5) : arg.span.start])
    ):
        return None
    if arg.is_place and not demonym and (locative or (not arg.is_actor and (not before or hit.passive))):
        capture = hit.event_class == "TerritoryCapture" and (before if hit.passive else not before)
        capture = capture and prev not in lex.place_preps - {"of", "over"}  # "villages near Hama": a location
        return "captured+places" if capture else "places"
    if not arg.is_actor or (arg.is_place and locative):
        return None
    if prev == "from" and hit.event_class in lex.taken_from:  # "seized the town from the junta"
        return "targets"
    if prev in lex.agent_preps or (hit.passive and prev == "to" and not before):
        return "agents"
    if before and prev not in lex.target_preps:
        if hit.passive:  # "the town was captured", "X was accused": the subject is the patient
            return "about" if hit.is_speech else "targets"
        return "left"
    if hit.is_speech:
        return None if before else "about"
    return "targets"


def _possessive_role(text: str, arg: Arg, hit: Hit, clause: list[Arg], before: bool) -> str | None:
    """ "the insurgents' entry" → agent; "Aleppo's city centre" → place; "Syria's civil war" → nothing."""
    gap = text[arg.span.end : hit.span.start]
    if before and arg.is_actor and len(gap) <= 20 and not re.search(r"[,;]", gap):
        return "agents" if not hit.is_speech else "left"
    owned = [a for a in clause if 0 < a.span.start - arg.span.end <= 4]
    if arg.is_place and owned and owned[0].is_place:
        return "places"
    return None


def _prev_word(text: str, position: int) -> str:
    match = re.search(r"([A-Za-z]+)[\s,]*(?:the\s+)?$", text[max(0, position - 40) : position])
    return match.group(1).lower() if match else ""


def _antecedent(state: EventState, sentence: Sentence, hit: Hit) -> list[Arg]:
    """ "Saudi Arabia, which has observed a truce …": inside a relative clause, the actor it describes."""
    text = state.mentions.text
    for start, end in parentheticals(sentence):
        if start <= hit.span.start < end:
            before = [a for a in state.args.get(sentence.index, []) if a.is_actor and a.span.end <= start]
            if before and not text[before[-1].span.end : start].strip():
                return coordinated(before, text, nearest_last=True)
    return []


def _joined(text: str, first: Arg, second: Arg) -> bool:
    """ "by clan militias and US air strikes": a coordinated argument plays the role of the one before it."""
    gap = text[first.span.end : second.span.start]
    return bool(re.fullmatch(r"\s*(?:,|and|or|,\s*and|,\s*or|as well as)\s*(?:the\s+)?", gap, re.IGNORECASE))


def _subjects(left_actors: list[Arg], text: str) -> list[Arg]:
    """The nearest actor before the trigger and those coordinated with it ("Russia and Iran"); an actor
    after "of" ("the defeat of the group") is a subject only when no other actor precedes the trigger."""
    heads = [a for a in left_actors if _prev_word(text, a.span.start) not in ("of", "for", "to", "about")]
    return coordinated(heads or left_actors, text, nearest_last=True)


def _split_materiel(state: EventState, draft: Draft, hit: Hit, side: tuple[int, int]) -> None:
    """Materiel captured (after an active trigger, before a passive one, within ``side``): a MaterielCapture
    (alone, or next to a territory capture)."""
    low, high = side
    items = [m for m in state.mentions.materiel if low <= m.span.start and m.span.end <= high]
    if not items:
        return
    has_territory = bool(draft.captured) or any(
        f.measure == "CapturedSettlements"
        and low <= f.span.start < high
        and (f.span.start < items[0].span.start or f.span.start > items[-1].span.end)
        for f in state.mentions.figures
    )
    if not has_territory:
        draft.event_class = "MaterielCapture"
        draft.captured += [m.iri for m in items if m.iri not in draft.captured]
        return
    begin, end = min(hit.span.start, items[0].span.start), max(hit.span.end, items[-1].span.end)
    span = Span(begin, end, state.mentions.text[begin:end])
    extra = Draft("MaterielCapture", span, hit.sentence, agents=list(draft.agents), places=list(draft.places))
    extra.captured = list(dict.fromkeys(m.iri for m in items))
    extra.last_seen = span.start
    state.drafts.append(extra)


def _merge_if_repeated(state: EventState, index: int) -> None:
    draft = state.drafts[index]
    if draft.merged_into is not None or draft.dropped:
        return
    lead = _lead_sentences(state)
    for earlier_index, earlier in enumerate(state.drafts[:index]):
        if earlier.merged_into is None and mergeable(earlier, draft, state.lex, lead=lead):
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
