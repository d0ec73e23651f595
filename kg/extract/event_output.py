"""The final step of :mod:`kg.extract.events`: live event drafts → :class:`EventMention` list with
references re-numbered and a readable label each."""

from __future__ import annotations

import re

from kg.extract.event_merge import live, root
from kg.extract.event_parts import Draft
from kg.extract.mentions import ArticleMentions, EventMention


def finish(drafts: list[Draft], mentions: ArticleMentions) -> list[EventMention]:
    """Live drafts → EventMentions in text order, with references re-numbered and a label each. An actor
    found as both agent and target of one event keeps one side (see ``one_side``)."""
    indexes = sorted(
        live(drafts),
        key=lambda i: (drafts[i].sentence, drafts[i].span.start, drafts[i].span.end, drafts[i].event_class),
    )
    renumber = {old: new for new, old in enumerate(indexes)}

    def ref(index: int | None) -> int | None:
        return None if index is None else renumber.get(root(drafts, index))

    labels = entity_labels(mentions)
    events = []
    for index in indexes:
        d = drafts[index]
        one_side(d)
        about_events = tuple(dict.fromkeys(r for r in (ref(i) for i in d.about_events) if r is not None))
        events.append(
            EventMention(
                span=d.span,
                sentence=d.sentence,
                event_class=d.event_class,
                label=event_label(d, labels),
                agents=tuple(d.agents),
                targets=tuple(d.targets),
                places=tuple(d.places),
                date=d.date,
                first_since=d.first_since,
                parent=ref(d.parent),
                captured=tuple(d.captured),
                figures=tuple(sorted(d.figures)),
                violated_agreement=ref(d.violated),
                about=tuple(d.about),
                quote=d.quote,
                framing=d.framing,
                attributed_to=_attributed(d),
                about_events=tuple(e for e in about_events if e != renumber[index]),
                coreferences=tuple(d.coref),
            )
        )
    return events


def one_side(draft: Draft) -> None:
    """An actor found as both agent and target of one event keeps one side: a harm keeps its victim ("a bus
    carrying soldiers was attacked, killing six soldiers"); another event keeps its agent ("the SDF agreed to
    withdraw its fighters", "HTS launched an assault with its fighters"), unless the agents are all doubtful
    and the target has others, the case where a speaker's country slipped into the targets."""
    both = set(draft.agents) & set(draft.targets)
    if not both:
        return
    harm = draft.event_class in ("Killing", "CivilianHarm")
    if harm and not (set(draft.agents) <= both and not set(draft.targets) <= both):
        draft.agents = [a for a in draft.agents if a not in both]
    else:
        draft.targets = [t for t in draft.targets if t not in both]


def _attributed(draft: Draft) -> tuple[str, ...]:
    """A statement is attributed to its speaker (prov:wasAttributedTo) only when it carries the speaker's
    words (a quote or framing) or claims responsibility: "X condemned the attack" is an act whose speaker
    is its ckg:agent, not a report whose content needs a source."""
    if draft.quote or draft.framing or draft.responsibility:
        return tuple(draft.attributed_to)
    return ()


def entity_labels(mentions: ArticleMentions) -> dict[str, str]:
    labels = {e.iri: e.label for e in [*mentions.entities, *mentions.materiel]}
    labels.update({r.person.iri: r.person.label for r in mentions.roles})
    return labels


def event_label(draft: Draft, labels: dict[str, str]) -> str:
    """A readable, deterministic label: "Offensive on Aleppo by Hayat Tahrir al-Sham"."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", draft.event_class)
    words = words[0] + words[1:].lower()
    names = lambda iris: " and ".join(labels.get(i, i.rsplit("/", 1)[-1]) for i in iris)  # noqa: E731
    parts = [words]
    if draft.date is not None and draft.event_class.endswith(("Agreement", "Ceasefire")):
        parts.append(f"of {draft.date.value}")
    if draft.captured:
        parts.append(f"of {names(draft.captured)}")
    elif draft.places:
        parts.append(("on " if draft.event_class == "Offensive" else "in ") + names(draft.places))
    if draft.agents:
        parts.append(f"by {names(draft.agents)}")
    if draft.about:
        parts.append(f"about {names(draft.about)}")
    return " ".join(parts)
