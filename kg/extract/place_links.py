"""Places derived from places already found: "Aleppo's university" / "Kherson airport" (a Site contained in
the place), "southern Israel" (a Region contained in the country) and "X, a village in Y" (X contained in Y).

Minted IRIs: ``id:place/{slug}``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.discovery import Candidate, alternation, entry_mention, minted
from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import EntityMention, Sentence, Span
from kg.extract.places import place_patterns
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher


def directional_regions(text: str, chosen: list[Candidate], matcher: GazetteerMatcher) -> list[Candidate]:
    """ "southern Israel": a direction word before a country makes a Region contained in it (the
    gazetteer's region when it has one, "northwestern Syria")."""
    directions = alternation(lexicon_section("places", "region_directions"))
    before = re.compile(rf"(?<![\w-])(?P<dir>{directions})\s+$", re.IGNORECASE)
    result = []
    for cand in chosen:
        m = cand.mention
        found = before.search(text, max(0, cand.start - 20), cand.start) if m.is_place else None
        if found is None or "Country" not in m.kinds:
            result.append(cand)
            continue
        label = f"{found.group('dir').lower()} {m.label}"
        span = Span(found.start(), cand.end, text[found.start() : cand.end])
        known = matcher.by_name.get(label.lower())
        if known is not None and known.is_place:
            region = entry_mention(
                span, m.sentence, known, "alias", contained_in=next(iter(known.contained_in), None)
            )
        else:
            region = EntityMention(
                span,
                m.sentence,
                str(ID[f"place/{slug(label)}"]),
                label,
                ("Region",),
                True,
                False,
                False,
                "pattern",
                m.iri,
            )
        result.append(Candidate(span.start, span.end, "place", 0, region))
    return result


def link_containment(
    text: str, sentences: Sequence[Sentence], mentions: list[EntityMention]
) -> list[EntityMention]:
    """ "X, a town in Y": the minted place X is contained in the place Y."""
    starts = {m.span.start: i for i, m in enumerate(mentions)}
    result = list(mentions)
    for sentence in sentences:
        for match in place_patterns()["appositive"].finditer(sentence.span.text):
            inner = _mention_in(
                result,
                starts,
                sentence.span.start + match.start("name"),
                sentence.span.start + match.end("name"),
            )
            outer = _mention_in(
                result,
                starts,
                sentence.span.start + match.start("outer"),
                sentence.span.start + match.end("outer"),
            )
            if inner is None or outer is None:
                continue
            a, b = result[inner], result[outer]
            if a.is_place and b.is_place and not a.known and a.contained_in is None and a.iri != b.iri:
                result[inner] = replace(a, contained_in=b.iri)
    return result


def _mention_in(mentions: list[EntityMention], starts: dict[int, int], start: int, end: int) -> int | None:
    for offset in range(start, end):
        if offset in starts and mentions[starts[offset]].span.end <= end + 40:
            return starts[offset]
    return None


def site_mentions(
    text: str, sentences: Sequence[Sentence], mentions: list[EntityMention], matcher: GazetteerMatcher
) -> list[EntityMention]:
    """Sites after or around a place: "Aleppo's university", "Kherson airport", "the hospital of Kharkiv"."""
    table = lexicon_section("collectives", "sites")
    forms = {str(f).lower(): str(c) for c, fs in table.items() for f in fs}
    sites = alternation(forms)
    after = re.compile(rf"(?:['’]s?)?\s+(?:main\s+|central\s+)?(?P<site>{sites})\b", re.IGNORECASE)
    before = re.compile(rf"\bthe\s+(?:main\s+|central\s+)?(?P<site>{sites})\s+(?:of|in)\s+$", re.IGNORECASE)
    result = []
    for place in [m for m in mentions if m.is_place and "Site" not in m.kinds]:
        sentence = sentences[place.sentence]
        follow = after.match(text, place.span.end, sentence.span.end)
        lead = before.search(text, sentence.span.start, place.span.start)
        for match in (m for m in (follow, lead) if m):
            site = match.group("site")
            canonical = forms[" ".join(site.lower().split())]
            span = Span(match.start("site"), match.end("site"), site)
            result.append(_site(span, sentence, place, canonical, matcher))
    taken = [(m.span.start, m.span.end) for m in mentions]
    return [m for m in result if all(m.span.end <= s or e <= m.span.start for s, e in taken)]


def _site(
    span: Span, sentence: Sentence, place: EntityMention, canonical: str, matcher: GazetteerMatcher
) -> EntityMention:
    for name in (f"{place.label} {canonical}", f"{canonical} of {place.label}"):
        known = matcher.by_name.get(name.lower())
        if known and "Site" in known.kinds:
            return entry_mention(span, sentence.index, known, "pattern", contained_in=place.iri)
    label = f"{place.label} {canonical}"
    return minted(
        span,
        sentence,
        str(ID[f"place/{slug(label)}"]),
        label,
        ("Site",),
        is_place=True,
        is_actor=False,
        contained_in=place.iri,
    )


def headed_place_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """Places named around a head word without "of": "the regional capital Bahir Dar", "the garrison town
    Djibo" (the name after the head), and coordinated names before a plural head, "the city's Kyivskyi and
    Saltivskyi districts" (each name with the singular head). Heads: ``places.yaml`` ``heads``,
    ``appositive_heads`` and ``plural_heads``."""
    from kg.extract.places import _place, clean_place_name  # places imports this module's users

    heads = {**lexicon_section("places", "heads"), **lexicon_section("places", "appositive_heads")}
    plurals = {str(p): str(s) for p, s in lexicon_section("places", "plural_heads").items()}
    body, result = sentence.span.text, []
    for match in _before_name_regex(tuple(heads)).finditer(body):
        name = clean_place_name(match.group("name"), matcher)
        if name is not None and match.group("name").startswith(name):
            kind = str(heads[" ".join(match.group("head").lower().split())]["kind"])
            start = match.start("name")
            result.append(_place(sentence, start, start + len(name), name, kind))
    for match in _plural_regex(tuple(plurals)).finditer(body):
        head = heads[plurals[match.group("head").lower()]]
        for group in ("first", "last"):
            name = clean_place_name(match.group(group), matcher)
            if name is None or not match.group(group).endswith(name):
                continue
            end = match.end(group)
            label = f"{name} {head['label']}" if "label" in head else name
            result.append(_place(sentence, end - len(name), end, label, str(head["kind"])))
    return result


_PLACE_NAME = r"(?:(?:[Aa]l|[Ee]l)-)?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}"


@lru_cache(maxsize=2)
def _before_name_regex(heads: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:the|a)\s+(?:[a-z-]+\s+)?(?P<head>{alternation(heads)})\s+(?P<name>{_PLACE_NAME})(?![\w’'-])"
    )


@lru_cache(maxsize=2)
def _plural_regex(plurals: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w’'-])(?P<first>{_PLACE_NAME})\s+and\s+(?P<last>{_PLACE_NAME})\s+(?P<head>(?i:{alternation(plurals)}))\b"
    )
