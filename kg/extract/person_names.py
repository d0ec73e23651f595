"""Persons named without a title in front of the name (overlap candidates for :mod:`kg.extract.entities`).

Two or more capitalised tokens count as a person's name where the sentence marks them as one:

- next to a reporting verb or a "who" clause: "said Ahmed Hassan", "Oleh Bondar told", "Lina Haddad, who
  runs …"; before an appositive role: "Maria Lopez, a spokeswoman for …";
- after a cue (``roles.yaml`` ``name_preceders`` and ``persons.yaml`` ``name_preceders``): "commanded by …",
  "identified as …", "under the command of …", "his father …"; before "known as";
- apposed to a role noun and closed by a comma or the end of the sentence: "the Archbishop of Bamenda,
  Paul Ndi Mbarga, appealed", "its commander-in-chief, Salim Haddad";
- apposed between commas before a reporting verb: "A fisherman in Bol, Abakar Issa Nour, said".

Leading title words are dropped and names that look like organisations or places are refused by
:func:`kg.extract.discovery._person_name_bounds`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.discovery import Candidate, _name_pattern, _person_name_bounds, alternation, minted, span_in
from kg.extract.lexicon import lexicon, lexicon_section
from kg.extract.mentions import Sentence
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher

_CAP = r"[A-Z][\w’'-]*"


@lru_cache(maxsize=1)
def _untitled_regexes() -> tuple[re.Pattern[str], ...]:
    lex = lexicon_section("roles", "untitled_persons")
    extra = lexicon("persons")
    part = _name_pattern()
    name = rf"(?P<name>{part}(?:\s+{part}){{1,3}})"
    verbs = alternation(lex["reporting_verbs"])
    nouns = alternation([*lexicon_section("roles", "titles"), *lex["appositive_nouns"]])
    role_nouns = alternation(
        [
            *lexicon_section("roles", "titles"),
            *lex["appositive_nouns"],
            *extra["apposition_nouns"],
            *(str(h).lower().rstrip(".") for h in lexicon_section("roles", "honorifics")),
        ]
    )
    relative = alternation(lex["relative_verbs"])
    before = "|".join([*lex["name_preceders"], *extra["name_preceders"]])
    after = "|".join(lex["name_followers"])
    role_of = rf"(?:\s+(?:of|in|for|at)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,2}})?"
    return (
        re.compile(rf"\b(?:{verbs}|according\s+to|(?i:{before}))\s+{name}\b(?!['’])"),
        re.compile(rf"(?<![\w-]){name},?\s+(?:{after})\b"),
        re.compile(rf"(?<![\w-]){name},\s+(?:(?:a|an|the|who\s+is)\s+)?(?:[\w-]+\s+){{0,4}}?(?i:{nouns})\b"),
        re.compile(rf"(?<![\w-]){name}(?:\s+(?:{verbs})|,\s+who\s+(?:{relative}))\b"),
        re.compile(rf"\b(?i:{role_nouns})(?:-[a-z]+)*{role_of},\s+{name}(?=\s*(?:,|\.|;|$))"),
        re.compile(rf",\s+{name},\s+(?:{verbs})\b"),
    )


def untitled_person_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """Persons without a title: two or more capitalised tokens that the sentence marks as a name."""
    if sentence.kind in ("heading", "headline"):
        return []
    result = []
    for regex in _untitled_regexes():
        for match in regex.finditer(sentence.span.text):
            start, end = _person_name_bounds(match, matcher)
            if end - start < 3:
                continue
            name = sentence.span.text[start:end]
            span = span_in(sentence, start, end)
            mention = minted(span, sentence, str(ID[f"actor/{slug(name)}"]), name, ("Person",))
            result.append(Candidate(span.start, span.end, "person", 2, mention))
    return result
