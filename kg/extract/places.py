"""Places the gazetteer does not have: countries, named places, sites; containment between them.

- countries and capitals the gazetteer lacks are extra gazetteer entries (:mod:`kg.extract.countries`);
- head words (``data/lexicon/places.yaml``): "the town of X", "X province", "Kherson Oblast",
  "X, a village in Y" (X contained in Y);
- prepositions: "fighting in X", "west of X", "captured X" when X is a capitalised name that is not an
  actor, person, month, nationality or other known non-place word (kind ``Place`` unless the article gives
  a head word for the same name elsewhere); later bare repeats of names found so;
- datelines: "KYIV, Ukraine -", "KINSHASA/GOMA, Jan 28 (Wire) -" at the start of one of the first sentences;
- sites: "Al-Nour Hospital", "the Zamzam refugee camp" → a named Site (sites of a known place, directional
  regions and "X, a town in Y" containment are in :mod:`kg.extract.place_links`).

Minted IRIs: ``id:place/{slug}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.discovery import Candidate, alternation, entry_mention, minted, span_in, title_case
from kg.extract.lexicon import lexicon, lexicon_section
from kg.extract.mentions import EntityMention, Sentence
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher

_WORD = r"(?:(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]n|[Aa]r)-)?[A-Z][\w’'-]*"
# particles inside a place name: "Lanao del Sur", "Ciudad de la Costa", "Bir al-Abd", "Foz do Iguaçu"
_PARTICLE = r"(?:de la|de los|de las|del|della|dos|das|des|do|al|el|de|du|ad)"
_NAME = rf"{_WORD}(?: (?:{_PARTICLE}[- ])?{_WORD}){{0,3}}"
_SETTLEMENTS = ("City", "Town", "Village", "Place")


@lru_cache(maxsize=1)
def place_patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon("places")
    heads = alternation(lex["heads"])
    appositive = alternation({**lex["heads"], **lex["appositive_heads"]})
    directions = alternation(lex["directions"])
    proper = alternation(lex["proper_heads"])
    sites = alternation({str(f): c for c, fs in lexicon_section("collectives", "sites").items() for f in fs})
    return {
        "of_head": re.compile(
            rf"\b(?i:the)\s+(?:[a-z-]+\s+){{0,2}}?(?P<head>(?i:{heads}))\s+of\s+(?P<name>{_NAME})"
        ),
        "head_after": re.compile(rf"(?<![\w-])(?P<name>{_NAME})\s+(?P<head>(?i:{heads}))\b"),
        "appositive": re.compile(
            rf"(?<![\w-])(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?P<head>(?i:{appositive}))"
            rf"\s+(?:in|of)\s+(?:(?:{directions})\s+){{0,2}}(?P<outer>{_NAME})"
        ),
        "proper_after": re.compile(rf"(?<![\w-])(?P<name>{_NAME})\s+(?P<head>{proper})\b(?!\s+[A-Z])"),
        "proper_of": re.compile(rf"(?<![\w-])(?P<head>{proper})\s+of\s+(?:the\s+)?(?P<name>{_NAME})"),
        "site": re.compile(rf"(?<![\w-])(?P<name>{_NAME})\s+(?P<site>(?i:{sites}))\b"),
        "listed": re.compile(rf"(?:,\s+|,?\s+(?:and|or)\s+)(?:the\s+)?(?P<name>{_NAME})(?!['’\w-])"),
        "prep": re.compile(
            rf"(?<![\w-])(?i:{alternation(lex['prepositions'])})\s+(?:the\s+)?(?P<name>{_NAME})(?!['’\w-])"
        ),
    }


@lru_cache(maxsize=1)
def _blocked() -> frozenset[str]:
    """Lower-case words that are never part of a discovered place name."""
    words = [
        *lexicon_section("places", "not_place_words"),
        *lexicon_section("dates", "months"),
        *lexicon_section("dates", "weekdays"),
        *lexicon_section("organisations", "heads"),
        *lexicon_section("roles", "titles"),
        *(str(h).rstrip(".") for h in lexicon_section("roles", "honorifics")),
    ]
    return frozenset(str(w).lower() for w in words)


def clean_place_name(name: str, matcher: GazetteerMatcher) -> str | None:
    """The name without leading function words; ``None`` if it holds a blocked word, demonym or acronym."""
    stop = {str(w) for w in lexicon_section("organisations", "stop_first")}
    tokens = name.split()
    if re.search(r"['’]s?$", name):
        return None
    owners = [i for i, t in enumerate(tokens) if re.search(r"['’]s$", t)]
    tokens = tokens[owners[-1] + 1 :] if owners else tokens  # "Yemen's Hodeidah port" → "Hodeidah port"
    while tokens and tokens[0] in stop:
        tokens = tokens[1:]
    if not tokens or any(_bad_token(t, matcher) for t in tokens):
        return None
    cleaned = " ".join(tokens)
    return None if cleaned.lower() in matcher.by_name or len(cleaned) < 3 else cleaned


def _bad_token(token: str, matcher: GazetteerMatcher) -> bool:
    core = re.sub(r"['’]s?$", "", token)
    return (
        core.lower() in _blocked()
        or core in matcher.demonyms
        or core.split("-")[0] in matcher.demonyms
        or (len(core) > 1 and core.isupper())
    )


def _place(sentence: Sentence, start: int, end: int, label: str, kind: str) -> Candidate:
    span = span_in(sentence, start, end)
    iri = str(ID[f"place/{slug(label)}"])
    mention = minted(span, sentence, iri, label, (kind,), is_place=True, is_actor=False)
    return Candidate(span.start, span.end, "place", 0, mention)


# "KYIV, Ukraine -", "KINSHASA/GOMA, Jan 28 (Example Wire) -", "Bamako, Mali (Wire) —" at a sentence start
_DATELINE_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}"
_DATELINE = re.compile(
    rf"(?P<names>{_DATELINE_NAME}(?:/{_DATELINE_NAME})*)(?:,\s+[A-Z][\w ]{{2,30}}?)?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()]{2,40}\))?\s+(?:--|[-—–])\s"
)


def dateline_names(body: str) -> list[tuple[int, int, str]]:
    """(start, end, title-cased name) of each place of a dateline that opens ``body``."""
    match = _DATELINE.match(body)
    if match is None:
        return []
    result = []
    for name in re.finditer(r"[^/]+", match.group("names")):
        label = name.group(0).title() if name.group(0).isupper() else name.group(0)
        result.append((match.start("names") + name.start(), match.start("names") + name.end(), label))
    return result


def _dateline_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """The places of a dateline: gazetteer entries by their title-cased name, else minted cities."""
    result = []
    for start, end, label in dateline_names(sentence.span.text):
        known = matcher.by_name.get(label.lower())
        if known is None or not known.is_place:  # "WASHINGTON" is a place here, not the government
            minted_city = _place(sentence, start, end, label, "City")
            result.append(replace(minted_city, source="gazetteer", rank=0))
            continue
        span = span_in(sentence, start, end)
        mention = entry_mention(span, sentence.index, known, "alias", known=known.iri not in matcher.minted)
        result.append(Candidate(span.start, span.end, "gazetteer", 0, mention))
    return result


def place_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """Places named with a head word, and named sites, in one sentence."""
    if sentence.kind == "heading":
        return []
    body = sentence.span.text
    heads = {**lexicon_section("places", "heads"), **lexicon_section("places", "appositive_heads")}
    pats = place_patterns()
    result = []
    for key in ("of_head", "head_after", "appositive"):
        for match in pats[key].finditer(body):
            name = clean_place_name(match.group("name"), matcher)
            if name is None:
                continue
            head = heads[" ".join(match.group("head").lower().split())]
            start = match.start("name") + match.group("name").index(name)
            label, end = name, start + len(name)
            if "label" in head and key == "head_after":
                label, end = f"{name} {head['label']}", match.end("head")
            elif "label" in head:
                label = f"{name} {head['label']}"
            result.append(_place(sentence, start, end, label, str(head["kind"])))
    result += _named_sites(sentence, matcher) + _proper_places(sentence, matcher)
    result += _country_compounds(sentence, matcher)
    if sentence.kind == "body" and sentence.index < 8:
        result += _dateline_candidates(sentence, matcher)
    return result


def _proper_places(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """ "Red Sea", "Gaza City", "Cape of Good Hope": a capitalised geographic head is part of the name."""
    kinds = lexicon_section("places", "proper_heads")
    result = []
    for key in ("proper_after", "proper_of"):
        for match in place_patterns()[key].finditer(sentence.span.text):
            name = match.group("name")
            name = clean_place_name(name, matcher) if key == "proper_of" else name
            name = name if name is None or key == "proper_of" else _proper_prefix(name, matcher)
            if name is None:
                continue
            start = match.start("head") if key == "proper_of" else match.end("name") - len(name)
            end = match.end("name") if key == "proper_of" else match.end("head")
            label = sentence.span.text[start:end]
            if label.lower() not in matcher.by_name:
                result.append(_place(sentence, start, end, label, str(kinds[match.group("head")])))
    return result


def _country_compounds(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """ "Puerto Jordan", "Nueva Guinea", "Little Syria", "Lake Chad": a capitalised word right before a
    country's name makes one place name, which is not the country (and does not lie in it). The word may
    not open the sentence (unless it is a geographic head such as "Lake"), be a function word, direction,
    demonym, title or known name; title-case headlines are skipped."""
    body = sentence.span.text
    if sentence.kind == "heading" or (sentence.kind == "headline" and title_case(body)):
        return []
    heads = lexicon_section("places", "proper_heads")
    stop = {str(w).lower() for w in lexicon_section("organisations", "stop_first")}
    stop |= {str(w).lower() for w in lexicon_section("places", "region_directions")}
    result = []
    for match in _country_compound_regex(_country_forms(matcher)).finditer(body):
        prefix, whole = match.group("prefix"), match.group(0)
        opening = not body[: match.start()].strip(" \"“‘'(*•-")
        if (opening and prefix not in heads) or prefix.lower() in stop or _bad_token(prefix, matcher):
            continue
        if prefix.lower() in matcher.by_name or whole.lower() in matcher.by_name:
            continue
        result.append(_place(sentence, match.start(), match.end(), whole, str(heads.get(prefix, "Place"))))
    return result


def _country_forms(matcher: GazetteerMatcher) -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                n
                for e in matcher.entries
                if "Country" in e.kinds
                for n in (e.label, *e.aliases)
                if n[:1].isupper()
            }
        )
    )


@lru_cache(maxsize=4)
def _country_compound_regex(countries: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True))
    return re.compile(rf"(?<![\w’'.-])(?P<prefix>[A-Z][a-z][\w’'-]*)\s(?:{names})(?![\w’'-])")


def _proper_prefix(name: str, matcher: GazetteerMatcher) -> str | None:
    """The words of ``name`` that belong to a "<name> Sea" place (after possessives and stop words)."""
    stop = {str(w) for w in lexicon_section("organisations", "stop_first")}
    tokens = re.split(r"\s+", name)
    owners = [i for i, t in enumerate(tokens) if re.search(r"['’]s$", t)]
    tokens = tokens[owners[-1] + 1 :] if owners else tokens
    while tokens and tokens[0] in stop:
        tokens = tokens[1:]
    if not tokens or any(len(t) > 1 and t.isupper() for t in tokens):
        return None  # "MV Sea Pearl": a ship prefix, not a place name
    return " ".join(tokens)


def _named_sites(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    result = []
    for match in place_patterns()["site"].finditer(sentence.span.text):
        name = clean_place_name(match.group("name"), matcher)
        if name is None or any(t.lower() in matcher.by_name for t in name.split()):
            continue
        start = match.start("name") + match.group("name").index(name)
        canonical = _site_forms()[" ".join(match.group("site").lower().split())]
        bodies = lexicon_section("places", "sites_capitalised_bodies")
        if match.group("site")[:1].isupper() and canonical in bodies:
            continue  # "the Caucasus Policy Centre": an institution's name, not a city centre
        named = canonical in lexicon_section("places", "sites_known_by_name")
        label = name if named else f"{name} {' '.join(match.group('site').split())}"
        result.append(_place(sentence, start, match.end("site"), label, "Site"))
    return result


@lru_cache(maxsize=1)
def _site_forms() -> dict[str, str]:
    table = lexicon_section("collectives", "sites")
    return {str(f).lower(): str(c) for c, fs in table.items() for f in fs}


def preposition_places(
    sentences: Sequence[Sentence], chosen: list[Candidate], matcher: GazetteerMatcher
) -> list[Candidate]:
    """Capitalised names after a place preposition that no other candidate took ("clashes in Gedaref")."""
    known = {c.mention.label: c.mention for c in chosen if c.source == "place"}
    persons = {t for c in chosen if "Person" in c.mention.kinds for t in c.mention.label.split()}
    taken = [(c.start, c.end) for c in chosen]
    result = []
    for sentence in sentences:
        if sentence.kind == "heading" or (sentence.kind == "headline" and title_case(sentence.span.text)):
            continue
        for match in place_patterns()["prep"].finditer(sentence.span.text):
            for start, name in _listed_names(sentence.span.text, match, matcher):
                if persons & set(name.split()):
                    break
                cand = _repeat_or_place(sentence, start, name, known)
                if any(cand.start < e and s < cand.end for s, e in taken):
                    break
                result.append(cand)
                taken.append((cand.start, cand.end))
    return result


def _listed_names(body: str, match: re.Match[str], matcher: GazetteerMatcher) -> Iterator[tuple[int, str]]:
    """The name after a preposition, then the names listed after it ("near Kurakhove and Toretsk")."""
    found: re.Match[str] | None = match
    while found is not None:
        name = clean_place_name(found.group("name"), matcher)
        if name is None:
            return
        yield found.start("name") + found.group("name").index(name), name
        found = place_patterns()["listed"].match(body, found.end("name"))


def _repeat_or_place(sentence: Sentence, start: int, name: str, known: dict[str, EntityMention]) -> Candidate:
    earlier = known.get(name)
    if earlier is not None and earlier.kinds[0] in (*_SETTLEMENTS, "Site"):
        span = span_in(sentence, start, start + len(name))
        mention = replace(earlier, span=span, sentence=sentence.index, how="alias")
        return Candidate(span.start, span.end, "place", 1, mention)
    return _place(sentence, start, start + len(name), name, "Place")


def repeated_places(sentences: Sequence[Sentence], chosen: list[Candidate]) -> list[Candidate]:
    """Later bare mentions of discovered settlements and places ("the town of Bakhmut" … "Bakhmut")."""
    names = {
        c.mention.label: c.mention
        for c in chosen
        if c.source == "place" and c.mention.kinds[0] in _SETTLEMENTS
    }
    if not names:
        return []
    taken = [(c.start, c.end) for c in chosen]
    regex = re.compile(rf"(?<![\w-])(?:{alternation(names)})(?![\w-])")
    result = []
    for sentence in sentences:
        for match in regex.finditer(sentence.span.text):
            span = span_in(sentence, *match.span())
            if any(span.start < e and s < span.end for s, e in taken):
                continue
            mention = replace(names[match.group(0)], span=span, sentence=sentence.index, how="alias")
            result.append(Candidate(span.start, span.end, "place", 1, mention))
    return result
