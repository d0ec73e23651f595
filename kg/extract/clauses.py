"""Shared helpers of the event, relation and attribution stages: clauses, argument candidates, quotes.

A *clause* is the stretch of a sentence between clause boundaries (";", ":", dashes, quotation marks,
"while", "but", "whereas", "that"); the arguments of a trigger are looked for in its clause. An
*argument* is an actor or place named in a sentence: an :class:`EntityMention` or the person of a
:class:`RoleMention` (the whole role phrase then stands for the person, "Iran's foreign minister").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.mentions import ArticleMentions, EntityMention, Sentence, Span

_BOUNDARY = re.compile(
    r"[;:—–“”\"]|\s-\s|,\s*(?:while|but|whereas|although|though|as(?! well as))\b|\b(?:while|whereas|but)\b"
    r"|\bthat\b|\bwhich\b|\bwho\b|,\s*(?!including\b)[a-z]+ing\b|,\s*(?:when|where)\b"
)
_QUOTE = re.compile(r"[“\"]([^”\"]{2,400}?)[,.]?[”\"]")


@dataclass(frozen=True)
class Arg:
    """An actor or place candidate for an event or relation argument."""

    span: Span
    sentence: int
    iri: str
    label: str
    kinds: tuple[str, ...]
    is_actor: bool
    is_place: bool
    organization: str | None = None  # for a role person: the organisation of the role
    role_kind: str | None = None
    how: str = "label"  # as EntityMention.how ("demonym": an adjective, "Iranian suppliers")


_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b[^,;:“”\"]*,")


def parentheticals(sentence: Sentence) -> list[tuple[int, int]]:
    """Absolute spans of relative clauses set off by commas: "The US and Turkey, which train troops, …"."""
    base = sentence.span.start
    return [(base + m.start(), base + m.end()) for m in _RELATIVE.finditer(sentence.span.text)]


_APPOSITIVE = re.compile(r",\s*(?:an?|the)\s+(?P<body>[^,;:“”\"()]{3,160}?),")


def appositives(sentence: Sentence, names: Sequence[Span]) -> list[tuple[int, int]]:
    """Absolute spans of appositions set off by commas right after a name, relative clauses included:
    "the Fano, an ethnic militia that has fought the army for years, seized …"."""
    ends = {name.end for name in names}
    found = []
    for match in _APPOSITIVE.finditer(sentence.span.text):
        start, end = sentence.span.start + match.start(), sentence.span.start + match.end()
        body = (sentence.span.start + match.start("body"), sentence.span.start + match.end("body"))
        if start in ends and body not in {(n.start, n.end) for n in names}:
            found.append((start, end))  # not ", the Blue Militia,": a name alone is a list item
    return found


def clause_bounds(
    sentence: Sentence, position: int, *, asides: Sequence[tuple[int, int]] = ()
) -> tuple[int, int]:
    """Absolute (start, end) of the clause of ``sentence`` that contains the text offset ``position`` (a
    relative clause set off by commas, or one of the extra ``asides``, does not end the clause around it)."""
    start, end = sentence.span.start, sentence.span.end
    inside = [(s, e) for s, e in asides if s <= position < e]
    if inside:  # within an extra aside: the clause ends with it
        start, end = max(s for s, _ in inside), min(e for _, e in inside)
    asides = [(s, e) for s, e in [*parentheticals(sentence), *asides] if not s <= position < e]
    for match in _BOUNDARY.finditer(sentence.span.text):
        cut_start, cut_end = sentence.span.start + match.start(), sentence.span.start + match.end()
        if any(s <= cut_start < e for s, e in asides):
            continue
        if cut_end <= position:
            start = max(start, cut_end)
        elif cut_start >= position:
            end = min(end, cut_start)
            break
    return start, end


def sentence_args(
    mentions: ArticleMentions, *, skip_modifiers: frozenset[str] = frozenset()
) -> dict[int, list[Arg]]:
    """Argument candidates per sentence index in text order; a role phrase replaces the entities inside it.
    A compound modifier whose relation word is in ``skip_modifiers`` is left out ("the Iranian-backed
    Houthis attacked": Iran is no agent of the attack)."""
    by_sentence: dict[int, list[Arg]] = {}
    role_spans: list[Span] = []
    for role in mentions.roles:
        org = role.organization.iri if role.organization else None
        person = role.person
        arg = Arg(
            role.span, role.sentence, person.iri, person.label, person.kinds, True, False, org, role.role_kind
        )
        by_sentence.setdefault(role.sentence, []).append(arg)
        role_spans.append(role.span)
    for entity in mentions.entities:
        if "Materiel" in entity.kinds or any(_inside(entity.span, span) for span in role_spans):
            continue
        if entity.modifier_of is not None and entity.modifier_of[0] in skip_modifiers:
            continue
        by_sentence.setdefault(entity.sentence, []).append(_entity_arg(entity))
    return {
        index: sorted(args, key=lambda a: (a.span.start, a.span.end)) for index, args in by_sentence.items()
    }


def _entity_arg(entity: EntityMention) -> Arg:
    return Arg(
        entity.span,
        entity.sentence,
        entity.iri,
        entity.label,
        entity.kinds,
        entity.is_actor,
        entity.is_place,
        how=entity.how,
    )


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


def args_between(args: Iterable[Arg], start: int, end: int) -> list[Arg]:
    return [arg for arg in args if start <= arg.span.start and arg.span.end <= end]


def quotes_in(text: str, start: int, end: int) -> list[Span]:
    """Quoted passages (without the quotation marks and a final comma/full stop) inside [start, end)."""
    found = []
    for match in _QUOTE.finditer(text, start, end):
        found.append(Span(match.start(1), match.end(1), match.group(1)))
    return found


@lru_cache(maxsize=256)
def word_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns`` on word boundaries."""
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def coordinated(args: Sequence[Arg], text: str, *, nearest_last: bool) -> list[Arg]:
    """The nearest argument plus those joined to it by "and" / commas ("Russia and Iran")."""
    if not args:
        return []
    ordered = list(args) if nearest_last else list(reversed(args))
    chosen = [ordered[-1]]
    for arg in reversed(ordered[:-1]):
        left, right = (arg, chosen[-1]) if nearest_last else (chosen[-1], arg)
        gap = text[left.span.end : right.span.start]
        if _is_person(arg) != _is_person(chosen[-1]):
            break  # "led by General X, and the RSF": a person and a group are not one party list
        if not re.fullmatch(r"\s*(?:,|and|,\s*and|&|as well as)\s*(?:the\s+)?", gap, re.IGNORECASE):
            break
        chosen.append(arg)
    return sorted(chosen, key=lambda a: a.span.start)


def _is_person(arg: Arg) -> bool:
    return arg.role_kind is not None or bool({"Person", "UnnamedPerson"} & set(arg.kinds))


_PLACE_MARK = "\x00"
_MODIFIER = r"(?:of|in|at|from|near|for|based\s+in)\s+(?:the\s+)?(?:\x00|(?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s*"
_SUBJECT_GAP = re.compile(
    r"\)?\s*(?:[A-Z][\w’'-]*\s+){0,4}(?:\([^()]{1,40}\)\s*)?"  # rest of a name, "(MNDAA)"
    rf"(?:,\s*(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+\s*(?:{_MODIFIER})?,\s*"  # ", the governor of X,"
    rf"|{_MODIFIER}(?:,\s*)?)?"  # "in Ukraine"
    r"(?:,\s*(?:who|which)\s+)?"  # "X, who said …"
    r"(?:,\s*)?(?:has|have|had|also|later|earlier|previously|had\s+also|has\s+also|separately)?\s*"
)


def reporting_subject(text: str, actors: list[Arg], verb_start: int) -> Arg | None:
    """The actor a reporting verb follows: right before it, or before a place modifier ("the UN mission in
    Ukraine says", "X, the governor of the Kharkiv region, said"), a locative place giving way to the head."""
    places = [a for a in actors if a.is_place]
    nearest = None
    for actor in reversed([a for a in actors if a.span.end <= verb_start]):
        gap_start = actor.span.end
        gap = text[gap_start:verb_start]
        for place in reversed(places):
            if gap_start <= place.span.start and place.span.end <= verb_start:
                rel = place.span.start - gap_start, place.span.end - gap_start
                gap = gap[: rel[0]] + _PLACE_MARK + gap[rel[1] :]
        if not _SUBJECT_GAP.fullmatch(gap):
            break
        locative = actor.is_place and re.search(
            r"(?<![\w-])(?:in|at|near|of|from)\s+(?:the\s+)?$",
            text[max(0, actor.span.start - 12) : actor.span.start],
        )
        if not locative:
            return actor
        nearest = nearest or actor
    return nearest
