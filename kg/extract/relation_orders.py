"""Further word orders of relation phrases (kg.extract.relations), besides subject-phrase-object:

- "modifier-noun": a noun describing a party by another one — "JNIM, an al Qaeda affiliate", "the al
  Qaeda affiliate JNIM", "the Houthis, an Iranian proxy": X (right before the noun) relates to Y (the party
  the noun phrase is apposed to, or the name right after it). "modifier-noun" reads X as the fromParty
  (a proxy is backed by X), "modifier-noun-reversed" reads Y as the fromParty (an affiliate is a member of X);
- "coordinated": a symmetric relation among coordinated subjects — "Russia and Ukraine, at war since
  2022, …", "the army and the RSF clashed near the city" (never when the verb goes on to another party:
  "X and Y clashed with Z" is read by the left-right phrases);
- "prefix": "pro-Iran militias", "pro-Russian separatists": the party after the prefix (X) and the party
  the adjective describes (Y);
- an appositive possessive — "Hezbollah, Iran's closest ally, …": the possessor and the party the
  appositive describes;
- negation: a phrase under a denial or an ended state ("Rwanda denies backing the M23", "no longer allied
  with", "a former ally of") states no relationship. Words: data/lexicon/relations.yaml (``negations``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kg.extract.clauses import Arg, coordinated
from kg.extract.lexicon import lexicon

MODIFIER_ORDERS = ("modifier-noun", "modifier-noun-reversed")
_ARTICLE_GAP = re.compile(r",\s+(?:the|an?|its|their)\s+(?:[a-z-]+\s+){0,2}?", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s*,?\s*")
_APPOSED_PREFIX = re.compile(r"(?:\s*\([^()]{1,20}\))?,\s+(?:an?|the)\s+(?:[a-z]+\s+){0,2}")


@lru_cache(maxsize=1)
def _negations() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = lexicon("relations")["negations"]
    before = re.compile(rf"(?<![\w-])(?:{'|'.join(data['before'])})\s*$", re.IGNORECASE)
    inside = re.compile(rf"(?<![\w-])(?:{'|'.join(data['inside'])})(?![\w-])", re.IGNORECASE)
    return before, inside


def negated(text: str, low: int, start: int, end: int) -> bool:
    """The phrase at start-end is denied or over: "Rwanda denied backing", "no longer allied with"."""
    before, inside = _negations()
    return bool(before.search(text, max(low, start - 60), start) or inside.search(text, start, end))


def modifier_noun_parties(
    text: str, before: Sequence[Arg], after: Sequence[Arg], start: int, end: int
) -> list[tuple[Arg, Arg]]:
    """(X, Y) for "Y, an X affiliate" / "the X affiliate Y" (X ends right before the noun at start-end;
    a hyphen may join them: "an al Qaeda-affiliate")."""
    modifiers = [a for a in before if re.fullmatch(r"[\s-]?", text[a.span.end : start])]
    if not modifiers:
        return []
    modifier = modifiers[-1]
    named = [a for a in after if _NAME_AFTER.fullmatch(text, end, a.span.start)]
    if named:
        return [(modifier, named[0])]
    apposed = [a for a in before if a.span.end <= modifier.span.start and a.iri != modifier.iri]
    if apposed and _ARTICLE_GAP.fullmatch(text, apposed[-1].span.end, modifier.span.start):
        return [(modifier, apposed[-1])]
    return []


def coordinated_parties(
    text: str, before: Sequence[Arg], start: int, end: int, high: int
) -> list[tuple[Arg, Arg]]:
    """Each pair of the coordinated subjects right before the phrase ("A and B clashed"), unless the
    phrase goes on to a party of its own ("clashed with C")."""
    if re.match(r"\s*(?:with|against)\b", text[end:high]):
        return []
    if not before or not re.fullmatch(
        r"\s*,?\s*(?:(?:have|has|had|are|were|have\s+been|had\s+been)\s+)?", text[before[-1].span.end : start]
    ):
        return []
    subjects = coordinated(before, text, nearest_last=True)
    distinct = list({a.iri: a for a in subjects}.values())
    return [(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1 :]]


def prefix_parties(
    text: str, before: Sequence[Arg], after: Sequence[Arg], start: int, end: int
) -> list[tuple[Arg, Arg]]:
    """(X, Y) for "pro-X Y": X starts right after the prefix, Y is the next party within a few words."""
    if not after or after[0].span.start != end + 1:
        return []
    gaps = [(a, text[after[0].span.end : a.span.start]) for a in after[1:]]
    heads = [a for a, gap in gaps if re.fullmatch(r"(?:[\s-][a-z]+){0,2}\s+", gap)]
    if not heads:  # "the NRF, an anti-Taliban armed group": the party the appositive describes
        apposed = [a for a in before if a.iri != after[0].iri]
        if apposed and _APPOSED_PREFIX.fullmatch(text, apposed[-1].span.end, start):
            return [(after[0], apposed[-1])]
        return []
    if "CollectiveActor" in heads[0].kinds:
        return []  # "pro-Iranian militiamen": a loose collective, no party to an alliance
    return [(after[0], heads[0])]


def apposed_possessor(text: str, before: Sequence[Arg], start: int) -> list[tuple[Arg, Arg]]:
    """(possessor, Y) for "Y, X's closest ally, …" (X ends right at the phrase, Y right before ", X")."""
    owners = [a for a in before if a.span.end == start]
    if not owners:
        return []
    apposed = [a for a in before if a.span.end <= owners[-1].span.start]
    if apposed and re.fullmatch(r",\s+(?:the\s+)?", text[apposed[-1].span.end : owners[-1].span.start]):
        return [(owners[-1], apposed[-1])]
    return []


def joined_list(args: Sequence[Arg], text: str) -> list[Arg]:
    """A coordinated list as written: commas alone do not make a list ("armed by Rwanda, UN experts
    say" names one party), so without "and" / "or" / "as well as" only the first party stays."""
    if len(args) < 2:
        return list(args)
    gaps = (text[a.span.end : b.span.start] for a, b in zip(args, args[1:], strict=False))
    if any(re.search(r"(?<![\w-])(?:and|or|as well as)(?![\w-])|&", gap) for gap in gaps):
        return list(args)
    return list(args[:1])


def objects_as_written(text: str, args: Sequence[Arg]) -> list[Arg]:
    """Objects as written: "backed by a Saudi-led coalition" names the coalition, not Saudi Arabia; "a
    member of the pro-Iran axis" names the axis; "allied with Mexico's CJNG" names the cartel."""
    kept = [
        a
        for a in args
        if not re.match(r"[-–][a-z]", text[a.span.end : a.span.end + 2])
        and not re.search(r"(?<![\w-])pro[-–]$", text[max(0, a.span.start - 4) : a.span.start], re.I)
    ]
    owned = {a.span.start for a in kept}
    return [a for a in kept if not _possessor_of_next(text, a, owned)]


def _possessor_of_next(text: str, arg: Arg, starts: set[int]) -> bool:
    gap = re.match(r"[’']s?\s+", text[arg.span.end : arg.span.end + 4])
    return gap is not None and arg.span.end + gap.end() in starts


def between_parties(
    text: str, after: Sequence[Arg], end: int, *, part_head: re.Pattern[str]
) -> list[tuple[Arg, Arg]]:
    """ "the war between the army, led by X, and the RSF"; "a truce between the SDF and Turkish-backed
    factions of the SNA" (a compound modifier is no party; a part stands for its whole)."""
    after = objects_as_written(text, after)
    if not after or not re.fullmatch(r"\s*(?:the\s+)?", text[end : after[0].span.start]):
        return []
    for previous, arg in zip(after, after[1:], strict=False):
        gap = text[previous.span.end : arg.span.start]
        conjunction = re.search(r"(?:,\s*|\s)and\s+(?:the\s+)?", gap)
        rest = _after_compound(gap[conjunction.end() :]) if conjunction else None
        if rest is not None and (not rest or part_head.fullmatch(rest)):
            return [(after[0], arg)]
    return []


def _after_compound(words: str) -> str:
    """ "Turkish-backed factions of the " → "factions of the " (the adjective and its compound dropped)."""
    return re.sub(r"^[\w’']+[-–][a-z]+\s+", "", words)


_NOT_LED_THAT_WAY = {"Person", "UnnamedPerson"}


def of_person_parties(
    before: Sequence[Arg], after: Sequence[Arg], start: int, end: int, *, excluded: frozenset[str]
) -> list[tuple[Arg, Arg]]:
    """(group, person) for "the RSF of Mohamed Hamdan Dagalo", "the Wagner group of Yevgeny Prigozhin": a
    named organisation right before "of" and a named person right after it (no collective, no person, no
    state's organ of somebody else: only an organisation is led that way)."""
    groups = [
        a
        for a in before
        if a.span.end == start
        and a.span.text[:1].isupper()  # a name, not "the militia of X" read as a group named earlier
        and not set(a.kinds) & (_NOT_LED_THAT_WAY | excluded)
    ]
    persons = [a for a in after if 0 < a.span.start - end <= 1 and "Person" in a.kinds]
    return [(groups[-1], persons[0])] if groups and persons else []
