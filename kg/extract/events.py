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
from dataclasses import dataclass

from kg.extract.clauses import (
    Arg,
    args_between,
    clause_bounds,
    coordinated,
    parentheticals,
    quotes_in,
    sentence_args,
)
from kg.extract.event_parts import (
    Draft,
    EventLexicon,
    Hit,
    attach_figures,
    complementizer,
    event_lexicon,
    finish,
    link_campaign,
    merge_into,
    mergeable,
    sentence_hits,
    statement_quote,
)
from kg.extract.mentions import ArticleMentions, DateMention, EntityMention, EventMention, Sentence, Span
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
    state = _State(mentions, lex, sentence_args(mentions), [])
    for sentence in mentions.sentences:
        _read_sentence(state, sentence)
    mentions.entities += _unnamed_captured_places(state, article_key)
    link_campaign(state.drafts, lex)
    attach_figures(state.drafts, mentions, lex)
    return finish(state.drafts, mentions)


@dataclass
class _State:
    mentions: ArticleMentions
    lex: EventLexicon
    args: dict[int, list[Arg]]
    drafts: list[Draft]


def _read_sentence(state: _State, sentence: Sentence) -> None:
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
            followers += _share_subject(state, local, hit, index)
        if index is not None:
            local.append((hit, index))
    _link_dates(state, sentence, local)
    for leader, follower in followers:
        state.drafts[follower].date = state.drafts[follower].date or state.drafts[leader].date
    _speaker_as_agent(state, sentence, hits, local)
    _link_statements(state, sentence, local)
    _link_violations(state, local)
    for index in range(first_new, len(state.drafts)):
        _merge_if_repeated(state, index)


def _share_subject(
    state: _State, local: list[tuple[Hit, int]], hit: Hit, index: int
) -> list[tuple[int, int]]:
    """ "X expressed support for Y and called for calm": the second verb keeps the subject of the first;
    "missiles and drones" share their arguments; "X struck Y, killing nine": a participle clause takes
    the agents and places of the event before it."""
    if not local:
        return []
    text = state.mentions.text
    before = text[max(0, hit.span.start - 20) : hit.span.start]
    same_kind = [i for h, i in local if h.is_speech == hit.is_speech]
    leader = same_kind[-1] if same_kind else local[-1][1]
    previous, draft = state.drafts[leader], state.drafts[index]
    if re.search(r"(?<![\w-])and\s+(?:then\s+|later\s+|also\s+)?$", before):
        if previous.agents:
            draft.agents = list(previous.agents)
            draft.attributed_to = list(previous.agents) if hit.is_speech else draft.attributed_to
    elif not (re.search(r",\s*$", before) and re.match(r"[a-z]+ing\b", hit.span.text)) or hit.is_speech:
        return []
    elif not draft.agents:
        draft.agents = list(previous.agents)
    if not hit.is_speech and not draft.places and not previous.passive:
        draft.places = list(previous.places)
    return [] if hit.is_speech else [(leader, index)]


_PRONOUN_SUBJECT = re.compile(r"\s*(?:that\s+)?(?:it|they|we|its\s+\w+|their\s+\w+|our\s+\w+)\s", re.I)


def _speaker_as_agent(
    state: _State, sentence: Sentence, hits: Sequence[Hit], local: list[tuple[Hit, int]]
) -> None:
    """ "X said a plan was to blame for …": a statement without a subject of its own is the reporter's."""
    text = state.mentions.text
    actors = [a for a in state.args.get(sentence.index, []) if a.is_actor]
    for hit, index in local:
        draft = state.drafts[index]
        if draft.agents or draft.span != hit.span:
            continue
        verbs = [h for h in hits if h.event_class is None and h.is_speech and h.span.end <= hit.span.start]
        if not verbs:
            continue
        verb = verbs[-1]
        if not hit.is_speech and not _PRONOUN_SUBJECT.match(text, verb.span.end):
            continue  # "AFRICOM said it had carried out an air strike": the reporter's own act
        subject = [
            a
            for a in actors
            if a.span.end <= verb.span.start
            and re.fullmatch(
                r"\s*(?:,\s*)?(?:has|have|had|also|later|earlier)?\s*", text[a.span.end : verb.span.start]
            )
        ]
        if not subject:
            continue
        speakers = coordinated(actors[: actors.index(subject[-1]) + 1], text, nearest_last=True)
        draft.agents = [a.iri for a in speakers]
        if hit.is_speech:
            draft.attributed_to = list(draft.agents)
            quotes = quotes_in(text, verb.span.end, hit.span.start)
            draft.quote = quotes[0].text if quotes else draft.quote


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


def _anaphor_target(state: _State, hit: Hit) -> int | None:
    candidates = [
        i for i, d in enumerate(state.drafts) if d.merged_into is None and d.event_class in hit.refers
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (state.drafts[i].last_seen, i))


def _new_draft(state: _State, hit: Hit, left_bound: int) -> Draft:
    draft = Draft(hit.event_class or "Event", hit.span, hit.sentence, passive=hit.passive)
    draft.last_seen = hit.span.start
    _fill_arguments(state, draft, hit, left_bound)
    draft.dropped = hit.requires == "place" and not draft.places
    return draft


def _absorb(state: _State, index: int, hit: Hit, left_bound: int) -> None:
    """A definite reference: its clause may add agents or places ("the attack, led by X") to the event."""
    target = state.drafts[index]
    probe = Draft(target.event_class, hit.span, hit.sentence)
    _fill_arguments(state, probe, hit, left_bound)
    target.coref.append(hit.span)
    target.last_seen = hit.span.start
    target.agents += [v for v in probe.agents if v not in target.agents]
    if not target.places:  # a place only when the event lacks one: "the bombing came after a strike on Y"
        target.places += probe.places


def _fill_arguments(state: _State, draft: Draft, hit: Hit, left_bound: int) -> None:
    text, lex = state.mentions.text, state.lex
    sentence = state.mentions.sentences[hit.sentence]
    start, end = clause_bounds(sentence, hit.span.start)
    asides = [(s, e) for s, e in parentheticals(sentence) if not s <= hit.span.start < e]
    clause = [
        arg
        for arg in args_between(state.args.get(hit.sentence, []), max(start, left_bound), end)
        if not any(s <= arg.span.start < e for s, e in asides)
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
    subjects = _subjects(left_actors, text) or _antecedent(state, sentence, hit)
    for arg in subjects:
        draft.add("agents", arg.iri)
    if hit.is_speech:
        draft.attributed_to = list(draft.agents)
    if draft.event_class in ("TerritoryCapture", "MaterielCapture"):
        _split_materiel(
            state,
            draft,
            hit,
            (max(start, left_bound), hit.span.start) if hit.passive else (hit.span.end, end),
        )


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


def _antecedent(state: _State, sentence: Sentence, hit: Hit) -> list[Arg]:
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


def _split_materiel(state: _State, draft: Draft, hit: Hit, side: tuple[int, int]) -> None:
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


def _link_dates(state: _State, sentence: Sentence, local: list[tuple[Hit, int]]) -> None:
    """Each date of the sentence goes to the nearest trigger in its clause."""
    text = state.mentions.text
    for date in (d for d in state.mentions.dates if d.sentence == sentence.index):
        start, end = clause_bounds(sentence, date.span.start)
        near = [(h, i) for h, i in local if start <= h.span.start < end]
        if not near:
            continue
        hit, index = min(near, key=lambda p: _distance(p[0].span, date.span))
        draft = state.drafts[index]
        if date.relation == "since":
            if state.lex.first_since.search(text[start : date.span.start]) and draft.first_since is None:
                draft.first_since = date
        elif date.relation in ("at", "began") and draft.date is None:
            draft.date = date
            _date_coordinated(state, date, hit, near)


def _date_coordinated(state: _State, date: DateMention, hit: Hit, near: list[tuple[Hit, int]]) -> None:
    """ "missiles and drones overnight into Thursday": the date also dates the violent events coordinated
    with the nearest one in its clause."""
    violent = state.lex.families["Violent"]
    for other, index in near:
        draft = state.drafts[index]
        gap = state.mentions.text[min(other.span.end, hit.span.end) : max(other.span.start, hit.span.start)]
        if (
            draft.date is None
            and draft.event_class in violent
            and re.fullmatch(r"[\w\s-]{0,40}?(?:,|\band\b|\bor\b)[\w\s-]{0,40}", gap)
        ):
            draft.date = date


def _distance(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def _link_statements(state: _State, sentence: Sentence, local: list[tuple[Hit, int]]) -> None:
    """A statement is about the events named after it in its clause ("blamed the offensive on …")."""
    for hit, index in local:
        if not hit.is_speech:
            continue
        _, end = clause_bounds(sentence, hit.span.end)
        end = sentence.span.end if hit.framing is not None else end
        draft = state.drafts[index]
        for other, other_index in local:
            if other_index != index and hit.span.end <= other.span.start < end and not other.is_speech:
                draft.add("about_events", other_index)
                claimed = state.drafts[other_index]
                if hit.responsibility and not claimed.agents:  # "X claimed responsibility for the bombing"
                    claimed.agents = list(draft.agents)
        statement_quote(state.mentions.text, draft, hit, sentence)


def _link_violations(state: _State, local: list[tuple[Hit, int]]) -> None:
    """A violation points to the agreement named after it in the sentence, else the latest agreement."""
    agreements = state.lex.families["Agreement"]
    for hit, index in local:
        if state.drafts[index].event_class != "AgreementViolation":
            continue
        after = [
            i for h, i in local if h.span.start > hit.span.start and state.drafts[i].event_class in agreements
        ]
        if after:
            state.drafts[index].violated = after[0]
            continue
        earlier = [
            i for i, d in enumerate(state.drafts) if d.event_class in agreements and d.merged_into is None
        ]
        state.drafts[index].violated = earlier[-1] if earlier else None
        state.drafts[index].dropped = not earlier


def _merge_if_repeated(state: _State, index: int) -> None:
    draft = state.drafts[index]
    if draft.merged_into is not None or draft.dropped:
        return
    for earlier_index, earlier in enumerate(state.drafts[:index]):
        if earlier.merged_into is None and mergeable(earlier, draft, state.lex):
            merge_into(state.drafts, earlier_index, index)
            return


def _unnamed_captured_places(state: _State, article_key: str) -> list[EntityMention]:
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


def _settlements_within(state: _State, start: int, end: int) -> Span | None:
    text = state.mentions.text
    for figure in state.mentions.figures:
        if figure.measure == "CapturedSettlements" and start <= figure.span.start < end:
            offset = figure.span.text.find(figure.unit_text)
            if figure.unit_text and offset >= 0:
                begin = figure.span.start + offset
                return Span(begin, begin + len(figure.unit_text), figure.unit_text)
    match = state.lex.captured_places.search(text, start, end)
    return Span(match.start(), match.end(), match.group(0)) if match else None
