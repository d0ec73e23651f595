"""Short names the gazetteer lacks: acronyms ("M23", "MONUSCO", "FAMa") and "al-" names ("al-Shabaab").

- an all-caps token of 2–8 letters or digits with at least two capitals, or a capital plus digits ("M23"),
  is an organisation unless it is a stop word of ``data/lexicon/organisations.yaml`` (``acronym_stop``:
  units, ship prefixes, weapons …), the upper-case spelling of a gazetteer name ("KYIV" in a dateline), or
  it stands in an all-caps line ("HIGHLIGHTS") or opens a sentence before a lower-case word that is no
  actor word ("HISTORIC footage of …", but "MONUSCO said");
- a mixed-case short name ("FAMa") counts only when written in parentheses;
- an "al-" name counts only in an actor context: followed by a word of ``acronym_actor_words`` ("fighters",
  "claimed") or preceded by "the", "by", "against";
- "Full Name (ACR)" and "ACR (Full Name)" give the acronym the IRI of the full name's mention, so every
  later bare "ACR" is the same actor (:func:`link_acronyms`, run after overlaps are resolved).

The kind is NonStateArmedGroup before a fighter noun ("RSF fighters"), else Organization. IRIs:
``id:actor/{slug}`` of the acronym.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.discovery import Candidate, alternation, minted, shouting, span_in
from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import EntityMention, Sentence
from kg.extract.name_repeats import bare_repeats
from kg.extract.places import dateline_names
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher

_CAPS = re.compile(
    r"(?<![\w.’'-])(?=[A-Z0-9]*[A-Z])(?=(?:[A-Z0-9]*[A-Z]){2}|[A-Z]+\d)[A-Z][A-Z0-9]{1,7}(?![\w’'-]|\.\w)"
)
_MIXED = re.compile(r"(?<=\()(?=[A-Za-z]*[A-Z][a-z]*[A-Z])[A-Z][A-Za-z0-9]{1,7}(?=\))")
_AL = re.compile(r"(?<![\w-])(?:[Aa]l|[Ee]l)-[A-Z][a-z]+(?![\w-])")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], re.Pattern[str], frozenset[str]]:
    lex = lexicon_section("organisations", "acronyms")
    stop = frozenset(str(w) for w in lex["stop"])
    after = re.compile(rf"\s+(?P<word>{alternation(lex['actor_words'])})\b")
    armed = frozenset(str(w) for w in lex["armed_words"])
    return stop, after, armed


def acronym_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """Acronyms and "al-" names of one sentence (not headings or all-caps lines)."""
    body = sentence.span.text
    if sentence.kind == "heading" or shouting(body):
        return []
    stop, after, armed = _words()
    dateline = [(a, b) for a, b, _ in dateline_names(body)] if sentence.index < 8 else []
    result = []
    for regex in (_CAPS, _MIXED, _AL):
        for match in regex.finditer(body):
            name = match.group(0)
            if any(a <= match.start() < b for a, b in dateline):
                continue
            if name in stop or name.title().lower() in matcher.by_name or name in matcher.demonyms:
                continue
            follow = after.match(body, match.end())
            if regex is _CAPS and not follow and _emphatic(body, match):
                continue
            if regex is _AL and not (follow or re.search(r"\b(?:the|by|against)\s+$", body[: match.start()])):
                continue
            kind = (
                "NonStateArmedGroup" if follow and follow.group("word").lower() in armed else "Organization"
            )
            mention = minted(
                span_in(sentence, *match.span()),
                sentence,
                str(ID[f"actor/{slug(name)}"]),
                name,
                (kind,),
                how="acronym",
            )
            result.append(Candidate(mention.span.start, mention.span.end, "organisation", 1, mention))
    return result + _modifier_names(sentence, matcher)


@lru_cache(maxsize=1)
def _modifier_regex() -> re.Pattern[str]:
    suffixes = alternation(lexicon_section("organisations", "modifier_suffixes"))
    name = r"(?:(?:[Aa]l|[Ee]l)[\s-])?[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3}"
    return re.compile(rf"(?<![\w-])(?P<name>{name})-(?:{suffixes})\b")


def _modifier_names(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """The unknown name in "al Qaeda-linked …", "Wagner-backed …": an organisation of its own."""
    stop = {str(w) for w in lexicon_section("organisations", "stop_first")}
    result = []
    for match in _modifier_regex().finditer(sentence.span.text):
        words = match.group("name").split()
        while words and words[0] in stop:
            words = words[1:]
        name = " ".join(words)
        known = {name.lower(), f"{name.lower()}s"} & matcher.by_name.keys()
        if not words or known or name in matcher.demonyms or (name[0].islower() and len(words) < 2):
            continue
        start = match.end("name") - len(name)
        mention = minted(
            span_in(sentence, start, match.end("name")),
            sentence,
            str(ID[f"actor/{slug(name)}"]),
            name,
            ("Organization",),
        )
        result.append(Candidate(mention.span.start, mention.span.end, "organisation", 1, mention))
    return result


def _abbreviates(full: EntityMention) -> bool:
    """Only a name of two or more words that is no place can be spelled out by an acronym."""
    return full.is_actor and not full.is_place and len(full.span.text.split()) > 1


def _emphatic(body: str, match: re.Match[str]) -> bool:
    """ "HISTORIC footage of …": an all-caps word opening a sentence before a lower-case word is emphasis."""
    if any(c.isdigit() for c in match.group(0)):
        return False  # "M23 first seized …": a name with digits is no emphasis word
    return not body[: match.start()].strip(" \"'“‘*-–—") and bool(re.match(r"\s+[a-z]", body[match.end() :]))


def repeated_acronyms(sentences: Sequence[Sentence], chosen: list[Candidate]) -> list[Candidate]:
    """Bare repeats of an acronym found elsewhere as an actor ("JNIM said …" then "JNIM later …" opening a
    sentence), which the emphasis rule alone would drop; never inside a span already taken."""
    names = {c.mention.label: c for c in chosen if c.mention.how == "acronym" and c.source == "organisation"}
    if not names:
        return []
    regex = re.compile(rf"(?<![\w.’'-])(?:{alternation(names)})(?![\w’'-]|\.\w)")
    return bare_repeats(sentences, chosen, names, regex, rank=1)


def link_acronyms(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Give each acronym the IRI of the name it is defined by ("Full Name (ACR)", "ACR (Full Name)")."""
    by_start = {c.start: c for c in chosen}
    by_end = {c.end: c for c in chosen}
    defined: dict[str, Candidate] = {}
    for cand in chosen:
        if cand.mention.how != "acronym" or cand.source != "organisation":
            continue
        opened = re.search(r"\(\s*$", text[max(0, cand.start - 3) : cand.start])
        if opened and text.startswith(")", cand.end):
            name = by_end.get(cand.start - len(opened.group(0)) - 1)  # "Full Name (ACR)"
        else:
            inside = re.match(r"\s*\(", text[cand.end : cand.end + 3])
            name = by_start.get(cand.end + len(inside.group(0))) if inside else None  # "ACR (Full Name)"
            if name is not None and not text.startswith(")", name.end):
                name = None
        if name is not None and _abbreviates(name.mention) and name.mention.how != "acronym":
            defined.setdefault(cand.mention.label, name)
    armed = {
        c.mention.label
        for c in chosen
        if c.mention.how == "acronym"
        and c.source == "organisation"
        and c.mention.kinds == ("NonStateArmedGroup",)
    }
    result = []
    for cand in chosen:
        if cand.mention.label in armed and cand.source == "organisation" and cand.mention.how == "acronym":
            cand = replace(cand, mention=replace(cand.mention, kinds=("NonStateArmedGroup",)))
        full = defined.get(cand.mention.label) if cand.mention.how == "acronym" else None
        if full is not None:
            mention = replace(
                full.mention, span=cand.mention.span, sentence=cand.mention.sentence, how="acronym"
            )
            cand = replace(cand, mention=mention)
        result.append(cand)
    return result


def merge_descriptors(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """ "state television MRTV": a common-noun actor right before a name only describes it. The
    common noun is dropped; its kind (StateMedia) passes to a name of the generic kind Organization."""
    by_start = {c.start: c for c in chosen}
    dropped: set[int] = set()
    result = []
    for cand in chosen:
        gap = re.match(r"[ \t]+", text[cand.end : cand.end + 3]) if cand.source == "collective" else None
        name = by_start.get(cand.end + len(gap.group(0))) if gap else None
        if name is not None and name.source in ("organisation", "gazetteer") and name.mention.is_actor:
            dropped.add(cand.start)
            if name.mention.kinds == ("Organization",) and cand.mention.kinds != ("CollectiveActor",):
                by_start[name.start] = replace(name, mention=replace(name.mention, kinds=cand.mention.kinds))
    for cand in chosen:
        if cand.start not in dropped:
            result.append(by_start.get(cand.start, cand))
    return result
