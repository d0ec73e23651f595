"""The subject of a relation phrase (kg.extract.relations): the party before the phrase, skipping objects
inside an appositive (", a key ally of X,"), a relative clause ("X, which replaced Y, reaffirmed its
support") or a place named as a location ("the group, based in Syria, backs …").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.clauses import Arg, coordinated

# what may stand between a "right-left" phrase ("backed by", "led by") and the party it describes: next
# to it (", "), after the party's lower-case head noun ("the MSS mission, which is backed by"), or after
# an appositive description ("Viv Ansanm, an alliance of gangs led by X")
# or after a relative clause that goes on to the phrase ("the VDP, which was created in 2020 and is armed
# by", "the coalition, which is headed by")
_TIGHT_GAP = re.compile(
    r"\s*,?\s*|(?:\s+[a-z]+){1,2}\s*,\s*|,\s+(?:an?|the)\s+[^,;()\d]{1,60}?\s+"
    r"|,\s*(?:which|who|that)\s+(?:[^,;()]{1,60}?\s+and\s+)?(?:(?:is|are|was|were|has|have|had)\s+(?:been\s+)?)?"
    r"(?:[a-z]+ly\s+)?"
)
# a state named as a location, not as a party: "camps in Myanmar", "fighters from Chad"
_LOCATIVE = re.compile(r"(?<![\w-])(?:in|inside|across|throughout|near|from|into)\s+(?:the\s+)?$")
# the object of an earlier verb coordinated with the phrase: "which expelled French troops and formed …"
_COORDINATED_VERB = re.compile(r"(?<![\w-])[a-z]{3,}(?:ed|s)\s+(?:the\s+|its\s+|their\s+)?$")
_STATES = {"State", "Country"}
# the end of an appositive after its object, a possessed noun included ("…, loyal to al Qaeda's leadership,")
_CLOSED = re.compile(r"(?:['’]s?(?:\s+[a-z-]+){1,3})?\s*,")
_MAX_SUBJECT_GAP = 80
# a second verb phrase of the clause's subject starts right before the phrase
# (a passive one too: "which has pledged allegiance to IS and is led by X": the group is led by X)
_AND_NEW_VERB = re.compile(
    r"\sand\s+(?:(?:has|have|had|is|are|was|were)\s+)?(?:since\s+|also\s+|then\s+|later\s+)?$"
)


def phrase_subject(
    text: str, before: list[Arg], start: int, *, tight: bool, asides: Sequence[tuple[int, int]] = ()
) -> list[Arg]:
    """The subject before a phrase, skipping an object inside an appositive (", a key ally of X,") and
    actors inside a relative clause ("AUSSOM, which replaced the AU force, reaffirmed its support")."""
    described = _described_in_aside(text, before, start, asides)
    if described:
        return described
    candidates = [
        a
        for a in before
        if not re.match(r"[-–][a-z]", text[a.span.end : a.span.end + 2])
        and not _modifies_apposed_head(text, a)
        and not any(s <= a.span.start and a.span.end <= e for s, e in asides)
    ]
    modifiers = [a for a in before if _modifies_apposed_head(text, a)]
    if modifiers and candidates and candidates[-1].span.end < modifiers[-1].span.start:
        if not re.fullmatch(
            r"\)?\s*,\s+(?:the|an?)\s+", text[candidates[-1].span.end : modifiers[-1].span.start]
        ):
            return []  # the described party is not named right before the appositive
    while candidates and _not_subject(text, candidates, start):
        candidates.pop()
    if not candidates:
        return []
    nearest_end = candidates[-1].span.end
    inside = [(s, e) for s, e in asides if nearest_end <= s and e <= start]
    gap = "".join(text[s:e] for s, e in _outside(nearest_end, start, inside))
    if re.search(r"(?<![\w-])whose\s+", gap):
        return []  # "the BIFF, whose Karialan faction is affiliated with": the faction is the subject
    if len(gap) > _MAX_SUBJECT_GAP or (tight and not _TIGHT_GAP.fullmatch(gap)):
        return []
    return coordinated(candidates, text, nearest_last=True)


def _modifies_apposed_head(text: str, arg: Arg) -> bool:
    """ "JNIM, the al Qaeda affiliate that has been fighting IS": a name that modifies the head noun of an
    appositive describes that head and is not the subject of what follows."""
    return bool(
        _APPOSED_OPENING.search(text, max(0, arg.span.start - 8), arg.span.start)
        and _APPOSED_HEAD_NOUN.match(text, arg.span.end)
    )


_APPOSED_OPENING = re.compile(r",\s+(?:the|an?)\s+$")
_APPOSED_HEAD_NOUN = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:affiliate|branch|franchise|faction|wing|offshoot|ally|proxy|group|movement"
    r"|militia|outfit|organi[sz]ation|network|splinter group)\b"
)


def _not_subject(text: str, candidates: Sequence[Arg], start: int) -> bool:
    """The nearest candidate is an object inside an appositive ("Hezbollah, a key ally of Iran, fights …",
    "the Fano, a network of local militias, fought …") or inside the relative clause the phrase belongs to
    ("ISWAP, which split from Boko Haram and is affiliated with IS": the clause's subject is ISWAP)."""
    nearest = candidates[-1]
    before = text[max(0, nearest.span.start - 60) : nearest.span.start]
    if _STATES & set(nearest.kinds) and _LOCATIVE.search(before):
        return True  # "a group based in Myanmar has fought …"
    if len(candidates) > 1 and _COORDINATED_VERB.search(before):
        if re.fullmatch(r"\s+and\s+", text[nearest.span.end : start]):
            return True  # "X, which expelled French troops and formed Y": X formed Y
    after_preposition = re.search(
        r"(?<![\w-])(?:of|for|to|with|against|from)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$", before
    )
    if _AND_NEW_VERB.search(text, nearest.span.end, start) and (
        re.search(
            r"(?<![\w-])(?:in|at|on|of|for|to|with|against|from|by)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$", before
        )
        or (len(candidates) > 1 and _COORDINATED_VERB.search(before))
    ):
        return True  # "Armenia froze its seat in the CSTO and has since bought arms from France"
    if not after_preposition:
        return False
    opened = (
        len(candidates) > 1 and re.match(r"\s*,", text[candidates[-2].span.end : nearest.span.start])
    ) or re.search(r",\s+(?:an?|the)\s+[^,]{0,50}$", before)
    if opened and _CLOSED.match(text[nearest.span.end : start]):
        return True
    relative = list(re.finditer(r",\s*(?:which|who)\b", text[max(0, start - 120) : start]))
    if not relative or len(candidates) < 2:
        return False
    clause_start = max(0, start - 120) + relative[-1].end()
    return candidates[-2].span.end <= clause_start <= nearest.span.start


def _outside(start: int, end: int, holes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of start-end not inside one of the (sorted, disjoint) holes."""
    pieces, at = [], start
    for low, high in sorted(holes):
        pieces.append((at, low))
        at = high
    return [*pieces, (at, end)]


def _described_in_aside(
    text: str, before: Sequence[Arg], start: int, asides: Sequence[tuple[int, int]]
) -> list[Arg]:
    """ "Pakistan, which accuses Kabul of sheltering the TTP, a group allied with the Taliban, …": an
    appositive right after a relative clause describes the party that ends the clause (the TTP)."""
    for low, high in asides:
        if high <= start and _APPOSITIVE_HEAD.fullmatch(text, high, start):
            ending = [
                a for a in before if low <= a.span.start and re.fullmatch(r"\)?\s*,", text[a.span.end : high])
            ]
            return ending[-1:]
    return []


_APPOSITIVE_HEAD = re.compile(r"\s*(?:an?|the)\s+(?:[a-z-]+\s+){0,3}")
