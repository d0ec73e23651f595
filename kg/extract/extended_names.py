"""Groups whose name holds a known group's name: "Kataib Hezbollah", "Islamic State Sahel Province".

A gazetteer group name with a capitalised, unknown word before it ("Kataib Hezbollah", "Harakat Hezbollah
al-Nujaba", with any "al-" words after) or with capitalised words ending in a branch head after it
("Islamic State Khorasan Province", "Hamas Qassam Brigades") is a group of its own: the whole name is minted
as ``id:actor/{slug}`` and, being longer, wins the span from the known group. A word before the name that
is a gazetteer form, a demonym, a common word ("Senior Hezbollah commander", "When Hezbollah …") or a
participle ("Armed", "Detained") is not part of a name; a sentence-opening word counts only when the article
also writes the whole name inside a sentence. Word lists: ``organisations.yaml`` ``extended_names``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.discovery import Candidate, alternation, minted, shouting, span_in, title_case
from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import Sentence
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher

_RANK = 6  # Candidate.rank: after every gazetteer form of the same length
_GROUP_KINDS = (
    "Militia",
    "JihadistGroup",
    "NonStateArmedGroup",
    "RebelGroup",
    "Organization",
    "PoliticalParty",
)
_AL_TAIL = re.compile(r"(?:\s+(?:al|el)-[A-Z][\w’'-]*)+")
_WORD_BEFORE = re.compile(r"([A-Z][a-z][\w’'-]*)\s+$")
_PARTICIPLE = re.compile(r"(?:ed|ing|ly)$")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], re.Pattern[str]]:
    lex = lexicon_section("organisations", "extended_names")
    common = [*lexicon_section("organisations", "stop_first"), *lex["not_prefix"]]
    lowered = lexicon_section("organisations", "group_names")["not_names"]
    stop = frozenset(w.lower() for w in [*common, *lowered])
    branch = re.compile(rf"(?:\s+[A-Z][\w’'-]*){{0,2}}?\s+(?:{alternation(lex['branch_heads'])})(?![\w’'-])")
    return stop, branch


def extended_name_candidates(text: str, sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """Candidates of one sentence for longer names built on a known group's name (module doc)."""
    body = sentence.span.text
    if sentence.kind == "heading" or shouting(body) or (sentence.kind == "headline" and title_case(body)):
        return []
    result = []
    for start, end, form in matcher.matches(text, sentence):
        entry = form.entry
        if form.how not in ("label", "alias") or entry.is_place or not set(entry.kinds) & set(_GROUP_KINDS):
            continue
        found = _with_prefix(text, sentence, start, end, matcher) or _with_branch(text, sentence, start, end)
        if found is not None:
            result.append(found)
    return result


def _with_prefix(
    text: str, sentence: Sentence, start: int, end: int, matcher: GazetteerMatcher
) -> Candidate | None:
    before = _WORD_BEFORE.search(text, sentence.span.start, start)
    if before is None or text[before.end(1) : start].count("\n"):
        return None
    word = before.group(1)
    stop, _ = _words()
    if word.lower() in stop or _PARTICIPLE.search(word) or word.lower() in matcher.by_name:
        return None
    if word in matcher.demonyms or re.search(r"[’']s$", word):
        return None
    tail = _AL_TAIL.match(text, end)
    end = tail.end() if tail else end
    name = text[before.start(1) : end]
    opening = not text[sentence.span.start : before.start(1)].strip(' "“‘*•-')
    if opening and re.search(rf"[a-z,]\s+(?:the\s+)?{re.escape(name)}(?![\w’'-])", text) is None:
        return None
    return _candidate(sentence, before.start(1), end, name, "Militia")


def _with_branch(text: str, sentence: Sentence, start: int, end: int) -> Candidate | None:
    _, branch = _words()
    found = branch.match(text, end)
    if found is None or found.end() > sentence.span.end:
        return None
    return _candidate(sentence, start, found.end(), text[start : found.end()], "NonStateArmedGroup")


def _candidate(sentence: Sentence, start: int, end: int, name: str, kind: str) -> Candidate:
    name = " ".join(name.split())
    base = sentence.span.start
    mention = minted(
        span_in(sentence, start - base, end - base), sentence, str(ID[f"actor/{slug(name)}"]), name, (kind,)
    )
    return Candidate(start, end, "gazetteer", _RANK, mention)
