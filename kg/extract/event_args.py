"""Arguments of a new event draft: agents, targets, places, captured places and materiel, read from the
actors and places of the trigger's clause (kg.extract.events decides which triggers open a draft).

The subject before a trigger is its agent (or its patient in the passive), the object after it its target
or place by the preposition in between ("on Aleppo", "by HTS", "against the army"); "X and Y signed a
truce" makes both parties agents of the agreement; a possessive ("Russia's strikes") is the agent.
"""

from __future__ import annotations

import re

from kg.extract.clauses import Arg, args_between, clause_bounds, coordinated
from kg.extract.event_links import EventState, event_asides
from kg.extract.event_parts import Draft, EventLexicon, Hit
from kg.extract.mentions import Sentence, Span


def fill_arguments(state: EventState, draft: Draft, hit: Hit, left_bound: int) -> None:
    text, lex = state.mentions.text, state.lex
    sentence = state.mentions.sentences[hit.sentence]
    all_asides = event_asides(state, sentence)
    start, end = clause_bounds(sentence, hit.span.start, asides=all_asides)
    asides = [(s, e) for s, e in all_asides if not s <= hit.span.start < e]
    clause = [
        arg
        for arg in args_between(state.args.get(hit.sentence, []), max(start, left_bound), end)
        if not any(s <= arg.span.start < e for s, e in asides) and not _trailing_speaker(text, arg, hit, lex)
    ]
    clause = _before_next_subject(text, clause, hit)
    left_actors: list[Arg] = []
    previous: tuple[Arg, str | None] | None = None
    for arg in clause:
        before = arg.span.start < hit.span.start
        role = _role_of(text, arg, hit, clause, lex, before)
        if previous is not None and previous[0].is_actor == arg.is_actor and _joined(text, previous[0], arg):
            same_side = before == (previous[0].span.start < hit.span.start)
            # "the envoy in Niger, Jane Doe, said": a person after a place takes no place role
            as_place = previous[1] in ("places", "captured+places") and not arg.is_place
            role = previous[1] if same_side and not as_place else role
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


_NEW_CLAUSE = re.compile(r".*\S.*,\s*(?:and|but|yet|while)\s+(?:the\s+)?", re.DOTALL)


def _before_next_subject(text: str, clause: list[Arg], hit: Hit) -> list[Arg]:
    """ "X attacked Y on Monday, and Z sent reinforcements": an actor opening a coordinated clause after the
    trigger (", and Z", not part of a list "Y, W, and Z") ends the trigger's arguments."""
    kept: list[Arg] = []
    previous_end = hit.span.end
    for arg in clause:
        if arg.span.start >= hit.span.end:
            gap = text[previous_end : arg.span.start]
            if arg.is_actor and _NEW_CLAUSE.fullmatch(gap) and not _joined_gap(gap):
                break
            previous_end = arg.span.end
        kept.append(arg)
    return kept


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
        _agreement_with(state, draft, hit, clause_end)
        return
    start = hit.span.end + between.end()
    after = [a for a in state.args.get(hit.sentence, []) if a.is_actor and start <= a.span.start < clause_end]
    parties = coordinated(after, text, nearest_last=False)
    if len(parties) >= 2:
        draft.agents = [a.iri for a in parties]
        draft.targets = [t for t in draft.targets if t not in draft.agents]


def _agreement_with(state: EventState, draft: Draft, hit: Hit, clause_end: int) -> None:
    """ "Saudi Arabia has observed a truce with the Houthis": the other side is a party (an agent) too."""
    text = state.mentions.text
    with_ = re.match(r"\s+with\s+(?:the\s+)?", text[hit.span.end : hit.span.end + 12])
    if with_ is None or not draft.agents:
        return
    start = hit.span.end + with_.end()
    after = [a for a in state.args.get(hit.sentence, []) if a.is_actor and start <= a.span.start < clause_end]
    if after and after[0].span.start == start:
        for party in coordinated(after, text, nearest_last=False):
            draft.add("agents", party.iri)
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
    if prev in lex.ally_preps:  # "fought alongside X": X fights on the same side (not "a militia that
        return "agents" if arg.is_actor and not before else None  # fights alongside X, was attacked")
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
    if prev in _CARRYING and not hit.is_speech:  # "attacked a bus carrying soldiers": the soldiers are hit
        return "targets"
    if prev == "from" and hit.event_class in lex.taken_from:  # "seized the town from the junta"
        return "targets"
    by_word = _prev_word(text, text.rfind("by", 0, arg.span.start)) if prev == "by" else ""
    backer = by_word in lex.not_agent_modifiers
    if by_word in lex.leader_participles and not before and not _leads_trigger(text, hit, arg):
        return None  # "accused the government led by X": X leads the government, not the accusation
    if backer and not before:  # "the offensive, backed by US air strikes": a supporter, not a party to it
        return None
    if prev in lex.agent_preps or (hit.passive and prev == "to" and not before) or _by_members_of(text, arg):
        return "agents"
    if before and prev not in lex.target_preps:
        if hit.passive:  # "the town was captured", "X was accused": the subject is the patient
            return "about" if hit.is_speech else "targets"
        return "left"
    if hit.is_speech:
        return None if before else "about"
    return "targets"


_TRIGGER_PARTICIPLE = re.compile(
    r"[\s,]*(?:(?:which|that)\s+(?:was|were|is|are|had\s+been)\s+)?(?:[a-z]+ly\s+)?[a-z]+\s+by\s+(?:the\s+)?"
)


def _leads_trigger(text: str, hit: Hit, arg: Arg) -> bool:
    """ "an assault led by X", "the offensive, which was headed by X": the participle is the trigger's."""
    return bool(_TRIGGER_PARTICIPLE.fullmatch(text, hit.span.end, arg.span.start))


_CARRYING = frozenset({"carrying", "transporting", "ferrying", "escorting"})
_BY_MEMBERS_OF = re.compile(
    r"(?<![\w-])by\s+(?:(?:suspected|alleged|armed|heavily|some|several|dozens|hundreds|[\w-]+ed)\s+){0,2}"
    r"(?:fighters|members|militants|gunmen|insurgents|rebels|troops|soldiers|forces|units|elements|militiamen|"
    r"commandos|jihadists|loyalists|men|supporters|a\s+unit|a\s+group|a\s+faction)\s+"
    r"(?:of|from|loyal\s+to|linked\s+to|belonging\s+to)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,6}\(?$",
    re.IGNORECASE,
)


def _by_members_of(text: str, arg: Arg) -> bool:
    """ "ambushed by fighters of the al Qaeda-affiliated JNIM", "by gunmen loyal to X": X is the agent."""
    return bool(_BY_MEMBERS_OF.search(text[max(0, arg.span.start - 90) : arg.span.start]))


def _possessive_role(text: str, arg: Arg, hit: Hit, clause: list[Arg], before: bool) -> str | None:
    """ "the insurgents' entry" → agent; "Aleppo's city centre" → place; "Syria's civil war" → nothing."""
    gap = text[arg.span.end : hit.span.start]
    if before and arg.is_actor and len(gap) <= 20 and not re.search(r"[,;]", gap):
        if hit.passive:  # "the group's positions came under fire"
            return "about" if hit.is_speech else "targets"
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
    for start, end in event_asides(state, sentence):
        if start <= hit.span.start < end:
            before = [a for a in state.args.get(sentence.index, []) if a.is_actor and a.span.end <= start]
            if before and not text[before[-1].span.end : start].strip():
                return coordinated(before, text, nearest_last=True)
    return []


def _joined(text: str, first: Arg, second: Arg) -> bool:
    """ "by clan militias and US air strikes": a coordinated argument plays the role of the one before it."""
    return _joined_gap(text[first.span.end : second.span.start])


def _joined_gap(gap: str) -> bool:
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
