"""Building blocks of :mod:`kg.extract.events`: the compiled event lexicon, trigger hits and event drafts
(merging, the campaign link and figure attachment are in :mod:`kg.extract.event_merge`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from kg.extract.clauses import quotes_in, word_pattern
from kg.extract.lexicon import lexicon
from kg.extract.mentions import DateMention, Sentence, Span

SPEECH = "Statement"


@dataclass(frozen=True)
class TriggerEntry:
    event_class: str | None
    pattern: re.Pattern[str]
    anaphoric: bool
    refers: frozenset[str]
    passive: bool
    requires: str | None
    responsibility: bool = False
    refine: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (class, cue in the sentence) tried in order


@dataclass(frozen=True)
class EventLexicon:
    triggers: tuple[TriggerEntry, ...]
    framing: tuple[re.Pattern[str], ...]
    condemnation_cues: tuple[str, ...]
    reporting: re.Pattern[str]
    definite: re.Pattern[str]
    claimed: re.Pattern[str]
    families: dict[str, frozenset[str]]
    place_preps: frozenset[str]
    agent_preps: frozenset[str]
    target_preps: frozenset[str]
    ally_preps: frozenset[str]
    victims: frozenset[str]
    protesters: frozenset[str]
    not_agent_modifiers: frozenset[str]
    leader_participles: frozenset[str]
    first_since: re.Pattern[str]
    new_event: re.Pattern[str]
    inherit_agents: frozenset[str]
    not_sub_events: frozenset[str]
    figure_events: dict[str, tuple[str, ...]]
    figure_without_event: frozenset[str]
    sides: tuple[frozenset[str], ...]
    captured_places: re.Pattern[str]
    taken_from: frozenset[str]
    intent_threat: re.Pattern[str]  # matches the words right before a trigger
    intent_other: re.Pattern[str]
    intent_classes: frozenset[str]
    hedge: re.Pattern[str]  # "whether", "if" a few words before a trigger
    hedge_classes: frozenset[str]
    specialisations: dict[str, frozenset[str]]
    lead_sentences: int
    charges: re.Pattern[str]  # charge nouns a "requires: charge" trigger needs near it
    not_agent_kinds: frozenset[str]  # actor kinds never the agent of a non-statement event


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    """data/lexicon/events.yaml (+ the reporting verbs of attributions.yaml), compiled once."""
    data, speech = lexicon("events"), lexicon("attributions")
    families = {name: frozenset(classes) for name, classes in data["families"].items()}
    verbs = tuple(p for patterns in speech["verbs"].values() for p in patterns)
    words = "|".join(data["definite_determiners"])
    return EventLexicon(
        triggers=tuple(_entry(item, families) for item in data["triggers"]),
        framing=tuple(re.compile(p, re.IGNORECASE) for p in data["framing"]["patterns"]),
        condemnation_cues=tuple(data["framing"]["condemnation_cues"]),
        reporting=word_pattern(verbs),
        claimed=re.compile(rf"(?<![\w-])(?:{'|'.join(data['claim_cues'])})\s+$", re.IGNORECASE),
        definite=re.compile(rf"(?<![\w-])(?:{words})\s+(?:[\w’'-]+\s+){{0,3}}$", re.IGNORECASE),
        families=families,
        place_preps=frozenset(data["place_prepositions"]),
        agent_preps=frozenset(data["agent_prepositions"]),
        target_preps=frozenset(data["target_prepositions"]),
        ally_preps=frozenset(data["ally_prepositions"]),
        victims=frozenset(data["victim_collectives"]),
        protesters=frozenset(data["protest_agents"]),
        not_agent_modifiers=frozenset(data["not_agent_modifiers"]),
        leader_participles=frozenset(data["leader_participles"]),
        first_since=word_pattern(tuple(data["first_since_cues"])),
        new_event=word_pattern(tuple(data["new_event_cues"])),
        inherit_agents=frozenset(data["inherit_agents"]),
        not_sub_events=frozenset(data["not_sub_events"]),
        figure_events={k: tuple(v) for k, v in data["figure_events"].items()},
        figure_without_event=frozenset(data["figure_without_event"]),
        sides=tuple(frozenset(group) for group in data["interchangeable_collectives"]),
        captured_places=word_pattern(tuple(data["captured_place_nouns"])),
        taken_from=frozenset(data["taken_from"]),
        intent_threat=_cue_before(data["intent_cues"]["threat"]),
        intent_other=_cue_before(data["intent_cues"]["other"]),
        intent_classes=frozenset(data["intent_classes"]),
        hedge=re.compile(
            rf"(?<![\w-])(?:{'|'.join(data['hedge_cues'])})\s+(?:[\w’'-]+\s+){{0,5}}$", re.IGNORECASE
        ),
        hedge_classes=frozenset(data["intent_classes"]) | frozenset(data["hedge_classes"]),
        specialisations={k: frozenset(v) for k, v in data["specialisations"].items()},
        lead_sentences=int(data["lead_sentences"]),
        charges=word_pattern(tuple(data["charge_nouns"])),
        not_agent_kinds=frozenset(data["not_event_agent_kinds"]),
    )


def _cue_before(cues: Sequence[str]) -> re.Pattern[str]:
    """A cue ending right before a trigger, with adverbs or "be" in between ("would soon be retaken")."""
    words = r"(?:(?:[a-z]+ly|soon|not|never|also|then|again|now|be|been|have|first)\s+){0,3}"
    return re.compile(rf"(?<![\w-])(?:{'|'.join(cues)})\s+{words}$", re.IGNORECASE)


def _entry(item: dict[str, Any], families: dict[str, frozenset[str]]) -> TriggerEntry:
    cls = item.get("class")
    refers: set[str] = set()
    for name in item.get("refers", [cls] if cls else []):
        refers |= families.get(name, {name})
    return TriggerEntry(
        cls,
        word_pattern(tuple(item["patterns"])),
        bool(item.get("anaphoric")),
        frozenset(refers),
        bool(item.get("passive")),
        item.get("requires"),
        bool(item.get("responsibility")),
        tuple((name, word_pattern((cue,))) for name, cue in item.get("refine", {}).items()),
    )


@dataclass(frozen=True)
class Hit:
    """One trigger (or reporting verb, when ``event_class`` is None and ``is_speech``) in a sentence."""

    span: Span
    sentence: int
    event_class: str | None
    anaphoric: bool = False
    refers: frozenset[str] = frozenset()
    passive: bool = False
    requires: str | None = None
    is_speech: bool = False
    framing: str | None = None
    responsibility: bool = False
    intent: bool = False  # a Threat read from an intended act ("vowed to retake")


@dataclass
class Draft:
    """An event being built; merged drafts point to the draft they were merged into."""

    event_class: str
    span: Span
    sentence: int
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    captured: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    about_events: list[int] = field(default_factory=list)
    attributed_to: list[str] = field(default_factory=list)
    figures: list[int] = field(default_factory=list)
    coref: list[Span] = field(default_factory=list)
    date: DateMention | None = None
    first_since: DateMention | None = None
    violated: int | None = None
    parent: int | None = None
    quote: str | None = None
    framing: str | None = None
    merged_into: int | None = None
    dropped: bool = False
    last_seen: int = 0
    passive: bool = False  # the trigger is in the passive voice: its patient stands before it
    responsibility: bool = False  # a claim of responsibility ("X claimed the attack")

    def add(self, name: str, value: Any) -> None:
        values = getattr(self, name)
        if value not in values:
            values.append(value)


def is_speech_class(event_class: str | None, lex: EventLexicon) -> bool:
    return event_class in lex.families.get(SPEECH, frozenset())


def sentence_hits(
    text: str, sentence: Sentence, lex: EventLexicon, *, names: Sequence[Span] = ()
) -> list[Hit]:
    """Framing statements, event triggers and reporting verbs of a sentence, non-overlapping, in text order;
    nothing inside ``names`` (actor and place names: "Clash Report" is no clash)."""
    start, end = sentence.span.start, sentence.span.end
    hits: list[Hit] = [Hit(span, sentence.index, None) for span in names]
    for pattern in lex.framing:
        for match in pattern.finditer(text, start, end):
            framing = match.group("framing")
            negative = any(cue in framing.lower() for cue in lex.condemnation_cues)
            span = _span(text, match.start("verb"), match.end("verb"))
            hits.append(
                Hit(
                    span,
                    sentence.index,
                    "Condemnation" if negative else "Statement",
                    is_speech=True,
                    framing=framing,
                )
            )
    for entry in lex.triggers:
        for match in entry.pattern.finditer(text, start, end):
            if _overlaps(hits, match.start(), match.end()) or _negated(text, match.start()):
                continue
            if entry.requires == "charge" and not _charge_near(text, sentence, match.span(), lex):
                continue
            hits.append(
                Hit(
                    _span(text, *match.span()),
                    sentence.index,
                    _refined(entry, text, sentence),
                    entry.anaphoric,
                    entry.refers,
                    entry.passive
                    or _passive_voice(text, match.start(), match.group(0))
                    or (
                        sentence.kind == "headline"
                        and entry.event_class in _HEADLINE_PASSIVE_CLASSES
                        and _headline_passive(text, match.start(), match.end())
                    ),
                    entry.requires,
                    is_speech_class(entry.event_class, lex),
                    responsibility=entry.responsibility,
                )
            )
    for match in lex.reporting.finditer(text, start, end):
        if not _overlaps(hits, match.start(), match.end()):
            hits.append(Hit(_span(text, *match.span()), sentence.index, None, is_speech=True))
    hits = [h for h in hits if h.event_class is not None or h.is_speech]
    return _intended(text, sorted(hits, key=lambda h: (h.span.start, h.span.end)), lex)


def _intended(text: str, hits: list[Hit], lex: EventLexicon) -> list[Hit]:
    """ "vowed to retake", "would attack", "tried to storm": no completed violent event (a Threat after a
    threat cue unless a threat trigger stands before it; nothing after any other cue or a hedge)."""
    result: list[Hit] = []
    for hit in hits:
        before = text[max(0, hit.span.start - 60) : hit.span.start]
        if hit.event_class in lex.hedge_classes and lex.hedge.search(before):
            continue  # "did not say whether soldiers had withdrawn"
        if hit.event_class in lex.intent_classes:
            if lex.intent_other.search(before):
                continue
            if lex.intent_threat.search(before):
                if any(h.event_class == "Threat" for h in result):
                    continue
                hit = replace(hit, event_class="Threat", is_speech=True, intent=True)
        result.append(hit)
    return result


def _charge_near(text: str, sentence: Sentence, span: tuple[int, int], lex: EventLexicon) -> bool:
    """ "rejected the claim", "a charge Asmara rejects": a charge noun within a few words of the trigger."""
    low, high = max(sentence.span.start, span[0] - 30), min(sentence.span.end, span[1] + 30)
    return lex.charges.search(text, low, high) is not None


def _refined(entry: TriggerEntry, text: str, sentence: Sentence) -> str | None:
    """ "jets carried out strikes": a generic trigger takes the class whose cue its sentence names."""
    for name, cue in entry.refine:
        if cue.search(text, sentence.span.start, sentence.span.end):
            return name
    return entry.event_class


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _overlaps(hits: Sequence[Hit], start: int, end: int) -> bool:
    return any(not (end <= h.span.start or start >= h.span.end) for h in hits)


_AUXILIARY = re.compile(
    r"(?<![\w-])(?:is|are|was|were|be|been|being|gets?|got|gotten)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE
)
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en|wn|un)\b|(?:shot|hit|struck|hurt|caught)\b", re.IGNORECASE)
# headlines drop the auxiliary: "Five soldiers killed as rebels attack base", "Aid worker shot dead in X"
_HEADLINE_PASSIVE_CLASSES = frozenset({"Killing", "CivilianHarm", "Arrest"})
_HEADLINE_PASSIVE_NEXT = re.compile(r"\s*(?:$|[,:;]|(?:as|when|after|in|by|on|near|during|while|amid|at)\b)")


def _headline_passive(text: str, start: int, end: int) -> bool:
    """A participle after a noun and before a preposition or connective in a headline is passive."""
    before = text[max(0, start - 30) : start]
    return (
        bool(_PARTICIPLE.match(text, start, end))
        and bool(re.search(r"[A-Za-z]\s+$", before))
        and not re.search(r"(?<![\w-])(?:has|have|had)\s+$", before, re.IGNORECASE)
        and bool(_HEADLINE_PASSIVE_NEXT.match(text[end : end + 12]))
    )


def _passive_voice(text: str, position: int, trigger: str) -> bool:
    """ "have been captured", "were seized", "was shelled": a past participle after a form of "be"."""
    return bool(_PARTICIPLE.match(trigger)) and bool(
        _AUXILIARY.search(text[max(0, position - 30) : position])
    )


def _negated(text: str, position: int) -> bool:
    return bool(
        re.search(
            r"(?<![\w-])(?:not|never|no|without)\s+(?:[\w-]+\s+)?$", text[max(0, position - 30) : position]
        )
    )


def statement_quote(text: str, draft: Draft, hit: Hit, sentence: Sentence) -> None:
    """Quoted words after a statement trigger: ckg:quote, and ckg:framing for a quoted characterisation."""
    if hit.framing is not None:
        draft.framing = draft.framing or hit.framing
        return
    quotes = quotes_in(text, hit.span.end, sentence.span.end)
    if not quotes or draft.quote is not None:
        return
    quote = quotes[0]
    draft.quote = quote.text
    if re.search(r"(?<![\w-])(?:an?|as|the)\s*[“\"]$", text[max(0, quote.start - 8) : quote.start]):
        draft.framing = quote.text


def complementizer(before: str, determiner: re.Match[str], lex: EventLexicon) -> bool:
    """ "said that heavy clashes …", "told reporters that attacks …": "that" opens a clause here."""
    words = determiner.group(0).split()
    if words[0].lower() != "that":
        return False
    if len(words) > 1:  # "that heavy clashes": a clause, unless a determiner follows ("that the attack")
        return not lex.definite.search(" ".join(words[1:]) + " ")
    previous = re.search(r"([\w’'-]+)\W*$", before[: determiner.start()])
    return previous is not None and (
        bool(lex.reporting.fullmatch(previous.group(1)))
        or previous.group(1).lower() in ("reporters", "journalists")
    )


def is_anaphoric_reference(text: str, span: Span, lex: EventLexicon) -> bool:
    """Is the trigger at ``span`` a definite reference back to an earlier event ("the offensive")?"""
    if not any(entry.anaphoric and entry.pattern.fullmatch(span.text) for entry in lex.triggers):
        return False
    if re.match(r"\s+(?:of|by)\b", text[span.end : span.end + 5]):
        return False
    before = text[max(0, span.start - 60) : span.start]
    determiner = lex.definite.search(before)
    return determiner is not None and not complementizer(before, determiner, lex)
