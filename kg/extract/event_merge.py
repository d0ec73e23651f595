"""Merging of repeated event drafts, the campaign link (sub-events) and figure attachment."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from kg.extract.event_parts import Draft, EventLexicon, is_speech_class
from kg.extract.mentions import ArticleMentions, Span

_MERGE_WINDOW = 3  # sentences within which events of one class sharing no argument still merge


def root(drafts: Sequence[Draft], index: int) -> int:
    while drafts[index].merged_into is not None:
        index = drafts[index].merged_into  # type: ignore[assignment]
    return index


def mergeable(
    earlier: Draft,
    later: Draft,
    lex: EventLexicon,
    *,
    lead: frozenset[int] = frozenset(),
    summary: frozenset[int] = frozenset(),
    collectives: frozenset[str] = frozenset(),
) -> bool:
    """Does ``later`` repeat ``earlier``: same class (or, both in the article's ``lead`` sentences, a
    general and a specific class of one attack: "strike" … "air strike") and no conflicting agents,
    places or dates? An event of a ``summary`` sentence (headline, bullet) repeated in the lead may name
    other places ("in Amhara" / "in Mota") and a common noun for its agent ("Jihadists" / "JNIM")."""
    if earlier.dropped:
        return False
    if earlier.sentence in summary and later.sentence in lead - summary and not is_speech_class(
        later.event_class, lex
    ):
        return _summarised(earlier, later, lex, collectives)
    if earlier.event_class != later.event_class:
        related = related_classes(earlier.event_class, later.event_class, lex)
        if not (related and {earlier.sentence, later.sentence} <= lead):
            return False
    if is_speech_class(later.event_class, lex):
        same = (later.about, later.about_events, later.quote, later.framing) == (
            earlier.about,
            earlier.about_events,
            earlier.quote,
            earlier.framing,
        )
        return bool(later.agents) and set(later.agents) == set(earlier.agents) and same
    if earlier.violated is not None and later.violated is not None and earlier.violated != later.violated:
        return False
    if earlier.agents and later.agents and not same_side(earlier.agents, later.agents, lex):
        return False
    shared = any(set(getattr(earlier, n)) & set(getattr(later, n)) for n in ("agents", "places", "captured"))
    if not shared and later.sentence - earlier.sentence > _MERGE_WINDOW:
        return False  # "killed" twice, far apart and sharing nothing: two events
    for name in ("places", "captured"):
        mine, theirs = set(getattr(earlier, name)), set(getattr(later, name))
        if mine and theirs and not mine & theirs:
            return False
    return not (earlier.date and later.date and earlier.date.value != later.date.value)


def _summarised(earlier: Draft, later: Draft, lex: EventLexicon, collectives: frozenset[str]) -> bool:
    """A headline event and its first telling in the body: one class (or a general and a specific one),
    agents of one side (or common nouns on one side), one date."""
    if earlier.event_class != later.event_class and not related_classes(
        earlier.event_class, later.event_class, lex
    ):
        return False
    generic = (set(earlier.agents) <= collectives) or (set(later.agents) <= collectives)
    if earlier.agents and later.agents and not (same_side(earlier.agents, later.agents, lex) or generic):
        return False
    return not (earlier.date and later.date and earlier.date.value != later.date.value)


def related_classes(first: str, second: str, lex: EventLexicon) -> bool:
    """Is one class a specialisation of the other (``specialisations`` of events.yaml)?"""
    return second in lex.specialisations.get(first, frozenset()) or first in lex.specialisations.get(
        second, frozenset()
    )


def same_side(first: Sequence[str], second: Sequence[str], lex: EventLexicon) -> bool:
    """Do two agent lists share an actor, or a collective the lexicon treats as interchangeable?"""
    if set(first) & set(second):
        return True
    for side in lex.sides:
        if any(
            i.rsplit("/", 1)[-1].split("-")[-1] in side or i.rsplit("/", 1)[-1] in side for i in first
        ) and any(
            i.rsplit("/", 1)[-1].split("-")[-1] in side or i.rsplit("/", 1)[-1] in side for i in second
        ):
            return True
    return False


def merge_into(
    drafts: list[Draft], target_index: int, source_index: int, *, specific: frozenset[str] = frozenset()
) -> None:
    """Merge a draft into an earlier one; ``specific``: the classes more specific than the target's."""
    target, source = drafts[target_index], drafts[source_index]
    for name in (
        "agents",
        "targets",
        "places",
        "captured",
        "about",
        "about_events",
        "attributed_to",
        "figures",
    ):
        for value in getattr(source, name):
            target.add(name, value)
    if source.event_class in specific:
        target.event_class = source.event_class  # "strike" merged with "air strike": an air strike
    target.coref += [source.span, *source.coref]
    target.last_seen = max(target.last_seen, source.last_seen)
    for name in ("date", "first_since", "violated", "quote", "framing"):
        if getattr(target, name) is None:
            setattr(target, name, getattr(source, name))
    source.merged_into = target_index


def live(drafts: Sequence[Draft]) -> list[int]:
    return [i for i, d in enumerate(drafts) if d.merged_into is None and not d.dropped]


def link_campaign(drafts: list[Draft], lex: EventLexicon, *, sections: Sequence[int] = ()) -> None:
    """The first offensive is the campaign; violent events sharing its agents or places are sub-events.
    ``sections`` (section number per sentence, a subheading opening a new one) keep a round-up's incidents
    under other subheadings out of a campaign told under its own subheading."""
    indexes = live(drafts)
    campaigns = [i for i in indexes if drafts[i].event_class in ("Offensive", "Campaign")]
    if not campaigns:
        return
    campaign = drafts[campaigns[0]]
    section_of = lambda d: sections[d.sentence] if d.sentence < len(sections) else 0  # noqa: E731
    for index in indexes:
        draft = drafts[index]
        if index == campaigns[0] or draft.event_class in lex.not_sub_events:
            continue
        if section_of(campaign) and section_of(draft) != section_of(campaign):
            continue
        shares = same_side(draft.agents, campaign.agents, lex) or set(draft.places) & set(campaign.places)
        if not shares and (draft.agents or draft.places):
            continue
        draft.parent = campaigns[0]
        if not draft.places:
            draft.places = list(campaign.places)
        if not draft.agents and draft.event_class in lex.inherit_agents:
            draft.agents = list(campaign.agents)


def attach_figures(drafts: list[Draft], mentions: ArticleMentions, lex: EventLexicon) -> None:
    """Each figure goes to the event of its sentence (preferring its measure's classes), else the campaign."""
    indexes = live(drafts)
    campaigns = [i for i in indexes if drafts[i].event_class in ("Offensive", "Campaign")]
    eligible = [
        i
        for i in indexes
        if not is_speech_class(drafts[i].event_class, lex)
        and drafts[i].event_class not in lex.families["Agreement"]
    ]
    by_sentence = _drafts_by_sentence(drafts, eligible, mentions)
    for number, figure in enumerate(mentions.figures):
        if figure.measure in lex.figure_without_event:
            continue
        sentence = mentions.sentences[figure.sentence].span
        near = [
            (min(_gap(s, figure.span) for s in _spans(drafts[i]) if _within(s, sentence)), i)
            for i in by_sentence.get(figure.sentence, [])
            if any(_within(s, sentence) for s in _spans(drafts[i]))
        ]
        preferred = [p for p in near if drafts[p[1]].event_class in lex.figure_events.get(figure.measure, ())]
        choice = min(preferred or near, default=None)
        target = choice[1] if choice else (campaigns[0] if campaigns else None)
        if target is not None:
            drafts[target].add("figures", number)


def _drafts_by_sentence(
    drafts: list[Draft], indexes: list[int], mentions: ArticleMentions
) -> dict[int, list[int]]:
    """The drafts (of INDEXES) with a trigger or coreference span in each sentence, in index order."""
    starts = [s.span.start for s in mentions.sentences]
    found: dict[int, list[int]] = {}
    for i in indexes:
        for sentence in sorted({bisect_right(starts, span.start) - 1 for span in _spans(drafts[i])}):
            found.setdefault(mentions.sentences[sentence].index, []).append(i)
    return found


def _spans(draft: Draft) -> list[Span]:
    return [draft.span, *draft.coref]


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _gap(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)
