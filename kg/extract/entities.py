"""Actor and place mentions: gazetteer matches and actors discovered in the text.

Candidates, each a span in one sentence:

- gazetteer forms: labels, aliases and acronyms (acronyms case-sensitive), former names, demonyms
  ("Iranian"), metonyms ("the Kremlin" → the entry that has it); "X's" is marked ``how="possessive"``;
- actors discovered in the text (:mod:`kg.extract.discovery`): organisations, persons, post authors;
  acronyms and "al-" names (:mod:`kg.extract.acronyms`), linked to the full name they abbreviate;
- collective actors named by common nouns ("rebels", "Syrian rebels", "state media") or plural demonyms
  ("Syrians") and materiel ("heavy weapons"), from ``data/lexicon/collectives.yaml``
  (:mod:`kg.extract.collectives`);
- places discovered in the text (:mod:`kg.extract.places`): countries missing from the gazetteer (added to
  the matcher as extra entries), places with a head word or after a place preposition, named sites.

Overlaps are resolved longest first (then gazetteer before discovered), so "Syrian government forces"
beats "Syrian government", which beats "Syrian". Later passes only fill spans nobody took: surnames of
discovered persons, names after place prepositions, repeats of discovered places. Sites ("Aleppo's
university") are added last on the site noun, contained in the place before them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.acronyms import acronym_candidates, link_acronyms, merge_descriptors, repeated_acronyms
from kg.extract.collectives import (
    collective_candidates,
    materiel_candidates,
    people_candidates,
    resolve_bare_collectives,
)
from kg.extract.countries import capital_states, country_entries
from kg.extract.discovery import (
    Candidate,
    alternation,
    discovered_candidates,
    surname_candidates,
)
from kg.extract.extended_names import extended_name_candidates
from kg.extract.foreign_forces import foreign_forces_as_states
from kg.extract.group_names import repeated_group_names
from kg.extract.institutions import capital_government, institution_mentions, link_modifiers
from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import EntityMention, Sentence, Span
from kg.extract.place_links import (
    directional_regions,
    headed_place_candidates,
    link_containment,
    site_mentions,
)
from kg.extract.places import place_candidates, preposition_places, repeated_places
from kg.gazetteer import GazetteerEntry, gazetteer_index

_HOW_RANK = {"label": 0, "alias": 1, "acronym": 1, "former": 2, "demonym": 3, "metonym": 4}
_SOURCE_RANK = {"gazetteer": 0, "place": 1, "person": 2, "organisation": 3, "collective": 4, "materiel": 5}
_TOKEN = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s?\b")
# consecutive tokens of a name are joined by a blank, hyphen, apostrophe or period (not by a comma)
_TIGHT = re.compile(r"[\s\-'’.]{1,3}")


@dataclass(frozen=True)
class _Form:
    entry: GazetteerEntry
    how: str
    words: tuple[str, ...]  # the form's tokens as written (case is checked against them)
    case_sensitive: bool


class GazetteerMatcher:
    """Token-sequence index of every gazetteer form, built once per gazetteer."""

    def __init__(self, entries: Sequence[GazetteerEntry]) -> None:
        extra = country_entries(entries)
        self.entries = [*_with_group_adjectives(entries), *extra]
        self.minted = {e.iri for e in extra}  # countries from the country list, not from the gazetteer
        self.forms: dict[tuple[str, ...], list[_Form]] = {}
        for entry in self.entries:
            for how, names in _entry_forms(entry):
                for name in names:
                    self._add(entry, how, name)
        for options in self.forms.values():
            options.sort(key=lambda f: (_HOW_RANK[f.how], f.entry.iri))
        self.longest = max((len(k) for k in self.forms), default=0)
        self.prefixes = {k[:n] for k in self.forms for n in range(1, len(k) + 1)}
        self.demonyms = {d: e for e in self.entries for d in e.demonyms}
        self.demonym_key = tuple(sorted(self.demonyms))
        self.by_name = {name.lower(): e for e in self.entries for _, ns in _entry_forms(e) for name in ns}

    def _add(self, entry: GazetteerEntry, how: str, name: str) -> None:
        name = re.sub(r"^(?:the|The)\s+", "", name.strip())
        words = tuple(_TOKEN.findall(name))
        if not words:
            return
        acronym = how == "alias" and not any(c.islower() for c in name) and len(name) <= 8
        form = _Form(entry, "acronym" if acronym else how, words, acronym)
        self.forms.setdefault(tuple(w.lower() for w in words), []).append(form)

    def matches(self, text: str, sentence: Sentence) -> Iterator[tuple[int, int, _Form]]:
        """The longest acceptable form starting at each token of the sentence."""
        tokens = [
            (m.start() + sentence.span.start, m.end() + sentence.span.start, m.group(0))
            for m in _TOKEN.finditer(sentence.span.text)
        ]
        lowered = [t[2].lower() for t in tokens]
        tight = [
            _TIGHT.fullmatch(text, a[1], b[0]) is not None for a, b in zip(tokens, tokens[1:], strict=False)
        ]
        for i in range(len(tokens)):
            best: tuple[int, _Form] | None = None
            for j in range(i, min(i + self.longest, len(tokens))):
                if j > i and not tight[j - 1]:
                    break
                key = tuple(lowered[i : j + 1])
                if key not in self.prefixes:
                    break
                surface = [t[2] for t in tokens[i : j + 1]]
                form = next((f for f in self.forms.get(key, []) if _case_ok(f, surface)), None)
                if form:
                    best = (j, form)
            if best:
                yield tokens[i][0], tokens[best[0]][1], best[1]


def _with_group_adjectives(entries: Sequence[GazetteerEntry]) -> list[GazetteerEntry]:
    """Gazetteer entries plus the adjectives of groups named in data/lexicon/organisations.yaml
    (``group_adjectives``: "Houthi fighters" → the Houthis), read as their demonyms."""
    adjectives = lexicon_section("organisations", "group_adjectives")
    return [
        replace(e, demonyms=(*e.demonyms, *adjectives[e.label]))
        if e.is_actor and e.label in adjectives
        else e
        for e in entries
    ]


def _entry_forms(entry: GazetteerEntry) -> list[tuple[str, tuple[str, ...]]]:
    return [
        ("label", (entry.label,)),
        ("alias", entry.aliases),
        ("former", entry.former_names),
        ("demonym", entry.demonyms),
        ("metonym", entry.metonyms),
    ]


def _case_ok(form: _Form, surface: list[str]) -> bool:
    if form.case_sensitive:
        return list(form.words) == surface
    return all(not w[0].isupper() or s[0].isupper() for w, s in zip(form.words, surface, strict=True))


_MATCHERS: dict[int, tuple[Sequence[GazetteerEntry], GazetteerMatcher]] = {}


def matcher_for(entries: Sequence[GazetteerEntry]) -> GazetteerMatcher:
    """The matcher of a gazetteer (cached per list object)."""
    cached = _MATCHERS.get(id(entries))
    if cached is None or cached[0] is not entries:
        cached = (entries, GazetteerMatcher(entries))
        _MATCHERS[id(entries)] = cached
    return cached[1]


_DEFAULT: list[list[GazetteerEntry]] = []


def _default_gazetteer() -> list[GazetteerEntry]:
    if not _DEFAULT:
        _DEFAULT.append(gazetteer_index())
    return _DEFAULT[0]


def find_entities(
    text: str,
    sentences: Sequence[Sentence],
    *,
    article_key: str,
    gazetteer: Sequence[GazetteerEntry] | None = None,
) -> list[EntityMention]:
    """Actor, place and materiel mentions of the article, without overlaps, in text order.

    ``gazetteer`` defaults to :func:`kg.gazetteer.gazetteer_index`. ``article_key`` is accepted for the
    article-scoped IRIs of the pipeline (entity IRIs here are all article-independent).
    """
    matcher = matcher_for(gazetteer if gazetteer is not None else _default_gazetteer())
    candidates: list[Candidate] = []
    for sentence in sentences:
        candidates += _gazetteer_candidates(text, sentence, matcher)
        candidates += discovered_candidates(text, sentence, matcher) + acronym_candidates(sentence, matcher)
        candidates += collective_candidates(sentence, matcher) + materiel_candidates(sentence)
        candidates += people_candidates(sentence, matcher)
        candidates += extended_name_candidates(text, sentence, matcher)
        candidates += place_candidates(sentence, matcher) + headed_place_candidates(sentence, matcher)
    chosen = link_acronyms(text, resolve_bare_collectives(_resolve_overlaps(candidates)))
    chosen = directional_regions(text, merge_descriptors(text, chosen), matcher)
    chosen = _resolve_overlaps(chosen + surname_candidates(text, sentences, chosen))
    chosen = _resolve_overlaps(chosen + repeated_acronyms(sentences, chosen))
    chosen = _resolve_overlaps(chosen + repeated_group_names(sentences, chosen))
    chosen += preposition_places(sentences, chosen, matcher)
    chosen = _resolve_overlaps(chosen + repeated_places(sentences, chosen))
    mentions = link_containment(text, sentences, [c.mention for c in chosen])
    mentions += site_mentions(text, sentences, mentions, matcher)
    mentions = institution_mentions(text, sentences, mentions, matcher)
    return link_modifiers(text, foreign_forces_as_states(sentences, mentions, matcher))


def _resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    starts: list[int] = []  # the chosen, disjoint spans, ordered by start
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, _SOURCE_RANK[c.source], c.rank, c.start)):
        at = bisect.bisect_right(starts, cand.start)
        if (at and chosen[at - 1].end > cand.start) or (at < len(starts) and starts[at] < cand.end):
            continue
        starts.insert(at, cand.start)
        chosen.insert(at, cand)
    return chosen


# the verb after a name, across "has"/"had"/"have" and a coordinated name ("Moscow and Tehran back …")
_SUBJECT_VERB = re.compile(
    r"\s+(?:and\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+)?(?:has\s+|had\s+|have\s+)?"
    r"(?:(?:[a-z]+ly|long|also|again|then|later|since)\s+)?([a-z]+)"
)


@lru_cache(maxsize=1)
def _metonym_verbs() -> frozenset[str]:
    return frozenset(str(v) for v in lexicon_section("places", "metonym_verbs"))


def _metonym_reading(text: str, end: int, form: _Form, matcher: GazetteerMatcher) -> _Form:
    """A capital that is also a government's metonym reads as the government before a speech or stance
    verb ("Moscow said", "Kyiv and Warsaw condemned"); the verbs are in ``data/lexicon/places.yaml``."""
    if not form.entry.is_place or form.how != "label":
        return form
    verb = _SUBJECT_VERB.match(text, end, end + 60)
    if verb is None or verb.group(1) not in _metonym_verbs():
        return form
    key = tuple(w.lower() for w in form.words)
    found = next((f for f in matcher.forms[key] if f.how == "metonym" and f.entry.is_actor), None)
    state = matcher.by_name.get(capital_states().get(form.entry.label, "").lower())
    if found is None and state is not None and state.is_actor:
        found = _Form(state, "metonym", form.words, False)  # "Kigali denied": the government of the state
    return found or form


@lru_cache(maxsize=1)
def _describing_demonym() -> re.Pattern[str]:
    """What follows a demonym that only describes: "-owned", "-flagged", " refugees" (places.yaml)."""
    lex = lexicon_section("places", "demonym_not_actor")
    return re.compile(rf"(?:-(?:{alternation(lex['suffixes'])})|\s+(?:{alternation(lex['nouns'])}))\b", re.I)


def _gazetteer_candidates(text: str, sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    result = []
    for start, end, found in matcher.matches(text, sentence):
        if found.how == "demonym" and _describing_demonym().match(text, end):
            continue
        form = _metonym_reading(text, end, found, matcher)
        entry = form.entry
        how = "alias" if form.how == "former" else form.how
        if _POSSESSIVE.match(text, end) and how in ("label", "alias", "acronym"):
            how = "possessive"
        span = Span(start, end, text[start:end])
        if how == "metonym" and "State" in entry.kinds and found.entry.is_place:
            government = capital_government(sentence, span, entry, matcher)
            result.append(Candidate(start, end, "gazetteer", _HOW_RANK["metonym"], government))
            continue
        mention = EntityMention(
            span=span,
            sentence=sentence.index,
            iri=entry.iri,
            label=entry.label,
            kinds=entry.kinds,
            is_place=entry.is_place,
            is_actor=entry.is_actor,
            known=entry.iri not in matcher.minted,
            how=how,
            # a capital of the country list lies in its country (the gazetteer records its own places')
            contained_in=next(iter(entry.contained_in), None) if entry.iri in matcher.minted else None,
        )
        result.append(Candidate(start, end, "gazetteer", _HOW_RANK[form.how], mention))
    return result
