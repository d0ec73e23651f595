"""Groups named by a proper name the gazetteer lacks, found by the common nouns and phrases around the name.

- a name before a group noun: "the Viv Ansanm gang coalition", "its Andalus radio station", "the Haqqani
  network", "the Amaq news agency" (the mention spans name and noun, the label is the name);
- a name in front of an indefinite apposition ending in a group noun: "the Fano, an ethnic militia that …",
  "Viv Ansanm, an alliance of the capital's gangs" (the mention spans the name);
- a name after "known as" / "called" that follows a group noun ("a militia known as the Valley Guardians")
  or after an introducer such as "split from" ("ISWAP split from Boko Haram");
- later (and earlier) bare repeats of a name found so ("backing the Fano"), from :func:`repeated_group_names`.

The nouns, their kinds and the word lists are in ``data/lexicon/organisations.yaml`` (``group_names``). A name
that is a gazetteer form or demonym, or ends in one ("the Amhara militia", "the Houthi movement"), is left to
the gazetteer. A name opening a sentence ("Fano militia seizes …") counts only when the article also writes
it capitalised inside a sentence. IRIs: ``id:actor/{slug of the name}``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.discovery import Candidate, alternation, minted, shouting, span_in, title_case
from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import Sentence
from kg.extract.name_repeats import bare_repeats
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher

_CAP = r"(?:(?:[Aa]l|[Ee]l)-)?[A-Z][\w’'-]*"
_GROUP_RANK = 3  # Candidate.rank of the mentions of this module (read by repeated_group_names)
_MODIFIER = re.compile(r"(?<!^al)(?<!^el)(?<!^Al)(?<!^El)-[a-z]+$")  # "US-backed", "Saudi-led": no name
_PARTICIPLE = re.compile(r"(?:ed|ing|ly|[’']s)$")
_NAME = rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})"


@dataclass(frozen=True)
class _GroupLexicon:
    before_noun: re.Pattern[str]
    appositive: re.Pattern[str]
    known_as: re.Pattern[str]
    introduced: re.Pattern[str]
    kinds: dict[str, str]
    stop_first: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _GroupLexicon:
    lex = lexicon_section("organisations", "group_names")
    kinds = {" ".join(str(k).split()): str(v) for k, v in lex["nouns"].items()}
    nouns = alternation(kinds)
    not_after = alternation(lex["not_after"])
    end = rf"(?![\w’'-])(?!\s+(?:{not_after})\b)"
    det = alternation(lex["determiners"])
    head = rf"(?P<noun>{nouns}){end}"
    return _GroupLexicon(
        before_noun=re.compile(rf"(?:\b(?i:{det})\s+|^[\"“‘*•-]?\s?)(?<![\w’'-]){_NAME}\s+{head}"),
        appositive=re.compile(
            rf"(?<![\w’'-]){_NAME},\s+(?:a|an)\s+(?:(?!(?:of|who|which|that|and|with)\s)[\w’'-]+\s+){{0,6}}?"
            rf"{head}(?=[\s,.;])"
        ),
        known_as=re.compile(
            rf"(?:{nouns})\s+(?:{'|'.join(lex['known_as'])})\s+(?:the\s+)?"
            rf"(?P<name>{_CAP}(?:\s+(?:of|for|the|al|el)?\s*{_CAP}){{0,4}})"
        ),
        introduced=re.compile(rf"\b(?:{'|'.join(lex['introducers'])})\s+(?:the\s+)?{_NAME}"),
        kinds=kinds,
        stop_first=frozenset(str(w) for w in lexicon_section("organisations", "stop_first")),
    )


def group_name_candidates(text: str, sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """Candidates of one sentence for groups named next to a group noun or phrase (module doc)."""
    body = sentence.span.text
    if sentence.kind == "heading" or shouting(body) or (sentence.kind == "headline" and title_case(body)):
        return []
    lex = _lexicon()
    result = []
    for regex, with_noun in ((lex.before_noun, True), (lex.appositive, False), (lex.known_as, False)):
        for match in regex.finditer(body):
            noun = match.groupdict().get("noun")
            kind = lex.kinds[" ".join(noun.lower().split())] if noun else "Organization"
            end = match.end("noun") if with_noun else match.end("name")
            found = _candidate(text, sentence, match.start("name"), match.end("name"), end, kind, matcher)
            result += [found] if found else []
    for match in (m for regex in _member_nouns() for m in regex.finditer(body)):  # "Taliban fighters"
        start, name = match.start("name"), match.group("name")
        while name and _common_words(name.split()[0]):  # "Suspected Boko Haram militants"
            skipped = name.split()[0]
            name = name[len(skipped) :].lstrip()
            start = match.end("name") - len(name)
        if name and not _common_words(name):
            found = _candidate(text, sentence, start, match.end("name"), match.end("name"),
                               "NonStateArmedGroup", matcher, several_words_open=True)
            result += [found] if found else []
    for match in lex.introduced.finditer(body):
        found = _candidate(text, sentence, match.start("name"), match.end("name"), match.end("name"),
                           "Organization", matcher)
        result += [found] if found else []
    return result


@lru_cache(maxsize=1)
def _member_nouns() -> tuple[re.Pattern[str], ...]:
    """A name before a noun for its armed members ("Taliban fighters"), and "the <Name>" before a statement
    verb ("the Taliban said"): ``organisations.yaml`` ``group_names``, ``member_nouns`` and
    ``the_name_verbs``."""
    lex = lexicon_section("organisations", "group_names")
    members, verbs = alternation(lex["member_nouns"]), alternation(lex["the_name_verbs"])
    return (
        re.compile(rf"(?<![\w’'-]){_NAME}\s+(?:{members})(?![\w’'-])"),
        re.compile(
            rf"(?<![\w’'-])[Tt]he\s+(?P<name>[A-Z][a-z]+)\s+(?:(?:has|have|had)\s+)?(?:{verbs})(?![\w’'-])"
        ),
    )


@lru_cache(maxsize=1)
def _common_word_set() -> frozenset[str]:
    """Lower-case words that make a capitalised name a common phrase ("Rebel fighters", "Army spokesman")."""
    lists = [
        lexicon_section("organisations", "group_names")["not_names"],
        lexicon_section("organisations", "heads"),
        lexicon_section("collectives", "qualifiers"),
        lexicon_section("roles", "titles"),
    ]
    return frozenset(str(w).lower() for words in lists for w in words)


def _common_words(name: str) -> bool:
    return any(w.lower().strip("’'") in _common_word_set() for w in name.split())


def _candidate(
    text: str,
    sentence: Sentence,
    start: int,
    name_end: int,
    end: int,
    kind: str,
    matcher: GazetteerMatcher,
    *,
    several_words_open: bool = False,
) -> Candidate | None:
    body = sentence.span.text
    words = body[start:name_end].split()
    while words and words[0] in _lexicon().stop_first:
        start = body.index(words[1], start) if len(words) > 1 else name_end
        words = words[1:]
    name = " ".join(words)
    if not words or _known(words, matcher):
        return None
    opening = not body[:start].strip(" \"“‘*•-")
    may_open = several_words_open and _proper_opener(text, words)
    if opening and not _written_inside(text, name) and not may_open:
        return None  # "Boko Haram fighters attacked …" may open a sentence; "Rebel fighters …" is one word
    mention = minted(span_in(sentence, start, end), sentence, str(ID[f"actor/{slug(name)}"]), name, (kind,))
    return Candidate(mention.span.start, mention.span.end, "organisation", _GROUP_RANK, mention)


def _proper_opener(text: str, words: list[str]) -> bool:
    """A name opening a sentence before a member noun: two or more words ("Boko Haram fighters"), or one word
    no participle or adverb ("Armed", "Heavily") that the article never writes in lower case ("Taliban")."""
    if len(words) > 1:
        return True
    word = words[0]
    if _PARTICIPLE.search(word) or not word[1:].islower() or len(word) < 3:
        return False
    return re.search(rf"(?<![\w’'-]){re.escape(word.lower())}(?![\w’'-])", text) is None


def _known(words: list[str], matcher: GazetteerMatcher) -> bool:
    """A gazetteer form or demonym, or a name ending in one ("Amhara", "Syrian Kurdish"), or a date word."""
    last = re.sub(r"['’]s?$", "", words[-1])
    name = " ".join(words)
    return (
        any(_MODIFIER.search(w) for w in words)
        or last.lower() in _date_words()
        or name.lower() in matcher.by_name
        or last.lower() in matcher.by_name
        or last in matcher.demonyms
        or name in matcher.demonyms
    )


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    words = [*lexicon_section("dates", "months"), *lexicon_section("dates", "weekdays")]
    return frozenset(str(w).lower() for w in words)


def _written_inside(text: str, name: str) -> bool:
    """The name also stands capitalised after a lower-case word inside some sentence."""
    return re.search(rf"[a-z,]\s+(?:the\s+)?{re.escape(name)}(?![\w’'-])", text) is not None


def repeated_group_names(sentences: Sequence[Sentence], chosen: list[Candidate]) -> list[Candidate]:
    """Bare repeats of names found by the group patterns, where no mention is yet ("backing the Fano")."""
    names = {c.mention.label: c for c in chosen if c.source == "organisation" and c.rank == _GROUP_RANK}
    if not names:
        return []
    regex = re.compile(rf"(?<![\w’'-])(?:{alternation(names)})(?![\w’'-])")
    return bare_repeats(sentences, chosen, names, regex, rank=_GROUP_RANK + 1, how="alias")

