"""How the events of one sentence are tied together in :mod:`kg.extract.events`: shared subjects of
coordinated and participle clauses, speakers of reported statements, dates, the events a statement is
about and the agreement a violation breaks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.extract.clauses import (
    Arg,
    appositives,
    clause_bounds,
    coordinated,
    parentheticals,
    quotes_in,
    reporting_subject,
)
from kg.extract.event_parts import Draft, EventLexicon, Hit, statement_quote
from kg.extract.grouping import by_sentence
from kg.extract.mentions import ArticleMentions, DateMention, Sentence, Span


@dataclass
class EventState:
    mentions: ArticleMentions
    lex: EventLexicon
    args: dict[int, list[Arg]]
    drafts: list[Draft]
    speakers: list[str] = field(default_factory=list)  # who spoke last: "He accused …" in the next sentence
    # lead sentences, summary sentences, collective actors: fixed per article, computed once
    merge_context: tuple[frozenset[int], frozenset[int], frozenset[str]] | None = None
    dates_by_sentence: dict[int, list[DateMention]] | None = None  # built on first use

    def actors(self, sentence: Sentence) -> list[Arg]:
        """The sentence's arguments that are actors, in text order."""
        return [a for a in self.args.get(sentence.index, []) if a.is_actor]

    def dates(self, sentence: Sentence) -> list[DateMention]:
        """The sentence's date mentions, in text order (grouped once for the whole article)."""
        if self.dates_by_sentence is None:
            self.dates_by_sentence = by_sentence(self.mentions.dates)
        return self.dates_by_sentence.get(sentence.index, [])


def event_asides(state: EventState, sentence: Sentence) -> list[tuple[int, int]]:
    """Relative clauses and appositions set off by commas: no argument inside them belongs to a trigger
    outside them."""
    names = [a.span for a in state.args.get(sentence.index, [])]
    return [*parentheticals(sentence), *appositives(sentence, names)]


def share_subject(
    state: EventState, local: list[tuple[Hit, int]], hit: Hit, index: int
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
    violent = state.lex.families["Violent"]
    if (
        re.search(r"(?<![\w-])with\s+(?:[\w-]+\s+){0,3}$", before)
        and previous.event_class in violent
        and draft.event_class in violent
    ):  # "struck Kharkiv with ballistic missiles and attack drones": the weapons' events share the strike's
        for name in ("agents", "targets", "places"):
            setattr(draft, name, getattr(draft, name) or list(getattr(previous, name)))
        return [(leader, index)]
    if not hit.is_speech and _caused_by(text, previous, hit, violent):
        draft.agents = draft.agents or list(previous.agents)
        draft.places = draft.places or list(previous.places)
        return [(leader, index)]
    if re.search(
        r"(?<![\w-])(?:and|but)\s+(?:then\s+|later\s+|also\s+|again\s+|further\s+|[a-z]+ly\s+)?$", before
    ):
        if hit.is_speech and not same_kind:  # "X said Y killed Z …, and urged …": the reporter speaks (later)
            draft.agents, draft.attributed_to = [], []
        elif previous.agents:
            draft.agents = list(previous.agents)
            draft.attributed_to = list(previous.agents) if hit.is_speech else draft.attributed_to
    elif not (re.search(r",\s*$", before) and re.match(r"[a-z]+ing\b", hit.span.text)):
        return []
    elif hit.is_speech:  # "X accused Y of …, calling it …": the participle's speaker is X
        if previous.agents and state.drafts[leader].event_class is not None and leader != index:
            draft.agents = list(previous.agents)
            draft.attributed_to = list(previous.agents)
        return []
    elif not draft.agents:
        draft.agents = list(previous.agents)
    if not hit.is_speech and not draft.places and not previous.passive:
        draft.places = list(previous.places)
    return [] if hit.is_speech else [(leader, index)]


_RELATIVE_CAUSE = re.compile(r"[^,;:.]{0,80}?\s(?:that|which)\s+(?:[a-z]+ly\s+|also\s+|had\s+|has\s+)?")


def _caused_by(text: str, previous: Draft, hit: Hit, violent: frozenset[str]) -> bool:
    """ "an ambush near X that killed six soldiers": harm in a relative clause of a violent event is
    that event's (same agents and places)."""
    if hit.event_class not in ("Killing", "CivilianHarm") or previous.event_class not in violent:
        return False
    if previous.sentence != hit.sentence or previous.span.end > hit.span.start:
        return False
    return bool(_RELATIVE_CAUSE.fullmatch(text[previous.span.end : hit.span.start]))


_PRONOUN_SUBJECT = re.compile(
    r"\s*(?:(?:on|in|at|late|early|last|this)\b[\w\s]{0,25}?\s)?(?:that\s+)?"  # "said on Saturday that it …"
    r"(?:it|they|we|its\s+\w+|their\s+\w+|our\s+\w+)\s",
    re.IGNORECASE,
)


def speaker_as_agent(
    state: EventState, sentence: Sentence, hits: Sequence[Hit], local: list[tuple[Hit, int]]
) -> None:
    """ "X said a plan was to blame for …": a statement without a subject of its own is the reporter's."""
    text = state.mentions.text
    actors = state.actors(sentence)
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
        subject = reporting_subject(text, actors, verb.span.start)
        if subject is None:
            continue
        speakers = coordinated(actors[: actors.index(subject) + 1], text, nearest_last=True)
        draft.agents = [a.iri for a in speakers]
        if hit.is_speech:
            draft.attributed_to = list(draft.agents)
            quotes = quotes_in(text, verb.span.end, hit.span.start)
            draft.quote = quotes[0].text if quotes else draft.quote


def sentence_subject_speaks(state: EventState, sentence: Sentence, local: list[tuple[Hit, int]]) -> None:
    """ "X acknowledged …, but denied that …": a statement verb still without a speaker belongs to the
    subject the sentence opens with (an actor after at most a few capitalised words or an article)."""
    text = state.mentions.text
    actors = state.actors(sentence)
    if not actors or not _OPENING.fullmatch(text[sentence.span.start : actors[0].span.start]):
        return
    if re.match(r"[’']s?\s", text[actors[0].span.end : actors[0].span.end + 3]):
        return  # "Congo's government accused …": the possessor is not the speaker
    subject = coordinated(
        [a for a in actors if a.span.end <= actors[0].span.end + 40], text, nearest_last=False
    )
    for hit, index in local:
        draft = state.drafts[index]
        if (
            hit.is_speech
            and not draft.agents
            and draft.span == hit.span
            and hit.span.start > subject[-1].span.end
        ):
            draft.agents = [a.iri for a in subject]
            draft.attributed_to = list(draft.agents)


_OPENING = re.compile(r"\s*(?:(?:The|A|An|In|On|Meanwhile|Separately|Later|Earlier)\b[\s,]*)?")


def link_dates(state: EventState, sentence: Sentence, local: list[tuple[Hit, int]]) -> None:
    """Each date of the sentence goes to the nearest trigger in its clause that opened an event here (a
    reference back to an earlier event only when there is none: "condemned the attack on Thursday")."""
    text = state.mentions.text
    asides = event_asides(state, sentence)
    dates = state.dates(sentence)
    for date in sorted(dates, key=lambda d: _reaches_back(text, sentence, d)):
        start, end = clause_bounds(sentence, date.span.start, asides=asides)
        near = [(h, i) for h, i in local if start <= h.span.start < end and not state.drafts[i].dropped]
        fresh = [(h, i) for h, i in near if state.drafts[i].span == h.span]
        if not near:
            continue
        hit, index = min(fresh or near, key=lambda p: _date_distance(text, p[0].span, date.span))
        if not fresh and _claim_date(state, start, end):
            continue  # "responsibility for the ambush was claimed on Tuesday": the claim's day
        draft = state.drafts[index]
        if date.relation == "since":
            if state.lex.first_since.search(text[start : date.span.start]) and draft.first_since is None:
                draft.first_since = date
            elif draft.event_class in state.lex.families["Agreement"] and draft.date is None:
                draft.date = date  # "has observed a truce since April 2022": in force from then
        elif date.relation in ("at", "began") and draft.date is None:
            draft.date = date
            _date_coordinated(state, date, hit, near)
            _date_cause(state, date, hit, near)


_CLAIM_CUE = re.compile(r"(?<![\w-])(?:claim(?:s|ed|ing)?|responsibility)(?![\w-])", re.IGNORECASE)


def _claim_date(state: EventState, start: int, end: int) -> bool:
    """A clause that claims an earlier event dates the claim, not the event."""
    return _CLAIM_CUE.search(state.mentions.text, start, end) is not None


def _date_coordinated(state: EventState, date: DateMention, hit: Hit, near: list[tuple[Hit, int]]) -> None:
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
            and not (date.span.end <= max(other.span.start, hit.span.start) and _NEXT_CLAUSE.search(gap))
        ):
            draft.date = date


def _date_cause(state: EventState, date: DateMention, hit: Hit, near: list[tuple[Hit, int]]) -> None:
    """ "An air strike on the school killed 27 people on Tuesday": the date of the harm also dates the
    violent event that is its subject (the nearest one before it in the clause)."""
    if hit.event_class not in ("Killing", "CivilianHarm"):
        return
    violent = state.lex.families["Violent"]
    causes = [(h, i) for h, i in near if h.span.end <= hit.span.start and h.event_class in violent]
    if causes:
        cause = state.drafts[causes[-1][1]]
        cause.date = cause.date or date


_SUBORDINATE = re.compile(
    r"(?<![\w-])(?:after|before|following|amid|despite|until|during)(?![\w-])", re.IGNORECASE
)


_NEXT_CLAUSE = re.compile(r",\s*(?:and|but)\s")


def _reaches_back(text: str, sentence: Sentence, date: DateMention) -> bool:
    """ "on Tuesday, a day after a bomb struck": a date before a subordinate or next clause is linked
    last, so the clause's own date ("a day after") wins."""
    rest = text[date.span.end : sentence.span.end]
    return bool(_SUBORDINATE.search(rest) or _NEXT_CLAUSE.search(rest))


def _date_distance(text: str, trigger: Span, date: Span) -> int:
    """ "seized the town on Sunday after a day of fighting": a date does not reach into the subordinate
    phrase after it."""
    if trigger.start >= date.end and (
        _SUBORDINATE.search(text, date.end, trigger.start)
        or _NEXT_CLAUSE.search(text, date.end, trigger.start)
    ):  # "killed 40 people in August, and urged an inquiry": the date ends the clause before ", and"
        return _distance(trigger, date) + len(text)
    return _distance(trigger, date)


def _distance(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def link_statements(state: EventState, sentence: Sentence, local: list[tuple[Hit, int]]) -> None:
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
                _called_for(state, draft, other, other_index)
                claimed = state.drafts[other_index]
                if hit.responsibility and not claimed.agents:  # "X claimed responsibility for the bombing"
                    claimed.agents = list(draft.agents)
        statement_quote(state.mentions.text, draft, hit, sentence)


_NOT_CALLED_FOR = re.compile(r"(?<![\w-])(?:after|since|following|over|because|despite|amid)(?![\w-])")


def _called_for(state: EventState, appeal: Draft, hit: Hit, index: int) -> None:
    """ "called for an immediate ceasefire", "demanded the withdrawal of troops": what an appeal asks for
    has not happened; it is no event of its own (a reference back to an earlier event stays)."""
    draft = state.drafts[index]
    if appeal.event_class != "Appeal" or draft.span != hit.span or draft.sentence != hit.sentence:
        return
    gap = state.mentions.text[appeal.span.end : hit.span.start]
    if len(gap) <= 60 and not _NOT_CALLED_FOR.search(gap):
        draft.dropped = True


def link_violations(state: EventState, local: list[tuple[Hit, int]]) -> None:
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
