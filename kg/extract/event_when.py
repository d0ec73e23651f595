"""Harm told together with its cause in a time clause: "four soldiers were killed on Monday when their
convoy was ambushed by the rebels", "villagers wounded as gunmen attack a market", "two guards died after
militants stormed the prison", or inside it: "27 soldiers were killed in an overnight attack on their base".
The violent event of the ``when`` / ``as`` / ``while`` / ``after`` clause (or after ``in`` / ``during`` /
``amid``) caused the harm: its agents are the harm's agents (never its victims), and the two share a date
(except after "after", which orders them) and, when one lacks it, a place.
"""

from __future__ import annotations

import re

from kg.extract.event_links import EventState
from kg.extract.event_parts import Draft, Hit

HARM = frozenset({"Killing", "CivilianHarm"})
# the connective is the last clause word before the cause: "killed when …", "killed on Monday as …"
_CONNECTIVE = re.compile(
    r"^[^.;:!?\"“”]{0,60}?(?<![\w-])(?<!such )(?<!well )(?P<word>when|as|while|after)\s+"
    r"(?!well\b|a result\b|part\b|many\b|much\b|of\b)"
    r"[^,;:\"“”]{0,90}$",
    re.IGNORECASE,
)
# "killed in an overnight attack on the base", "wounded during renewed shelling": the harm happened in the
# violent event named right after the preposition (a few words at most between them)
_WITHIN = re.compile(
    r"^[^.;:!?\"“”]{0,60}?(?<![\w-])(?P<word>in|during|amid)\s+"
    r"(?:(?:an?|the|two|three|several|a\s+series\s+of|a\s+wave\s+of)\s+)?(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)


def link_when_clauses(state: EventState, local: list[tuple[Hit, int]]) -> None:
    """Give each harm of the sentence the agents, date and place of the violent event that caused it in a
    time clause right after it."""
    violent = state.lex.families["Violent"] | HARM
    text = state.mentions.text
    for number, (hit, index) in enumerate(local):
        harm = state.drafts[index]
        if harm.event_class not in violent or hit.is_speech:
            continue
        after = [(h, i) for h, i in local[number + 1 :] if h.span.start >= hit.span.end and i != index]
        # "were killed and a dozen wounded when …": harms coordinated with this one share its cause
        chain = [hit] + [h for h, i in after if state.drafts[i].event_class in HARM]
        rest = [(h, i) for h, i in after if state.drafts[i].event_class not in HARM]
        if not rest:
            continue
        cause_hit, cause_index = rest[0]
        cause = state.drafts[cause_index]
        last = max((h for h in chain if h.span.end <= cause_hit.span.start), key=lambda h: h.span.end)
        gap = text[last.span.end : cause_hit.span.start]
        match = _CONNECTIVE.match(gap) or _WITHIN.match(gap)
        if match is None or cause.event_class not in state.lex.families["Violent"]:
            continue
        if not cause_hit.passive:  # "when Islamic State militants ambushed …": every actor of the subject
            start = last.span.end + match.end("word")
            for arg in state.args.get(hit.sentence, []):
                if arg.is_actor and start <= arg.span.start and arg.span.end <= cause_hit.span.start:
                    cause.add("agents", arg.iri)
        _share(harm, cause, same_time=match.group("word").lower() != "after")


def _share(harm: Draft, cause: Draft, *, same_time: bool) -> None:
    if harm.event_class in HARM and cause.agents:
        harm.targets = [t for t in harm.targets if t not in cause.agents]
        if not harm.agents or set(harm.agents) & set(cause.targets):
            harm.agents = list(cause.agents)
    if same_time:
        harm.date = harm.date or cause.date
        cause.date = cause.date or harm.date
    if not harm.places:
        harm.places = list(cause.places)
    elif not cause.places:
        cause.places = list(harm.places)
