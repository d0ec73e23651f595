"""Actor and place mentions: gazetteer matches and actors discovered in the text.

Candidates, each a span in one sentence:

- gazetteer forms: labels, aliases and acronyms (acronyms case-sensitive), former names, demonyms
  ("Iranian"), metonyms ("the Kremlin" → the entry that has it); "X's" is marked ``how="possessive"``;
- organisations not in the gazetteer: title-case names with a head word ("… Agency", "… Observatory for
  Human Rights"), kind from ``data/lexicon/organisations.yaml``;
- persons introduced by a role title or honorific ("spokesman Dmitry Peskov", "Gen. Ali Ahmed"), and later
  bare surname mentions of them;
- collective actors named by common nouns ("rebels", "Syrian rebels", "state media") and materiel
  ("heavy weapons"), from ``data/lexicon/collectives.yaml``.

Overlaps are resolved longest first (then gazetteer before discovered), so "Syrian government forces"
beats "Syrian government", which beats "Syrian". Sites ("Aleppo's university") are added afterwards on the
site noun, contained in the place before them. Minted IRIs are ``id:actor/{slug}``, ``id:place/{slug}``
and ``id:materiel/{slug}`` (shared across articles).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from kg.extract.lexicon import lexicon, lexicon_section
from kg.extract.mentions import EntityMention, Sentence, Span
from kg.extract.text import POST_BYLINE
from kg.gazetteer import GazetteerEntry, gazetteer_index
from kg.namespaces import ID, slug

_HOW_RANK = {"label": 0, "alias": 1, "acronym": 1, "former": 2, "demonym": 3, "metonym": 4}
_SOURCE_RANK = {"gazetteer": 0, "person": 1, "organisation": 2, "collective": 3, "materiel": 4}
_TOKEN = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s?\b")


@dataclass(frozen=True)
class _Form:
    entry: GazetteerEntry
    how: str
    words: tuple[str, ...]  # the form's tokens as written (case is checked against them)
    case_sensitive: bool


@dataclass(frozen=True)
class _Candidate:
    start: int  # offsets in the text
    end: int
    source: str
    rank: int
    mention: EntityMention
    canonical: str = ""  # collective actors: the bare canonical name ("rebels")


class GazetteerMatcher:
    """Token-sequence index of every gazetteer form, built once per gazetteer."""

    def __init__(self, entries: Sequence[GazetteerEntry]) -> None:
        self.entries = list(entries)
        self.forms: dict[tuple[str, ...], list[_Form]] = {}
        for entry in self.entries:
            for how, names in _entry_forms(entry):
                for name in names:
                    self._add(entry, how, name)
        for options in self.forms.values():
            options.sort(key=lambda f: (_HOW_RANK[f.how], f.entry.iri))
        self.longest = max((len(k) for k in self.forms), default=0)
        self.demonyms = {d: e for e in self.entries for d in e.demonyms}
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
        for i in range(len(tokens)):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                window = tokens[i : i + n]
                if not _tight(text, window):
                    continue
                form = next(
                    (
                        f
                        for f in self.forms.get(tuple(t[2].lower() for t in window), [])
                        if _case_ok(f, [t[2] for t in window])
                    ),
                    None,
                )
                if form:
                    yield window[0][0], window[-1][1], form
                    break


def _entry_forms(entry: GazetteerEntry) -> list[tuple[str, tuple[str, ...]]]:
    return [
        ("label", (entry.label,)),
        ("alias", entry.aliases),
        ("former", entry.former_names),
        ("demonym", entry.demonyms),
        ("metonym", entry.metonyms),
    ]


def _tight(text: str, window: list[tuple[int, int, str]]) -> bool:
    """Consecutive tokens are joined only by a blank, hyphen, apostrophe or period (not by a comma)."""
    return all(
        re.fullmatch(r"[\s\-'’.]{1,3}", text[a[1] : b[0]]) for a, b in zip(window, window[1:], strict=False)
    )


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
    candidates: list[_Candidate] = []
    for sentence in sentences:
        candidates += _gazetteer_candidates(text, sentence, matcher)
        candidates += _organisation_candidates(sentence, matcher)
        candidates += _person_candidates(sentence)
        candidates += _collective_candidates(sentence, matcher)
        candidates += _materiel_candidates(sentence)
        candidates += _post_author_candidates(sentence)
    chosen = _resolve_bare_collectives(_resolve_overlaps(candidates))
    chosen = _resolve_overlaps(chosen + _surname_candidates(text, sentences, chosen))
    mentions = [c.mention for c in chosen]
    mentions += _site_mentions(text, sentences, mentions, matcher)
    return sorted(mentions, key=lambda m: (m.span.start, m.span.end))


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, _SOURCE_RANK[c.source], c.rank, c.start)):
        if all(cand.end <= c.start or c.end <= cand.start for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _span(text_of_sentence: Sentence, start: int, end: int) -> Span:
    base = text_of_sentence.span.start
    return Span(base + start, base + end, text_of_sentence.span.text[start:end])


def _mention(
    span: Span,
    sentence: Sentence,
    iri: str,
    label: str,
    kinds: tuple[str, ...],
    how: str,
    *,
    place: bool = False,
    actor: bool = True,
    known: bool = False,
) -> EntityMention:
    return EntityMention(
        span=span,
        sentence=sentence.index,
        iri=iri,
        label=label,
        kinds=kinds,
        is_place=place,
        is_actor=actor,
        known=known,
        how=how,
    )


def _gazetteer_candidates(text: str, sentence: Sentence, matcher: GazetteerMatcher) -> list[_Candidate]:
    result = []
    for start, end, form in matcher.matches(text, sentence):
        entry = form.entry
        how = "alias" if form.how == "former" else form.how
        if _POSSESSIVE.match(text, end) and how in ("label", "alias", "acronym"):
            how = "possessive"
        span = Span(start, end, text[start:end])
        mention = EntityMention(
            span=span,
            sentence=sentence.index,
            iri=entry.iri,
            label=entry.label,
            kinds=entry.kinds,
            is_place=entry.is_place,
            is_actor=entry.is_actor,
            known=True,
            how=how,
        )
        result.append(_Candidate(start, end, "gazetteer", _HOW_RANK[form.how], mention))
    return result


# --- organisations not in the gazetteer -------------------------------------------------------------

_WORD = re.compile(r"[\w’'&-]+(?:\.[\w’'&-]+)*")
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _capitalised(word: str) -> bool:
    core = re.sub(r"^(?:al|el|ad|as|ash|ar|an)-", "", word)
    return bool(core) and core[0].isupper()


def _title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return bool(words) and sum(_capitalised(w) for w in words) >= 0.7 * len(words)


def _runs(body: str, connectors: set[str]) -> Iterator[list[re.Match[str]]]:
    """Maximal runs of capitalised words (and connectors) separated by blanks only."""
    run: list[re.Match[str]] = []
    for word in _WORD.finditer(body):
        joined = not run or (
            body[run[-1].end() : word.start()].isspace() and not _POSSESSIVE_END.search(run[-1].group(0))
        )
        fits = _capitalised(word.group(0)) or word.group(0) in connectors
        if run and (not joined or not fits):
            yield run
            run = []
        if fits:
            run.append(word)
    if run:
        yield run


def _organisation_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[_Candidate]:
    if sentence.kind == "heading" or (sentence.kind == "headline" and _title_case(sentence.span.text)):
        return []
    lex = lexicon("organisations")
    connectors = set(lex["connectors"])
    result = []
    for run in _runs(sentence.span.text, connectors):
        words = _trim_run(run, connectors, set(lex["stop_first"]))
        name = _organisation_name(words, lex["heads"], connectors)
        if name is None:
            continue
        first, last, head = name
        start, end = words[first].start(), _strip_possessive(words[last])
        label = sentence.span.text[start:end]
        if label.lower() in matcher.by_name:
            continue
        kind = _organisation_kind(label, words[first : head + 1], lex, matcher)
        iri = str(ID[f"actor/{slug(label)}"])
        mention = _mention(_span(sentence, start, end), sentence, iri, label, (kind,), "pattern")
        result.append(_Candidate(mention.span.start, mention.span.end, "organisation", 0, mention))
    return result


def _trim_run(run: list[re.Match[str]], connectors: set[str], stop: set[str]) -> list[re.Match[str]]:
    words = list(run)
    while words and (words[0].group(0) in stop or words[0].group(0) in connectors):
        words.pop(0)
    while words and words[-1].group(0) in connectors:
        words.pop()
    return words


def _organisation_name(
    words: list[re.Match[str]], heads: dict[str, Any], connectors: set[str]
) -> tuple[int, int, int] | None:
    """(first, last, head) word indexes of an organisation name in a capitalised run, or ``None``."""
    texts = [re.sub(r"['’]s?$", "", w.group(0)).lower() for w in words]
    positions = [i for i, t in enumerate(texts) if t in heads]
    if not positions:
        return None
    head = positions[-1]
    last = head
    if head + 1 < len(words) and texts[head + 1] in ("of", "for"):
        last = len(words) - 1
    elif head == 0 or all(t in connectors for t in texts[:head]):
        return None
    return (0, last, head) if last > 0 else None


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
    head = lex["heads"][re.sub(r"['’]s?$", "", words[-1].group(0)).lower()]
    if words[0].group(0) in matcher.demonyms and head.get("after_demonym"):
        return str(head["after_demonym"])
    return str(head["kind"])


# --- persons introduced by a role title or honorific -----------------------------------------------


@lru_cache(maxsize=1)
def _person_regex() -> re.Pattern[str]:
    roles = lexicon("roles")
    titles = _alternation(roles["titles"])
    honorifics = "|".join(re.escape(str(h).rstrip(".")) for h in roles["honorifics"])
    particles = "|".join(re.escape(str(p)) for p in roles["name_particles"])
    cap = r"[A-Z][\w-]*(?:['’][A-Z][\w-]*)?"
    part = rf"(?:(?:{particles})[-\s])?{cap}"
    return re.compile(rf"(?:\b(?i:{titles})|\b(?:{honorifics})\.?)\s+(?P<name>{part}(?:\s+{part}){{0,3}})")


def _alternation(words: Sequence[str] | dict[str, Any]) -> str:
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _person_candidates(sentence: Sentence) -> list[_Candidate]:
    blocked = {
        str(w).lower() for w in [*lexicon_section("dates", "months"), *lexicon_section("dates", "weekdays")]
    }
    heads = lexicon_section("organisations", "heads")
    result = []
    for match in _person_regex().finditer(sentence.span.text):
        name = match.group("name")
        tokens = [t.lower() for t in _TOKEN.findall(name)]
        if blocked & set(tokens) or tokens[-1] in heads:
            continue
        span = _span(sentence, match.start("name"), match.end("name"))
        mention = _mention(span, sentence, str(ID[f"actor/{slug(name)}"]), name, ("Person",), "pattern")
        result.append(_Candidate(span.start, span.end, "person", 0, mention))
    return result


def _surname_candidates(
    text: str, sentences: Sequence[Sentence], chosen: list[_Candidate]
) -> list[_Candidate]:
    """Later bare surnames of discovered persons ("Dmitry Peskov" … "Peskov")."""
    result = []
    for person in [c.mention for c in chosen if c.source == "person" and len(c.mention.label.split()) > 1]:
        surname = person.label.split()[-1]
        for sentence in sentences:
            for match in re.finditer(rf"\b{re.escape(surname)}\b", sentence.span.text):
                span = _span(sentence, match.start(), match.end())
                mention = replace(person, span=span, sentence=sentence.index, how="alias")
                result.append(_Candidate(span.start, span.end, "person", 1, mention))
    return result


# --- collective actors and materiel --------------------------------------------------------------


@lru_cache(maxsize=8)
def _collective_regex(demonyms: tuple[str, ...]) -> re.Pattern[str]:
    forms = {
        form: canonical
        for canonical, entry in lexicon_section("collectives", "collectives").items()
        for form in entry["forms"]
    }
    dem = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:(?P<dem>{dem})\s+)?(?P<form>(?i:{_alternation(forms)}))\b")


def _collective_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[_Candidate]:
    table = lexicon_section("collectives", "collectives")
    forms = {str(f).lower(): c for c, entry in table.items() for f in entry["forms"]}
    result = []
    for match in _collective_regex(tuple(sorted(matcher.demonyms))).finditer(sentence.span.text):
        canonical = str(forms[" ".join(match.group("form").lower().split())])
        entry = table[canonical]
        demonym = match.group("dem")
        if entry.get("needs_qualifier") and not demonym:
            continue
        label = f"{demonym} {canonical}" if demonym else canonical
        kinds = tuple(entry.get("kinds", ["CollectiveActor"]))
        span = _span(sentence, *match.span())
        known = matcher.by_name.get(label.lower())  # "Russian forces" may be a gazetteer alias
        if known is not None and known.is_actor:
            mention = EntityMention(
                span, sentence.index, known.iri, known.label, known.kinds, known.is_place, True, True, "alias"
            )
            result.append(_Candidate(span.start, span.end, "gazetteer", 1, mention))
            continue
        mention = _mention(span, sentence, str(ID[f"actor/{slug(label)}"]), label, kinds, "pattern")
        result.append(_Candidate(span.start, span.end, "collective", 0, mention, canonical))
    return result


def _resolve_bare_collectives(chosen: list[_Candidate]) -> list[_Candidate]:
    """A bare "rebels" takes the article's single qualified variant ("Syrian rebels"), if there is one."""
    variants: dict[str, set[tuple[str, str]]] = {}
    for cand in chosen:
        if cand.canonical and cand.mention.label != cand.canonical:
            variants.setdefault(cand.canonical, set()).add((cand.mention.iri, cand.mention.label))
    result = []
    for cand in chosen:
        options = variants.get(cand.canonical, set())
        if cand.canonical and cand.mention.label == cand.canonical and len(options) == 1:
            iri, label = next(iter(options))
            cand = replace(cand, mention=replace(cand.mention, iri=iri, label=label))
        result.append(cand)
    return result


def _materiel_candidates(sentence: Sentence) -> list[_Candidate]:
    table = lexicon_section("collectives", "materiel")
    forms = {str(f).lower(): str(c) for c, fs in table.items() for f in fs}
    result = []
    for match in re.finditer(rf"(?<![\w-])(?:{_alternation(forms)})\b", sentence.span.text, re.IGNORECASE):
        canonical = forms[" ".join(match.group(0).lower().split())]
        span = _span(sentence, *match.span())
        mention = _mention(
            span,
            sentence,
            str(ID[f"materiel/{slug(canonical)}"]),
            canonical,
            ("Materiel",),
            "pattern",
            actor=False,
        )
        result.append(_Candidate(span.start, span.end, "materiel", 0, mention))
    return result


# --- sites: "Aleppo's university", "the airport of Kharkiv" ------------------------------------------


def _site_mentions(
    text: str, sentences: Sequence[Sentence], mentions: list[EntityMention], matcher: GazetteerMatcher
) -> list[EntityMention]:
    table = lexicon_section("collectives", "sites")
    forms = {str(f).lower(): str(c) for c, fs in table.items() for f in fs}
    alternation = _alternation(forms)
    after = re.compile(rf"['’]s?\s+(?:main\s+|central\s+)?(?P<site>{alternation})\b", re.IGNORECASE)
    before = re.compile(
        rf"\bthe\s+(?:main\s+|central\s+)?(?P<site>{alternation})\s+(?:of|in)\s+$", re.IGNORECASE
    )
    result = []
    for place in [m for m in mentions if m.is_place and "Site" not in m.kinds]:
        sentence = sentences[place.sentence]
        follow = after.match(text, place.span.end)
        lead = before.search(text, sentence.span.start, place.span.start)
        for match in (m for m in (follow, lead) if m):
            site = match.group("site")
            canonical = forms[" ".join(site.lower().split())]
            span = Span(match.start("site"), match.end("site"), site)
            result.append(_site(span, sentence, place, canonical, matcher))
    taken = {(m.span.start, m.span.end) for m in mentions}
    return [m for m in result if (m.span.start, m.span.end) not in taken]


def _site(
    span: Span, sentence: Sentence, place: EntityMention, canonical: str, matcher: GazetteerMatcher
) -> EntityMention:
    for name in (f"{place.label} {canonical}", f"{canonical} of {place.label}"):
        known = matcher.by_name.get(name.lower())
        if known and "Site" in known.kinds:
            return EntityMention(
                span,
                sentence.index,
                known.iri,
                known.label,
                known.kinds,
                True,
                known.is_actor,
                True,
                "pattern",
                contained_in=place.iri,
            )
    label = f"{place.label} {canonical}"
    return EntityMention(
        span,
        sentence.index,
        str(ID[f"place/{slug(label)}"]),
        label,
        ("Site",),
        True,
        False,
        False,
        "pattern",
        contained_in=place.iri,
    )


def _post_author_candidates(sentence: Sentence) -> list[_Candidate]:
    """The author of an embedded post, from its byline ("— Name (@handle) date"): a social-media account."""
    if sentence.kind != "post-byline":
        return []
    match = POST_BYLINE.search(sentence.span.text)
    if match is None:
        return []
    name = match.group("author")
    span = _span(sentence, match.start("author"), match.end("author"))
    iri = str(ID[f"actor/{slug(name)}"])
    mention = _mention(span, sentence, iri, name, ("SocialMediaAccount",), "pattern")
    return [_Candidate(span.start, span.end, "organisation", 0, mention)]
