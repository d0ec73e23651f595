"""State institutions and services named by a common noun, and hyphenated modifiers of actors.

- "Russia's defence ministry", "the Sudanese army", "Ukraine's air force", "the army of Mali": the owner
  (a state) stays its own mention; the institution is the gazetteer's entry when it has one ("Syrian
  army" → Syrian Arab Army), else a minted actor ``id:actor/{slug of "<canonical> of <state>"}`` with the
  state in ``of_state`` (emitted as ckg:governmentOf / ckg:armedForceOf);
- "the Gaza health ministry", "the Houthi-run health ministry", "the Saudi-led coalition": an owner that is
  no state names the institution as written;
- bare forms ("the army", "police", "the junta") refer back to an earlier mention of the same institution,
  else (for the kinds marked ``context``) belong to the article's country when one clearly dominates;
- "Hezbollah-linked Hamas", "Iranian-backed Houthis": the modifier's mention gets ``modifier_of`` =
  (relation word, IRI of the actor it modifies), for the relation stage.

Forms, kinds and word lists: ``data/lexicon/organisations.yaml`` (``institutions`` and the sections after it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.discovery import alternation
from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import EntityMention, Sentence, Span
from kg.gazetteer import GazetteerEntry
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher

_STATE = "State"
_LEAD_SENTENCES = 2  # the headline and the first two body sentences weigh more
_LEAD_WEIGHT = 3
_POSSESSIVE_PRONOUN = re.compile(r"\b(?:its|their|his|her|our)(?:\s+own)?\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Institution:
    canonical: str
    forms: tuple[str, ...]
    kind: str
    context: bool
    needs_modifier: bool
    fallback: str
    attributive: bool
    needs_state: bool = False
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _institutions() -> dict[str, _Institution]:
    """Lower-case form → its institution."""
    table: dict[str, _Institution] = {}
    for canonical, entry in lexicon_section("organisations", "institutions").items():
        item = _Institution(
            str(entry.get("canonical", canonical)),
            tuple(str(f) for f in entry["forms"]),
            str(entry["kind"]),
            bool(entry.get("context")),
            bool(entry.get("needs_modifier")),
            str(entry.get("fallback", entry["kind"])),
            bool(entry.get("attributive")),
            bool(entry.get("needs_state")),
            tuple(str(a) for a in entry.get("aliases", ())),
        )
        table.update({form.lower(): item for form in item.forms})
    return table


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(institution form, allowed continuation after it, gap between owner and form)."""
    followers = alternation(lexicon_section("organisations", "institution_followers"))
    owners = alternation(lexicon_section("organisations", "institution_owner_suffixes"))
    adjectives = "|".join(lexicon_section("organisations", "institution_owner_adjectives"))
    return (
        re.compile(rf"(?<![\w-])(?i:{alternation(_institutions())})(?![\w-])"),
        re.compile(rf"(?:['’]s?(?!\w)|\s*[,.;:)”\"(]|\s*$|\s+(?:{followers}|[a-z]+ed|[A-Z])\b)"),
        re.compile(rf"(?:['’]s?\s+(?:(?i:{adjectives})\s+)*|\s+|[-–](?P<mod>{owners})\s+)"),
    )


def institution_mentions(
    text: str, sentences: Sequence[Sentence], mentions: list[EntityMention], matcher: GazetteerMatcher
) -> list[EntityMention]:
    """``mentions`` plus the institutions no mention covers, in text order (module doc)."""
    form_re, follow_re, _ = _patterns()
    by_iri = {e.iri: e for e in matcher.entries}
    country = article_state(sentences, mentions)
    result = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
    for sentence in sentences:
        for match in form_re.finditer(text, sentence.span.start, sentence.span.end):
            start, end = match.span()
            if any(not (end <= m.span.start or start >= m.span.end) for m in result):
                continue
            item = _institutions()[" ".join(match.group(0).lower().split())]
            if item.attributive and not follow_re.match(text, end):
                continue
            found = _institution(
                text, sentence, Span(start, end, match.group(0)), result, matcher, by_iri, country
            )
            if found is not None:
                result.append(found)
                result.sort(key=lambda m: (m.span.start, m.span.end))
    return [_with_state(m, matcher) for m in result]


def _institution(
    text: str,
    sentence: Sentence,
    span: Span,
    mentions: list[EntityMention],
    matcher: GazetteerMatcher,
    by_iri: dict[str, GazetteerEntry],
    country: str | None,
) -> EntityMention | None:
    item = _institutions()[" ".join(span.text.lower().split())]
    owner, modifier = _owner_before(text, span, mentions)
    if owner is None and not modifier:
        owner = _owner_after(text, span, mentions)
    if item.needs_modifier and not modifier:
        return None
    if item.needs_state and _not_the_state_force(text, span, owner):
        return None  # "its troops", "UN troops", "nine soldiers": not (only) the article's country's army
    if owner is not None and _nested(text, owner, mentions):
        return None  # "the General Staff of Ukraine's armed forces": part of the first institution's name
    if owner is not None and _STATE in owner.kinds and not modifier:
        return _state_institution(
            text, sentence, span, item, by_iri[owner.iri] if owner.iri in by_iri else None, owner, matcher
        )
    if owner is not None:
        written = " ".join(text[owner.span.start : span.end].split())
        if not modifier and re.match(r"['’]", text[owner.span.end : owner.span.end + 1]):
            written = f"{item.canonical} of {owner.label}"  # "the Houthis' health ministry"
        return _minted(sentence, span, written[0].upper() + written[1:], item.kind, aliases=())
    earlier = [m for m in mentions if m.span.end <= span.start and _canonical_of(m) == item.canonical]
    state = by_iri.get(country) if country else None
    if earlier and not (state is not None and _proper_name(earlier[-1])):
        return replace(earlier[-1], span=span, sentence=sentence.index, how="coreference")
    if not item.context and not earlier:
        return None
    if state is not None:
        return _state_institution(text, sentence, span, item, state, None, matcher)
    if item.needs_state:
        return None
    return _minted(sentence, span, item.canonical, item.fallback, aliases=_aliases(item, "", ""))


def _owner_before(text: str, span: Span, mentions: list[EntityMention]) -> tuple[EntityMention | None, str]:
    _, _, gap_re = _patterns()
    for m in reversed(mentions):
        if m.span.end > span.start:
            continue
        gap = gap_re.fullmatch(text, m.span.end, span.start)
        if gap is None or not (m.is_actor or m.is_place):
            return None, ""
        plain = not gap.group("mod") and not re.match(r"['’]", gap.group(0))
        if plain and not m.is_place and m.how != "demonym":  # "told Reuters police …": no owner
            return None, ""
        return m, gap.group("mod") or ""
    return None, ""


def _nested(text: str, owner: EntityMention, mentions: list[EntityMention]) -> bool:
    """Is ``owner`` (a possessive) the "of"-owner of an institution just before it?"""
    if not re.match(r"['’]", text[owner.span.end : owner.span.end + 1]):
        return False
    before = [m for m in mentions if m.span.end <= owner.span.start]
    return (
        bool(before)
        and bool({"Government", "StateArmedForce"} & set(before[-1].kinds))
        and bool(re.fullmatch(r"\s+of\s+(?:the\s+)?", text[before[-1].span.end : owner.span.start]))
    )


def _owner_after(text: str, span: Span, mentions: list[EntityMention]) -> EntityMention | None:
    """ "the army of Mali", "the General Staff of Ukraine's armed forces"."""
    gap = re.match(r"\s+of\s+(?:the\s+)?", text[span.end : span.end + 12])
    if gap is None:
        return None
    return next((m for m in mentions if m.span.start == span.end + gap.end() and _STATE in m.kinds), None)


def _state_institution(
    text: str,
    sentence: Sentence,
    span: Span,
    item: _Institution,
    state: GazetteerEntry | None,
    owner: EntityMention | None,
    matcher: GazetteerMatcher,
) -> EntityMention:
    name = state.label if state else owner.label if owner else ""
    known = _gazetteer_institution(item, state, matcher) if state else None
    if known is not None:
        return EntityMention(
            span, sentence.index, known.iri, known.label, known.kinds, known.is_place, True, True, "alias"
        )
    alias: tuple[str, ...] = ()
    if owner is not None and owner.how == "demonym":
        alias = (" ".join(text[owner.span.start : span.end].split()),)  # "Malian armed forces"
    if state is not None:  # "Yemen's internationally recognised government" is also "the Yemeni government"
        named = tuple(f"{d} {item.canonical}" for d in state.demonyms[:1])
        named += _aliases(item, state.demonyms[0] if state.demonyms else "", state.label)
        alias += tuple(dict.fromkeys(n for n in named if n not in alias))
    label = f"{item.canonical[0].upper()}{item.canonical[1:]} of {name}"
    mention = _minted(sentence, span, label, item.kind, aliases=alias)
    return replace(mention, of_state=state.iri if state else owner.iri if owner else None)


def _aliases(item: _Institution, demonym: str, state: str) -> tuple[str, ...]:
    """The institution's alias templates filled with the owner state's demonym and name (a template whose
    placeholder has no value is left out): "Cameroonian army", "Burkina Faso army", "army"."""
    result = []
    for template in item.aliases:
        if ("{demonym}" in template and not demonym) or ("{state}" in template and not state):
            continue
        result.append(template.format(demonym=demonym, state=state))
    return tuple(result)


def _proper_name(mention: EntityMention) -> bool:
    """A body found by its own capitalised name ("the Interim Government" of a separatist movement), not a
    state's institution: a bare "the government" in an article about one country is that country's."""
    words = mention.label.split()
    return (
        not mention.known and not mention.of_state and len(words) > 1 and all(w[0].isupper() for w in words)
    )


def _not_the_state_force(text: str, span: Span, owner: EntityMention | None) -> bool:
    """A bare "troops" / "soldiers" that is someone's ("its troops", "UN troops") or counted ("nine soldiers",
    "dozens of troops": victims or a figure, left to the figure stage)."""
    if owner is not None and _STATE not in owner.kinds:
        return True
    before = text[max(0, span.start - 40) : span.start]
    if re.search(r"(?<![.!?]\s)\b[A-Z][\w.'’-]*\s+$", before):
        return True  # "U.S. troops", "AMISOM soldiers": an owner the converter did not recognise
    return bool(_POSSESSIVE_PRONOUN.search(before) or _counted_re().search(before))


@lru_cache(maxsize=1)
def _counted_re() -> re.Pattern[str]:
    words = alternation(lexicon_section("organisations", "institution_counted_before"))
    return re.compile(rf"(?:\d|\b(?i:{words}))(?:\s+of)?\s+(?:[a-z]+\s+)?$")


def capital_government(
    sentence: Sentence, span: Span, state: GazetteerEntry, matcher: GazetteerMatcher
) -> EntityMention:
    """A capital before a speech or stance verb stands for its state's government ("a charge Caracas
    denies", "Asmara rejects the report"): the gazetteer's government of the state, else the minted
    "Government of <state>" (the IRI of "Venezuela's government"), governmentOf the state."""
    item = _institutions()["government"]
    known = _gazetteer_institution(item, state, matcher)
    if known is not None:
        return EntityMention(
            span, sentence.index, known.iri, known.label, known.kinds, False, True, True, "metonym"
        )
    aliases = _aliases(item, state.demonyms[0] if state.demonyms else "", state.label)
    mention = _minted(sentence, span, f"Government of {state.label}", item.kind, aliases=aliases)
    return replace(mention, how="metonym", of_state=state.iri)


def _gazetteer_institution(
    item: _Institution, state: GazetteerEntry, matcher: GazetteerMatcher
) -> GazetteerEntry | None:
    """The gazetteer's entry for the institution of a state ("Syrian army", "Iranian government")."""
    owners = [state.label, *state.demonyms]
    forms = dict.fromkeys(
        f for i in _institutions().values() if i.canonical == item.canonical for f in i.forms
    )
    for owner in owners:
        for form in forms:
            for name in (f"{owner} {form}", f"{form} of {owner}"):
                entry = matcher.by_name.get(name.lower())
                if entry is not None and entry.is_actor and item.kind in entry.kinds:
                    return entry
    return None


def _minted(
    sentence: Sentence, span: Span, label: str, kind: str, *, aliases: tuple[str, ...]
) -> EntityMention:
    return EntityMention(
        span,
        sentence.index,
        str(ID[f"actor/{slug(label)}"]),
        label,
        (kind,),
        False,
        True,
        False,
        "pattern",
        aliases=aliases,
    )


def _canonical_of(mention: EntityMention) -> str | None:
    """The institution a minted mention names ("Defence ministry of Russia" → "defence ministry")."""
    label = mention.label.lower()
    for form, item in _institutions().items():
        if item.kind not in mention.kinds and item.fallback not in mention.kinds:
            continue
        if label == item.canonical or label.startswith(f"{item.canonical} of ") or label.endswith(f" {form}"):
            return item.canonical
    return None


def article_state(sentences: Sequence[Sentence], mentions: Sequence[EntityMention]) -> str | None:
    """The state an article is about: the most mentioned one (a mention in the headline or the first two body
    sentences counts three times; on a tie the one named first), mentioned at least twice."""
    lead = {s.index for s in sentences if s.kind == "headline"}
    lead |= {s.index for s in sentences if s.kind == "body"}.intersection(
        sorted(s.index for s in sentences if s.kind == "body")[:_LEAD_SENTENCES]
    )
    counts: Counter[str] = Counter()
    for m in mentions:
        if _STATE in m.kinds:
            counts[m.iri] += _LEAD_WEIGHT if m.sentence in lead else 1
    first = {m.iri: i for i, m in reversed(list(enumerate(mentions)))}
    ranked = sorted(counts, key=lambda iri: (-counts[iri], first[iri]))  # a tie: the first named wins
    return ranked[0] if ranked and counts[ranked[0]] >= 2 else None


def _with_state(mention: EntityMention, matcher: GazetteerMatcher) -> EntityMention:
    """A discovered "Sudanese Army" / "Malian Government" belongs to the state its first word names."""
    if mention.known or mention.of_state or not {"Government", "StateArmedForce"} & set(mention.kinds):
        return mention
    first = mention.label.split()[0] if mention.label else ""
    state = matcher.demonyms.get(first) or matcher.by_name.get(first.lower())
    if state is None or _STATE not in state.kinds:
        return mention
    return replace(mention, of_state=state.iri)


def link_modifiers(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """ "Hezbollah-linked Hamas": the modifier's mention records (relation word, the actor it modifies)."""
    suffixes = alternation(lexicon_section("organisations", "modifier_suffixes"))
    gap = re.compile(rf"[-–](?P<word>{suffixes})\s+(?:the\s+)?", re.IGNORECASE)
    result = list(mentions)
    for i, (first, second) in enumerate(zip(mentions, mentions[1:], strict=False)):
        found = gap.fullmatch(text, first.span.end, second.span.start)
        if found and first.is_actor and second.is_actor and first.iri != second.iri:
            result[i] = replace(first, modifier_of=(found.group("word").lower(), second.iri))
    return result
