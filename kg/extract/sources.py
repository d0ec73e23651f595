"""Sources named by a common noun phrase that no entity covers: "two security sources told …",
"…, local officials said", "according to a local rescue group", "Russia's defence ministry said",
"the Houthi-run health ministry in Sanaa said", "according to the Emergency Lawyers, a group of …".

A phrase counts only where a source stands: right before a reporting verb at the start of a clause (with
the phrases coordinated with it: "police and medical workers said"), right after "according to", or
right after a sentence-final "said"/"told". Head nouns, their kinds and the word lists are in
``data/lexicon/attributions.yaml`` (``noun_sources``). An owner inside the phrase ("Russia's",
"Gaza", "Houthi-run") stays its own mention; the minted actor's label keeps it ("defence ministry of
Russia", "Gaza health ministry"). Persons (a witness) are article-scoped unnamed persons; the others are
``id:actor/{slug(label)}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.attribution_lexicon import attribution_lexicon
from kg.extract.lexicon import lexicon
from kg.extract.mentions import ArticleMentions, EntityMention, Sentence, Span
from kg.namespaces import ID, slug

_MAX_MODIFIERS = 4
# after the head, before the verb: "in Gaza", "at a hospital in the capital", "at the scene", "jointly run by
# the two sides"
_PLACE = r"(?:\s+(?:in|at|from)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)"
_POST_MODIFIER = (
    rf"(?:{_PLACE}|\s+(?:of|for)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){{0,2}}?[a-z][\w-]*"
    rf"|\s+(?:at|in|from|with)\s+(?:the|an?)\s+(?:[a-z][\w-]*\s+){{0,2}}?[a-z][\w-]*"
    r"(?:\s+(?:in|at|of)\s+(?:the\s+)?[\w’'-]+)?"
    r"|\s+(?:[a-z]+ly\s+)?(?:run|led|backed|based|headed|chaired|set\s+up)\s+(?:by|in)\s+[^,;:.“”\"]{1,50}?)?"
)
# "…, speaking on condition of anonymity, said", "…, who asked not to be named, said"
_MANNER_ASIDE = (
    r"(?:,\s*(?:speaking|citing|requesting|asking|declining|who\s+(?:asked|spoke|requested|declined|was\s+not"
    r"|were\s+not))\b[^,;:“”\"]{0,90}(?:,\s*(?:as|because|since)\b[^,;:“”\"]{0,90})?,)?"
)
_COMMON_TAIL = re.compile(r"(?P<lead>\s+(?:of|for)\s+(?:the\s+)?)[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}")
_NAME_TAIL = re.compile(r"(?:\s+(?:of|for|and|on|in)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)*")


@dataclass(frozen=True)
class _NounLexicon:
    before_verb: re.Pattern[str]  # a phrase ending right before a reporting verb
    after_intro: re.Pattern[str]  # a phrase starting right after "according to" / "said"
    intro: re.Pattern[str]
    heads: tuple[tuple[re.Pattern[str], str], ...]
    need_modifier: re.Pattern[str]
    determiners: frozenset[str]
    connectors: frozenset[str]
    stop_words: frozenset[str]


@lru_cache(maxsize=1)
def _noun_lexicon() -> _NounLexicon:
    data = lexicon("attributions")
    nouns = data["noun_sources"]
    heads = sorted((h for hs in nouns["heads"].values() for h in hs), key=len, reverse=True)
    head = "|".join(h.replace(" ", r"\s+") for h in heads)
    stop = "|".join(nouns["stop_words"])
    determiner = "|".join(nouns["determiners"])
    word = rf"(?!(?:{stop}|{determiner})(?![\w’'-]))[\w’'.-]+"
    phrase = (
        rf"(?<![\w’'.-])(?P<det>(?:{determiner})\s+)?(?P<mods>(?:{word}\s+){{0,{_MAX_MODIFIERS}}}?)"
        rf"(?P<head>{head})(?![\w-])"
    )
    greedy = phrase.replace("}?)(?P<head>", "})(?P<head>")
    verbs = "|".join(p for patterns in data["verbs"].values() for p in patterns)
    before = re.compile(
        rf"(?i:{phrase}){_POST_MODIFIER}{_MANNER_ASIDE}\s+(?:also\s+|later\s+|(?:has|have|had)\s+)?"
        rf"(?i:{verbs})(?![\w-])"
    )
    intro = re.compile(r"(?i:according\s+to|(?<=[,”\"]\s)(?:said|told))\s+")
    kinds = tuple(
        (re.compile("|".join(h.replace(" ", r"\s+") for h in hs), re.IGNORECASE), kind)
        for kind, hs in nouns["heads"].items()
    )
    need = re.compile("|".join(nouns["need_modifier"]), re.IGNORECASE)
    return _NounLexicon(
        before,
        re.compile(rf"(?i:{greedy})"),  # after "according to": the longest phrase ("a police investigator")
        intro,
        kinds,
        need,
        frozenset(nouns["determiners"]),
        frozenset(nouns["name_connectors"]),
        frozenset(nouns["stop_words"]) | frozenset(nouns["determiners"]),
    )


def find_noun_sources(
    mentions: ArticleMentions, *, taken: list[tuple[int, int]], article_key: str
) -> list[EntityMention]:
    """Source phrases of the article not overlapping ``taken`` spans or an actor (module doc)."""
    lex, text = _noun_lexicon(), mentions.text
    found: list[EntityMention] = []
    for sentence in mentions.sentences:
        local = [e for e in mentions.entities if e.sentence == sentence.index]
        for match in _phrases(text, sentence, lex):
            blocked = taken + [(e.span.start, e.span.end) for e in local if e.is_actor]
            blocked += [(f.span.start, f.span.end) for f in found]
            head = match.span("head")
            if any(not (head[1] <= s or head[0] >= e) for s, e in blocked):
                continue
            mention = _mention(text, sentence, match, local, lex, article_key)
            if mention is not None:
                found.append(_same_as_earlier(mention, match, found))
    return found


def _same_as_earlier(
    mention: EntityMention, match: re.Match[str], earlier: list[EntityMention]
) -> EntityMention:
    """ "A military source … said" then "the source said": the bare definite phrase is the earlier source."""
    bare = not match.group("mods").strip() and (match.group("det") or "").strip().lower() == "the"
    head = " ".join(match.group("head").lower().split())
    if not bare or mention.kinds != ("UnnamedPerson",):
        return mention
    for before in reversed(earlier):
        if before.kinds == mention.kinds and before.label.lower().endswith(f" {head}"):
            return replace(mention, iri=before.iri, label=before.label)
    return mention


def _phrases(text: str, sentence: Sentence, lex: _NounLexicon) -> list[re.Match[str]]:
    start, end = sentence.span.start, sentence.span.end
    found = []
    for verb in lex.before_verb.finditer(text, start, end):
        found += _coordinated_before(text, start, verb, lex)
    document = attribution_lexicon().document
    for intro in lex.intro.finditer(text, start, end):
        skipped = document.match(text, intro.end(), end) if intro.group(0)[:1] in "Aa" else None
        begin = skipped.end() if skipped is not None else intro.end()  # "according to figures from …"
        phrase = lex.after_intro.match(text, begin, end)
        if phrase is not None:
            found.append(phrase)
    return found


def _coordinated_before(text: str, low: int, match: re.Match[str], lex: _NounLexicon) -> list[re.Match[str]]:
    """The phrase before a verb, if it starts a clause, with phrases joined to it ("police and medics")."""
    found = [match]
    while True:
        first = found[-1]
        lead = text[low : first.start()]
        joined = re.search(r"(?:,\s*|\s+and\s+|,\s*and\s+)$", lead)
        if joined is None or joined.start() == 0:
            break
        previous = _phrase_ending_at(text, low, joined.start(), lex)
        if previous is None:
            break
        found.append(previous)
    starts_clause = re.search(r"(?:^|[,;:”\"(]|\s[-–—]|\band|\bbut)\s*$", text[low : found[-1].start()])
    return found if starts_clause else []


def _phrase_ending_at(text: str, low: int, end: int, lex: _NounLexicon) -> re.Match[str] | None:
    for start in range(max(low, end - 80), end):
        if start > low and re.match(r"[\w’'-]", text[start - 1]):
            continue
        phrase = lex.after_intro.fullmatch(text, start, end)
        if phrase is not None:
            return phrase
    return None


def _mention(
    text: str,
    sentence: Sentence,
    match: re.Match[str],
    local: list[EntityMention],
    lex: _NounLexicon,
    key: str,
) -> EntityMention | None:
    head_text = " ".join(match.group("head").split())
    kind = next(k for pattern, k in lex.heads if pattern.fullmatch(head_text))
    start = match.start("mods")
    owner = next(
        (e for e in reversed(local) if start <= e.span.start and e.span.end <= match.start("head")), None
    )
    if owner is not None and "CollectiveActor" in owner.kinds:
        owner = None  # "a police investigator": a common-noun modifier, not the body that owns the source
    span_start = start
    if owner is not None and _describes_by_tie(text, match, owner):
        return None  # "the al-Qaeda-linked group said": an earlier actor, left to coreference
    if owner is not None:
        rest = re.match(r"(?:\.|['’]s?|[-–][a-z]+)?\s*", text[owner.span.end :])
        span_start = owner.span.end + (rest.end() if rest else 0)
    written = " ".join(text[span_start : match.end("head")].split())
    end, label = match.end("head"), _label(text, start, match.end("head"), owner)
    of_owner = _owner_after(text, end, local)
    loose = re.match(r"group|team|network", head_text)  # "a group of residents": not a body's name
    bodies = kind == "Government" or (kind == "Organization" and not loose)
    tail = _common_tail(text, end, lex) if bodies and of_owner is None else end
    bare = written.lower() == head_text.lower() and tail == end and of_owner is None
    if bare and lex.need_modifier.fullmatch(head_text) and owner is None:
        return None  # "the army said": left to the coreference of definite descriptions
    if of_owner is not None:
        label = f"{label} of {of_owner.label}"  # "the General Staff of Ukraine's armed forces"
    elif match.group("head")[:1].isupper():
        name = _NAME_TAIL.match(text, end)
        end = name.end() if name else end
        label = " ".join(text[start:end].split())
    elif tail > end:
        end, label = tail, " ".join(text[start:tail].split())  # "the directorate of humanitarian action"
    iri = f"{ID}article/{key}/actor/{slug(label)}" if kind == "UnnamedPerson" else f"{ID}actor/{slug(label)}"
    return EntityMention(
        Span(span_start, end, text[span_start:end]),
        sentence.index,
        iri,
        label[0].upper() + label[1:],
        (kind,),
        False,
        True,
        False,
        "pattern",
    )


def _describes_by_tie(text: str, match: re.Match[str], owner: EntityMention) -> bool:
    """ "the Iran-backed militia", "the al-Qaeda-linked group": a definite phrase naming a group by its tie
    to another actor describes an actor named earlier, not a new source."""
    tie = re.match(r"\s*-?\s*(?:linked|affiliated|allied|backed|aligned|inspired)\b", text[owner.span.end :])
    return tie is not None and (match.group("det") or "").strip().lower() == "the"


def _common_tail(text: str, end: int, lex: _NounLexicon) -> int:
    """Where an "of"/"for" complement of common nouns after a body's head ends ("the ministry of health",
    "the office for humanitarian affairs"); ``end`` when there is none."""
    tail = _COMMON_TAIL.match(text, end)
    if tail is None:
        return end
    words = list(re.finditer(r"[a-z][\w-]*", text[tail.end("lead") : tail.end()]))
    kept = 0
    for word in words:
        if word.group(0) in lex.stop_words and word.group(0) not in ("of", "and"):
            break
        kept += 1
    while kept and words[kept - 1].group(0) in ("of", "and"):
        kept -= 1
    return tail.end("lead") + words[kept - 1].end() if kept else end


def _owner_after(text: str, end: int, local: list[EntityMention]) -> EntityMention | None:
    gap = re.match(r"\s+of\s+(?:the\s+)?", text[end : end + 12])
    if gap is None:
        return None
    return next((e for e in local if e.span.start == end + gap.end() and e.is_actor), None)


def _label(text: str, start: int, end: int, owner: EntityMention | None) -> str:
    written = " ".join(text[start:end].split())
    if owner is not None and re.match(r"['’]s?\s", text[owner.span.end : owner.span.end + 3]):
        after = re.sub(r"^['’]s?\s+", "", " ".join(text[owner.span.end : end].split()))
        if "Person" in owner.kinds:
            return f"{owner.label}'s {after}"  # "Benjamin Netanyahu's office"
        return f"{after} of {owner.label}"
    return written
