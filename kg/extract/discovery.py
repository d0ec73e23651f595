"""Actors discovered in the text (not in the gazetteer), as overlap candidates for :mod:`kg.extract.entities`.

- organisations: title-case names with a head word ("… Agency", "Sudan Doctors Network"), names opened by
  a head that may lead ("Radio Dabanga", "Army of Islam", "Forces for Freedom and Change"); kinds and the
  head table in ``data/lexicon/organisations.yaml``;
- persons introduced by a role title or honorific ("spokesman Dmitry Peskov", "Gen. Ali Ahmed"), or
  without a title, next to a reporting verb or an appositive role ("said Ahmed Hassan", "Maria Lopez, a
  spokeswoman for …", "Oleh Bondar told Reuters"); later bare surnames of them;
- authors of embedded posts.

Collective actors and materiel named by common nouns are in :mod:`kg.extract.entities`. Minted IRIs:
``id:actor/{slug}`` (shared across articles).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kg.extract.lexicon import lexicon, lexicon_section
from kg.extract.mentions import EntityMention, Sentence, Span
from kg.extract.text import POST_BYLINE
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher
    from kg.gazetteer import GazetteerEntry


def group_name_candidates(text: str, sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """Groups named next to a group noun (kg.extract.group_names; imported late: it imports this module)."""
    from kg.extract.group_names import group_name_candidates as found

    return found(text, sentence, matcher)


TOKEN = re.compile(r"[^\W_]+")
_WORD = re.compile(r"[\w’'&-]+(?:\.[\w’'&-]+)*")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


@dataclass(frozen=True)
class Candidate:
    """A mention competing for its span; overlaps are resolved longest first, then by source and rank."""

    start: int  # offsets in the text
    end: int
    source: str  # gazetteer | person | organisation | place | collective | materiel
    rank: int
    mention: EntityMention
    canonical: str = ""  # collective actors: the bare canonical name ("rebels")


def span_in(sentence: Sentence, start: int, end: int) -> Span:
    """The span of sentence-relative offsets ``start:end`` in text offsets."""
    base = sentence.span.start
    return Span(base + start, base + end, sentence.span.text[start:end])


def minted(
    span: Span, sentence: Sentence, iri: str, label: str, kinds: tuple[str, ...], **flags: Any
) -> EntityMention:
    """A discovered (not gazetteer) mention; ``flags``: is_place, is_actor (default True), contained_in."""
    return EntityMention(
        span=span,
        sentence=sentence.index,
        iri=iri,
        label=label,
        kinds=kinds,
        is_place=bool(flags.get("is_place", False)),
        is_actor=bool(flags.get("is_actor", True)),
        known=False,
        how=str(flags.get("how", "pattern")),
        contained_in=flags.get("contained_in"),
    )


def entry_mention(
    span: Span, sentence: int, entry: GazetteerEntry, how: str, *, known: bool = True, **links: str | None
) -> EntityMention:
    """A mention of gazetteer ``entry`` (``known=False``: a matcher extra entry); links: contained_in."""
    return EntityMention(
        span,
        sentence,
        entry.iri,
        entry.label,
        entry.kinds,
        entry.is_place,
        entry.is_actor,
        known,
        how,
        contained_in=links.get("contained_in"),
    )


def alternation(words: Sequence[str] | dict[str, Any]) -> str:
    """A regex alternation of words, longest first, blanks matching any run of white space."""
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def capitalised(word: str) -> bool:
    core = re.sub(r"^(?:al|el|ad|as|ash|ar|an)-", "", word)
    return bool(core) and core[0].isupper()


def title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return bool(words) and sum(capitalised(w) for w in words) >= 0.7 * len(words)


def shouting(body: str) -> bool:
    """An all-caps line ("BREAKING NEWS FROM THE FRONT", "HIGHLIGHTS")."""
    letters = [c for c in body if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def discovered_candidates(text: str, sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """Every discovered-actor candidate of one sentence."""
    from kg.extract.person_names import untitled_person_candidates  # it builds on this module's name rules

    return [
        *_organisation_candidates(sentence, matcher),
        *_person_candidates(sentence),
        *untitled_person_candidates(sentence, matcher),
        *_post_author_candidates(sentence),
        *group_name_candidates(text, sentence, matcher),
    ]


# --- organisations not in the gazetteer -------------------------------------------------------------


def _runs(body: str, connectors: set[str]) -> Iterator[list[re.Match[str]]]:
    """Maximal runs of capitalised words (and connectors) separated by blanks only."""
    run: list[re.Match[str]] = []
    for word in _WORD.finditer(body):
        joined = not run or (
            body[run[-1].end() : word.start()].isspace()
            and (not _POSSESSIVE_END.search(run[-1].group(0)) or _bare(run[-1]) in _name_possessives())
        )
        fits = capitalised(word.group(0)) or word.group(0) in connectors or _ORDINAL.fullmatch(word.group(0))
        if run and (not joined or not fits):
            yield run
            run = []
        if fits:
            run.append(word)
    if run:
        yield run


def _organisation_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    body = sentence.span.text
    if sentence.kind == "heading" or shouting(body) or (sentence.kind == "headline" and title_case(body)):
        return []
    lex = lexicon("organisations")
    connectors = {*lex["connectors"], "and"}
    result = []
    for run in _runs(sentence.span.text, connectors):
        for part in _split_run(_trim_run(run, connectors, set(lex["stop_first"])), lex["heads"], matcher):
            words = _trim_run(part, connectors, set(lex["stop_first"]))
            name = _organisation_name(words, lex["heads"], connectors)
            if name is None:
                continue
            first, last, head = name
            start, end = words[first].start(), _strip_possessive(words[last])
            if last == head and _bare(words[head]) in lex["place_tails"]:
                end += _place_tail(sentence.span.text, end)  # "UN Verification Mission in Colombia"
            label = sentence.span.text[start:end]
            if label.lower() in matcher.by_name:
                continue
            kind = _organisation_kind(label, words[first : head + 1], lex, matcher)
            iri = str(ID[f"actor/{slug(label)}"])
            mention = minted(span_in(sentence, start, end), sentence, iri, label, (kind,))
            result.append(Candidate(mention.span.start, mention.span.end, "organisation", 0, mention))
    return result


_PLACE_TAIL = re.compile(r"\s+in\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'-]*){0,3}")


def _place_tail(body: str, end: int) -> int:
    """Length of the " in <Place>" that belongs to a mission's name, else 0."""
    tail = _PLACE_TAIL.match(body, end)
    return len(tail.group(0)) if tail else 0


@lru_cache(maxsize=1)
def _name_possessives() -> frozenset[str]:
    return frozenset(str(w) for w in lexicon_section("organisations", "name_possessives"))


@lru_cache(maxsize=1)
def _modifier_suffix() -> re.Pattern[str]:
    return re.compile(rf"-(?:{alternation(lexicon_section('organisations', 'modifier_suffixes'))})$", re.I)


def _trim_run(run: list[re.Match[str]], connectors: set[str], stop: set[str]) -> list[re.Match[str]]:
    """The run without leading stop words and connectors, and without a leading modifier ending in
    "-linked", "-backed" … ("al Qaeda-linked Group for …" → "Group for …")."""
    modifiers = [i for i, w in enumerate(run) if _modifier_suffix().search(w.group(0))]
    words = list(run[modifiers[-1] + 1 :] if modifiers else run)
    while words and (words[0].group(0) in stop or words[0].group(0) in connectors):
        words.pop(0)
    while words and words[-1].group(0) in connectors:
        words.pop()
    return words


def _split_run(
    words: list[re.Match[str]], heads: dict[str, Any], matcher: GazetteerMatcher
) -> list[list[re.Match[str]]]:
    """Split a run at each "and" that joins two names rather than belonging to one.

    "and" stays inside a name when no head word stands before it ("Justice and Equality Movement") or when
    it follows a head plus "of"/"for" and the next word is not a known name ("Forces for Freedom and
    Change"); it splits "Sudanese Armed Forces and Rapid Support Forces".
    """
    parts: list[list[re.Match[str]]] = [[]]
    for i, word in enumerate(words):
        if word.group(0) == "and" and parts[-1]:
            texts = [_bare(w) for w in parts[-1]]
            heads_before = [j for j, t in enumerate(texts) if t in heads]
            rest = [_bare(w) for w in words[i + 1 :]]
            in_tail = bool(heads_before) and any(t in ("of", "for") for t in texts[heads_before[-1] :])
            if (
                (heads_before and not in_tail)
                or (in_tail and set(rest) & heads.keys())
                or not rest
                or not capitalised(words[i + 1].group(0))
                or rest[0] in matcher.by_name
            ):
                parts.append([])
                continue
        parts[-1].append(word)
    return [p for p in parts if p]


def _bare(word: re.Match[str]) -> str:
    return re.sub(r"['’]s?$", "", word.group(0)).lower()


def _organisation_name(
    words: list[re.Match[str]], heads: dict[str, Any], connectors: set[str]
) -> tuple[int, int, int] | None:
    """(first, last, head) word indexes of an organisation name in a capitalised run, or ``None``."""
    while words and words[-1].group(0) in connectors:
        words = words[:-1]
    texts = [_bare(w) for w in words]
    positions = [i for i, t in enumerate(texts) if t in heads]
    if not positions:
        return None
    head = positions[-1]
    last = head
    if head + 1 < len(words) and texts[head + 1] in ("of", "for"):
        last = len(words) - 1
    elif head == 0 and len(words) > 1 and heads[texts[0]].get("leads"):
        return 0, len(words) - 1, 0  # "Radio Dabanga", "Radio Free Europe"
    elif head == 0 or all(t in connectors for t in texts[:head]):
        return None
    # "Volunteers of the Sudan Doctors Network": the name starts after the last connector before its head
    joins = [i for i, t in enumerate(texts[:head]) if t in connectors and t != "and"]
    first = joins[-1] + 1 if joins and not any(t in heads for t in texts[: joins[-1]]) else 0
    return (first, last, head) if last > first else None


def _strip_possessive(word: re.Match[str]) -> int:
    possessive = re.search(r"['’]s?$", word.group(0))
    return word.end() - (len(possessive.group(0)) if possessive else 0)


def _organisation_kind(
    label: str, words: list[re.Match[str]], lex: dict[str, Any], matcher: GazetteerMatcher
) -> str:
    lowered = label.lower()
    for suffix, kind in lex["suffix_kinds"].items():
        if suffix in lowered:
            return str(kind)
    head = lex["heads"][_bare(words[-1])]
    if words[0].group(0) in matcher.demonyms and head.get("after_demonym"):
        return str(head["after_demonym"])
    return str(head["kind"])


# --- persons -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _name_pattern() -> str:
    particles = "|".join(re.escape(str(p)) for p in lexicon_section("roles", "name_particles"))
    # a capitalised word, or an initial before one ("N. Biren Singh")
    cap = r"(?:(?<![\w.])[A-Z]\.(?=\s[A-Z][a-z])|[A-Z][\w-]*(?:['’][A-Z][\w-]*)?)"
    return rf"(?:(?:{particles})[-\s])?{cap}"


@lru_cache(maxsize=1)
def _person_regex() -> re.Pattern[str]:
    roles = lexicon("roles")
    titles = alternation(roles["titles"])
    honorifics = "|".join(re.escape(str(h).rstrip(".")) for h in roles["honorifics"])
    part = _name_pattern()
    return re.compile(rf"(?:\b(?i:{titles})|\b(?:{honorifics})\.?)\s+(?P<name>{part}(?:\s+{part}){{0,3}})")


@lru_cache(maxsize=1)
def _blocked_words() -> frozenset[str]:
    return frozenset(
        str(w).lower() for w in [*lexicon_section("dates", "months"), *lexicon_section("dates", "weekdays")]
    )


def _person_candidates(sentence: Sentence) -> list[Candidate]:
    leading, banned = _name_word_sets()
    result = []
    for match in _person_regex().finditer(sentence.span.text):
        start = match.start("name")
        while (word := re.match(r"(\w+)\s+(?=\S)", sentence.span.text[start : match.end("name")])) and (
            word.group(1).lower() in leading  # "Chief Minister N. Biren Singh": a title word, not the name
        ):
            start += word.end()
        name = sentence.span.text[start : match.end("name")]
        tokens = [t.lower() for t in TOKEN.findall(name) if len(t) > 1]  # an initial "A." is no banned "a"
        if banned.intersection(tokens):
            continue
        span = span_in(sentence, start, match.end("name"))
        mention = minted(span, sentence, str(ID[f"actor/{slug(name)}"]), name, ("Person",))
        result.append(Candidate(span.start, span.end, "person", 0, mention))
    return result


@lru_cache(maxsize=1)
def _name_word_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(words dropped from the start of a name, words that make a candidate no person name), lower case."""
    lex = lexicon_section("roles", "untitled_persons")
    banned = {str(w).lower() for w in lex["not_name_words"]}
    roles = [*lexicon_section("roles", "titles"), *lex["appositive_nouns"]]
    leading = {w for role in roles for w in str(role).split()}
    leading |= banned
    leading |= {str(h).lower().rstrip(".") for h in lexicon_section("roles", "honorifics")}
    leading |= {str(w).lower() for w in lexicon_section("organisations", "stop_first")}
    banned |= _blocked_words() | set(lexicon_section("organisations", "heads"))
    return frozenset(leading), frozenset(banned)


def _person_name_bounds(match: re.Match[str], matcher: GazetteerMatcher) -> tuple[int, int]:
    """The name's offsets after dropping leading title words; (0, 0) when it does not look like a person."""
    leading, banned = _name_word_sets()
    words = list(re.finditer(r"\S+", match.group("name")))
    titled = [i for i, w in enumerate(words) if w.group(0).lower().rstrip(".") in leading]
    if titled and titled[-1] < len(words) - 1 and all(w.group(0)[0].isupper() for w in words):
        words = words[titled[-1] + 1 :]  # "Foreign Minister Hakan Fidan", "Witness Halima Abdi"
    while words and (words[0].group(0).lower().rstrip(".") in leading):
        words = words[1:]
    tokens = [w.group(0).lower() for w in words]
    if len(words) < 2 or banned.intersection(tokens):
        return 0, 0
    if " ".join(tokens) in matcher.by_name or any(t.capitalize() in matcher.demonyms for t in tokens):
        return 0, 0
    if any(_names_group(t, matcher) for t in tokens):  # "Harakat Hezbollah al-Nujaba said": a group's name
        return 0, 0
    base = match.start("name")
    return base + words[0].start(), base + words[-1].end()


def _names_group(token: str, matcher: GazetteerMatcher) -> bool:
    entry = matcher.by_name.get(token)  # "al-Houthi" in a person's name is a family name
    return entry is not None and entry.is_actor and not entry.is_place and "Person" not in entry.kinds


def surname_candidates(text: str, sentences: Sequence[Sentence], chosen: list[Candidate]) -> list[Candidate]:
    """Later bare surnames of discovered persons ("Dmitry Peskov" … "Peskov")."""
    persons = [c.mention for c in chosen if c.source == "person" and len(c.mention.label.split()) > 1]
    by_surname = {p.label.split()[-1]: p for p in reversed(persons)}  # the first person of each surname
    if not by_surname:
        return []
    regex = re.compile(rf"\b(?:{alternation(by_surname)})\b")
    result = []
    for sentence in sentences:
        for match in regex.finditer(sentence.span.text):
            span = span_in(sentence, match.start(), match.end())
            mention = replace(by_surname[match.group(0)], span=span, sentence=sentence.index, how="alias")
            result.append(Candidate(span.start, span.end, "person", 1, mention))
    return result


def _post_author_candidates(sentence: Sentence) -> list[Candidate]:
    """The author of an embedded post, from its byline ("— Name (@handle) date"): a social-media account."""
    if sentence.kind != "post-byline":
        return []
    match = POST_BYLINE.search(sentence.span.text)
    if match is None:
        return []
    name = match.group("author")
    span = span_in(sentence, match.start("author"), match.end("author"))
    mention = minted(span, sentence, str(ID[f"actor/{slug(name)}"]), name, ("SocialMediaAccount",))
    return [Candidate(span.start, span.end, "organisation", 0, mention)]
